#include "fs/file.h"
#include "mm/kheap.h"
#include "lib/panic.h"

struct file *file_alloc(const struct file_ops *ops, uint32_t flags, void *priv) {
    struct file *f = kzalloc(sizeof *f);
    if (!f)
        return NULL;
    f->ops = ops;
    f->flags = flags;
    f->priv = priv;
    f->refcount = 1;
    return f;
}

struct file *file_get(struct file *f) {
    KASSERT(f->refcount > 0, "file_get on a released file %p", (void *)f);
    f->refcount++;
    return f;
}

void file_put(struct file *f) {
    KASSERT(f->refcount > 0, "file_put on a released file %p", (void *)f);
    if (--f->refcount)
        return;
    if (f->ops->release)
        f->ops->release(f);
    kfree(f);
}

long file_pread(struct file *f, uint64_t off, void *buf, size_t len) {
    uint64_t saved = f->pos;
    f->pos = off;
    long total = 0;
    while ((size_t)total < len) {
        long n = f->ops->read(f, (char *)buf + total, len - (size_t)total);
        if (n <= 0) {
            if (!total)
                total = n;
            break;
        }
        total += n;
    }
    f->pos = saved;
    return total;
}
