/* The user-space allocator (user/lib/malloc.c): the C and POSIX allocation API plus the
 * glibc extensions programs expect (memalign, valloc, pvalloc, malloc_usable_size,
 * malloc_trim, malloc_stats), and lingos_malloc_stats() for tests.
 *
 * Host unit tests build malloc.c with -DMALLOC_PREFIX_LM, which renames every entry point
 * to lm_* so the test links beside glibc's allocator instead of replacing it; include this
 * header first in such a test so the C library's own declarations get renamed too. */
#ifndef USER_LIB_MALLOC_H
#define USER_LIB_MALLOC_H
#include <stddef.h>

#ifdef MALLOC_PREFIX_LM
#define malloc lm_malloc
#define free lm_free
#define calloc lm_calloc
#define realloc lm_realloc
#define reallocarray lm_reallocarray
#define aligned_alloc lm_aligned_alloc
#define posix_memalign lm_posix_memalign
#define memalign lm_memalign
#define valloc lm_valloc
#define pvalloc lm_pvalloc
#define malloc_usable_size lm_malloc_usable_size
#define malloc_trim lm_malloc_trim
#define malloc_stats lm_malloc_stats
#endif

void *malloc(size_t size);
void free(void *ptr);
void *calloc(size_t count, size_t size);
void *realloc(void *ptr, size_t size);
void *reallocarray(void *ptr, size_t count, size_t size);
void *aligned_alloc(size_t alignment, size_t size);
int posix_memalign(void **out, size_t alignment, size_t size);
void *memalign(size_t alignment, size_t size);
void *valloc(size_t size);
void *pvalloc(size_t size);
size_t malloc_usable_size(void *ptr);
int malloc_trim(size_t pad);
void malloc_stats(void);

/* A snapshot of the allocator's counters (all in bytes unless named *_count). */
struct lingos_malloc_stats {
    size_t heap_bytes;   /* brk/segment memory currently held from the kernel */
    size_t heap_peak;    /* the most heap_bytes has been */
    size_t mmap_bytes;   /* memory held in per-block mappings (large requests) */
    size_t mmap_peak;    /* the most mmap_bytes has been */
    size_t mmap_count;   /* live per-block mappings */
    size_t in_use;       /* bytes of chunks handed out and not freed (headers included) */
    size_t segments;     /* heap segments started (1 + foreign-brk or mmap fallbacks) */
    size_t mmap_threshold; /* current size from which requests get their own mapping */
};
void lingos_malloc_stats(struct lingos_malloc_stats *out);
#endif
