/* In-kernel tests of pgtable.c: page-table creation and freeing at the 4 MiB boundary,
 * the shared kernel half, and TLB invalidation on the live directory. */
#include "test/ktest.h"
#include "mm/pgtable.h"
#include "mm/kmap.h"
#include "mm/buddy.h"
#include "arch/i386/cpu.h"

#define LAST_OF_TABLE0  0x003FF000u  /* the last page the first page table maps */
#define FIRST_OF_TABLE1 0x00400000u  /* the first page of the second */
#define TLB_TEST_VA     0x10000000u
#define PATTERN_A       0xAAAA5555u
#define PATTERN_B       0xBBBB6666u

static uint32_t paddr_of(void *kva) { return VIRT_TO_PHYS(kva); }

KTEST(pgtable_kernel_half_shared) {
    uint32_t free0 = buddy_nr_free();
    uint32_t *pd = pgdir_create();
    KCHECK(pd != NULL);
    int same = 1, user_empty = 1;
    for (int i = 0; i < PDE_ENTRIES; i++) {
        if (i >= (int)PDE_KERNEL_FIRST && pd[i] != kernel_pgdir[i])
            same = 0;
        if (i < (int)PDE_KERNEL_FIRST && pd[i] != 0)
            user_empty = 0;
    }
    KCHECK(same);
    KCHECK(user_empty);
    KCHECK_EQ(pgdir_nr_tables(pd), 0);
    pgdir_destroy(pd);
    KCHECK_EQ(buddy_nr_free(), free0);
}

/* Two neighbouring pages in two different tables: each table is created, counted and
 * freed on its own. */
KTEST(pgtable_table_boundary) {
    uint32_t free0 = buddy_nr_free();
    uint32_t *pd = pgdir_create();
    void *a = alloc_page(), *b = alloc_page();
    KCHECK(get_page_table(pd, LAST_OF_TABLE0, false) == NULL);
    KCHECK_EQ(map_page(pd, LAST_OF_TABLE0, paddr_of(a), PTE_PRESENT | PTE_WRITE), 0);
    KCHECK_EQ(map_page(pd, FIRST_OF_TABLE1, paddr_of(b), PTE_PRESENT), 0);
    uint32_t *t0 = get_page_table(pd, LAST_OF_TABLE0, false);
    uint32_t *t1 = get_page_table(pd, FIRST_OF_TABLE1, false);
    KCHECK(t0 && t1 && t0 != t1);
    KCHECK_EQ(pgdir_nr_tables(pd), 2);
    KCHECK_EQ(pt_nr_used(t0), 1);
    KCHECK_EQ(pt_nr_used(t1), 1);
    KCHECK(virt_to_page(t0)->flags & PG_pagetable);
    KCHECK_EQ(*pte_lookup(pd, LAST_OF_TABLE0), paddr_of(a) | PTE_PRESENT | PTE_WRITE | PTE_USER);
    KCHECK_EQ(*pte_lookup(pd, FIRST_OF_TABLE1), paddr_of(b) | PTE_PRESENT | PTE_USER);
    KCHECK_EQ(pd[PDX(FIRST_OF_TABLE1)] & (PTE_PRESENT | PTE_WRITE | PTE_USER),
              PTE_PRESENT | PTE_WRITE | PTE_USER);
    KCHECK_EQ(*pte_lookup(pd, LAST_OF_TABLE0 - PAGE_SIZE), 0);
    unmap_page(pd, LAST_OF_TABLE0);
    KCHECK(get_page_table(pd, LAST_OF_TABLE0, false) == NULL);
    KCHECK_EQ(pgdir_nr_tables(pd), 1);
    unmap_page(pd, LAST_OF_TABLE0);          /* nothing there: a no-op */
    KCHECK_EQ(pte_clear(pd, FIRST_OF_TABLE1), paddr_of(b) | PTE_PRESENT | PTE_USER);
    KCHECK_EQ(pgdir_nr_tables(pd), 0);
    pgdir_destroy(pd);
    free_page(a);
    free_page(b);
    KCHECK_EQ(buddy_nr_free(), free0);
}

/* A table lives while any entry does; remapping an entry does not count it twice;
 * pgdir_destroy frees tables left behind. */
KTEST(pgtable_used_count) {
    uint32_t free0 = buddy_nr_free();
    uint32_t *pd = pgdir_create();
    void *f = alloc_page();
    for (uint32_t i = 0; i < 3; i++)
        KCHECK_EQ(map_page(pd, FIRST_OF_TABLE1 + i * PAGE_SIZE, paddr_of(f), PTE_PRESENT), 0);
    KCHECK_EQ(map_page(pd, FIRST_OF_TABLE1, paddr_of(f), PTE_PRESENT | PTE_WRITE), 0);
    uint32_t *t = get_page_table(pd, FIRST_OF_TABLE1, false);
    KCHECK_EQ(pt_nr_used(t), 3);
    unmap_page(pd, FIRST_OF_TABLE1);
    unmap_page(pd, FIRST_OF_TABLE1 + PAGE_SIZE);
    KCHECK(get_page_table(pd, FIRST_OF_TABLE1, false) == t);
    KCHECK_EQ(pt_nr_used(t), 1);
    pte_set_flags(pd, FIRST_OF_TABLE1 + 2 * PAGE_SIZE, PTE_PRESENT | PTE_WRITE);
    KCHECK_EQ(*pte_lookup(pd, FIRST_OF_TABLE1 + 2 * PAGE_SIZE),
              paddr_of(f) | PTE_PRESENT | PTE_WRITE | PTE_USER);
    pgdir_destroy(pd);                     /* frees the table still holding one entry */
    free_page(f);
    KCHECK_EQ(buddy_nr_free(), free0);
}

/* Remapping a page of the live directory must invalidate the old translation: the read
 * after the remap sees frame B, not a stale TLB entry for A. */
KTEST(pgtable_tlb_invalidation) {
    uint32_t free0 = buddy_nr_free();
    uint32_t saved_cr3 = read_cr3();
    uint32_t *pd = pgdir_create();
    uint32_t *a = alloc_page(), *b = alloc_page();
    *a = PATTERN_A;
    *b = PATTERN_B;
    volatile uint32_t *va = (volatile uint32_t *)TLB_TEST_VA;
    write_cr3(paddr_of(pd));
    KCHECK(pgdir_is_live(pd));
    KCHECK_EQ(map_page(pd, TLB_TEST_VA, paddr_of(a), PTE_PRESENT | PTE_WRITE), 0);
    KCHECK_EQ(*va, PATTERN_A);
    KCHECK_EQ(map_page(pd, TLB_TEST_VA, paddr_of(b), PTE_PRESENT | PTE_WRITE), 0);
    KCHECK_EQ(*va, PATTERN_B);
    *va = PATTERN_A;                         /* writes land in b now */
    KCHECK_EQ(*b, PATTERN_A);
    unmap_page(pd, TLB_TEST_VA);
    write_cr3(saved_cr3);
    pgdir_destroy(pd);
    free_page(a);
    free_page(b);
    KCHECK_EQ(buddy_nr_free(), free0);
}
