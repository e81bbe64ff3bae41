/* mmap, munmap, mprotect, mremap, madvise, mincore: the bodies of the calls the syscall
 * wrappers hand current->mm to. Their flags are Linux's (abi/mman.h); MREMAP_DONTUNMAP
 * is refused (EINVAL) and MADV_FREE acts as MADV_DONTNEED; file mappings are copies
 * read at mmap time (mmap_file.c). */
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

/* File mappings (mmap_file.c). mmap_file_check: whether f may be mapped with prot and
 * flags at file page pgoff for len bytes: 0, -EACCES (not open for reading; shared and
 * writable without write access), -ENODEV (not a regular file; shared and writable, not
 * supported yet) or -EOVERFLOW. Checked before anything is unmapped. */
struct file;
int mmap_file_check(struct file *f, uint32_t prot, uint32_t flags, uint32_t len, uint32_t pgoff);
/* Maps [addr, addr + len) (page aligned, free) with a VMA backed by f from file page pgoff
 * and reads the file's bytes in. 0, -ENOMEM or -EIO (nothing stays mapped then). */
int mm_map_file(struct mm *mm, uint32_t addr, uint32_t len, uint32_t prot, uint32_t vmflags,
                struct file *f, uint32_t pgoff);
/* Names every anonymous VMA lying wholly inside [start, end) as the file (dev, ino, path)
 * for /proc/PID/maps (an ELF interpreter's segments); 0 or -ENOMEM. */
int mm_name_range(struct mm *mm, uint32_t start, uint32_t end, uint32_t dev, uint32_t ino,
                  const char *path);
#endif
