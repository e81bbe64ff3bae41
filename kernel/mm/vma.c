/* The sorted VMA list of an mm: lookup, insertion, splitting, merging, free ranges. */
#include "mm/vma.h"
#include "mm/mm.h"
#include "mm/backing.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/panic.h"

static inline uint32_t vma_pages(const struct vm_area *v) {
    return (v->end - v->start) >> PAGE_SHIFT;
}

/* A new unlinked anonymous VMA for [start, end), or NULL when memory is out. The range is
 * checked when it is inserted. */
struct vm_area *vma_alloc(uint32_t start, uint32_t end, uint32_t prot, uint32_t flags) {
    struct vm_area *v = kzalloc(sizeof *v);
    if (!v)
        return NULL;
    v->start = start;
    v->end = end;
    v->prot = prot;
    v->flags = flags;
    list_init(&v->link);
    return v;
}

/* Frees an unlinked VMA and its reference to its backing (its pages are not its
 * business). */
void vma_free(struct vm_area *vma) {
    KASSERT(list_empty(&vma->link), "vma [%#x,%#x): freed while still linked", vma->start,
            vma->end);
    backing_put(vma->backing);
    kfree(vma);
}

/* The first VMA ending above addr: the one containing addr, or else the next one up
 * (Linux's find_vma). NULL when every VMA lies below addr. */
struct vm_area *vma_find_from(struct mm *mm, uint32_t addr) {
    struct vm_area *v;
    vma_for_each(v, mm)
        if (v->end > addr)
            return v;
    return NULL;
}

/* The VMA containing addr, or NULL. */
struct vm_area *vma_find(struct mm *mm, uint32_t addr) {
    struct vm_area *v = vma_find_from(mm, addr);
    return v && v->start <= addr ? v : NULL;
}

struct vm_area *vma_prev(struct mm *mm, struct vm_area *vma) {
    return vma->link.prev == &mm->vmas ? NULL : list_entry(vma->link.prev, struct vm_area, link);
}

struct vm_area *vma_next(struct mm *mm, struct vm_area *vma) {
    return vma->link.next == &mm->vmas ? NULL : list_entry(vma->link.next, struct vm_area, link);
}

/* Links vma into mm in address order. Returns 0, -EINVAL for an empty, unaligned or
 * non-user range, or -EEXIST when it overlaps a VMA already there (nothing changes). */
int vma_insert(struct mm *mm, struct vm_area *vma) {
    if (vma->start >= vma->end || (vma->start | vma->end) & ~PAGE_MASK || vma->end > USER_TOP)
        return -EINVAL;
    KASSERT(list_empty(&vma->link), "vma [%#x,%#x): inserted twice", vma->start, vma->end);
    struct vm_area *above = vma_find_from(mm, vma->start);
    if (above && above->start < vma->end)
        return -EEXIST;
    list_add_tail(&vma->link, above ? &above->link : &mm->vmas);
    mm->nr_vmas++;
    return 0;
}

/* Unlinks and frees vma. Its pages must already be unmapped (mm_unmap_range does both). */
void vma_remove(struct mm *mm, struct vm_area *vma) {
    KASSERT(mm->nr_vmas > 0, "vma [%#x,%#x): removing from an mm with no VMAs", vma->start,
            vma->end);
    list_del(&vma->link);
    mm->nr_vmas--;
    vma_free(vma);
}

/* Splits vma at addr (page aligned, strictly inside): vma keeps [start, addr) and the
 * returned new VMA, linked right after it, takes [addr, end). NULL when memory is out
 * (vma is unchanged). */
struct vm_area *vma_split(struct mm *mm, struct vm_area *vma, uint32_t addr) {
    KASSERT(vma->start < addr && addr < vma->end && !(addr & ~PAGE_MASK),
            "vma [%#x,%#x): cannot split at %#x", vma->start, vma->end, addr);
    struct vm_area *upper = vma_alloc(addr, vma->end, vma->prot, vma->flags);
    if (!upper)
        return NULL;
    upper->backing = backing_get(vma->backing);
    upper->pgoff = vma->backing || (vma->flags & VM_IMAGE)
                       ? vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT) : 0;
    vma->end = addr;
    list_add(&upper->link, &vma->link);
    mm->nr_vmas++;
    return upper;
}

