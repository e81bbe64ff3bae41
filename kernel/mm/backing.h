/* What backs a VMA (struct vm_area.backing): for now only the identity of the file a
 * mapping was read from (device, inode, and the path when the mapper knows it), which
 * /proc/PID/maps prints. The pages themselves are copied in when the mapping is made
 * (mmap_file.c), so a backing holds no file reference and no page cache.
 *
 * A backing is shared by every VMA cut from the same mapping (split, fork, mremap): each
 * VMA holds one reference, taken with backing_get and dropped by vma_free. */
#ifndef MM_BACKING_H
#define MM_BACKING_H
#include <stdint.h>

struct vm_backing {
    uint32_t refcount;      /* VMAs pointing here */
    uint32_t dev, ino;      /* the file's identity (kstat dev, ino) */
    char *path;             /* absolute path, or NULL when unknown (an mmap of an fd) */
};

/* A new backing with one reference (path copied; may be NULL), or NULL when out of
 * memory. */
struct vm_backing *backing_create(uint32_t dev, uint32_t ino, const char *path);
/* One more reference; b may be NULL (an anonymous VMA). Returns b. */
struct vm_backing *backing_get(struct vm_backing *b);
/* Drops one reference, freeing b with the last; b may be NULL. */
void backing_put(struct vm_backing *b);
#endif
