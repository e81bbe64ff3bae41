/* sys_madvise (Linux's mm/madvise.c).
 *
 * MADV_DONTNEED drops the pages of private anonymous areas: their frames go back to the
 * buddy, emptied page tables too, and the next touch is a demand-zero fault. MADV_FREE
 * (which lets the kernel free the pages whenever it likes) frees them at once, the same
 * way. Shared areas keep their pages: Linux keeps their contents in shmem and refaults
 * them, and here the frame is the only copy. NORMAL, RANDOM, SEQUENTIAL and WILLNEED are
 * hints with nothing to act on (no readahead, no swap). */
#include "mm/mmap.h"
#include "mm/mm.h"
#include "mm/range.h"
#include "syscall/syscall.h"
#include "syscall/sys_decls.h"
#include "proc/proc.h"
#include "lib/errno.h"

static bool advice_known(uint32_t advice) {
    return advice <= MADV_DONTNEED || advice == MADV_FREE;
}

/* Frees the frames of [start, end) in every private VMA the range meets. */
static void drop_pages(struct mm *mm, uint32_t start, uint32_t end) {
    for (struct vm_area *v = vma_find_from(mm, start); v && v->start < end;
         v = vma_next(mm, v)) {
        if (!(v->flags & VM_SHARED))
            mm_unmap_pages(mm, v->start > start ? v->start : start, v->end < end ? v->end : end);
    }
}

/* madvise(start, len, advice): 0, -EINVAL (unknown advice, unaligned start, a length
 * that wraps) or -ENOMEM when part of the range is unmapped; as on Linux the advice is
 * still applied to the parts that are mapped. */
int mm_advise(struct mm *mm, uint32_t start, uint32_t len, uint32_t advice) {
    if (!advice_known(advice) || (start & ~PAGE_MASK))
        return -EINVAL;
    uint32_t alen = PAGE_ALIGN_UP(len);
    if ((len && !alen) || start + alen < start)
        return -EINVAL;
    if (!alen)
        return 0;
    uint32_t end = start + alen;
    bool covered = mm_range_covered(mm, start, end);
    if (advice == MADV_DONTNEED || advice == MADV_FREE)
        drop_pages(mm, start, end);
    return covered ? 0 : -ENOMEM;
}

long sys_madvise(u32 start, u32 len, u32 advice) {
    return mm_advise(current->mm, start, len, advice);
}
