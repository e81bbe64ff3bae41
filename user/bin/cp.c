/* cp SRC DST | cp SRC... DIR: copies regular files (a DIR target keeps the names). The
 * new file gets the source's permission bits. */
#include <err.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define COPY_BUF 16384

static int copy_file(const char *src, const char *dst) {
    static char buf[COPY_BUF];
    int in = open(src, O_RDONLY);
    if (in < 0) {
        warn("cannot open '%s'", src);
        return 1;
    }
    struct stat st;
    if (fstat(in, &st) == 0 && S_ISDIR(st.st_mode)) {
        warnx("-r not specified; omitting directory '%s'", src);
        close(in);
        return 1;
    }
    int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 07777);
    if (out < 0) {
        warn("cannot create '%s'", dst);
        close(in);
        return 1;
    }
    int status = 0;
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n) {
            warn("error writing '%s'", dst);
            status = 1;
            break;
        }
    if (n < 0) {
        warn("error reading '%s'", src);
        status = 1;
    }
    close(in);
    if (close(out) < 0)
        status = 1;
    return status;
}

/* dir/basename(src) into buf; NULL if it does not fit. */
static const char *into_dir(char *buf, size_t size, const char *dir, const char *src) {
    const char *base = strrchr(src, '/') ? strrchr(src, '/') + 1 : src;
    return snprintf(buf, size, "%s/%s", dir, base) < (int)size ? buf : NULL;
}

int main(int argc, char **argv) {
    if (argc < 3)
        errx(1, "usage: cp SRC DST | cp SRC... DIR");
    const char *target = argv[argc - 1];
    struct stat st;
    int to_dir = stat(target, &st) == 0 && S_ISDIR(st.st_mode);
    if (argc > 3 && !to_dir)
        errx(1, "target '%s' is not a directory", target);
    int status = 0;
    for (int i = 1; i < argc - 1; i++) {
        char buf[PATH_MAX];
        const char *dst = to_dir ? into_dir(buf, sizeof buf, target, argv[i]) : target;
        if (!dst) {
            warnx("path too long");
            status = 1;
            continue;
        }
        status |= copy_file(argv[i], dst);
    }
    return status;
}
