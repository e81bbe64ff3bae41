/* In-kernel tests of the VMA list and the range operations: insert/find/split/merge,
 * munmap of a middle part, mprotect splitting and re-merging, the free-range finder. */
#include "test/ktest.h"
#include "mm/mm.h"
#include "mm/mm_ktest_util.h"
#include "mm/buddy.h"
#include "lib/errno.h"

#define KB 1024u
#define RW (PROT_READ | PROT_WRITE)
#define AREA 0x00100000u     /* a test range: 16 pages from 1 MiB */


/* Inserts an anonymous VMA [s, e) without merging; returns vma_insert's result. */
static int insert(struct mm *mm, uint32_t s, uint32_t e, uint32_t prot) {
    struct vm_area *v = vma_alloc(s, e, prot, 0);
    int r = vma_insert(mm, v);
    if (r)
        vma_free(v);
    return r;
}

/* The start (end) of the n-th VMA in address order, 0 when there are fewer. */
static uint32_t nth_start(struct mm *mm, uint32_t n) {
    struct vm_area *v;
    vma_for_each(v, mm)
        if (n-- == 0)
            return v->start;
    return 0;
}

static uint32_t nth_end(struct mm *mm, uint32_t n) {
    struct vm_area *v;
    vma_for_each(v, mm)
        if (n-- == 0)
            return v->end;
    return 0;
}

KTEST(vma_insert_sorted_rejects_overlap) {
    ktest_leak_start();
    struct mm *mm = mm_create();
    KCHECK_EQ(insert(mm, 0x8000, 0xA000, RW), 0);
    KCHECK_EQ(insert(mm, 0x2000, 0x4000, RW), 0);
    KCHECK_EQ(insert(mm, 0x5000, 0x6000, RW), 0);
    KCHECK_EQ(mm->nr_vmas, 3);
    KCHECK_EQ(nth_start(mm, 0), 0x2000);
    KCHECK_EQ(nth_start(mm, 1), 0x5000);
    KCHECK_EQ(nth_start(mm, 2), 0x8000);
    KCHECK_EQ(insert(mm, 0x3000, 0x5000, RW), -EEXIST);
    KCHECK_EQ(insert(mm, 0x5000, 0x6000, RW), -EEXIST);
    KCHECK_EQ(insert(mm, 0x1000, 0xB000, RW), -EEXIST);
    KCHECK_EQ(insert(mm, 0x4000, 0x5000, RW), 0);      /* touches both neighbours */
    KCHECK_EQ(insert(mm, 0x6800, 0x7000, RW), -EINVAL); /* unaligned */
    KCHECK_EQ(insert(mm, 0x7000, 0x7000, RW), -EINVAL); /* empty */
    KCHECK_EQ(insert(mm, 0xBFFFF000, 0xC0001000, RW), -EINVAL);
    KCHECK_EQ(mm->nr_vmas, 4);
    KCHECK(vma_find(mm, 0x1FFF) == NULL);
    KCHECK_EQ(vma_find(mm, 0x2000)->start, 0x2000);
    KCHECK_EQ(vma_find(mm, 0x3FFF)->start, 0x2000);
    KCHECK_EQ(vma_find(mm, 0x4000)->start, 0x4000);
    KCHECK(vma_find(mm, 0x6000) == NULL);              /* end is exclusive */
    KCHECK_EQ(vma_find_from(mm, 0x6000)->start, 0x8000);
    KCHECK(vma_find_from(mm, 0xA000) == NULL);
    mm_destroy(mm);
    KCHECK_EQ(ktest_leaked(), 0);
}

KTEST(vma_split_and_merge) {
    ktest_leak_start();
    struct mm *mm = mm_create();
    KCHECK_EQ(insert(mm, AREA, AREA + 16 * PAGE_SIZE, RW), 0);
    struct vm_area *lo = vma_find(mm, AREA);
    struct vm_area *hi = vma_split(mm, lo, AREA + 4 * PAGE_SIZE);
    KCHECK(hi != NULL && hi != lo);
    KCHECK_EQ(mm->nr_vmas, 2);
    KCHECK_EQ(lo->end, AREA + 4 * PAGE_SIZE);
    KCHECK_EQ(hi->start, AREA + 4 * PAGE_SIZE);
    KCHECK_EQ(hi->end, AREA + 16 * PAGE_SIZE);
    KCHECK(vma_next(mm, lo) == hi && vma_prev(mm, hi) == lo);
    hi->prot = PROT_READ;                              /* incompatible: stays apart */
    KCHECK(vma_merge(mm, lo) == lo);
    KCHECK_EQ(mm->nr_vmas, 2);
    hi->prot = RW;
    KCHECK(vma_merge(mm, hi) == lo);                   /* hi is merged into lo and freed */
    KCHECK_EQ(mm->nr_vmas, 1);
    KCHECK_EQ(lo->end, AREA + 16 * PAGE_SIZE);
    /* A VMA between two compatible neighbours merges both ways. */
    struct vm_area *mid = vma_split(mm, lo, AREA + 4 * PAGE_SIZE);
    vma_split(mm, mid, AREA + 8 * PAGE_SIZE);
    KCHECK_EQ(mm->nr_vmas, 3);
    KCHECK(vma_merge(mm, mid) == lo);
    KCHECK_EQ(mm->nr_vmas, 1);
    mm_destroy(mm);
    KCHECK_EQ(ktest_leaked(), 0);
}

