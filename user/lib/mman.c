/* Memory mappings: mmap via mmap2(192), whose offset counts 4 KiB pages. */
#include <stdarg.h>
#include <sys/mman.h>
#include "sys.h"

#define MMAP2_UNIT 4096

/* A mapping address, or MAP_FAILED with errno (addresses above -4096 are errors). */
static void *map_result(long r) {
    if (sys_is_err(r)) {
        errno = (int)-r;
        return MAP_FAILED;
    }
    return (void *)r;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
    if (off % MMAP2_UNIT) {
        errno = EINVAL;
        return MAP_FAILED;
    }
    long r = sys6(SYS_mmap2, (long)addr, (long)len, prot, flags, fd, (long)(off / MMAP2_UNIT));
    return map_result(r);
}

int munmap(void *addr, size_t len) { return sys_ret(sys2(SYS_munmap, (long)addr, len)); }
int mprotect(void *addr, size_t len, int prot) {
    return sys_ret(sys3(SYS_mprotect, (long)addr, len, prot));
}
int madvise(void *addr, size_t len, int advice) {
    return sys_ret(sys3(SYS_madvise, (long)addr, len, advice));
}
int msync(void *addr, size_t len, int flags) {
    return sys_ret(sys3(SYS_msync, (long)addr, len, flags));
}
int mincore(void *addr, size_t len, unsigned char *vec) {
    return sys_ret(sys3(SYS_mincore, (long)addr, len, (long)vec));
}

/* mremap(addr, old, new, flags [, new_addr with MREMAP_FIXED]). */
void *mremap(void *addr, size_t old_len, size_t new_len, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    long new_addr = (flags & MREMAP_FIXED) ? va_arg(ap, long) : 0;
    va_end(ap);
    long r = sys5(SYS_mremap, (long)addr, old_len, new_len, flags, new_addr);
    return map_result(r);
}
