/* sys_mremap: resizing and moving a mapping (Linux's mm/mremap.c).
 *
 * A shrink unmaps the tail. A growth extends the VMA in place when the range after it is
 * free; otherwise, with MREMAP_MAYMOVE (or to MREMAP_FIXED's address), the pages move: a
 * new VMA with the same protection takes the range, and every PTE that holds a frame
 * (present or PROT_NONE) is rewritten at the new address with the same frame and bits.
 * Nothing is copied or freed, rss stays, and untouched pages stay lazy. */
#include "mm/mmap.h"
#include "mm/mm.h"
#include "mm/backing.h"
#include "mm/range.h"
#include "mm/buddy.h"
#include "syscall/syscall.h"
#include "syscall/sys_decls.h"
#include "proc/proc.h"
#include "lib/errno.h"
#include "lib/panic.h"

#define MREMAP_KNOWN (MREMAP_MAYMOVE | MREMAP_FIXED)

/* The VMA flags a moved area keeps: the heap is where brk says and the stack ends at
 * stack_top, so a moved piece of either is a plain anonymous area. */
#define VM_MOVE_KEEP VM_SHARED

/* Whether [addr, addr + len) lies inside v, the VMA containing addr: 0, -EFAULT (no
 * VMA there, or the range runs past its end) or -EINVAL for len 0 (Linux duplicates a
 * shared mapping then, which anonymous frames here cannot be). */
static int check_inside(const struct vm_area *v, uint32_t addr, uint32_t len) {
    if (!v)
        return -EFAULT;
    if (!len)
        return -EINVAL;
    return len > v->end - addr ? -EFAULT : 0;
}

/* Unmaps the tail [addr + keep, addr + len) of a range; -EINVAL when the range does not
 * lie in user space (Linux's munmap check on the tail). */
static int unmap_tail(struct mm *mm, uint32_t addr, uint32_t keep, uint32_t len) {
    if (addr > USER_TOP || len > USER_TOP - addr)
        return -EINVAL;
    return len > keep ? mm_unmap_range(mm, addr + keep, len - keep) : 0;
}

/* The page tables moving the frames of [from, from + len) to `to` must allocate: one per
 * 4 MiB span of the destination that receives a frame and has no table yet. A table the
 * move frees on the source side comes back to the buddy before it can be needed again,
 * so with this many pages free the move cannot run out (one CPU, a non-preemptible
 * kernel, nothing allocates from interrupts). */
static uint32_t tables_needed(struct mm *mm, uint32_t from, uint32_t to, uint32_t len) {
    uint32_t n = 0, last = UINT32_MAX;
    pte_t *pte;
    for (uint32_t va = from; (pte = mm_next_frame(mm, &va, from + len)); va += PAGE_SIZE) {
        uint32_t dst = va - from + to;
        if (PDX(dst) != last && !get_page_table(mm->pgdir, dst, false))
            n++;
        last = PDX(dst);
    }
    return n;
}

/* Moves every frame of [from, from + len) to the same offset from `to` (a range with no
 * PTEs), keeping the PTE bits; map_page and pte_clear flush both addresses. */
static void move_frames(struct mm *mm, uint32_t from, uint32_t to, uint32_t len) {
    pte_t *pte;
    for (uint32_t va = from; (pte = mm_next_frame(mm, &va, from + len)); va += PAGE_SIZE) {
        uint32_t dst = va - from + to;
        int r = map_page(mm->pgdir, dst, pte_paddr(*pte), *pte & PTE_FLAGS_MASK);
        KASSERT(r == 0, "mremap %#x -> %#x: no page table despite the reserve", va, dst);
        (void)pte_clear(mm->pgdir, va);
    }
}

/* Moves [addr, addr + old_len), inside VMA v, to a new VMA [to, to + new_len) (free,
 * page aligned, new_len >= old_len) and removes the old range. Returns 0 or -ENOMEM,
 * when nothing has moved. */
