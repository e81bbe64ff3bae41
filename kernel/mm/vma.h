/* Virtual memory areas: the ranges of an address space a process may touch, each with
 * its protection and what backs it. Where a range lives (struct vm_area) is kept apart
 * from what fills it (struct vm_backing, backing.h: NULL means anonymous, zero-filled on
 * demand; a file mapping names its file there, its pages copied in at mmap time until a
 * page cache arrives). Each VMA holds one reference to its backing: whoever copies the
 * pointer into another VMA takes one with backing_get; vma_free drops it.
 *
 * An mm's VMAs are a list sorted by start, never overlapping: find is O(n), which is
 * fine for the handful of areas a process has; an rb-tree (or maple tree, as Linux) can
 * replace the list behind this interface. These functions change only the VMA list;
 * page tables are mm.c's business (mm_unmap_range, mm_protect_range). */
#ifndef MM_VMA_H
#define MM_VMA_H
#include <stdbool.h>
#include <stdint.h>
#include "lib/list.h"
#include "abi/mman.h"
#include "mm/backing.h"

/* mmap/mprotect protections are abi/mman.h's PROT_*. On i386 without NX, PROT_EXEC
 * implies read. */
#define PROT_MASK  (PROT_READ | PROT_WRITE | PROT_EXEC)

/* VMA flags (our own; sys_mmap translates MAP_* into these). */
#define VM_SHARED    0x01   /* MAP_SHARED: writes are seen by other mappers (file later) */
#define VM_GROWSDOWN 0x02   /* the user stack: grows down on a fault just below it */
#define VM_HEAP      0x04   /* the brk heap */
#define VM_IMAGE     0x08   /* a segment of the executable (pgoff: its file page); /proc maps names mm->exe_path */

struct mm;

struct vm_area {
    uint32_t start, end;    /* [start, end), page aligned */
    uint32_t prot;          /* PROT_* */
    uint32_t flags;         /* VM_* */
    struct vm_backing *backing; /* NULL: anonymous memory; else a reference (backing.h) */
    uint32_t pgoff;         /* page offset in backing of start (0 when anonymous) */
    struct list_head link;  /* in mm->vmas, sorted by start */
};

struct vm_area *vma_alloc(uint32_t start, uint32_t end, uint32_t prot, uint32_t flags);
void vma_free(struct vm_area *vma);
struct vm_area *vma_find(struct mm *mm, uint32_t addr);
struct vm_area *vma_find_from(struct mm *mm, uint32_t addr);
struct vm_area *vma_prev(struct mm *mm, struct vm_area *vma);
struct vm_area *vma_next(struct mm *mm, struct vm_area *vma);
int vma_insert(struct mm *mm, struct vm_area *vma);
void vma_remove(struct mm *mm, struct vm_area *vma);
struct vm_area *vma_split(struct mm *mm, struct vm_area *vma, uint32_t addr);
struct vm_area *vma_merge(struct mm *mm, struct vm_area *vma);
int vma_extend(struct mm *mm, struct vm_area *vma, uint32_t new_end);
bool vma_allows(const struct vm_area *vma, bool write);
uint32_t mm_find_free(struct mm *mm, uint32_t len, uint32_t hint);

#define vma_for_each(v, mm) list_for_each_entry_vma(v, &(mm)->vmas)
#define list_for_each_entry_vma(v, head)                                              \
    for ((v) = list_entry((head)->next, struct vm_area, link); &(v)->link != (head);  \
         (v) = list_entry((v)->link.next, struct vm_area, link))
#endif
