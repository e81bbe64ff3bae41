/* mprotect's body: changing the protection of a page range. */
#include "mm/mm.h"
#include "mm/range.h"
#include "lib/errno.h"

/* Rewrites the PTEs of every page with a frame in v for its (new) protection; a frame
 * shared copy-on-write stays write-protected (mm_frame_pte_flags). */
static void reprotect_pages(struct mm *mm, const struct vm_area *v) {
    pte_t *pte;
    for (uint32_t va = v->start; (pte = mm_next_frame(mm, &va, v->end)); va += PAGE_SIZE)
        pte_set_flags(mm->pgdir, va, mm_frame_pte_flags(v, *pte));
}

/* mprotect: gives [start, start + len) protection prot, splitting VMAs at its ends,
 * updating present PTEs (and the TLB), and merging what became alike. Returns 0, -EINVAL,
 * or -ENOMEM when part of the range is unmapped or a split could not allocate. */
int mm_protect_range(struct mm *mm, uint32_t start, uint32_t len, uint32_t prot) {
    int r = mm_range_args(start, &len);
    if (r || (prot & ~PROT_MASK))
        return r ? r : -EINVAL;
    uint32_t end = start + len;
    if (!mm_range_covered(mm, start, end))
        return -ENOMEM;
    if ((r = mm_split_at(mm, start)) || (r = mm_split_at(mm, end)))
        return r;
    for (struct vm_area *v = vma_find(mm, start); v && v->start < end; v = vma_next(mm, v)) {
        v->prot = prot;
        reprotect_pages(mm, v);
    }
    for (struct vm_area *v = vma_find(mm, start); v; v = vma_next(mm, v)) {
        v = vma_merge(mm, v);
        if (v->end >= end)
            break;
    }
    return 0;
}
