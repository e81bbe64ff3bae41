/* sys_brk: the program break, with Linux's semantics (mm/mmap.c's brk).
 *
 * The textbook's sys_brk maps physical page 0 at every new heap page, so every process
 * would share (and scribble on) frame 0. Here growing the break only extends the heap
 * VMA; the pages arrive one by one from demand-zero faults. Shrinking unmaps and frees
 * the pages above the new break, so memory regrown later reads as zero. A change that
 * cannot be made (into another mapping or the stack's guard gap, or below the start of
 * the heap) leaves the break where it was, and the old break is returned. */
#include "mm/mm.h"
#include "syscall/syscall.h"
#include "proc/proc.h"

/* Extends the heap VMA from old_end to new_end (both page aligned), creating it on the
 * first growth. */
static int brk_grow(struct mm *mm, uint32_t old_end, uint32_t new_end) {
    struct vm_area *heap = old_end > mm->brk_start ? vma_find(mm, old_end - 1) : NULL;
    if (heap && (heap->flags & VM_HEAP))
        return vma_extend(mm, heap, new_end);
    if (mm_find_free(mm, new_end - old_end, old_end) != old_end)
        return -1;
    return mm_map_anon(mm, old_end, new_end - old_end, PROT_READ | PROT_WRITE, VM_HEAP);
}

long sys_brk(u32 want) {
    struct mm *mm = current->mm;
    if (want < mm->brk_start || want > USER_TOP)
        return (long)mm->brk;
    uint32_t old_end = PAGE_ALIGN_UP(mm->brk), new_end = PAGE_ALIGN_UP(want);
    if (new_end > old_end && brk_grow(mm, old_end, new_end))
        return (long)mm->brk;
    if (new_end < old_end && mm_unmap_range(mm, new_end, old_end - new_end))
        return (long)mm->brk;
    mm->brk = want;
    return (long)want;
}
