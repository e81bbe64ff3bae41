/* In-kernel tests of mremap: shrink and grow in place, moves that carry frames (present
 * and PROT_NONE) without copying, MREMAP_FIXED, and Linux's errors. Each runs in a test
 * mm made active, so the kernel's own reads and writes fault pages in as a user's would. */
#include "test/ktest.h"
#include "mm/mmap.h"
#include "mm/mm.h"
#include "mm/mm_ktest_util.h"
#include "mm/uaccess.h"
#include "mm/buddy.h"
#include "lib/errno.h"

#define RW (PROT_READ | PROT_WRITE)
#define P PAGE_SIZE
#define AREA 0x30000000u     /* test mappings */
#define FAR  0x38000000u     /* a MREMAP_FIXED destination in another page-table span */

/* The PTE of va, 0 when there is none. */
static pte_t pte_of(struct mm *mm, uint32_t va) {
    pte_t *pte = pte_lookup(mm->pgdir, va);
    return pte ? *pte : 0;
}

KTEST(mremap_shrink_in_place) {
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, AREA, 4 * P, RW, 0), 0);
    for (uint32_t i = 0; i < 4; i++)
        ktest_poke(AREA + i * P, 0x100 + i);
    KCHECK_EQ(mm->rss, 4);
    KCHECK_EQ((uint32_t)mm_remap(mm, AREA, 4 * P, 2 * P - 100, 0, 0), AREA);
    KCHECK_EQ(vma_find(mm, AREA)->end, AREA + 2 * P);
    KCHECK_EQ(mm->rss, 2);
    KCHECK_EQ(ktest_peek(AREA + P), 0x101);
    KCHECK_EQ(ktest_peek(AREA + 2 * P), KTEST_NO_VALUE);    /* the tail is gone */
    KCHECK_EQ((uint32_t)mm_remap(mm, AREA, 2 * P, 2 * P, 0, 0), AREA);
    KCHECK_EQ((uint32_t)mm_remap(mm, AREA + 16 * P, 2 * P, P, 0, 0), AREA + 16 * P); /* as Linux */
    KCHECK_EQ(ktest_mm_end(mm), 0);
}

KTEST(mremap_grow_in_place) {
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, AREA, 2 * P, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, AREA + 5 * P, P, RW, 0), 0);
    ktest_poke(AREA, 0xA0);
    KCHECK_EQ((uint32_t)mm_remap(mm, AREA, 2 * P, 4 * P, 0, 0), AREA);
    KCHECK_EQ(vma_find(mm, AREA)->end, AREA + 4 * P);
    KCHECK_EQ(pte_of(mm, AREA + 3 * P), 0);                 /* the new pages are lazy */
    KCHECK_EQ(mm->rss, 1);
    KCHECK_EQ(ktest_peek(AREA + 3 * P), 0);
    KCHECK_EQ(ktest_peek(AREA), 0xA0);
    KCHECK_EQ(mm_remap(mm, AREA, 4 * P, 6 * P, 0, 0), -ENOMEM);  /* blocked, may not move */
    KCHECK_EQ((uint32_t)mm_remap(mm, AREA, 4 * P, 5 * P, 0, 0), AREA); /* up to the next */
    KCHECK_EQ(mm->nr_vmas, 1);                              /* and merged with it */
    KCHECK_EQ(vma_find(mm, AREA)->end, AREA + 6 * P);
    KCHECK_EQ(ktest_peek(AREA), 0xA0);
    KCHECK_EQ(ktest_mm_end(mm), 0);
}

/* A move takes the frames along: same physical pages, untouched ones stay lazy, rss and
 * the free-page count do not change, and the old addresses fault. */
KTEST(mremap_move_keeps_frames) {
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, AREA, 3 * P, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, AREA + 3 * P, P, PROT_READ, 0), 0);  /* blocks growth */
    ktest_poke(AREA + 8, 0xF00D);
    ktest_poke(AREA + 2 * P + 8, 0xBEEF);
    uint32_t f0 = pte_paddr(pte_of(mm, AREA)), f2 = pte_paddr(pte_of(mm, AREA + 2 * P));
    uint32_t rss = mm->rss, nfree = buddy_nr_free();
    long r = mm_remap(mm, AREA, 3 * P, 8 * P, MREMAP_MAYMOVE, 0);
    uint32_t to = (uint32_t)r;
    KCHECK(r > 0 || r < -4095);
    KCHECK(to != AREA && !(to & ~PAGE_MASK));
    struct vm_area *v = vma_find(mm, to);
    KCHECK(v && v->start == to && v->end == to + 8 * P && v->prot == RW);
    KCHECK(vma_find(mm, AREA) == NULL);
    KCHECK_EQ(pte_of(mm, AREA), 0);
    KCHECK_EQ(pte_paddr(pte_of(mm, to)), f0);
    KCHECK_EQ(pte_of(mm, to + P), 0);
    KCHECK_EQ(pte_paddr(pte_of(mm, to + 2 * P)), f2);
    KCHECK_EQ(mm->rss, rss);
    KCHECK_EQ(buddy_nr_free(), nfree);   /* no frame copied or freed; one table for another */
    KCHECK_EQ(ktest_peek(to + 8), 0xF00D);
    KCHECK_EQ(ktest_peek(to + 2 * P + 8), 0xBEEF);
    KCHECK_EQ(ktest_peek(AREA + 8), KTEST_NO_VALUE);
    KCHECK_EQ(ktest_peek(to + 7 * P), 0);
    KCHECK_EQ(ktest_mm_end(mm), 0);
}

