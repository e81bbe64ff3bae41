/* The lexer: splits a command line into raw words and operators. Words keep their quotes
 * and backslashes (expand.c interprets them later, when $? is known); an operator
 * character inside quotes or after a backslash is part of the word. */
#include <ctype.h>
#include <string.h>
#include "sh.h"

static const char OPERATOR_CHARS[] = "|&;<>";

static struct token *new_token(enum tok_type type, const char *text, size_t len) {
    struct token *t = arena_alloc(sizeof *t);
    memset(t, 0, sizeof *t);
    t->type = type;
    t->text = arena_strndup(text, len);
    t->dup_from = -1;
    return t;
}

/* Scans one raw word at p; returns its end, or NULL if a quote is left open or the text
 * ends in a lone backslash (the caller needs another line). */
static const char *scan_word(const char *p) {
    while (*p && !isspace((unsigned char)*p) && !strchr(OPERATOR_CHARS, *p)) {
        if (*p == '\\') {
            if (!p[1])
                return NULL;
            p += 2;
        } else if (*p == '\'') {
            const char *close = strchr(p + 1, '\'');
            if (!close)
                return NULL;
            p = close + 1;
        } else if (*p == '"') {
            for (p++; *p != '"'; p++) {
                if (!*p)
                    return NULL;
                if (*p == '\\' && p[1])
                    p++;
            }
            p++;
        } else {
            p++;
        }
    }
    return p;
}

/* A redirection operator at p ("<", ">", ">>", ">&N", "<&N", optional leading fd digits
 * already consumed into fd); returns the text after it, or NULL if p is not one. */
static const char *scan_redir(const char *p, int fd, struct token **out) {
    const char *start = p;
    enum redir_kind kind;
    if (*p == '<') {
        kind = R_IN;
        p++;
    } else if (*p == '>') {
        kind = p[1] == '>' ? R_APPEND : R_OUT;
        p += kind == R_APPEND ? 2 : 1;
    } else {
        return NULL;
    }
    struct token *t = new_token(T_REDIR, start, (size_t)(p - start));
    t->fd = fd >= 0 ? fd : (kind == R_IN ? 0 : 1);
    t->kind = kind;
    if (kind != R_APPEND && *p == '&' && (isdigit((unsigned char)p[1]) || p[1] == '-')) {
        t->kind = R_DUP;
        p++;
        if (*p == '-') {
            p++;
        } else {
            t->dup_from = 0;
            while (isdigit((unsigned char)*p))
                t->dup_from = t->dup_from * 10 + (*p++ - '0');
        }
    }
    *out = t;
    return p;
}

/* An operator token at p (| || & && ;), or NULL. */
static const char *scan_operator(const char *p, struct token **out) {
    static const struct { const char *text; enum tok_type type; } ops[] = {
        {"||", T_OR}, {"&&", T_AND}, {"|", T_PIPE}, {"&", T_AMP}, {";", T_SEMI}, {"\n", T_SEMI},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        size_t n = strlen(ops[i].text);
        if (!strncmp(p, ops[i].text, n)) {
            *out = new_token(ops[i].type, p, n);
            return p + n;
        }
    }
    return NULL;
}

enum lex_result lex(const char *p, struct vec *out) {
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r')
            p++;
        if (*p == '#')
            p = strchrnul(p, '\n');
        if (!*p)
            break;
        struct token *t;
        const char *digits = p;
        int fd = -1;
        if (isdigit((unsigned char)*p)) {
            fd = 0;
            while (isdigit((unsigned char)*p))
                fd = fd * 10 + (*p++ - '0');
            if (*p != '<' && *p != '>') {
                p = digits;
                fd = -1;
            }
        }
        const char *next = scan_redir(p, fd, &t);
        if (!next)
            next = scan_operator(p, &t);
        if (!next) {
            next = scan_word(p);
            if (!next)
                return LEX_INCOMPLETE;
            t = new_token(T_WORD, p, (size_t)(next - p));
        }
        vec_push(out, t);
        p = next;
    }
    vec_push(out, new_token(T_END, "end of input", strlen("end of input")));
    return LEX_OK;
}
