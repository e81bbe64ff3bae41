/* Stream output: fwrite and the character/string writers built on it. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "stdio_impl.h"

/* Copies n bytes into the stream's buffer, flushing as it fills; line-buffered streams
 * flush after a newline, unbuffered ones write straight through. 0, or EOF on error. */
static int put_bytes(FILE *f, const char *p, size_t n) {
    if (!(f->flags & F_WRITE)) {
        f->flags |= F_ERR;
        errno = EBADF;
        return EOF;
    }
    if (f->rlen || f->ungot != EOF)
        __stdio_drop_input(f);
    __stdio_setup(f);
    if (f->mode == _IONBF || (f->wpos == 0 && n >= f->size)) {
        if (__stdio_flush(f) == EOF || __stdio_write_all(f->fd, p, n) < 0) {
            f->flags |= F_ERR;
            return EOF;
        }
        return 0;
    }
    const char *start = p;
    size_t total = n;
    while (n) {
        size_t chunk = f->size - f->wpos < n ? f->size - f->wpos : n;
        memcpy(f->buf + f->wpos, p, chunk);
        f->wpos += chunk;
        p += chunk;
        n -= chunk;
        if (f->wpos == f->size && __stdio_flush(f) == EOF)
            return EOF;
    }
    if (f->mode == _IOLBF && memchr(start, '\n', total))
        return __stdio_flush(f);
    return 0;
}

size_t fwrite(const void *buf, size_t size, size_t n, FILE *f) {
    size_t bytes = size * n;
    if (!bytes)
        return 0;
    return put_bytes(f, buf, bytes) == EOF ? 0 : n;
}

int fputc(int c, FILE *f) {
    char ch = (char)c;
    return put_bytes(f, &ch, 1) == EOF ? EOF : (unsigned char)ch;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }

int fputs(const char *s, FILE *f) { return put_bytes(f, s, strlen(s)) == EOF ? EOF : 0; }

int puts(const char *s) {
    if (fputs(s, stdout) == EOF)
        return EOF;
    return fputc('\n', stdout) == EOF ? EOF : 0;
}
