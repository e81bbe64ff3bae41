/* sys_mmap (mmap2 and the old struct form), sys_munmap, sys_mprotect.
 *
 * The textbook's sys_mmap allocates and maps every page at once and never checks that
 * buddy_alloc succeeded: a large mapping exhausts RAM and a failed allocation maps a
 * NULL frame. Here a mapping is only a VMA; pages come from demand-zero faults, so
 * mappings whose sum exceeds RAM are fine until touched, and a fault with no page left
 * kills only the process that touched it. File mappings are read in at once
 * (mmap_file.c). */
#include "mm/mmap.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "syscall/syscall.h"
#include "proc/proc.h"
#include "proc/files.h"
#include "lib/errno.h"

/* Checks a fixed range and makes room for it; returns 0 or -errno. */
static int place_fixed(struct mm *mm, uint32_t addr, uint32_t len, uint32_t flags) {
    if (addr & ~PAGE_MASK)
        return -EINVAL;
    if (addr + len < addr || addr + len > USER_TOP)
        return -ENOMEM;
    if (addr < MMAP_MIN_ADDR)
        return -EPERM;
    if (flags & MAP_FIXED_NOREPLACE)
        return mm_find_free(mm, len, addr) == addr ? 0 : -EEXIST;
    return mm_unmap_range(mm, addr, len);
}

long do_mmap(uint32_t addr, uint32_t len, uint32_t prot, uint32_t flags, int fd, uint32_t pgoff) {
    struct mm *mm = current->mm;
    uint32_t type = flags & MAP_TYPE;
    if (!len || (prot & ~PROT_MASK))
        return -EINVAL;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
        return -EINVAL;
    if (type == MAP_SHARED_VALIDATE && (flags & ~MAP_KNOWN))
        return -EOPNOTSUPP;
    struct file *f = NULL;
    if (!(flags & MAP_ANONYMOUS)) {
        f = fd_file(current, fd);
        if (!f)
            return -EBADF;
        int err = mmap_file_check(f, prot, flags, len, pgoff);
        if (err)
            return err;
    }
    if (len > USER_TOP - MMAP_MIN_ADDR)
        return -ENOMEM;
    len = PAGE_ALIGN_UP(len);
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        int err = place_fixed(mm, addr, len, flags);
        if (err)
            return err;
    } else {
        addr = mm_find_free(mm, len, addr);
        if (!addr)
            return -ENOMEM;
    }
    uint32_t vmflags = type == MAP_PRIVATE ? 0 : VM_SHARED;
    if (f) {
        int err = mm_map_file(mm, addr, len, prot, vmflags, f, pgoff);
        return err ? err : (long)addr;
    }
    return mm_map_anon(mm, addr, len, prot, vmflags) ? -ENOMEM : (long)addr;
}

long sys_mmap2(u32 addr, u32 len, u32 prot, u32 flags, u32 fd, u32 pgoff) {
    return do_mmap(addr, len, prot, flags, (int)fd, pgoff);
}

/* The old i386 mmap: one pointer to the six arguments, offset in bytes. */
long sys_old_mmap(u32 uargs) {
    uint32_t a[6];
    if (copy_from_user(a, (void *)uargs, sizeof a))
        return -EFAULT;
    if (a[5] & ~PAGE_MASK)
        return -EINVAL;
    return do_mmap(a[0], a[1], a[2], a[3], (int)a[4], a[5] >> PAGE_SHIFT);
}

long sys_munmap(u32 addr, u32 len) {
    if ((addr & ~PAGE_MASK) || !len || addr + len < addr || addr >= USER_TOP)
        return -EINVAL;
    if (addr + len > USER_TOP)
        len = USER_TOP - addr;
    return mm_unmap_range(current->mm, addr, len);
}

long sys_mprotect(u32 addr, u32 len, u32 prot) {
    if (addr & ~PAGE_MASK)
        return -EINVAL;
    if (prot & ~PROT_MASK)
        return -EINVAL;
    if (!len)
        return 0;
    if (addr + len < addr || PAGE_ALIGN_UP(addr + len) > USER_TOP)
        return -ENOMEM;
    return mm_protect_range(current->mm, addr, len, prot);
}
