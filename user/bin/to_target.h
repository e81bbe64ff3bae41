/* The "CMD SRC DST | CMD SRC... DIR" argument convention that cp and mv share: the last
 * argument is the target; with more than one source it must be a directory, and a
 * directory target receives each source under its base name. */
#ifndef USER_BIN_TO_TARGET_H
#define USER_BIN_TO_TARGET_H
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Calls op(src, dst) for each source of argv (usage: the message for too few
 * arguments); returns 0, or 1 if any op returned nonzero or a path was too long. */
static inline int for_each_to_target(int argc, char **argv, const char *usage,
                                     int (*op)(const char *src, const char *dst)) {
    if (argc < 3)
        errx(1, "usage: %s", usage);
    const char *target = argv[argc - 1];
    struct stat st;
    int to_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
    if (argc > 3 && !to_dir)
        errx(1, "target '%s' is not a directory", target);
    int status = 0;
    for (int i = 1; i < argc - 1; i++) {
        char buf[PATH_MAX];
        const char *dst = target;
        if (to_dir) {
            const char *base = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
            if (snprintf(buf, sizeof buf, "%s/%s", target, base) >= (int)sizeof buf) {
                warnx("path too long");
                status = 1;
                continue;
            }
            dst = buf;
        }
        if (op(argv[i], dst))
            status = 1;
    }
    return status;
}
#endif
