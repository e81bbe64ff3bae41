/* cp SRC DST | cp SRC... DIR: copies regular files (a DIR target keeps the names). The
 * new file gets the source's permission bits. */
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "to_target.h"

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

int main(int argc, char **argv) {
    return for_each_to_target(argc, argv, "cp SRC DST | cp SRC... DIR", copy_file);
}
