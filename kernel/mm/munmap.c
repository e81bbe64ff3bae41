/* munmap's body: removing a page range from an address space. */
#include "mm/mm.h"
#include "mm/range.h"
#include "lib/errno.h"

/* munmap: removes [start, start + len) from mm, splitting VMAs that straddle its ends and
 * freeing the pages and emptied page tables. Holes in the range are fine. Returns 0,
 * -EINVAL, or -ENOMEM when a split could not allocate (nothing is unmapped then). */
int mm_unmap_range(struct mm *mm, uint32_t start, uint32_t len) {
    int r = mm_range_args(start, &len);
    if (r)
        return r;
    uint32_t end = start + len;
    if ((r = mm_split_at(mm, start)) || (r = mm_split_at(mm, end)))
        return r;
    struct vm_area *v = vma_find_from(mm, start);
    while (v && v->start < end) {
        struct vm_area *next = vma_next(mm, v);
        mm_unmap_pages(mm, v->start, v->end);
        vma_remove(mm, v);
        v = next;
    }
    return 0;
}
