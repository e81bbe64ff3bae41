/* mmap, munmap, mprotect, mremap, madvise, mincore: Linux's flags
 * (include/uapi/asm-generic/mman-common.h, include/uapi/linux/mman.h) and the bodies of
 * the calls the syscall wrappers hand current->mm to. */
#ifndef MM_MMAP_H
#define MM_MMAP_H
#include <stdint.h>
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_GROWSDOWN 0x0100
#define MAP_DENYWRITE 0x0800
#define MAP_EXECUTABLE 0x1000
#define MAP_LOCKED 0x2000
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_NONBLOCK 0x10000
#define MAP_STACK 0x20000
#define MAP_HUGETLB 0x40000
#define MAP_FIXED_NOREPLACE 0x100000
/* The flags MAP_SHARED_VALIDATE accepts. */
#define MAP_KNOWN (MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_DENYWRITE | \
                   MAP_EXECUTABLE | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE |          \
                   MAP_NONBLOCK | MAP_STACK | MAP_FIXED_NOREPLACE)

/* mremap flags. */
#define MREMAP_MAYMOVE   1
#define MREMAP_FIXED     2
#define MREMAP_DONTUNMAP 4   /* not supported: EINVAL */

/* madvise advice. */
#define MADV_NORMAL     0
#define MADV_RANDOM     1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED   3
#define MADV_DONTNEED   4
#define MADV_FREE       8    /* acts as MADV_DONTNEED */

struct mm;
long mm_remap(struct mm *mm, uint32_t addr, uint32_t old_len, uint32_t new_len,
              uint32_t flags, uint32_t new_addr);
int mm_advise(struct mm *mm, uint32_t start, uint32_t len, uint32_t advice);
int mm_mincore(struct mm *mm, uint32_t start, uint32_t len, uint8_t *uvec);

long do_mmap(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags, int fd, uint32_t pgoff);
#endif