/* munmap of a middle part: two VMAs remain, the pages in the hole are freed. */
KTEST(mm_unmap_range_middle) {
    ktest_leak_start();
    struct mm *mm = mm_create();
    KCHECK_EQ(mm_map_anon(mm, AREA, 16 * PAGE_SIZE, RW, 0), 0);
    KCHECK_EQ(mm_zero_in(mm, AREA, 16 * PAGE_SIZE), 0);
    KCHECK_EQ(mm->rss, 16);
    uint32_t free_mid = buddy_nr_free();
    KCHECK_EQ(mm_unmap_range(mm, AREA + 4 * PAGE_SIZE, 4 * PAGE_SIZE), 0);
    KCHECK_EQ(mm->nr_vmas, 2);
    KCHECK_EQ(nth_end(mm, 0), AREA + 4 * PAGE_SIZE);
    KCHECK_EQ(nth_start(mm, 1), AREA + 8 * PAGE_SIZE);
    KCHECK_EQ(mm->rss, 12);
    KCHECK_EQ(buddy_nr_free() - free_mid, 4);
    KCHECK_EQ(*pte_lookup(mm->pgdir, AREA + 5 * PAGE_SIZE), 0);
    KCHECK(*pte_lookup(mm->pgdir, AREA + 8 * PAGE_SIZE) & PTE_PRESENT);
    /* A range over a hole and parts of both VMAs; then one with nothing in it. */
    KCHECK_EQ(mm_unmap_range(mm, AREA + 2 * PAGE_SIZE, 8 * PAGE_SIZE), 0);
    KCHECK_EQ(nth_end(mm, 0), AREA + 2 * PAGE_SIZE);
    KCHECK_EQ(nth_start(mm, 1), AREA + 10 * PAGE_SIZE);
    KCHECK_EQ(mm->rss, 8);
    KCHECK_EQ(mm_unmap_range(mm, 0x20000000, 64 * KB), 0);
    KCHECK_EQ(mm_unmap_range(mm, AREA + 1, PAGE_SIZE), -EINVAL);
    KCHECK_EQ(mm_unmap_range(mm, 0xBFFFF000, 2 * PAGE_SIZE), -EINVAL);
    /* Everything: the page table goes too. */
    KCHECK_EQ(mm_unmap_range(mm, 0, AREA + 16 * PAGE_SIZE), 0);
    KCHECK_EQ(mm->nr_vmas, 0);
    KCHECK_EQ(mm->rss, 0);
    KCHECK_EQ(mm_nr_pagetables(mm), 0);
    mm_destroy(mm);
    KCHECK_EQ(ktest_leaked(), 0);
}

/* mprotect of a middle part splits into three and rewrites only those PTEs; restoring
 * the protection merges them back. */
