/* Running pipelines: expansion, fork, pipes, redirections, PATH lookup, exec, wait. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

#define SAVED_FD_MIN 10 /* where a builtin's redirected fds are parked */
#define SH_PATH "/bin/sh"

/* A command after expansion. */
struct argv_pair {
    struct vec assigns; /* "NAME=value" */
    struct vec args;
};

static void expand_command(struct command *c, struct argv_pair *out) {
    *out = (struct argv_pair){0};
    int i = 0;
    for (; i < c->words.n && is_assignment(c->words.items[i]); i++)
        vec_push(&out->assigns, expand_one(c->words.items[i]));
    for (; i < c->words.n; i++)
        expand_word(c->words.items[i], &out->args);
}

/* Applies a command's redirections in order; 0, or -1 after printing why. */
static int apply_redirs(struct command *c) {
    for (int i = 0; i < c->redirs.n; i++) {
        struct redir *r = c->redirs.items[i];
        if (r->kind == R_DUP) {
            if (r->dup_from < 0)
                close(r->fd);
            else if (dup2(r->dup_from, r->fd) < 0) {
                fprintf(stderr, SH_NAME ": %d: %s\n", r->dup_from, strerror(errno));
                return -1;
            }
            continue;
        }
        static const int flags[] = {
            [R_IN] = O_RDONLY,
            [R_OUT] = O_WRONLY | O_CREAT | O_TRUNC,
            [R_APPEND] = O_WRONLY | O_CREAT | O_APPEND,
        };
        char *target = expand_one(r->target);
        int fd = open(target, flags[r->kind], 0666);
        if (fd < 0) {
            fprintf(stderr, SH_NAME ": %s: %s\n", target, strerror(errno));
            return -1;
        }
        if (fd != r->fd) {
            dup2(fd, r->fd);
            close(fd);
        }
    }
    return 0;
}

/* Execs argv[0] (searched in PATH unless it has a '/'); a file that is not an executable
 * format runs as a script of this shell. Returns only on failure, with the status. */
static int exec_path(const char *path, char **argv) {
    execve(path, argv, environ);
    if (errno == ENOEXEC) {
        int n = 0;
        while (argv[n])
            n++;
        char **sargv = arena_alloc(((size_t)n + 2) * sizeof *sargv);
        sargv[0] = SH_NAME;
        sargv[1] = (char *)path;
        memcpy(sargv + 2, argv + 1, (size_t)n * sizeof *sargv);
        execve(SH_PATH, sargv, environ);
        errno = ENOEXEC;
    }
    return errno;
}

static __attribute__((noreturn)) void exec_command(char **argv) {
    const char *name = argv[0];
    int e = ENOENT;
    if (strchr(name, '/')) {
        e = exec_path(name, argv);
    } else {
        const char *path = getenv("PATH");
        if (!path)
            path = DEFAULT_PATH;
        char *dirs = arena_strndup(path, strlen(path));
        for (char *d; (d = strsep(&dirs, ":"));) {
            char full[PATH_MAX];
            if (snprintf(full, sizeof full, "%s/%s", *d ? d : ".", name) >= (int)sizeof full)
                continue;
            int r = exec_path(full, argv);
            if (r != ENOENT && r != ENOTDIR)
                e = r;
        }
    }
    if (e == ENOENT)
        fprintf(stderr, SH_NAME ": %s: not found\n", name);
    else
        fprintf(stderr, SH_NAME ": %s: %s\n", name, strerror(e));
    _exit(e == ENOENT ? STATUS_NOTFOUND : STATUS_NOEXEC);
}

/* The child's side: assignments, default signals, redirections, then the program. */
static __attribute__((noreturn)) void run_child(struct command *c, struct argv_pair *a) {
    for (int i = 0; i < a->assigns.n; i++)
        putenv(a->assigns.items[i]);
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    if (apply_redirs(c) < 0)
        _exit(1);
    if (!a->args.n)
        _exit(0);
    char **argv = (char **)a->args.items;
    builtin_fn b = find_builtin(argv[0]);
    if (b) {
        int status = b(a->args.n, argv);
        fflush(NULL);
        _exit(status);
    }
    exec_command(argv);
}

/* Waits for pid; returns its shell status: 128+N for signal N, reported as "killed by
 * signal N" except for SIGPIPE (a pipeline's normal end) and SIGINT (the user's Ctrl-C:
 * just a newline). */
