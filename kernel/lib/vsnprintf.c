/* vsnprintf: a small, complete-enough printf engine. Pure: the kernel (kprintf.c) and the
 * user library both build it. */
#include "lib/printf.h"
#include "lib/string.h"
#include <stdint.h>
#include <stdbool.h>

struct out {
    char *buf;
    size_t size, len;
};

static void out_char(struct out *o, char c) {
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void out_pad(struct out *o, char c, int n) {
    while (n-- > 0)
        out_char(o, c);
}

struct spec {
    bool left, zero, plus, space, alt;
    int width, prec;
};

/* Formats one unsigned value in the given base with sign/prefix/padding per spec. */
static void out_number(struct out *o, unsigned long long v, unsigned base, bool upper,
                       bool neg, const struct spec *sp) {
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0;
    while (v) {
        tmp[n++] = digits[v % base];
        v /= base;
    }
    int prec = sp->prec < 0 ? 1 : sp->prec;
    int zeros = prec > n ? prec - n : 0;
    const char *prefix = neg ? "-" : sp->plus ? "+" : sp->space ? " " : "";
    if (sp->alt && base == 16 && n)
        prefix = upper ? "0X" : "0x";
    if (sp->alt && base == 8 && !zeros)
        zeros = 1;
    int plen = (int)strlen(prefix);
    int pad = sp->width - plen - zeros - n;
    if (sp->zero && !sp->left && sp->prec < 0) {
        zeros += pad > 0 ? pad : 0;
        pad = 0;
    }
    if (!sp->left)
        out_pad(o, ' ', pad);
    while (*prefix)
        out_char(o, *prefix++);
    out_pad(o, '0', zeros);
    while (n)
        out_char(o, tmp[--n]);
    if (sp->left)
        out_pad(o, ' ', pad);
}

static void out_string(struct out *o, const char *s, const struct spec *sp) {
    if (!s)
        s = "(null)";
    int n = (int)(sp->prec >= 0 ? strnlen(s, (size_t)sp->prec) : strlen(s));
    if (!sp->left)
        out_pad(o, ' ', sp->width - n);
    for (int i = 0; i < n; i++)
        out_char(o, s[i]);
    if (sp->left)
        out_pad(o, ' ', sp->width - n);
}

/* Parses flags, width and precision at *fmt (after '%'); advances *fmt. */
static void parse_spec(const char **fmt, va_list *ap, struct spec *sp) {
    memset(sp, 0, sizeof *sp);
    sp->prec = -1;
    for (;; (*fmt)++) {
        char c = **fmt;
        if (c == '-') sp->left = true;
        else if (c == '0') sp->zero = true;
        else if (c == '+') sp->plus = true;
        else if (c == ' ') sp->space = true;
        else if (c == '#') sp->alt = true;
        else break;
    }
    if (**fmt == '*') {
        sp->width = va_arg(*ap, int);
        (*fmt)++;
    }
    while (**fmt >= '0' && **fmt <= '9')
        sp->width = sp->width * 10 + *(*fmt)++ - '0';
    if (**fmt == '.') {
        (*fmt)++;
        sp->prec = 0;
        if (**fmt == '*') {
            sp->prec = va_arg(*ap, int);
            (*fmt)++;
        }
        while (**fmt >= '0' && **fmt <= '9')
            sp->prec = sp->prec * 10 + *(*fmt)++ - '0';
    }
}

/* Reads the length modifier at *fmt; returns 0 int, 1 long, 2 long long, -1 char, -2 short. */
static int parse_length(const char **fmt) {
    int len = 0;
    for (;; (*fmt)++) {
        char c = **fmt;
        if (c == 'l') len = len >= 1 ? 2 : 1;
        else if (c == 'h') len = len <= -1 ? -1 : -2;
        else if (c == 'z') len = 1;
        else return len;
    }
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap0) {
    struct out o = {buf, size, 0};
    va_list ap;
    va_copy(ap, ap0);
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            out_char(&o, *fmt);
            continue;
        }
        fmt++;
        struct spec sp;
        parse_spec(&fmt, &ap, &sp);
        int len = parse_length(&fmt);
        char c = *fmt;
        if (c == 'd' || c == 'i') {
            long long v = len == 2 ? va_arg(ap, long long) : len == 1 ? va_arg(ap, long) : va_arg(ap, int);
            if (len == -1) v = (signed char)v;
            if (len == -2) v = (short)v;
            out_number(&o, v < 0 ? -(unsigned long long)v : (unsigned long long)v, 10, false, v < 0, &sp);
        } else if (c == 'u' || c == 'x' || c == 'X' || c == 'o') {
            unsigned long long v = len == 2 ? va_arg(ap, unsigned long long)
                                 : len == 1 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
            if (len == -1) v = (unsigned char)v;
            if (len == -2) v = (unsigned short)v;
            out_number(&o, v, c == 'u' ? 10 : c == 'o' ? 8 : 16, c == 'X', false, &sp);
        } else if (c == 'p') {
            sp.alt = true;
            out_number(&o, (uintptr_t)va_arg(ap, void *), 16, false, false, &sp);
        } else if (c == 'c') {
            char ch = (char)va_arg(ap, int);
            out_pad(&o, ' ', sp.left ? 0 : sp.width - 1);
            out_char(&o, ch);
            out_pad(&o, ' ', sp.left ? sp.width - 1 : 0);
        } else if (c == 's') {
            out_string(&o, va_arg(ap, const char *), &sp);
        } else if (c == '%') {
            out_char(&o, '%');
        } else {
            out_char(&o, '%');
            if (!c)
                break;
            out_char(&o, c);
        }
    }
    va_end(ap);
    if (size)
        buf[o.len < size ? o.len : size - 1] = 0;
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

