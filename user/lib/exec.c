/* The exec family on top of execve: PATH search (execvp) and list forms (execl). */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_PATH "/bin:/usr/bin"
#define EXECL_MAX_ARGS 64

int execv(const char *path, char *const argv[]) { return execve(path, argv, environ); }

/* Tries every PATH directory in order (a name containing '/' is used as is). Fails with
 * the most telling error: EACCES if some candidate existed but could not run, else the
 * last one seen. */
int execvpe(const char *file, char *const argv[], char *const envp[]) {
    if (!*file) {
        errno = ENOENT;
        return -1;
    }
    if (strchr(file, '/'))
        return execve(file, argv, envp);
    const char *path = getenv("PATH");
    if (!path)
        path = DEFAULT_PATH;
    size_t flen = strlen(file);
    int seen_eacces = 0;
    for (const char *p = path;; p++) {
        const char *end = strchrnul(p, ':');
        size_t dlen = (size_t)(end - p);
        char buf[PATH_MAX];
        if (dlen + 1 + flen < sizeof buf) {
            memcpy(buf, p, dlen);
            if (dlen == 0)
                buf[dlen++] = '.';
            buf[dlen] = '/';
            memcpy(buf + dlen + 1, file, flen + 1);
            execve(buf, argv, envp);
            if (errno == EACCES)
                seen_eacces = 1;
        }
        p = end;
        if (!*p)
            break;
    }
    if (seen_eacces)
        errno = EACCES;
    return -1;
}

int execvp(const char *file, char *const argv[]) { return execvpe(file, argv, environ); }

/* Collects the NULL-terminated argument list of execl/execlp. */
static int collect_args(const char *arg0, va_list ap, char **argv) {
    int n = 0;
    argv[n++] = (char *)arg0;
    while (arg0 && n < EXECL_MAX_ARGS) {
        argv[n] = va_arg(ap, char *);
        if (!argv[n++])
            return 0;
    }
    if (!arg0)
        return 0;
    errno = E2BIG;
    return -1;
}

int execl(const char *path, const char *arg, ...) {
    char *argv[EXECL_MAX_ARGS + 1];
    va_list ap;
    va_start(ap, arg);
    int r = collect_args(arg, ap, argv);
    va_end(ap);
    return r < 0 ? -1 : execv(path, argv);
}

int execlp(const char *file, const char *arg, ...) {
    char *argv[EXECL_MAX_ARGS + 1];
    va_list ap;
    va_start(ap, arg);
    int r = collect_args(arg, ap, argv);
    va_end(ap);
    return r < 0 ? -1 : execvp(file, argv);
}
