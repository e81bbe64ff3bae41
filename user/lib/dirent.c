/* Directory streams: a buffer of linux_dirent64 records filled by getdents64(220). */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include "sys.h"

#define DIRBUF_SIZE 4096

struct _DIR {
    int fd;
    int pos, len; /* the unread records are buf[pos..len) */
    char buf[DIRBUF_SIZE] __attribute__((aligned(8)));
};

DIR *fdopendir(int fd) {
    DIR *d = malloc(sizeof *d);
    if (!d)
        return NULL;
    d->fd = fd;
    d->pos = d->len = 0;
    return d;
}

DIR *opendir(const char *path) {
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    DIR *d = fdopendir(fd);
    if (!d)
        close(fd);
    return d;
}

/* The next entry (valid until the next readdir/closedir), or NULL at the end or on error
 * (errno tells them apart: it is left unchanged at the end). */
struct dirent *readdir(DIR *d) {
    if (d->pos >= d->len) {
        long n = sys3(SYS_getdents64, d->fd, (long)d->buf, sizeof d->buf);
        if (n <= 0) {
            if (n < 0)
                errno = (int)-n;
            return NULL;
        }
        d->pos = 0;
        d->len = (int)n;
    }
    struct dirent *e = (struct dirent *)(d->buf + d->pos);
    d->pos += e->d_reclen;
    return e;
}

int closedir(DIR *d) {
    int r = close(d->fd);
    free(d);
    return r;
}

void rewinddir(DIR *d) {
    lseek(d->fd, 0, SEEK_SET);
    d->pos = d->len = 0;
}

int dirfd(DIR *d) { return d->fd; }
