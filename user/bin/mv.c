/* mv SRC DST | mv SRC... DIR: renames (into DIR keeping the names). */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3)
        errx(1, "usage: mv SRC DST | mv SRC... DIR");
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
        if (rename(argv[i], dst) < 0) {
            warn("cannot move '%s' to '%s'", argv[i], dst);
            status = 1;
        }
    }
    return status;
}
