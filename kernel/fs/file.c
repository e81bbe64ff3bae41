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