/* Moving a piece out of the middle of a VMA splits it; a PROT_NONE page moves with its
 * frame and reads back after mprotect. */
KTEST(mremap_move_middle_and_protnone) {
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, AREA, 6 * P, RW, 0), 0);
    for (uint32_t i = 0; i < 6; i++)
        ktest_poke(AREA + i * P, 0x200 + i);
    uint32_t to = (uint32_t)mm_remap(mm, AREA + 3 * P, P, 2 * P, MREMAP_MAYMOVE, 0);
    KCHECK(to >= MMAP_MIN_ADDR && to < USER_TOP && !(to & ~PAGE_MASK));
    KCHECK(to + 2 * P <= AREA || to >= AREA + 6 * P);
    KCHECK_EQ(mm->nr_vmas, 3);
    KCHECK_EQ(vma_find(mm, AREA)->end, AREA + 3 * P);
    KCHECK(vma_find(mm, AREA + 3 * P) == NULL);
    KCHECK_EQ(vma_find(mm, AREA + 4 * P)->start, AREA + 4 * P);
    KCHECK_EQ(ktest_peek(to), 0x203);
    KCHECK_EQ(ktest_peek(to + P), 0);
    KCHECK_EQ(ktest_peek(AREA + 2 * P), 0x202);
    KCHECK_EQ(ktest_peek(AREA + 4 * P), 0x204);

    KCHECK_EQ(mm_protect_range(mm, AREA + P, P, PROT_NONE), 0);
    uint32_t none = (uint32_t)mm_remap(mm, AREA + P, P, 3 * P, MREMAP_MAYMOVE, 0);
    KCHECK(none >= MMAP_MIN_ADDR && none < USER_TOP && none != AREA + P);
    KCHECK_EQ(vma_find(mm, none)->prot, PROT_NONE);
    KCHECK_EQ(pte_of(mm, none) & (PTE_PRESENT | PTE_PROTNONE), PTE_PROTNONE);
    KCHECK_EQ(mm->rss, 7);                                  /* 6 pokes and to + P's read */
    KCHECK_EQ(ktest_peek(none), KTEST_NO_VALUE);            /* PROT_NONE still */
    KCHECK_EQ(mm_protect_range(mm, none, 3 * P, RW), 0);
    KCHECK_EQ(ktest_peek(none), 0x201);
    KCHECK_EQ(ktest_peek(none + 2 * P), 0);
    KCHECK_EQ(ktest_peek(AREA + P), KTEST_NO_VALUE);
    KCHECK_EQ(ktest_peek(AREA), 0x200);
    KCHECK_EQ(ktest_mm_end(mm), 0);
}

/* MREMAP_FIXED replaces what is at the destination, to a higher span and back down into
 * the one page table the source shares. */
KTEST(mremap_fixed) {
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, AREA, 4 * P, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, FAR, 2 * P, RW, 0), 0);
    ktest_poke(AREA, 0x11);
    ktest_poke(AREA + 3 * P, 0x33);
    ktest_poke(FAR, 0x99);
    uint32_t rss = mm->rss;
    KCHECK_EQ((uint32_t)mm_remap(mm, AREA, 4 * P, 4 * P, MREMAP_MAYMOVE | MREMAP_FIXED, FAR),
              FAR);
    KCHECK_EQ(mm->rss, rss - 1);                            /* FAR's old page was replaced */
    KCHECK_EQ(mm->nr_vmas, 1);
    KCHECK_EQ(ktest_peek(FAR), 0x11);
    KCHECK_EQ(ktest_peek(FAR + 3 * P), 0x33);
    KCHECK_EQ(ktest_peek(AREA), KTEST_NO_VALUE);
    KCHECK_EQ(mm_nr_pagetables(mm), 1);                     /* AREA's table was freed */
    /* Up within FAR's page table, shrinking on the way, then down within it. */
    KCHECK_EQ((uint32_t)mm_remap(mm, FAR, 4 * P, P, MREMAP_MAYMOVE | MREMAP_FIXED, FAR + 5 * P),
              FAR + 5 * P);
    KCHECK_EQ(mm->rss, 1);
    KCHECK_EQ(ktest_peek(FAR + 5 * P), 0x11);
    KCHECK_EQ((uint32_t)mm_remap(mm, FAR + 5 * P, P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED,
                                 FAR + P), FAR + P);
    KCHECK_EQ(ktest_peek(FAR + P), 0x11);
    KCHECK_EQ(ktest_peek(FAR + 2 * P), 0);
    KCHECK_EQ(ktest_peek(FAR + 5 * P), KTEST_NO_VALUE);
    KCHECK_EQ(mm_nr_pagetables(mm), 1);
    KCHECK_EQ(mm_remap(mm, FAR + P, P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, FAR), -EINVAL);
    KCHECK_EQ(mm_remap(mm, FAR + P, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, FAR + 9 * P + 8),
              -EINVAL);
    KCHECK_EQ(mm_remap(mm, FAR + P, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, 0x1000), -EPERM);
    KCHECK_EQ(mm_remap(mm, FAR + 9 * P, P, P, MREMAP_MAYMOVE | MREMAP_FIXED, AREA), -EFAULT);
    KCHECK_EQ(ktest_mm_end(mm), 0);
}

