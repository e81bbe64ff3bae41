#include "fs/pipe.h"
#include "fs/file.h"
#include "abi/poll.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/string.h"

struct pipe {
    char *buf;
    uint32_t rpos, wpos;        /* free-running; used = wpos - rpos */
    uint32_t readers, writers;
};

static uint32_t pipe_used(const struct pipe *p) { return p->wpos - p->rpos; }

/* Sleeps on the pipe unless nonblocking or interrupted; 0 to retry, or -errno. */
static int pipe_wait(struct pipe *p, struct file *f) {
    if (f->flags & O_NONBLOCK)
        return -EAGAIN;
    if (signal_pending(current))
        return -EINTR;
    sleep_on(p);
    return 0;
}

static long pipe_read(struct file *f, void *buf, size_t len) {
    struct pipe *p = f->priv;
    while (!pipe_used(p)) {
        if (!p->writers)
            return 0;
        int err = pipe_wait(p, f);
        if (err)
            return err;
    }
    size_t n = 0;
    while (n < len && pipe_used(p)) {
        ((char *)buf)[n++] = p->buf[p->rpos++ % PIPE_SIZE];
    }
    wakeup(p);
    return (long)n;
}

static long pipe_write(struct file *f, const void *buf, size_t len) {
    struct pipe *p = f->priv;
    size_t n = 0;
    while (n < len) {
        if (!p->readers) {
            signal_send(current, SIGPIPE);
            return n ? (long)n : -EPIPE;
        }
        uint32_t space = PIPE_SIZE - pipe_used(p);
        bool atomic_wait = len - n <= PIPE_BUF && space < len - n;
        if (!space || atomic_wait) {
            int err = pipe_wait(p, f);
            if (err)
                return n ? (long)n : err;
            continue;
        }
        while (n < len && pipe_used(p) < PIPE_SIZE)
            p->buf[p->wpos++ % PIPE_SIZE] = ((const char *)buf)[n++];
        wakeup(p);
    }
    return (long)n;
}

static void pipe_maybe_free(struct pipe *p) {
    if (!p->readers && !p->writers) {
        kfree(p->buf);
        kfree(p);
    }
}

static void pipe_release_read(struct file *f) {
    struct pipe *p = f->priv;
    p->readers--;
    wakeup(p);
    pipe_maybe_free(p);
}

static void pipe_release_write(struct file *f) {
    struct pipe *p = f->priv;
    p->writers--;
    wakeup(p);
    pipe_maybe_free(p);
}

static int pipe_stat(struct file *f, struct kstat *st) {
    memset(st, 0, sizeof *st);
    st->mode = 0010600;        /* S_IFIFO | 0600 */
    st->nlink = 1;
    st->blksize = PIPE_BUF;
    st->ino = (uint32_t)(uintptr_t)f->priv;
    return 0;
}

static uint32_t pipe_poll_read(struct file *f) {
    struct pipe *p = f->priv;
    return (pipe_used(p) ? POLLIN : 0) | (p->writers ? 0 : POLLHUP);
}

static uint32_t pipe_poll_write(struct file *f) {
    struct pipe *p = f->priv;
    if (!p->readers)
        return POLLERR;
    return PIPE_SIZE - pipe_used(p) >= PIPE_BUF ? POLLOUT : 0;
}

static const struct file_ops pipe_read_ops = {
    .read = pipe_read, .stat = pipe_stat, .release = pipe_release_read, .poll = pipe_poll_read,
};
static const struct file_ops pipe_write_ops = {
    .write = pipe_write, .stat = pipe_stat, .release = pipe_release_write, .poll = pipe_poll_write,
};

int pipe_create(struct file **rd, struct file **wr, unsigned flags) {
    struct pipe *p = kzalloc(sizeof *p);
    char *buf = kmalloc(PIPE_SIZE);
    struct file *r = NULL, *w = NULL;
    if (p && buf) {
        p->buf = buf;
        r = file_alloc(&pipe_read_ops, O_RDONLY | (flags & O_NONBLOCK), p);
        w = file_alloc(&pipe_write_ops, O_WRONLY | (flags & O_NONBLOCK), p);
    }
    if (!r || !w) {
        kfree(r);
        kfree(w);
        kfree(buf);
        kfree(p);
        return -ENOMEM;
    }
    p->readers = p->writers = 1;
    *rd = r;
    *wr = w;
    return 0;
}