/* True when b starts where a ends and one VMA could describe both. */
static bool vma_mergeable(const struct vm_area *a, const struct vm_area *b) {
    if (!a || !b || a->end != b->start || a->prot != b->prot || a->flags != b->flags ||
        a->backing != b->backing)
        return false;
    return !(a->backing || (a->flags & VM_IMAGE)) || a->pgoff + vma_pages(a) == b->pgoff;
}

/* Merges vma with its neighbours where compatible; returns the VMA that now covers
 * vma's range (vma itself may have been freed). */
struct vm_area *vma_merge(struct mm *mm, struct vm_area *vma) {
    struct vm_area *prev = vma_prev(mm, vma), *next = vma_next(mm, vma);
    if (vma_mergeable(prev, vma)) {
        prev->end = vma->end;
        vma_remove(mm, vma);
        vma = prev;
    }
    if (vma_mergeable(vma, next)) {
        vma->end = next->end;
        vma_remove(mm, next);
    }
    return vma;
}

/* The lowest address another area may reach below v: a stack keeps room to grow to
 * USER_STACK_MAX plus the guard gap. */
static uint32_t vma_floor(const struct vm_area *v) {
    if (!(v->flags & VM_GROWSDOWN))
        return v->start;
    uint32_t low = v->end > USER_STACK_MAX ? v->end - USER_STACK_MAX : 0;
    if (v->start < low)
        low = v->start;
    return low > STACK_GUARD_GAP ? low - STACK_GUARD_GAP : 0;
}

/* Moves vma's end up to new_end (page aligned; brk growth). Returns 0, or -ENOMEM when
 * that would reach the next VMA (or a stack's reserve) or leave user space. */
int vma_extend(struct mm *mm, struct vm_area *vma, uint32_t new_end) {
    KASSERT(!(new_end & ~PAGE_MASK) && new_end >= vma->end,
            "vma [%#x,%#x): cannot extend to %#x", vma->start, vma->end, new_end);
    struct vm_area *next = vma_next(mm, vma);
    if (new_end > USER_TOP || (next && new_end > vma_floor(next)))
        return -ENOMEM;
    vma->end = new_end;
    return 0;
}

/* Whether vma permits a read (write false) or a write. i386 pages without NX cannot be
 * write- or exec-only, so any protection but PROT_NONE reads. */
bool vma_allows(const struct vm_area *vma, bool write) {
    return write ? (vma->prot & PROT_WRITE) != 0 : (vma->prot & PROT_MASK) != 0;
}

/* The lowest page-aligned address >= from where len bytes fit below USER_TOP without
 * touching a VMA or a stack's reserve, or 0. */
static uint32_t gap_search(struct mm *mm, uint32_t from, uint32_t len) {
    uint32_t cand = from;
    struct vm_area *v;
    vma_for_each(v, mm) {
        if (v->end <= cand)
            continue;
        uint32_t floor = vma_floor(v);
        if (floor >= cand && floor - cand >= len)
            return cand;
        if (v->end > cand)
            cand = v->end;
    }
    return cand < USER_TOP && USER_TOP - cand >= len ? cand : 0;
}

/* A page-aligned start for a new mapping of len bytes: hint itself when that range is
 * free, else the lowest fit from mm->mmap_base up, else the lowest from MMAP_MIN_ADDR.
 * Returns 0 when nothing fits (0 is never a valid answer: nothing maps below
 * MMAP_MIN_ADDR). */
uint32_t mm_find_free(struct mm *mm, uint32_t len, uint32_t hint) {
    if (len == 0 || len > USER_TOP)
        return 0;
    len = PAGE_ALIGN_UP(len);
    hint = PAGE_ALIGN_DOWN(hint);
    if (hint >= MMAP_MIN_ADDR && gap_search(mm, hint, len) == hint)
        return hint;
    uint32_t a = gap_search(mm, mm->mmap_base, len);
    return a ? a : gap_search(mm, MMAP_MIN_ADDR, len);
}