KTEST(mm_protect_range_split_merge) {
    ktest_leak_start();
    struct mm *mm = mm_create();
    KCHECK_EQ(mm_map_anon(mm, AREA, 16 * PAGE_SIZE, RW, 0), 0);
    KCHECK_EQ(mm_zero_in(mm, AREA, 16 * PAGE_SIZE), 0);
    KCHECK_EQ(mm_protect_range(mm, AREA + 4 * PAGE_SIZE, 4 * PAGE_SIZE, PROT_READ), 0);
    KCHECK_EQ(mm->nr_vmas, 3);
    KCHECK_EQ(vma_find(mm, AREA + 5 * PAGE_SIZE)->prot, PROT_READ);
    KCHECK_EQ(vma_find(mm, AREA + 3 * PAGE_SIZE)->prot, RW);
    KCHECK_EQ(vma_find(mm, AREA + 8 * PAGE_SIZE)->prot, RW);
    KCHECK(!(*pte_lookup(mm->pgdir, AREA + 4 * PAGE_SIZE) & PTE_WRITE));
    KCHECK(!(*pte_lookup(mm->pgdir, AREA + 7 * PAGE_SIZE) & PTE_WRITE));
    KCHECK(*pte_lookup(mm->pgdir, AREA + 3 * PAGE_SIZE) & PTE_WRITE);
    KCHECK(*pte_lookup(mm->pgdir, AREA + 8 * PAGE_SIZE) & PTE_WRITE);
    /* PROT_NONE keeps the frame but makes the page not present. */
    KCHECK_EQ(mm_protect_range(mm, AREA + 5 * PAGE_SIZE, PAGE_SIZE, PROT_NONE), 0);
    pte_t none = *pte_lookup(mm->pgdir, AREA + 5 * PAGE_SIZE);
    KCHECK(!(none & PTE_PRESENT) && (none & PTE_PROTNONE));
    KCHECK_EQ(mm->nr_vmas, 5);
    KCHECK_EQ(mm_protect_range(mm, AREA, 16 * PAGE_SIZE, RW), 0);
    KCHECK_EQ(mm->nr_vmas, 1);
    KCHECK(*pte_lookup(mm->pgdir, AREA + 5 * PAGE_SIZE) & PTE_PRESENT);
    KCHECK_EQ(mm->rss, 16);
    /* Unmapped pages in the range: ENOMEM and nothing changes. */
    KCHECK_EQ(mm_protect_range(mm, AREA + 12 * PAGE_SIZE, 8 * PAGE_SIZE, PROT_READ), -ENOMEM);
    KCHECK_EQ(mm->nr_vmas, 1);
    KCHECK_EQ(mm_protect_range(mm, AREA, PAGE_SIZE, 0x8), -EINVAL);
    mm_destroy(mm);
    KCHECK_EQ(ktest_leaked(), 0);
}

KTEST(mm_find_free_gaps) {
    ktest_leak_start();
    struct mm *mm = mm_create();
    KCHECK_EQ(mm_find_free(mm, 3 * PAGE_SIZE, 0), MMAP_BASE);
    KCHECK_EQ(mm_map_anon(mm, MMAP_BASE, 3 * PAGE_SIZE, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, MMAP_BASE + 5 * PAGE_SIZE, PAGE_SIZE, RW, 0), 0);
    KCHECK_EQ(mm_find_free(mm, 2 * PAGE_SIZE, 0), MMAP_BASE + 3 * PAGE_SIZE);
    KCHECK_EQ(mm_find_free(mm, 3 * PAGE_SIZE, 0), MMAP_BASE + 6 * PAGE_SIZE);
    KCHECK_EQ(mm_find_free(mm, 1, 0), MMAP_BASE + 3 * PAGE_SIZE);       /* rounds up */
    KCHECK_EQ(mm_find_free(mm, PAGE_SIZE, 0x20000000), 0x20000000);     /* free hint */
    KCHECK_EQ(mm_find_free(mm, PAGE_SIZE, MMAP_BASE + PAGE_SIZE), MMAP_BASE + 3 * PAGE_SIZE);
    KCHECK_EQ(mm_find_free(mm, 0, 0), 0);
    /* The stack keeps USER_STACK_MAX plus the guard gap for itself. */
    KCHECK_EQ(mm_setup_stack(mm, USER_STACK_INIT), 0);
    uint32_t stack_floor = USER_STACK_TOP - USER_STACK_MAX - STACK_GUARD_GAP;
    uint32_t top_len = USER_TOP - (MMAP_BASE + 6 * PAGE_SIZE);
    KCHECK_EQ(mm_find_free(mm, top_len, 0), 0);
    KCHECK_EQ(mm_find_free(mm, stack_floor - (MMAP_BASE + 6 * PAGE_SIZE), 0),
              MMAP_BASE + 6 * PAGE_SIZE);
    /* Nothing above mmap_base fits: search from the bottom. */
    mm->mmap_base = 0xBF000000u;
    KCHECK_EQ(mm_find_free(mm, 0x01000000u, 0), MMAP_MIN_ADDR);
    mm->mmap_base = MMAP_BASE;
    /* brk growth stops short of the next VMA. */
    KCHECK_EQ(mm_map_anon(mm, 0x08100000, PAGE_SIZE, RW, VM_HEAP), 0);
    struct vm_area *heap = vma_find(mm, 0x08100000);
    KCHECK_EQ(vma_extend(mm, heap, 0x08200000), 0);
    KCHECK_EQ(heap->end, 0x08200000);
    KCHECK_EQ(vma_extend(mm, heap, MMAP_BASE + PAGE_SIZE), -ENOMEM);
    mm_destroy(mm);
    KCHECK_EQ(ktest_leaked(), 0);
}
