/* Streams: the three standard ones, fopen/fdopen/fclose, buffering and flushing. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "stdio_impl.h"

static char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];
static FILE std_files[3] = {
    {0, F_READ | F_STATIC, _IOFBF, stdin_buf, BUFSIZ, 0, 0, 0, EOF, &std_files[1]},
    {1, F_WRITE | F_STATIC, MODE_UNDECIDED, stdout_buf, BUFSIZ, 0, 0, 0, EOF, &std_files[2]},
    {2, F_WRITE | F_STATIC, _IONBF, NULL, 0, 0, 0, 0, EOF, NULL},
};
FILE *stdin = &std_files[0], *stdout = &std_files[1], *stderr = &std_files[2];
static FILE *open_files = &std_files[0];

void __stdio_link(FILE *f) {
    f->next = open_files;
    open_files = f;
}

void __stdio_unlink(FILE *f) {
    for (FILE **p = &open_files; *p; p = &(*p)->next)
        if (*p == f) {
            *p = f->next;
            return;
        }
}

int __stdio_write_all(int fd, const char *p, size_t n) {
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* stdout is line-buffered on a terminal, fully buffered elsewhere (as glibc). */
void __stdio_setup(FILE *f) {
    if (f->mode == MODE_UNDECIDED)
        f->mode = isatty(f->fd) ? _IOLBF : _IOFBF;
    if (!f->buf && f->mode != _IONBF) {
        f->buf = malloc(BUFSIZ);
        if (f->buf) {
            f->size = BUFSIZ;
            f->flags |= F_OWNBUF;
        } else {
            f->mode = _IONBF;
        }
    }
}

int __stdio_flush(FILE *f) {
    if (!f->wpos)
        return 0;
    int r = __stdio_write_all(f->fd, f->buf, f->wpos);
    f->wpos = 0;
    if (r < 0) {
        f->flags |= F_ERR;
        return EOF;
    }
    return 0;
}

void __stdio_drop_input(FILE *f) {
    size_t unread = f->rlen - f->rpos + (f->ungot != EOF);
    if (unread)
        lseek(f->fd, -(off_t)unread, SEEK_CUR);
    f->rpos = f->rlen = 0;
    f->ungot = EOF;
}

int fflush(FILE *f) {
    if (!f) {
        int r = 0;
        for (FILE *p = open_files; p; p = p->next)
            if (p->wpos && fflush(p) == EOF)
                r = EOF;
        return r;
    }
    if (f->rlen || f->ungot != EOF)
        __stdio_drop_input(f);
    return __stdio_flush(f);
}

void __stdio_exit(void) { fflush(NULL); }

/* fopen's mode string to open(2) flags; -1 (EINVAL) when it starts with none of r w a. */
static int mode_flags(const char *mode, int *sflags) {
    int flags;
    switch (*mode) {
    case 'r': flags = O_RDONLY; *sflags = F_READ; break;
    case 'w': flags = O_WRONLY | O_CREAT | O_TRUNC; *sflags = F_WRITE; break;
    case 'a': flags = O_WRONLY | O_CREAT | O_APPEND; *sflags = F_WRITE | F_APPEND; break;
    default: errno = EINVAL; return -1;
    }
    for (const char *m = mode + 1; *m; m++) {
        if (*m == '+') {
            flags = (flags & ~O_ACCMODE) | O_RDWR;
            *sflags |= F_READ | F_WRITE;
        } else if (*m == 'x') {
            flags |= O_EXCL;
        } else if (*m == 'e') {
            flags |= O_CLOEXEC;
        }
    }
    return flags;
}

FILE *fdopen(int fd, const char *mode) {
    int sflags;
    if (mode_flags(mode, &sflags) < 0)
        return NULL;
    FILE *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->fd = fd;
    f->flags = sflags;
    f->mode = _IOFBF;
    f->ungot = EOF;
    __stdio_link(f);
    return f;
}

FILE *fopen(const char *path, const char *mode) {
    int sflags, flags = mode_flags(mode, &sflags);
    if (flags < 0)
        return NULL;
    int fd = open(path, flags, 0666);
    if (fd < 0)
        return NULL;
    FILE *f = fdopen(fd, mode);
    if (!f)
        close(fd);
    return f;
}

int fclose(FILE *f) {
    int r = fflush(f);
    if (close(f->fd) < 0)
        r = EOF;
    if (f->flags & F_OWNBUF)
        free(f->buf);
    if (f->flags & F_STATIC) {
        f->flags = 0;
        f->buf = NULL;
        return r;
    }
    __stdio_unlink(f);
    free(f);
    return r;
}

int setvbuf(FILE *f, char *buf, int mode, size_t size) {
    if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
        errno = EINVAL;
        return -1;
    }
    fflush(f);
    if (f->flags & F_OWNBUF)
        free(f->buf);
    f->flags &= ~F_OWNBUF;
    f->mode = mode;
    f->buf = mode == _IONBF ? NULL : buf;
    f->size = f->buf ? size : 0;
    return 0;
}

void setbuf(FILE *f, char *buf) { setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ); }
int fileno(FILE *f) { return f->fd; }
int feof(FILE *f) { return (f->flags & F_EOF) != 0; }
int ferror(FILE *f) { return (f->flags & F_ERR) != 0; }
void clearerr(FILE *f) { f->flags &= ~(F_EOF | F_ERR); }

int fseek(FILE *f, long off, int whence) {
    if (fflush(f) == EOF)
        return -1;
    if (lseek(f->fd, off, whence) < 0)
        return -1;
    f->flags &= ~F_EOF;
    return 0;
}

long ftell(FILE *f) {
    off_t pos = lseek(f->fd, 0, SEEK_CUR);
    if (pos < 0)
        return -1;
    return (long)(pos - (off_t)(f->rlen - f->rpos) - (f->ungot != EOF) + (off_t)f->wpos);
}

void rewind(FILE *f) {
    fseek(f, 0, SEEK_SET);
    clearerr(f);
}
