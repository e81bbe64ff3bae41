/* sys_mincore (Linux's mm/mincore.c): one byte per page of a range, bit 0 set when the
 * page is resident, that is when its PTE holds a frame. A page not touched since it was
 * mapped (or since MADV_DONTNEED) reads 0; a PROT_NONE page that kept its frame reads 1,
 * as on Linux. */
#include "mm/mmap.h"
#include "mm/mm.h"
#include "mm/range.h"
#include "mm/uaccess.h"
#include "syscall/syscall.h"
#include "syscall/sys_decls.h"
#include "proc/proc.h"
#include "lib/errno.h"
#include "lib/panic.h"

#define MINCORE_CHUNK 64   /* vector bytes gathered on the stack per copy_to_user */

/* Fills buf with the residency bytes of n pages from va. */
static void residency(struct mm *mm, uint32_t va, uint8_t *buf, uint32_t n) {
    for (uint32_t i = 0; i < n; i++, va += PAGE_SIZE) {
        pte_t *pte = pte_lookup(mm->pgdir, va);
        buf[i] = pte && pte_has_frame(*pte);
    }
}

/* mincore(start, len, uvec) on the active mm: 0, -EINVAL (unaligned start), -ENOMEM
 * (part of the range is unmapped or not user space) or -EFAULT (uvec cannot take the
 * ceil(len / PAGE_SIZE) bytes). */
int mm_mincore(struct mm *mm, uint32_t start, uint32_t len, uint8_t *uvec) {
    KASSERT(mm == mm_active, "mincore: mm %p is not the active one", (void *)mm);
    if (start & ~PAGE_MASK)
        return -EINVAL;
    if (!len)
        return 0;
    if (!mm_range_ok(start, len))
        return -ENOMEM;
    uint32_t pages = PAGE_ALIGN_UP(len) >> PAGE_SHIFT;
    if (!access_ok(uvec, pages))
        return -EFAULT;
    if (!mm_range_covered(mm, start, start + (pages << PAGE_SHIFT)))
        return -ENOMEM;
    uint8_t buf[MINCORE_CHUNK];
    for (uint32_t done = 0; done < pages;) {
        uint32_t n = pages - done < MINCORE_CHUNK ? pages - done : MINCORE_CHUNK;
        residency(mm, start + (done << PAGE_SHIFT), buf, n);
        if (copy_to_user(uvec + done, buf, n))
            return -EFAULT;
        done += n;
    }
    return 0;
}

long sys_mincore(u32 start, u32 len, u32 vec) {
    return mm_mincore(current->mm, start, len, (uint8_t *)vec);
}