static int wait_for(pid_t pid) {
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return 1;
    if (WIFSIGNALED(st)) {
        int sig = WTERMSIG(st);
        if (sig == SIGINT)
            fputc('\n', stderr);
        else if (sig != SIGPIPE)
            fprintf(stderr, "killed by signal %d (%s)\n", sig, strsignal(sig));
        return STATUS_SIGNAL_BASE + sig;
    }
    return WEXITSTATUS(st);
}

/* A lone builtin or bare assignment runs in the shell itself, its redirections undone
 * afterwards. */
static int run_in_shell(struct command *c, struct argv_pair *a, builtin_fn b) {
    int saved[c->redirs.n ? c->redirs.n : 1];
    for (int i = 0; i < c->redirs.n; i++) {
        struct redir *r = c->redirs.items[i];
        saved[i] = fcntl(r->fd, F_DUPFD, SAVED_FD_MIN);
        if (saved[i] >= 0)
            fcntl(saved[i], F_SETFD, FD_CLOEXEC);
    }
    int status = apply_redirs(c) < 0 ? 1 : 0;
    if (status == 0) {
        for (int i = 0; i < a->assigns.n; i++)
            putenv(a->assigns.items[i]);
        if (b)
            status = b(a->args.n, (char **)a->args.items);
    }
    fflush(NULL);
    for (int i = c->redirs.n - 1; i >= 0; i--) {
        struct redir *r = c->redirs.items[i];
        if (saved[i] >= 0) {
            dup2(saved[i], r->fd);
            close(saved[i]);
        } else {
            close(r->fd);
        }
    }
    return status;
}

/* Assignments made in the shell land in its environment, so they must outlive the arena. */
static void persist_assignments(struct argv_pair *a) {
    for (int i = 0; i < a->assigns.n; i++)
        a->assigns.items[i] = strdup(a->assigns.items[i]);
}

static int run_pipeline(struct pipeline *pl) {
    int n = pl->cmds.n;
    struct argv_pair *argvs = arena_alloc((size_t)n * sizeof *argvs);
    for (int i = 0; i < n; i++)
        expand_command(pl->cmds.items[i], &argvs[i]);
    if (n == 1 && pl->join != J_BACKGROUND) {
        builtin_fn b = argvs[0].args.n ? find_builtin(argvs[0].args.items[0]) : NULL;
        if (b || !argvs[0].args.n) {
            persist_assignments(&argvs[0]);
            return run_in_shell(pl->cmds.items[0], &argvs[0], b);
        }
    }
    pid_t *pids = arena_alloc((size_t)n * sizeof *pids);
    int in = -1, started = 0;
    fflush(NULL);
    for (int i = 0; i < n; i++) {
        int fds[2] = {-1, -1};
        if (i < n - 1 && pipe(fds) < 0) {
            perror(SH_NAME ": pipe");
            break;
        }
        pid_t pid = fork();
        if (pid == 0) {
            if (in >= 0) {
                dup2(in, 0);
                close(in);
            }
            if (fds[1] >= 0) {
                close(fds[0]);
                dup2(fds[1], 1);
                close(fds[1]);
            }
            run_child(pl->cmds.items[i], &argvs[i]);
        }
        if (in >= 0)
            close(in);
        if (fds[1] >= 0)
            close(fds[1]);
        in = fds[0];
        if (pid < 0) {
            perror(SH_NAME ": fork");
            break;
        }
        pids[started++] = pid;
    }
    if (in >= 0)
        close(in);
    if (started < n) {
        for (int i = 0; i < started; i++)
            wait_for(pids[i]);
        return 1;
    }
    if (pl->join == J_BACKGROUND) {
        if (sh.interactive)
            fprintf(stderr, "[%d]\n", pids[n - 1]);
        return 0;
    }
    int status = 0;
    for (int i = 0; i < n; i++)
        status = wait_for(pids[i]);
    return status;
}

int run_list(struct vec *pipelines) {
    enum join prev = J_SEMI;
    for (int i = 0; i < pipelines->n; i++) {
        struct pipeline *pl = pipelines->items[i];
        bool run = prev == J_SEMI || prev == J_BACKGROUND ||
                   (prev == J_AND && sh.last_status == 0) || (prev == J_OR && sh.last_status != 0);
        if (run)
            sh.last_status = run_pipeline(pl);
        prev = pl->join;
    }
    return sh.last_status;
}
