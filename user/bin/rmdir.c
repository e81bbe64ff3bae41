/* rmdir DIR...: removes empty directories. */
#include <err.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int status = 0;
    if (argc < 2)
        errx(1, "missing operand");
    for (int i = 1; i < argc; i++)
        if (rmdir(argv[i]) < 0) {
            warn("failed to remove '%s'", argv[i]);
            status = 1;
        }
    return status;
}
