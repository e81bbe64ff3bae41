/* Page-range helpers of the mm layer: see range.h. */
#include "mm/range.h"
#include "lib/errno.h"

/* Checks a page-aligned start and rounds len up; 0 or -EINVAL. */
int mm_range_args(uint32_t start, uint32_t *len) {
    if ((start & ~PAGE_MASK) || !mm_range_ok(start, *len))
        return -EINVAL;
    *len = PAGE_ALIGN_UP(*len);
    return mm_range_ok(start, *len) ? 0 : -EINVAL;
}

/* Makes addr a VMA boundary when it falls strictly inside one. 0 or -ENOMEM. */
int mm_split_at(struct mm *mm, uint32_t addr) {
    struct vm_area *v = vma_find(mm, addr);
    if (!v || v->start == addr)
        return 0;
    return vma_split(mm, v, addr) ? 0 : -ENOMEM;
}

/* True when VMAs cover every page of [start, end) with no hole. */
bool mm_range_covered(struct mm *mm, uint32_t start, uint32_t end) {
    struct vm_area *v = vma_find(mm, start);
    for (uint32_t at = start; v && v->start <= at; v = vma_next(mm, v)) {
        at = v->end;
        if (at >= end)
            return true;
    }
    return false;
}

/* The PTE of the first page in [*va, end) that holds a frame (present or PROT_NONE),
 * with *va moved to that page; NULL when there is none. *va is page aligned and end is
 * at most USER_TOP; spans without a page table are skipped whole. */
pte_t *mm_next_frame(struct mm *mm, uint32_t *va, uint32_t end) {
    for (uint32_t a = *va; a < end;) {
        uint32_t *pt = get_page_table(mm->pgdir, a, false);
        if (!pt) {
            a = pt_span_next(a);
            continue;
        }
        if (pte_has_frame(pt[PTX(a)])) {
            *va = a;
            return &pt[PTX(a)];
        }
        a += PAGE_SIZE;
    }
    return NULL;
}
