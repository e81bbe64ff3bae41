/* Builtins, which must run inside the shell: cd, exit, export, unset, wait. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

/* cd [DIR]: DIR, else $HOME, else /; keeps $PWD and $OLDPWD. "cd -" goes to $OLDPWD. */
static int bi_cd(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : getenv("HOME");
    if (!dir || !*dir)
        dir = "/";
    bool back = !strcmp(dir, "-");
    if (back) {
        dir = getenv("OLDPWD");
        if (!dir) {
            fprintf(stderr, SH_NAME ": cd: OLDPWD not set\n");
            return 1;
        }
    }
    char *old = getcwd(NULL, 0);
    if (chdir(dir) < 0) {
        fprintf(stderr, SH_NAME ": cd: %s: %s\n", dir, strerror(errno));
        free(old);
        return 1;
    }
    char *cwd = getcwd(NULL, 0);
    if (old)
        setenv("OLDPWD", old, 1);
    if (cwd)
        setenv("PWD", cwd, 1);
    if (back && cwd)
        printf("%s\n", cwd);
    free(old);
    free(cwd);
    return 0;
}

/* exit [N]: leaves the shell with N, or with $?. */
static int bi_exit(int argc, char **argv) {
    fflush(NULL);
    exit(argc > 1 ? atoi(argv[1]) & 0xff : sh.last_status);
}

/* export NAME[=VALUE]...: every shell variable lives in the environment already, so this
 * only sets values; with no arguments it lists the environment. */
static int bi_export(int argc, char **argv) {
    if (argc == 1) {
        for (char **e = environ; e && *e; e++)
            printf("export %s\n", *e);
        return 0;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq)
            continue;
        *eq = 0;
        if (setenv(argv[i], eq + 1, 1) < 0) {
            fprintf(stderr, SH_NAME ": export: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
        *eq = '=';
    }
    return status;
}

static int bi_unset(int argc, char **argv) {
    for (int i = 1; i < argc; i++)
        unsetenv(argv[i]);
    return 0;
}

/* wait: waits for every background child; returns the last one's status. */
static int bi_wait(int argc, char **argv) {
    (void)argc, (void)argv;
    int st, status = 0;
    while (wait(&st) > 0)
        status = WIFEXITED(st) ? WEXITSTATUS(st) : STATUS_SIGNAL_BASE + WTERMSIG(st);
    return status;
}

static const struct {
    const char *name;
    builtin_fn fn;
} builtins[] = {
    {"cd", bi_cd}, {"exit", bi_exit}, {"export", bi_export}, {"unset", bi_unset},
    {"wait", bi_wait},
};

builtin_fn find_builtin(const char *name) {
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (!strcmp(name, builtins[i].name))
            return builtins[i].fn;
    return NULL;
}
