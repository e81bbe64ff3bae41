#include "fs/proc/seqbuf.h"
#include "mm/kheap.h"
#include "lib/printf.h"
#include "lib/string.h"

#define SEQ_INITIAL 1024

static bool reserve(struct seqbuf *s, size_t more) {
    if (s->failed)
        return false;
    if (s->len + more + 1 <= s->cap)
        return true;
    size_t cap = s->cap ? s->cap : SEQ_INITIAL;
    while (cap < s->len + more + 1)
        cap *= 2;
    char *n = kmalloc(cap);
    if (!n) {
        s->failed = true;
        return false;
    }
    if (s->buf)
        memcpy(n, s->buf, s->len);
    kfree(s->buf);
    s->buf = n;
    s->cap = cap;
    return true;
}

void seq_printf(struct seqbuf *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char tmp[256];
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof tmp)
        n = sizeof tmp - 1;
    if (reserve(s, (size_t)n)) {
        memcpy(s->buf + s->len, tmp, (size_t)n);
        s->len += (size_t)n;
    }
}

void seq_putc(struct seqbuf *s, char c) {
    if (reserve(s, 1))
        s->buf[s->len++] = c;
}

void seq_pad(struct seqbuf *s, size_t column) {
    size_t line = s->len;
    while (line && s->buf[line - 1] != '\n')
        line--;
    while (s->len - line < column)
        seq_putc(s, ' ');
}
