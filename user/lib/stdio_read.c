/* Stream input: fgetc, fread, fgets, getline, ungetc. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "stdio_impl.h"

/* Refills an empty read buffer; returns bytes now buffered (0 at EOF or on error, with
 * the flag set). Output pending on the stream, and on a line-buffered stdout (a prompt),
 * goes out first, as in glibc. */
static size_t refill(FILE *f) {
    if (!(f->flags & F_READ)) {
        f->flags |= F_ERR;
        errno = EBADF;
        return 0;
    }
    __stdio_flush(f);
    if (stdout->mode == _IOLBF && stdout->wpos)
        __stdio_flush(stdout);
    __stdio_setup(f);
    char one;
    char *dst = f->buf ? f->buf : &one;
    size_t cap = f->buf ? f->size : 1;
    ssize_t n;
    do
        n = read(f->fd, dst, cap);
    while (n < 0 && errno == EINTR);
    if (n <= 0) {
        f->flags |= n == 0 ? F_EOF : F_ERR;
        return 0;
    }
    if (!f->buf) { /* unbuffered: hand the byte back through ungot */
        f->ungot = (unsigned char)one;
        return 1;
    }
    f->rpos = 0;
    f->rlen = (size_t)n;
    return (size_t)n;
}

int fgetc(FILE *f) {
    if (f->ungot != EOF) {
        int c = f->ungot;
        f->ungot = EOF;
        return c;
    }
    if (f->rpos == f->rlen && !refill(f))
        return EOF;
    if (f->ungot != EOF)
        return fgetc(f);
    return (unsigned char)f->buf[f->rpos++];
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }

int ungetc(int c, FILE *f) {
    if (c == EOF || f->ungot != EOF)
        return EOF;
    f->ungot = (unsigned char)c;
    f->flags &= ~F_EOF;
    return f->ungot;
}

size_t fread(void *buf, size_t size, size_t n, FILE *f) {
    size_t want = size * n, got = 0;
    char *p = buf;
    if (!want)
        return 0;
    while (got < want) {
        if (f->ungot != EOF || f->rpos == f->rlen) {
            int c = fgetc(f);
            if (c == EOF)
                break;
            p[got++] = (char)c;
            continue;
        }
        size_t chunk = f->rlen - f->rpos < want - got ? f->rlen - f->rpos : want - got;
        memcpy(p + got, f->buf + f->rpos, chunk);
        f->rpos += chunk;
        got += chunk;
    }
    return got / size;
}

char *fgets(char *s, int size, FILE *f) {
    int i = 0;
    if (size <= 0)
        return NULL;
    while (i < size - 1) {
        int c = fgetc(f);
        if (c == EOF)
            break;
        s[i++] = (char)c;
        if (c == '\n')
            break;
    }
    if (i == 0)
        return NULL;
    s[i] = 0;
    return s;
}

#define GETLINE_MIN 128

/* Reads through the next delim into *line (grown with realloc); returns the length, or -1
 * at EOF with nothing read. */
ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f) {
    size_t n = 0;
    for (;;) {
        if (!*line || n + 2 > *cap) {
            size_t ncap = *cap < GETLINE_MIN ? GETLINE_MIN : *cap * 2;
            char *p = realloc(*line, ncap);
            if (!p)
                return -1;
            *line = p;
            *cap = ncap;
        }
        int c = fgetc(f);
        if (c == EOF)
            break;
        (*line)[n++] = (char)c;
        if (c == delim)
            break;
    }
    (*line)[n] = 0;
    return n ? (ssize_t)n : -1;
}

ssize_t getline(char **line, size_t *cap, FILE *f) { return getdelim(line, cap, '\n', f); }
