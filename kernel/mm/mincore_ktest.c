/* In-kernel tests of mincore: a byte per page, bit 0 for a page holding a frame (lazy
 * pages and dropped ones read 0, PROT_NONE ones that kept their frame read 1), vectors
 * longer than one stack chunk, and Linux's errors. The vector lives in the test mm. */
#include "test/ktest.h"
#include "mm/mmap.h"
#include "mm/mm.h"
#include "mm/mm_ktest_util.h"
#include "mm/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"

#define RW (PROT_READ | PROT_WRITE)
#define P PAGE_SIZE
#define AREA  0x30000000u
#define VEC   0x20000000u    /* the user vector */
#define RO    0x21000000u    /* a read-only page for a vector */
#define BIG   200u           /* pages: more than one 64-byte chunk of the vector */

static void touch(uint32_t va) { uint8_t b = 1; (void)copy_to_user((void *)va, &b, 1); }

/* mincore of n pages from start into VEC, copied back to vec; returns mm_mincore's. */
static int residency(struct mm *mm, uint32_t start, uint32_t len, uint8_t *vec, uint32_t n) {
    memset(vec, 0xEE, n);
    int r = mm_mincore(mm, start, len, (uint8_t *)VEC);
    if (r == 0 && copy_from_user(vec, (const void *)VEC, n))
        return -EFAULT;
    return r;
}

KTEST(mincore_residency_bits) {
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, VEC, P, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, AREA, 8 * P, RW, 0), 0);
    touch(AREA);
    touch(AREA + 3 * P + 100);
    touch(AREA + 7 * P);
    uint8_t vec[8], want[8] = {1, 0, 0, 1, 0, 0, 0, 1};
    KCHECK_EQ(residency(mm, AREA, 8 * P, vec, 8), 0);
    KCHECK(!memcmp(vec, want, 8));
    KCHECK_EQ(mm_advise(mm, AREA + 3 * P, P, MADV_DONTNEED), 0);
    KCHECK_EQ(mm_protect_range(mm, AREA + 7 * P, P, PROT_NONE), 0);
    want[3] = 0;                                  /* dropped; PROT_NONE keeps its frame */
    KCHECK_EQ(residency(mm, AREA, 7 * P + 1, vec, 8), 0);   /* len rounds up */
    KCHECK(!memcmp(vec, want, 8));
    uint8_t mark = 0x5A;
    KCHECK_EQ(copy_to_user((void *)VEC, &mark, 1), 0);
    KCHECK_EQ(residency(mm, AREA, 0, vec, 1), 0);
    KCHECK_EQ(vec[0], mark);                      /* len 0 writes nothing */
    KCHECK_EQ(ktest_mm_end(mm), 0);
}

/* A range of BIG pages, answered in several chunks of the vector. */
KTEST(mincore_long_range) {
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, VEC, P, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, AREA, BIG * P, RW, 0), 0);
    static const uint32_t touched[] = {0, 63, 64, 130, BIG - 1};
    for (uint32_t i = 0; i < sizeof touched / sizeof touched[0]; i++)
        touch(AREA + touched[i] * P);
    static uint8_t vec[BIG];
    KCHECK_EQ(residency(mm, AREA, BIG * P, vec, BIG), 0);
    uint32_t set = 0;
    for (uint32_t i = 0; i < BIG; i++)
        set += vec[i];
    KCHECK_EQ(set, 5);
    KCHECK(vec[0] && vec[63] && vec[64] && vec[130] && vec[BIG - 1]);
    KCHECK_EQ(ktest_mm_end(mm), 0);
}

KTEST(mincore_errors) {
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, VEC, P, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, RO, P, PROT_READ, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, AREA, 2 * P, RW, 0), 0);
    uint8_t kvec[4];
    KCHECK_EQ(mm_mincore(mm, AREA + 1, P, (uint8_t *)VEC), -EINVAL);
    KCHECK_EQ(mm_mincore(mm, AREA, 3 * P, (uint8_t *)VEC), -ENOMEM);      /* a hole */
    KCHECK_EQ(mm_mincore(mm, AREA + 4 * P, P, (uint8_t *)VEC), -ENOMEM);
    KCHECK_EQ(mm_mincore(mm, 0xBFFFF000u, 2 * P, (uint8_t *)VEC), -ENOMEM);
    KCHECK_EQ(mm_mincore(mm, AREA, 2 * P, kvec), -EFAULT);               /* kernel pointer */
    KCHECK_EQ(mm_mincore(mm, AREA, 2 * P, (uint8_t *)RO), -EFAULT);      /* read-only */
    KCHECK_EQ(mm_mincore(mm, AREA, 2 * P, (uint8_t *)(VEC + P - 1)), -EFAULT); /* runs out */
    KCHECK_EQ(mm_mincore(mm, AREA, 2 * P, (uint8_t *)(VEC + P - 2)), 0);
    KCHECK_EQ(mm->rss, 1);                       /* only the vector's page */
    KCHECK_EQ(ktest_mm_end(mm), 0);
}
