/* mkdir [-p] DIR...: creates directories; -p creates missing parents and accepts
 * existing directories. */
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIR_MODE 0777

static int make_parents(const char *path) {
    char buf[PATH_MAX];
    if (strlen(path) >= sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(buf, path);
    for (char *p = buf + 1;; p++) {
        if (*p == '/' || !*p) {
            char saved = *p;
            *p = 0;
            struct stat st;
            if (mkdir(buf, DIR_MODE) < 0 && (errno != EEXIST || stat(buf, &st) < 0 || !S_ISDIR(st.st_mode))) {
                if (errno == EEXIST)
                    errno = ENOTDIR;
                return -1;
            }
            *p = saved;
            if (!saved)
                return 0;
        }
    }
}

int main(int argc, char **argv) {
    int parents = 0, i = 1, status = 0;
    if (argc > 1 && !strcmp(argv[1], "-p")) {
        parents = 1;
        i++;
    }
    if (i == argc)
        errx(1, "missing operand");
    for (; i < argc; i++) {
        int r = parents ? make_parents(argv[i]) : mkdir(argv[i], DIR_MODE);
        if (r < 0) {
            warn("cannot create directory '%s'", argv[i]);
            status = 1;
        }
    }
    return status;
}
