/* In-kernel tests of kmalloc/kfree on the real RAM of this boot. */
#include "test/ktest.h"
#include "mm/buddy.h"
#include "mm/kheap.h"
#include "lib/string.h"

#define OBJS_PER_SIZE 24
#define MANY_SMALL 20000

static const uint32_t sizes[] = {1,   7,    16,   24,   33,   64,   100,  128,   200,  256,
                                 300, 512,  700,  1024, 1500, 2048, 2049, 4096, 5000, 12000,
                                 70000};
#define NR_SIZES (sizeof sizes / sizeof sizes[0])

static uint8_t pattern(uint32_t obj, uint32_t i) { return (uint8_t)(obj * 31 + i * 7 + 1); }

static uint32_t bytes_in_use(void) {
    struct kheap_stats s;
    kheap_get_stats(&s);
    return s.bytes_in_use;
}

/* Many objects of many sizes live at once, each filled with its own pattern: any overlap
 * or stray write shows when they are all checked; afterwards every page is back. */
KTEST(kheap_sizes_and_patterns) {
    static uint8_t *obj[NR_SIZES * OBJS_PER_SIZE];
    kheap_shrink();
    uint32_t nfree = buddy_nr_free(), in_use = bytes_in_use();
    uint32_t n = 0, misaligned = 0, broken = 0;
    for (uint32_t s = 0; s < NR_SIZES; s++)
        for (uint32_t j = 0; j < OBJS_PER_SIZE; j++, n++) {
            obj[n] = kmalloc(sizes[s]);
            KCHECK(obj[n] != NULL);
            if (!obj[n])
                return;
            misaligned += ((uintptr_t)obj[n] & (KMALLOC_ALIGN - 1)) != 0;
            for (uint32_t i = 0; i < sizes[s]; i++)
                obj[n][i] = pattern(n, i);
        }
    for (uint32_t k = 0; k < n; k++)
        for (uint32_t i = 0; i < sizes[k / OBJS_PER_SIZE]; i++)
            broken += obj[k][i] != pattern(k, i);
    KCHECK_EQ(misaligned, 0);
    KCHECK_EQ(broken, 0);
    for (uint32_t k = 0; k < n; k++)
        kfree(obj[k]);
    kheap_shrink();
    KCHECK_EQ(bytes_in_use(), in_use);
    KCHECK_EQ(buddy_nr_free(), nfree);
}

/* Thousands of small objects (many slabs per class), freed in a scrambled order. */
KTEST(kheap_many_small) {
    kheap_shrink();
    uint32_t nfree = buddy_nr_free();
    uint32_t **obj = kmalloc(MANY_SMALL * sizeof *obj);
    KCHECK(obj != NULL);
    if (!obj)
        return;
    for (uint32_t i = 0; i < MANY_SMALL; i++) {
        obj[i] = kmalloc(16 + i % 200);
        KCHECK(obj[i] != NULL);
        if (!obj[i])
            return;
        *obj[i] = i;
    }
    uint32_t wrong = 0;
    for (uint32_t i = 0; i < MANY_SMALL; i++)
        wrong += *obj[i] != i;
    KCHECK_EQ(wrong, 0);
    for (uint32_t i = 0; i < MANY_SMALL; i++) /* 7919 is prime, coprime to MANY_SMALL */
        kfree(obj[(i * 7919u) % MANY_SMALL]);
    kfree(obj);
    kheap_shrink();
    KCHECK_EQ(buddy_nr_free(), nfree);
}

/* The largest request kmalloc serves: a whole top-order buddy block. */
KTEST(kheap_largest_block) {
    uint32_t nfree = buddy_nr_free();
    char *p = kzalloc(PAGE_SIZE << MAX_ORDER);
    KCHECK(p != NULL);
    if (!p)
        return;
    KCHECK(p[0] == 0 && p[(PAGE_SIZE << MAX_ORDER) - 1] == 0);
    p[0] = 'A';
    p[(PAGE_SIZE << MAX_ORDER) - 1] = 'Z';
    KCHECK_EQ(buddy_nr_free(), nfree - (1u << MAX_ORDER));
    kfree(p);
    KCHECK(kmalloc((PAGE_SIZE << MAX_ORDER) + 1) == NULL);
    KCHECK_EQ(buddy_nr_free(), nfree);
}
