/* mmap, munmap, mprotect, mremap, madvise, mincore: the bodies of the calls the syscall
 * wrappers hand current->mm to. Their flags are Linux's (abi/mman.h); MREMAP_DONTUNMAP
 * is refused (EINVAL) and MADV_FREE acts as MADV_DONTNEED. */
#ifndef MM_MMAP_H
#define MM_MMAP_H
#include <stdint.h>
#include "abi/mman.h"

/* The flags MAP_SHARED_VALIDATE accepts. */
#define MAP_KNOWN (MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_DENYWRITE | \
                   MAP_EXECUTABLE | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE |          \
                   MAP_NONBLOCK | MAP_STACK | MAP_FIXED_NOREPLACE)

struct mm;
long mm_remap(struct mm *mm, uint32_t addr, uint32_t old_len, uint32_t new_len,
              uint32_t flags, uint32_t new_addr);
int mm_advise(struct mm *mm, uint32_t start, uint32_t len, uint32_t advice);
int mm_mincore(struct mm *mm, uint32_t start, uint32_t len, uint8_t *uvec);

long do_mmap(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags, int fd, uint32_t pgoff);
#endif
