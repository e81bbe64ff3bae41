/* The kernel heap: kmalloc/kfree on top of the buddy allocator.
 *
 * Small requests (1..KMALLOC_MAX_SLOT bytes) are rounded up to one of KHEAP_NR_CLASSES size
 * classes and served from slabs: order-0 pages carved into equal slots (PG_slab,
 * page->private = the class). Larger requests get a whole buddy block of the smallest
 * sufficient order (up to 4 MiB). Every pointer is at least KMALLOC_ALIGN-aligned; blocks
 * of a power-of-two class are aligned to their size, large blocks to a page.
 * kfree of anything kmalloc did not return (an interior pointer, a stack or static
 * address, a page from buddy_alloc, a slot or block already freed) panics naming it.
 * Pure module (builds for the host). Not reentrant, like the buddy allocator under it. */
#ifndef MM_KHEAP_H
#define MM_KHEAP_H
#include <stddef.h>
#include <stdint.h>

#define KMALLOC_ALIGN 16
#define KMALLOC_MAX_SLOT 2048
#define KHEAP_NR_CLASSES 14 /* 16 32 48 64 96 128 192 256 384 512 768 1024 1536 2048 */

void kheap_init(void);           /* after the buddy allocator has memory; resets the heap */
void *kmalloc(size_t size);      /* NULL for size 0, when too large (> 4 MiB), or when out of memory */
void *kzalloc(size_t size);      /* kmalloc, then zeroed */
void kfree(void *ptr);           /* NULL is a no-op */
void kheap_shrink(void);         /* gives the cached empty slabs back to the buddy allocator */

struct kheap_class_stats {
    uint32_t size;               /* slot size in bytes */
    uint32_t slabs;              /* pages carved into slots of this size */
    uint32_t objects;            /* live allocations */
};

struct kheap_stats {
    uint32_t bytes_in_use;       /* slot_bytes + large_bytes */
    uint32_t slot_bytes;         /* live objects x their slot size */
    uint32_t large_bytes;        /* live large blocks, whole pages */
    uint32_t slabs;              /* pages held as slabs (including cached empty ones) */
    uint32_t large_blocks;       /* live large allocations */
    uint32_t allocs, frees, failures; /* since kheap_init */
    struct kheap_class_stats cls[KHEAP_NR_CLASSES];
};

void kheap_get_stats(struct kheap_stats *out);
/* Human-readable statistics, several '\n'-terminated lines; snprintf's return contract. */
int kheap_stats_format(char *buf, size_t size);
void kheap_print_stats(void);    /* kernel only (kprintf); defined in mm/meminit.c */

/* The size-class arithmetic, exposed for tests. */
int kmalloc_class(size_t size);          /* smallest class holding size, -1 if none (large) */
uint32_t kmalloc_class_size(int cls);    /* slot size of a class */
int kmalloc_large_order(size_t size);    /* buddy order for a large request, -1 if > 4 MiB */
#endif