static int move_area(struct mm *mm, struct vm_area *v, uint32_t addr, uint32_t old_len,
                     uint32_t to, uint32_t new_len) {
    struct vm_area *nv = vma_alloc(to, to + new_len, v->prot, v->flags & VM_MOVE_KEEP);
    if (!nv)
        return -ENOMEM;
    nv->backing = backing_get(v->backing);
    nv->pgoff = v->backing ? v->pgoff + ((addr - v->start) >> PAGE_SHIFT) : 0;
    if (mm_split_at(mm, addr) || mm_split_at(mm, addr + old_len) ||
        buddy_nr_free() < tables_needed(mm, addr, to, old_len)) {
        vma_merge(mm, vma_find(mm, addr));   /* undo a split */
        vma_free(nv);
        return -ENOMEM;
    }
    int r = vma_insert(mm, nv);
    KASSERT(r == 0, "mremap: destination [%#x,%#x) is not free (%d)", to, to + new_len, r);
    move_frames(mm, addr, to, old_len);
    r = mm_unmap_range(mm, addr, old_len);   /* split already: cannot fail */
    KASSERT(r == 0, "mremap: unmapping the old range [%#x,+%#x) failed (%d)", addr, old_len, r);
    vma_merge(mm, nv);
    return 0;
}

/* Grows v, whose end is the end of the range [addr, addr + old_len), to addr + new_len
 * when nothing is in the way (vma_extend's rule: clear of the next VMA and a stack's
 * reserve). The heap VMA is never grown here: brk owns its end. */
static bool grow_in_place(struct mm *mm, struct vm_area *v, uint32_t addr, uint32_t old_len,
                          uint32_t new_len) {
    if (addr + old_len != v->end || (v->flags & VM_HEAP) || new_len > USER_TOP - addr)
        return false;
    if (vma_extend(mm, v, addr + new_len))
        return false;
    vma_merge(mm, v);
    return true;
}

/* MREMAP_FIXED: the range moves to `to` whatever was there (unmapped first). The checks
 * come before anything is unmapped. */
static long remap_fixed(struct mm *mm, uint32_t addr, uint32_t old_len, uint32_t new_len,
                        uint32_t to) {
    if ((to & ~PAGE_MASK) || new_len > USER_TOP || to > USER_TOP - new_len)
        return -EINVAL;
    if ((uint64_t)addr + old_len > to && (uint64_t)to + new_len > addr)
        return -EINVAL;                       /* the ranges overlap */
    if (to < MMAP_MIN_ADDR)
        return -EPERM;
    uint32_t keep = old_len < new_len ? old_len : new_len;
    int r = check_inside(vma_find(mm, addr), addr, keep);
    if (r)
        return r;
    if ((r = mm_unmap_range(mm, to, new_len)))
        return r;
    if ((r = unmap_tail(mm, addr, keep, old_len)))
        return r;
    r = move_area(mm, vma_find(mm, addr), addr, keep, to, new_len);
    return r ? r : (long)to;
}

/* mremap(addr, old_len, new_len, flags, new_addr): the new address of the range, or
 * -EINVAL (unknown flags, FIXED without MAYMOVE, unaligned addr, new_len 0), -EFAULT
 * (the old range is not inside one VMA), -ENOMEM (cannot grow in place without
 * MAYMOVE, or no free range to move to) or -EPERM (a fixed address below
 * MMAP_MIN_ADDR). A shrink always succeeds on page-aligned arguments, as on Linux. */
long mm_remap(struct mm *mm, uint32_t addr, uint32_t old_len, uint32_t new_len,
              uint32_t flags, uint32_t new_addr) {
    if ((flags & ~MREMAP_KNOWN) || ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)))
        return -EINVAL;
    if (addr & ~PAGE_MASK)
        return -EINVAL;
    old_len = PAGE_ALIGN_UP(old_len);
    new_len = PAGE_ALIGN_UP(new_len);
    if (!new_len)
        return -EINVAL;
    if (flags & MREMAP_FIXED)
        return remap_fixed(mm, addr, old_len, new_len, new_addr);
    if (old_len == new_len)
        return (long)addr;
    if (old_len > new_len) {
        int r = unmap_tail(mm, addr, new_len, old_len);
        return r ? r : (long)addr;
    }
    struct vm_area *v = vma_find(mm, addr);
    int r = check_inside(v, addr, old_len);
    if (r)
        return r;
    if (grow_in_place(mm, v, addr, old_len, new_len))
        return (long)addr;
    if (!(flags & MREMAP_MAYMOVE))
        return -ENOMEM;
    uint32_t to = mm_find_free(mm, new_len, 0);
    if (!to)
        return -ENOMEM;
    r = move_area(mm, v, addr, old_len, to, new_len);
    return r ? r : (long)to;
}

long sys_mremap(u32 addr, u32 old_len, u32 new_len, u32 flags, u32 new_addr) {
    return mm_remap(current->mm, addr, old_len, new_len, flags, new_addr);
}
