/* Memory mappings: mmap goes through mmap2(192) (offset in 4 KiB pages). */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H
#include <features.h>
#include <sys/types.h>
#include "abi/mman.h"

#define MAP_FAILED ((void *)-1)

__BEGIN_DECLS
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
void *mremap(void *addr, size_t old_len, size_t new_len, int flags, ...);
int madvise(void *addr, size_t len, int advice);
int msync(void *addr, size_t len, int flags);
int mincore(void *addr, size_t len, unsigned char *vec);
__END_DECLS
#endif
