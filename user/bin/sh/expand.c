/* Word expansion: quotes, backslashes, parameters and field splitting.
 *   'text'     literal                 "text"   $ and \ (before $ " \ newline) still work
 *   \c         literal c               ~ ~/x    $HOME at the start of a word
 *   $NAME ${NAME} $? $$ $# $0..$9      unquoted results split at spaces, tabs, newlines */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

struct shell sh;

/* The field being built. */
struct field {
    char *buf;
    size_t len, cap;
    bool exists; /* a quoted empty string is still a field */
};

static void put(struct field *f, char c) {
    if (f->len + 1 >= f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        char *b = arena_alloc(cap);
        memcpy(b, f->buf, f->len);
        f->buf = b;
        f->cap = cap;
    }
    f->buf[f->len++] = c;
    f->buf[f->len] = 0;
    f->exists = true;
}

static void put_str(struct field *f, const char *s) {
    while (*s)
        put(f, *s++);
}

static void emit(struct field *f, struct vec *out) {
    if (f->exists)
        vec_push(out, arena_strndup(f->len ? f->buf : "", f->len));
    f->len = 0;
    f->exists = false;
}

static bool name_start(int c) { return isalpha(c) || c == '_'; }
static bool name_char(int c) { return isalnum(c) || c == '_'; }

/* Reads the parameter after '$' at *pp; returns its value ("" if unset) and advances *pp,
 * or NULL when the '$' is literal. */
static const char *parameter(const char **pp) {
    static char num[16];
    const char *p = *pp;
    if (*p == '?' || *p == '$' || *p == '#') {
        int v = *p == '?' ? sh.last_status : *p == '$' ? getpid() : sh.argc - 1;
        snprintf(num, sizeof num, "%d", v);
        *pp = p + 1;
        return num;
    }
    if (isdigit((unsigned char)*p)) {
        int i = *p - '0';
        *pp = p + 1;
        return i < sh.argc ? sh.argv[i] : "";
    }
    bool braced = *p == '{';
    const char *name = p + braced;
    if (!name_start((unsigned char)*name))
        return NULL;
    const char *end = name;
    while (name_char((unsigned char)*end))
        end++;
    if (braced && *end != '}')
        return NULL;
    char *key = arena_strndup(name, (size_t)(end - name));
    *pp = end + braced;
    const char *v = getenv(key);
    return v ? v : "";
}

/* Appends a parameter's value: split into fields when unquoted. */
static void put_value(struct field *f, const char *v, bool split, struct vec *out) {
    for (; *v; v++) {
        if (split && (*v == ' ' || *v == '\t' || *v == '\n'))
            emit(f, out);
        else
            put(f, *v);
    }
}

/* Expands the inside of "..." starting after the quote; returns the closing quote. */
static const char *double_quoted(const char *p, struct field *f, struct vec *out) {
    f->exists = true;
    for (; *p && *p != '"'; p++) {
        if (*p == '\\' && p[1] && strchr("$\"\\\n`", p[1])) {
            if (p[1] != '\n')
                put(f, p[1]);
            p++;
        } else if (*p == '$') {
            const char *q = p + 1, *v = parameter(&q);
            if (!v) {
                put(f, '$');
                continue;
            }
            put_value(f, v, false, out);
            p = q - 1;
        } else {
            put(f, *p);
        }
    }
    return p;
}

static void expand_into(const char *p, bool split, struct vec *out) {
    struct field f = {0};
    if (p[0] == '~' && (p[1] == '/' || !p[1])) {
        const char *home = getenv("HOME");
        put_str(&f, home ? home : "/");
        p++;
    }
    for (; *p; p++) {
        if (*p == '\'') {
            const char *close = strchr(p + 1, '\'');
            f.exists = true;
            for (p++; p < close; p++)
                put(&f, *p);
        } else if (*p == '"') {
            p = double_quoted(p + 1, &f, out);
        } else if (*p == '\\' && p[1]) {
            if (p[1] != '\n')
                put(&f, p[1]);
            p++;
        } else if (*p == '$') {
            const char *q = p + 1, *v = parameter(&q);
            if (!v) {
                put(&f, '$');
                continue;
            }
            put_value(&f, v, split, out);
            p = q - 1;
        } else {
            put(&f, *p);
        }
    }
    emit(&f, out);
}

void expand_word(const char *w, struct vec *out) { expand_into(w, true, out); }

char *expand_one(const char *w) {
    struct vec v = {0};
    expand_into(w, false, &v);
    return v.n ? v.items[0] : "";
}

bool is_assignment(const char *w) {
    if (!name_start((unsigned char)*w))
        return false;
    while (name_char((unsigned char)*w))
        w++;
    return *w == '=';
}
