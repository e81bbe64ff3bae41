/* touch FILE...: creates missing files and sets the times of existing ones to now. */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int status = 0;
    if (argc < 2)
        errx(1, "missing file operand");
    for (int i = 1; i < argc; i++) {
        if (utimensat(AT_FDCWD, argv[i], NULL, 0) == 0)
            continue;
        if (errno != ENOENT && errno != ENOSYS) {
            warn("cannot touch '%s'", argv[i]);
            status = 1;
            continue;
        }
        /* Missing (or no utimensat in the kernel): opening creates it if needed. */
        int fd = open(argv[i], O_WRONLY | O_CREAT, 0666);
        if (fd < 0) {
            warn("cannot touch '%s'", argv[i]);
            status = 1;
            continue;
        }
        close(fd);
    }
    return status;
}
