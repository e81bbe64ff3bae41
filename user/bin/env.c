/* env [-i] [NAME=VALUE...] [COMMAND [ARG...]]: runs COMMAND with a modified environment,
 * or prints the environment. */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define STATUS_NOEXEC 126
#define STATUS_NOTFOUND 127

int main(int argc, char **argv) {
    int i = 1;
    if (i < argc && !strcmp(argv[i], "-i")) {
        clearenv();
        i++;
    }
    for (; i < argc && strchr(argv[i], '='); i++)
        putenv(argv[i]);
    if (i == argc) {
        for (char **e = environ; e && *e; e++)
            puts(*e);
        return 0;
    }
    execvp(argv[i], argv + i);
    warn("'%s'", argv[i]);
    return errno == ENOENT ? STATUS_NOTFOUND : STATUS_NOEXEC;
}
