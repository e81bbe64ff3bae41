/* cat [FILE...]: copies each FILE (or stdin, also for "-") to stdout. */
#include <err.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#define COPY_BUF 8192

/* Copies fd to stdout; 0, or 1 after a message. */
static int copy(int fd, const char *name) {
    static char buf[COPY_BUF];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(1, buf + off, (size_t)(n - off));
            if (w <= 0) {
                warn("write error");
                return 1;
            }
            off += w;
        }
    }
    if (n < 0) {
        warn("%s", name);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 1)
        return copy(0, "-");
    int status = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-")) {
            status |= copy(0, "-");
            continue;
        }
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0) {
            warn("%s", argv[i]);
            status = 1;
            continue;
        }
        status |= copy(fd, argv[i]);
        close(fd);
    }
    return status;
}
