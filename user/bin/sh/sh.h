/* sh: the LingOS shell. One command line goes through four stages:
 *   lex.c     text -> tokens (words kept raw, with their quotes; operators; redirections)
 *   parse.c   tokens -> a list of pipelines joined by ; && || &
 *   expand.c  a raw word -> fields ($VAR, $?, quotes, backslashes, ~, field splitting)
 *   exec.c    pipelines -> processes (fork, pipes, redirections, exec, wait)
 * builtin.c has cd, exit, export, unset, wait; main.c reads input and runs the loop.
 * Every allocation for one command line comes from an arena freed when it is done. */
#ifndef SH_H
#define SH_H
#include <stdbool.h>
#include <stddef.h>

#define SH_NAME "sh"
#define STATUS_SYNTAX 2
#define STATUS_NOEXEC 126
#define STATUS_NOTFOUND 127
#define STATUS_SIGNAL_BASE 128
#define DEFAULT_PATH "/bin"

/* ---- arena.c ---- */
void *arena_alloc(size_t n);
char *arena_strndup(const char *s, size_t n);
void arena_reset(void);

/* A growable array of pointers in the arena, NULL-terminated. */
struct vec {
    void **items;
    int n, cap;
};
void vec_push(struct vec *v, void *item);

/* ---- lex.c ---- */
enum tok_type { T_WORD, T_PIPE, T_AND, T_OR, T_SEMI, T_AMP, T_REDIR, T_END };
enum redir_kind { R_IN, R_OUT, R_APPEND, R_DUP };
struct token {
    enum tok_type type;
    char *text;          /* T_WORD: the raw word; others: the operator, for messages */
    int fd;              /* T_REDIR: the fd redirected */
    enum redir_kind kind;
    int dup_from;        /* R_DUP: the source fd, or -1 to close ("N>&-") */
};
enum lex_result { LEX_OK, LEX_INCOMPLETE };
/* Splits text into tokens (ending with T_END) into *out. */
enum lex_result lex(const char *text, struct vec *out);

/* ---- parse.c ---- */
struct redir {
    int fd;
    enum redir_kind kind;
    int dup_from;
    char *target; /* raw word (not R_DUP) */
};
struct command {
    struct vec words;  /* raw words, assignments included */
    struct vec redirs; /* struct redir * */
};
enum join { J_SEMI, J_AND, J_OR, J_BACKGROUND };
struct pipeline {
    struct vec cmds; /* struct command * */
    enum join join;  /* how it connects to the next pipeline (J_BACKGROUND: run async) */
};
enum parse_result { PARSE_OK, PARSE_INCOMPLETE, PARSE_ERROR };
/* Builds the list of pipelines from tokens; on PARSE_ERROR prints the message. */
enum parse_result parse(struct token **toks, struct vec *pipelines);

/* ---- expand.c ---- */
struct shell {
    int last_status;   /* $? */
    int argc;          /* $# + 1: argv[0] is $0 */
    char **argv;
    bool interactive;
};
extern struct shell sh;
/* Appends the fields of raw word w to out (zero or more strings). */
void expand_word(const char *w, struct vec *out);
/* The single string a word expands to, without field splitting (redirection targets). */
char *expand_one(const char *w);
/* Whether raw word w is an assignment NAME=value (the name unquoted). */
bool is_assignment(const char *w);

/* ---- exec.c ---- */
/* Runs a parsed line; returns the status of the last pipeline that ran. */
int run_list(struct vec *pipelines);

/* ---- builtin.c ---- */
typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn find_builtin(const char *name);
#endif
