/* In-kernel tests of madvise: MADV_DONTNEED frees the frames of private ranges (the next
 * touch reads zero, rss and the buddy's free count come back), shared ranges and the
 * plain hints keep their pages, and Linux's errors. */
#include "test/ktest.h"
#include "mm/mmap.h"
#include "mm/mm.h"
#include "mm/mm_ktest_util.h"
#include "mm/uaccess.h"
#include "mm/buddy.h"
#include "lib/errno.h"

#define RW (PROT_READ | PROT_WRITE)
#define P PAGE_SIZE
#define AREA 0x30000000u
#define NPAGES 4

static void poke_all(uint32_t base, uint32_t tag) {
    for (uint32_t i = 0; i < NPAGES; i++)
        ktest_poke(base + i * P + 12, tag + i);
}

KTEST(madvise_dontneed_frees_pages) {
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, AREA, NPAGES * P, RW, 0), 0);
    uint32_t untouched = buddy_nr_free();
    poke_all(AREA, 0x50);
    KCHECK_EQ(mm->rss, NPAGES);
    KCHECK_EQ(buddy_nr_free(), untouched - NPAGES - 1);     /* and one page table */
    KCHECK_EQ(mm_advise(mm, AREA + P, 2 * P - 10, MADV_DONTNEED), 0);
    KCHECK_EQ(mm->rss, NPAGES - 2);
    KCHECK_EQ(ktest_peek(AREA + 12), 0x50);
    KCHECK_EQ(ktest_peek(AREA + 3 * P + 12), 0x53);
    KCHECK_EQ(mm_advise(mm, AREA, NPAGES * P, MADV_DONTNEED), 0);
    KCHECK_EQ(mm->rss, 0);
    KCHECK_EQ(buddy_nr_free(), untouched);                  /* frames and the table back */
    KCHECK_EQ(mm_nr_pagetables(mm), 0);
    KCHECK_EQ(mm->nr_vmas, 1);                              /* the mapping stays */
    KCHECK_EQ(ktest_peek(AREA + P + 12), 0);                /* a fresh zero page */
    KCHECK_EQ(mm->rss, 1);
    poke_all(AREA, 0x60);
    KCHECK_EQ(mm_advise(mm, AREA, NPAGES * P, MADV_FREE), 0);
    KCHECK_EQ(mm->rss, 0);
    KCHECK_EQ(ktest_peek(AREA + 2 * P + 12), 0);
    KCHECK_EQ(ktest_mm_end(mm), 0);
}

KTEST(madvise_hints_and_shared_keep_pages) {
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, AREA, NPAGES * P, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, AREA + NPAGES * P, NPAGES * P, RW, VM_SHARED), 0);
    poke_all(AREA, 0x70);
    poke_all(AREA + NPAGES * P, 0x80);
    for (uint32_t a = MADV_NORMAL; a <= MADV_WILLNEED; a++)
        KCHECK_EQ(mm_advise(mm, AREA, 2 * NPAGES * P, a), 0);
    KCHECK_EQ(mm->rss, 2 * NPAGES);
    KCHECK_EQ(mm_advise(mm, AREA, 2 * NPAGES * P, MADV_DONTNEED), 0);
    KCHECK_EQ(mm->rss, NPAGES);                             /* only the private half */
    KCHECK_EQ(ktest_peek(AREA + 12), 0);
    KCHECK_EQ(ktest_peek(AREA + NPAGES * P + 12), 0x80);
    KCHECK_EQ(ktest_mm_end(mm), 0);
}

KTEST(madvise_errors) {
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, AREA, NPAGES * P, RW, 0), 0);
    poke_all(AREA, 0x90);
    KCHECK_EQ(mm_advise(mm, AREA + 4, P, MADV_DONTNEED), -EINVAL);
    KCHECK_EQ(mm_advise(mm, AREA, P, 5), -EINVAL);
    KCHECK_EQ(mm_advise(mm, AREA, P, 100), -EINVAL);
    KCHECK_EQ(mm_advise(mm, AREA, 0xFFFFFFF0u, MADV_DONTNEED), -EINVAL);  /* wraps */
    KCHECK_EQ(mm_advise(mm, AREA, 0, MADV_DONTNEED), 0);
    KCHECK_EQ(mm_advise(mm, AREA + 8 * P, P, MADV_NORMAL), -ENOMEM);
    KCHECK_EQ(mm->rss, NPAGES);
    /* A hole: ENOMEM, and the mapped part is still dropped (Linux). */
    KCHECK_EQ(mm_advise(mm, AREA + 2 * P, 4 * P, MADV_DONTNEED), -ENOMEM);
    KCHECK_EQ(mm->rss, 2);
    KCHECK_EQ(ktest_peek(AREA + P + 12), 0x91);
    KCHECK_EQ(ktest_mm_end(mm), 0);
}
