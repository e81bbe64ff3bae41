/* ln [-s] TARGET LINK: makes a hard link (or with -s a symbolic link) named LINK. */
#include <err.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int symbolic = argc > 1 && !strcmp(argv[1], "-s");
    if (argc != 3 + symbolic)
        errx(1, "usage: ln [-s] TARGET LINK");
    const char *target = argv[1 + symbolic], *name = argv[2 + symbolic];
    if ((symbolic ? symlink(target, name) : link(target, name)) < 0)
        err(1, "failed to create link '%s' -> '%s'", name, target);
    return 0;
}
