/* The printf family: every variant formats with vsnprintf (kernel/lib/vsnprintf.c, also in
 * this library) into a stack buffer, or a heap one for long output, then writes. */
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>
#include "stdio_impl.h"

#define PRINTF_STACK_BUF 512

/* Formats the n characters fmt makes into a new heap buffer *out (NULL when there is
 * no memory). Returns n, or -1 without memory. */
static int format_heap(char **out, int n, const char *fmt, va_list ap) {
    *out = malloc((size_t)n + 1);
    if (!*out)
        return -1;
    vsnprintf(*out, (size_t)n + 1, fmt, ap);
    return n;
}

/* Formats into *out (stack or heap; the caller frees when *out != stack). Returns the
 * length, or -1 when the heap buffer cannot be had. */
static int format(char *stack, char **out, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(stack, PRINTF_STACK_BUF, fmt, ap);
    *out = stack;
    if (n >= PRINTF_STACK_BUF)
        n = format_heap(out, n, fmt, ap2);
    va_end(ap2);
    return n;
}

int vfprintf(FILE *f, const char *fmt, va_list ap) {
    char stack[PRINTF_STACK_BUF], *s;
    int n = format(stack, &s, fmt, ap);
    if (n < 0)
        return -1;
    if (n && fwrite(s, 1, (size_t)n, f) != (size_t)n)
        n = -1;
    if (s != stack)
        free(s);
    return n;
}

int vdprintf(int fd, const char *fmt, va_list ap) {
    char stack[PRINTF_STACK_BUF], *s;
    int n = format(stack, &s, fmt, ap);
    if (n > 0 && __stdio_write_all(fd, s, (size_t)n) < 0)
        n = -1;
    if (s != stack)
        free(s);
    return n;
}

int vasprintf(char **out, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = format_heap(out, vsnprintf(NULL, 0, fmt, ap), fmt, ap2);
    va_end(ap2);
    return n;
}

/* No size given: the caller promises room (as with the C library's sprintf). */
int vsprintf(char *buf, const char *fmt, va_list ap) { return vsnprintf(buf, (size_t)-1 >> 1, fmt, ap); }
int vprintf(const char *fmt, va_list ap) { return vfprintf(stdout, fmt, ap); }

#define VARIADIC(call)          \
    va_list ap;                 \
    va_start(ap, fmt);          \
    int n = call;               \
    va_end(ap);                 \
    return n

int printf(const char *fmt, ...) { VARIADIC(vfprintf(stdout, fmt, ap)); }
int fprintf(FILE *f, const char *fmt, ...) { VARIADIC(vfprintf(f, fmt, ap)); }
int dprintf(int fd, const char *fmt, ...) { VARIADIC(vdprintf(fd, fmt, ap)); }
int sprintf(char *buf, const char *fmt, ...) { VARIADIC(vsprintf(buf, fmt, ap)); }
int asprintf(char **out, const char *fmt, ...) { VARIADIC(vasprintf(out, fmt, ap)); }
