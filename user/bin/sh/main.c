/* sh: the LingOS shell (see sh.h for the stages).
 *
 *   sh                 interactive when stdin is a terminal (prompt "CWD $ ")
 *   sh FILE [ARGS]     runs a script ($0 = FILE, $1... = ARGS)
 *   sh -c CMD [NAME [ARGS]]   runs CMD ($0 = NAME)
 *
 * Supports pipelines, < > >> N> N>> N>&M redirections, ; && || &, $? $$ $# $0-$9 $VAR
 * ${VAR}, '...' "..." and \ quoting, ~, # comments, NAME=value (prefix or alone), PATH
 * lookup (default /bin), and the builtins cd, exit, export, unset, wait. Every variable
 * is an environment variable. Exit status: 127 not found, 126 not executable, 128+N for a
 * child killed by signal N ("killed by signal N" is reported, but for SIGINT and SIGPIPE),
 * 2 for a syntax error. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sh.h"

#define READ_BUF 4096
#define LINE_MIN 128

/* Where commands come from. stdin is read a byte at a time so that a child started from a
 * script on stdin finds the rest of it unread; other files are buffered (and close-on-exec). */
struct reader {
    int fd;
    bool buffered;
    char buf[READ_BUF];
    size_t pos, len;
};

static int read_byte(struct reader *r) {
    if (r->pos == r->len) {
        ssize_t n;
        do
            n = read(r->fd, r->buf, r->buffered ? sizeof r->buf : 1);
        while (n < 0 && errno == EINTR);
        if (n <= 0)
            return EOF;
        r->pos = 0;
        r->len = (size_t)n;
    }
    return (unsigned char)r->buf[r->pos++];
}

/* Appends one line (without its newline) to the malloc'ed *text; false at end of input
 * with nothing read. */
static bool read_line(struct reader *r, char **text, size_t *len, size_t *cap) {
    int c;
    bool any = false;
    while ((c = read_byte(r)) != EOF) {
        any = true;
        if (c == '\n')
            break;
        if (*len + 2 > *cap) {
            *cap = *cap < LINE_MIN ? LINE_MIN : *cap * 2;
            *text = realloc(*text, *cap);
            if (!*text) {
                fputs(SH_NAME ": out of memory\n", stderr);
                exit(1);
            }
        }
        (*text)[(*len)++] = (char)c;
    }
    if (*text)
        (*text)[*len] = 0;
    return any;
}

static void prompt(const char *continuation) {
    if (!sh.interactive)
        return;
    if (continuation) {
        fputs(continuation, stderr);
        return;
    }
    char cwd[256];
    fprintf(stderr, "%s $ ", getcwd(cwd, sizeof cwd) ? cwd : "?");
}

/* Lexes and parses text; PARSE_INCOMPLETE asks for another line. */
static enum parse_result compile(const char *text, struct vec *pipelines) {
    struct vec toks = {0};
    *pipelines = (struct vec){0};
    if (lex(text, &toks) == LEX_INCOMPLETE)
        return PARSE_INCOMPLETE;
    return parse((struct token **)toks.items, pipelines);
}

/* Collects finished background children so they do not linger as zombies. */
static void reap_background(void) {
    int st;
    pid_t pid;
    while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
        if (sh.interactive)
            fprintf(stderr, "[%d] done\n", pid);
}

/* Runs commands from r until end of input; returns the last status. */
static int run_reader(struct reader *r) {
    char *text = NULL;
    size_t cap = 0;
    for (;;) {
        reap_background();
        prompt(NULL);
        size_t len = 0;
        if (!read_line(r, &text, &len, &cap))
            break;
        struct vec pipelines;
        enum parse_result res;
        while ((res = compile(text ? text : "", &pipelines)) == PARSE_INCOMPLETE) {
            arena_reset();
            prompt("> ");
            text[len++] = '\n';
            text[len] = 0;
            if (!read_line(r, &text, &len, &cap)) {
                fputs(SH_NAME ": syntax error: unexpected end of file\n", stderr);
                res = PARSE_ERROR;
                break;
            }
        }
        if (res == PARSE_ERROR) {
            sh.last_status = STATUS_SYNTAX;
            if (!sh.interactive)
                break;
        } else {
            run_list(&pipelines);
        }
        arena_reset();
    }
    if (sh.interactive)
        fputc('\n', stderr);
    free(text);
    return sh.last_status;
}

/* sh -c CMD: the whole string is one program. */
static int run_string(const char *cmd) {
    struct vec pipelines;
    enum parse_result res = compile(cmd, &pipelines);
    if (res == PARSE_INCOMPLETE)
        fputs(SH_NAME ": syntax error: unexpected end of file\n", stderr);
    if (res != PARSE_OK)
        return STATUS_SYNTAX;
    return run_list(&pipelines);
}

int main(int argc, char **argv) {
    if (argc > 2 && !strcmp(argv[1], "-c")) {
        sh.argc = argc > 3 ? argc - 3 : 1;
        sh.argv = argc > 3 ? argv + 3 : argv;
        return run_string(argv[2]);
    }
    static struct reader r;
    if (argc > 1) {
        r.fd = open(argv[1], O_RDONLY | O_CLOEXEC);
        if (r.fd < 0) {
            fprintf(stderr, SH_NAME ": %s: %s\n", argv[1], strerror(errno));
            return STATUS_NOTFOUND;
        }
        r.buffered = true;
        sh.argc = argc - 1;
        sh.argv = argv + 1;
    } else {
        sh.argc = 1;
        sh.argv = argv;
        sh.interactive = isatty(0);
    }
    if (sh.interactive) {
        signal(SIGINT, SIG_IGN);
        signal(SIGQUIT, SIG_IGN);
    }
    return run_reader(&r);
}
