/* In-kernel tests of address-space lifecycle: destroy returns every frame, fork gives
 * the child the parent's contents, mm_copy_in needs a VMA (copy-on-write: cow_ktest.c). */
#include "test/ktest.h"
#include "mm/mm.h"
#include "mm/mm_ktest_util.h"
#include "lib/errno.h"
#include "lib/string.h"

#define RW (PROT_READ | PROT_WRITE)
#define SPAN_VA  0x003FE000u   /* 4 pages across the first page-table boundary */
#define DATA_VA  0x08048000u
#define MSG "copied into a not-yet-active address space"


/* The kernel-virtual address of the byte at va in mm, or NULL when it has no frame. */
static char *frame_byte(struct mm *mm, uint32_t va) {
    pte_t *pte = pte_lookup(mm->pgdir, va);
    if (!pte || !pte_has_frame(*pte))
        return NULL;
    return (char *)PHYS_TO_VIRT(pte_paddr(*pte)) + (va & ~PAGE_MASK);
}

KTEST(mm_destroy_returns_every_page) {
    ktest_leak_start();
    struct mm *mm = mm_create();
    KCHECK(mm != NULL);
    KCHECK_EQ(mm_map_anon(mm, SPAN_VA, 4 * PAGE_SIZE, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, DATA_VA, 2 * PAGE_SIZE, PROT_READ | PROT_EXEC, 0), 0);
    KCHECK_EQ(mm_setup_stack(mm, USER_STACK_INIT), 0);
    KCHECK_EQ(mm_zero_in(mm, SPAN_VA + 100, 4 * PAGE_SIZE - 200), 0);
    KCHECK_EQ(mm_copy_in(mm, DATA_VA + PAGE_SIZE - 4, MSG, sizeof MSG), 0);
    KCHECK_EQ(mm_copy_in(mm, USER_STACK_TOP - 8, "stacktop", 8), 0);
    KCHECK_EQ(mm->rss, 4 + 2 + 1);
    KCHECK_EQ(mm_nr_pagetables(mm), 4);   /* two for SPAN_VA, DATA_VA's, the stack's */
    KCHECK(ktest_leaked() > 0);           /* until it is destroyed */
    mm_destroy(mm);
    KCHECK_EQ(ktest_leaked(), 0);
}

/* The loader writes through VMA protection but never outside a VMA. */
KTEST(mm_copy_in_needs_vma) {
    ktest_leak_start();
    struct mm *mm = mm_create();
    KCHECK_EQ(mm_map_anon(mm, DATA_VA, PAGE_SIZE, PROT_READ, 0), 0);
    KCHECK_EQ(mm_copy_in(mm, DATA_VA, MSG, sizeof MSG), 0);
    KCHECK(frame_byte(mm, DATA_VA) && !memcmp(frame_byte(mm, DATA_VA), MSG, sizeof MSG));
    KCHECK(!(*pte_lookup(mm->pgdir, DATA_VA) & PTE_WRITE));  /* still read-only to users */
    KCHECK_EQ(mm_copy_in(mm, DATA_VA + PAGE_SIZE - 2, "abcd", 4), -EFAULT);
    KCHECK_EQ(mm_copy_in(mm, 0x20000000, "x", 1), -EFAULT);
    KCHECK_EQ(mm_zero_in(mm, 0xBFFFFFFF, 2), -EFAULT);      /* would run into the kernel */
    KCHECK_EQ(mm_copy_in(mm, DATA_VA, "", 0), 0);
    mm_destroy(mm);
    KCHECK_EQ(ktest_leaked(), 0);
}

KTEST(mm_fork_copies_content) {
    ktest_leak_start();
    struct mm *parent = mm_create();
    KCHECK_EQ(mm_map_anon(parent, SPAN_VA, 4 * PAGE_SIZE, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(parent, DATA_VA, 8 * PAGE_SIZE, PROT_READ, 0), 0);
    KCHECK_EQ(mm_copy_in(parent, SPAN_VA + 2 * PAGE_SIZE - 3, MSG, sizeof MSG), 0);
    KCHECK_EQ(mm_copy_in(parent, DATA_VA + 5 * PAGE_SIZE, "ro", 3), 0);
    parent->brk_start = parent->brk = 0x0804F000;
    struct mm *child = mm_fork(parent);
    KCHECK(child != NULL);
    KCHECK_EQ(child->nr_vmas, 2);
    KCHECK_EQ(child->rss, parent->rss);
    KCHECK_EQ(child->rss, 3);
    KCHECK_EQ(child->brk, 0x0804F000);
    char got[sizeof MSG];
    for (uint32_t i = 0; i < sizeof MSG; i++) {
        char *b = frame_byte(child, SPAN_VA + 2 * PAGE_SIZE - 3 + i);
        got[i] = b ? *b : '?';
    }
    KCHECK(!memcmp(got, MSG, sizeof MSG));
    KCHECK(frame_byte(child, DATA_VA + 5 * PAGE_SIZE) &&
           !strcmp(frame_byte(child, DATA_VA + 5 * PAGE_SIZE), "ro"));
    KCHECK(frame_byte(child, DATA_VA) == NULL);              /* untouched stays untouched */
    KCHECK(!(*pte_lookup(child->pgdir, DATA_VA + 5 * PAGE_SIZE) & PTE_WRITE));
    uint32_t page2 = SPAN_VA + 2 * PAGE_SIZE;
    KCHECK(frame_byte(child, page2) == frame_byte(parent, page2));  /* shared copy-on-write */
    KCHECK_EQ(mm_copy_in(parent, page2, "P", 1), 0);
    KCHECK(frame_byte(child, page2) != frame_byte(parent, page2));  /* the write unshared it */
    KCHECK_EQ(*frame_byte(child, SPAN_VA + 2 * PAGE_SIZE), MSG[3]);
    mm_destroy(parent);
    KCHECK_EQ(*frame_byte(child, SPAN_VA + 2 * PAGE_SIZE), MSG[3]);
    mm_put(child);
    KCHECK_EQ(ktest_leaked(), 0);
}
