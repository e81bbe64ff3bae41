/* The parser: tokens -> pipelines joined by ; && || &. Grammar:
 *   list     := pipeline (join pipeline)* [join]
 *   pipeline := command ('|' command)*
 *   command  := (WORD | REDIR WORD | REDIR-DUP)+        */
#include <stdbool.h>
#include <stdio.h>
#include "sh.h"

struct parser {
    struct token **toks;
    int pos;
};

static struct token *peek(struct parser *p) { return p->toks[p->pos]; }

static bool is_newline(struct token *t) { return t->type == T_SEMI && t->text[0] == '\n'; }

/* After | && || a command may continue on the next line. */
static void skip_newlines(struct parser *p) {
    while (is_newline(peek(p)))
        p->pos++;
}

static enum parse_result syntax_error(struct token *t) {
    const char *what = is_newline(t) ? "newline" : t->text;
    fprintf(stderr, SH_NAME ": syntax error near '%s'\n", what);
    return PARSE_ERROR;
}

/* An unexpected end counts as incomplete (the line may continue), anything else is an error. */
static enum parse_result unexpected(struct token *t) {
    return t->type == T_END ? PARSE_INCOMPLETE : syntax_error(t);
}

static enum parse_result parse_command(struct parser *p, struct command **out) {
    struct command *c = arena_alloc(sizeof *c);
    *c = (struct command){0};
    for (;;) {
        struct token *t = peek(p);
        if (t->type == T_WORD) {
            vec_push(&c->words, t->text);
        } else if (t->type == T_REDIR) {
            struct redir *r = arena_alloc(sizeof *r);
            *r = (struct redir){t->fd, t->kind, t->dup_from, NULL};
            if (t->kind != R_DUP) {
                struct token *target = p->toks[p->pos + 1];
                if (target->type != T_WORD)
                    return unexpected(target);
                r->target = target->text;
                p->pos++;
            }
            vec_push(&c->redirs, r);
        } else {
            break;
        }
        p->pos++;
    }
    if (!c->words.n && !c->redirs.n)
        return unexpected(peek(p));
    *out = c;
    return PARSE_OK;
}

static enum parse_result parse_pipeline(struct parser *p, struct pipeline **out) {
    struct pipeline *pl = arena_alloc(sizeof *pl);
    *pl = (struct pipeline){0};
    for (;;) {
        struct command *c;
        enum parse_result r = parse_command(p, &c);
        if (r != PARSE_OK)
            return r;
        vec_push(&pl->cmds, c);
        if (peek(p)->type != T_PIPE)
            break;
        p->pos++;
        skip_newlines(p);
    }
    *out = pl;
    return PARSE_OK;
}

enum parse_result parse(struct token **toks, struct vec *pipelines) {
    struct parser p = {toks, 0};
    for (;;) {
        while (peek(&p)->type == T_SEMI && pipelines->n == 0)
            p.pos++; /* blank lines and leading separators */
        if (peek(&p)->type == T_END)
            return PARSE_OK;
        struct pipeline *pl;
        enum parse_result r = parse_pipeline(&p, &pl);
        if (r != PARSE_OK)
            return r;
        vec_push(pipelines, pl);
        struct token *t = peek(&p);
        switch (t->type) {
        case T_END: pl->join = J_SEMI; return PARSE_OK;
        case T_SEMI: pl->join = J_SEMI; break;
        case T_AMP: pl->join = J_BACKGROUND; break;
        case T_AND: pl->join = J_AND; break;
        case T_OR: pl->join = J_OR; break;
        default: return syntax_error(t);
        }
        p.pos++;
        if (pl->join == J_AND || pl->join == J_OR) {
            skip_newlines(&p);
            if (peek(&p)->type == T_END)
                return PARSE_INCOMPLETE;
        } else {
            while (peek(&p)->type == T_SEMI)
                p.pos++;
        }
    }
}