KTEST(mremap_errors) {
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, AREA, 2 * P, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, AREA + 2 * P, 2 * P, PROT_READ, 0), 0);
    KCHECK_EQ(mm_remap(mm, AREA + 1, P, 2 * P, MREMAP_MAYMOVE, 0), -EINVAL);
    KCHECK_EQ(mm_remap(mm, AREA, P, 2 * P, MREMAP_DONTUNMAP | MREMAP_MAYMOVE, 0), -EINVAL);
    KCHECK_EQ(mm_remap(mm, AREA, P, 2 * P, 8, 0), -EINVAL);
    KCHECK_EQ(mm_remap(mm, AREA, P, 2 * P, MREMAP_FIXED, FAR), -EINVAL);
    KCHECK_EQ(mm_remap(mm, AREA, P, 0, MREMAP_MAYMOVE, 0), -EINVAL);
    KCHECK_EQ(mm_remap(mm, AREA, 0, P, MREMAP_MAYMOVE, 0), -EINVAL);
    KCHECK_EQ(mm_remap(mm, AREA, 3 * P, 5 * P, MREMAP_MAYMOVE, 0), -EFAULT);  /* two VMAs */
    KCHECK_EQ(mm_remap(mm, AREA + 8 * P, P, 2 * P, MREMAP_MAYMOVE, 0), -EFAULT);
    KCHECK_EQ(mm_remap(mm, AREA, 2 * P, 3 * P, 0, 0), -ENOMEM);
    KCHECK_EQ(mm_remap(mm, AREA, P, 0xA0000000u, MREMAP_MAYMOVE, 0), -ENOMEM);  /* no room */
    KCHECK_EQ(mm_remap(mm, 0xBFFFF000u, 2 * P, P, 0, 0), -EINVAL); /* tail leaves user space */
    KCHECK_EQ(mm->nr_vmas, 2);
    KCHECK_EQ(vma_find(mm, AREA)->end, AREA + 2 * P);
    KCHECK_EQ(ktest_mm_end(mm), 0);
}

/* Takes every free frame, chained through their own first word; returns the chain. */
static void **hoard_all(void) {
    void **head = NULL;
    for (void **p; (p = alloc_page());) {
        *p = head;
        head = p;
    }
    return head;
}

static void release_all(void **head) {
    while (head) {
        void **next = *head;
        free_page(head);
        head = next;
    }
}

/* With no page free for the destination's page table, a move fails whole: -ENOMEM, the
 * old mapping and its frames where they were, nothing leaked. */
KTEST(mremap_move_out_of_memory) {
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, AREA, 2 * P, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, AREA + 2 * P, P, RW, VM_SHARED), 0);  /* blocks growth */
    ktest_poke(AREA + P, 0x77);
    pte_t before = pte_of(mm, AREA + P);
    void **hoard = hoard_all();
    long r = mm_remap(mm, AREA, 2 * P, 4 * P, MREMAP_MAYMOVE | MREMAP_FIXED, FAR);
    long r2 = mm_remap(mm, AREA + P, P, 2 * P, MREMAP_MAYMOVE, 0);   /* splits, then fails */
    release_all(hoard);
    KCHECK_EQ(r, -ENOMEM);
    KCHECK_EQ(r2, -ENOMEM);
    KCHECK_EQ(mm->nr_vmas, 2);
    KCHECK_EQ(vma_find(mm, AREA)->end, AREA + 2 * P);
    KCHECK_EQ(pte_of(mm, AREA + P), before);
    KCHECK_EQ(ktest_peek(AREA + P), 0x77);
    KCHECK(vma_find(mm, FAR) == NULL);
    KCHECK_EQ(ktest_mm_end(mm), 0);
}
