/* Reference-counted file identities behind VMAs: see backing.h. */
#include "mm/backing.h"
#include "mm/kheap.h"
#include "lib/panic.h"
#include "lib/string.h"

struct vm_backing *backing_create(uint32_t dev, uint32_t ino, const char *path) {
    struct vm_backing *b = kzalloc(sizeof *b);
    if (!b)
        return NULL;
    if (path) {
        size_t len = strlen(path) + 1;
        b->path = kmalloc(len);
        if (!b->path) {
            kfree(b);
            return NULL;
        }
        memcpy(b->path, path, len);
    }
    b->refcount = 1;
    b->dev = dev;
    b->ino = ino;
    return b;
}

struct vm_backing *backing_get(struct vm_backing *b) {
    if (b)
        b->refcount++;
    return b;
}

void backing_put(struct vm_backing *b) {
    if (!b)
        return;
    KASSERT(b->refcount > 0, "backing %p: put with no references", (void *)b);
    if (--b->refcount == 0) {
        kfree(b->path);
        kfree(b);
    }
}
