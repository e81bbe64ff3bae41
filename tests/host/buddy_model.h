/* A reference model of the buddy allocator for the fuzzers (fuzz_buddy.c, libfuzz_buddy.c).
 *
 * The model knows nothing about buddies: it keeps one owner word per frame (a hole, free,
 * or the head pfn of the live block covering it) and checks every answer of the real
 * allocator against that: a block handed out is aligned, inside released RAM, and made
 * only of free frames (so no overlap); NULL is returned only when no aligned run of free
 * frames of that order exists; free counts are exact. Because the allocator merges
 * eagerly, its free lists are a function of the set of free frames alone (the maximal
 * aligned all-free blocks), so model_check_lists recomputes every per-order count from
 * the owner array and compares. Failures are reported as false with a message in m->err. */
#ifndef TESTS_HOST_BUDDY_MODEL_H
#define TESTS_HOST_BUDDY_MODEL_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "mm/buddy.h"

#define MODEL_MAX_PAGES 4096u
#define MODEL_FAKE_VIRT_BASE ((uintptr_t)0x40000000u)
#define MODEL_FREE 0u
#define MODEL_HOLE UINT32_MAX
#define MODEL_MAX_RANGES 64

struct model_block {
    uint32_t pfn;
    int order;
};

struct model {
    struct page map[MODEL_MAX_PAGES];
    uint32_t owner[MODEL_MAX_PAGES];           /* by pfn - first: HOLE, FREE or head pfn + 1 */
    struct model_block live[MODEL_MAX_PAGES];
    uint32_t nlive, first, npages, nfree, nmanaged;
    uint32_t initial[NR_ORDERS];               /* per-order counts right after setup */
    char err[256];
};

static uint64_t model_rng_state;
static inline void model_seed(uint64_t seed) { model_rng_state = seed * 2 + 1; }
static inline uint32_t model_rng(void) { /* xorshift64* */
    model_rng_state ^= model_rng_state >> 12;
    model_rng_state ^= model_rng_state << 25;
    model_rng_state ^= model_rng_state >> 27;
    return (uint32_t)((model_rng_state * 0x2545F4914F6CDD1Dull) >> 32);
}

#define MODEL_FAIL(m, ...) (snprintf((m)->err, sizeof (m)->err, __VA_ARGS__), false)

static inline uint32_t *model_owner(struct model *m, uint32_t pfn) {
    return &m->owner[pfn - m->first];
}

/* True when the order-k block at pfn lies in the map and all its frames are free. */
static bool model_block_free(struct model *m, uint32_t pfn, int k) {
    if (pfn < m->first || pfn + (1u << k) > m->first + m->npages)
        return false;
    for (uint32_t i = 0; i < (1u << k); i++)
        if (*model_owner(m, pfn + i) != MODEL_FREE)
            return false;
    return true;
}

/* Per-order counts the allocator must have: the maximal aligned all-free blocks, found
 * left to right (a block is maximal when its parent is not all free or exceeds MAX_ORDER). */
static void model_expected_lists(struct model *m, uint32_t counts[NR_ORDERS]) {
    memset(counts, 0, NR_ORDERS * sizeof counts[0]);
    for (uint32_t pfn = m->first; pfn < m->first + m->npages;) {
        if (*model_owner(m, pfn) != MODEL_FREE) {
            pfn++;
            continue;
        }
        int k = 0;
        while (k < MAX_ORDER && (pfn & (1u << k)) == 0 && model_block_free(m, pfn, k + 1))
            k++;
        counts[k]++;
        pfn += 1u << k;
    }
}

static bool model_check_counts(struct model *m) {
    uint32_t sum = 0;
    for (int k = 0; k < NR_ORDERS; k++)
        sum += buddy_nr_free_blocks(k) << k;
    if (buddy_nr_free() != m->nfree || sum != m->nfree)
        return MODEL_FAIL(m, "free count %u, on lists %u, model %u", buddy_nr_free(), sum,
                          m->nfree);
    if (buddy_nr_managed() != m->nmanaged)
        return MODEL_FAIL(m, "managed %u, model %u", buddy_nr_managed(), m->nmanaged);
    return true;
}

static bool model_check_lists(struct model *m) {
    uint32_t want[NR_ORDERS];
    model_expected_lists(m, want);
    for (int k = 0; k < NR_ORDERS; k++)
        if (buddy_nr_free_blocks(k) != want[k])
            return MODEL_FAIL(m, "order %d: %u free blocks, model %u", k,
                              buddy_nr_free_blocks(k), want[k]);
    return model_check_counts(m);
}

/* Fresh allocator over [first, first + npages); ranges[i] = {start, end} are released in
 * the given order (they must be disjoint and inside the map). */
static bool model_setup(struct model *m, uint32_t first, uint32_t npages,
                        const uint32_t (*ranges)[2], int nranges) {
    m->first = first;
    m->npages = npages;
    m->nlive = m->nfree = m->nmanaged = 0;
    for (uint32_t i = 0; i < npages; i++)
        m->owner[i] = MODEL_HOLE;
    buddy_init(m->map, first, npages, MODEL_FAKE_VIRT_BASE);
    for (int r = 0; r < nranges; r++) {
        buddy_add_range(ranges[r][0], ranges[r][1]);
        for (uint32_t pfn = ranges[r][0]; pfn < ranges[r][1]; pfn++)
            *model_owner(m, pfn) = MODEL_FREE;
        m->nfree += ranges[r][1] - ranges[r][0];
    }
    m->nmanaged = m->nfree;
    for (int k = 0; k < NR_ORDERS; k++)
        m->initial[k] = buddy_nr_free_blocks(k);
    return model_check_lists(m);
}

/* NULL is right only when no aligned order-k run of free frames exists. */
static bool model_null_ok(struct model *m, int k) {
    if (k == 0)
        return m->nfree == 0 || MODEL_FAIL(m, "order 0: NULL with %u frames free", m->nfree);
    uint32_t step = 1u << k;
    for (uint32_t pfn = (m->first + step - 1) & ~(step - 1); pfn < m->first + m->npages;
         pfn += step)
        if (model_block_free(m, pfn, k))
            return MODEL_FAIL(m, "order %d: NULL with a free block at pfn %#x", k, pfn);
    return true;
}

static bool model_alloc(struct model *m, int k) {
    void *b = buddy_alloc(k);
    if (!b)
        return model_null_ok(m, k);
    uint32_t pfn = virt_to_pfn(b);
    if (pfn_to_virt(pfn) != b || (pfn & ((1u << k) - 1)))
        return MODEL_FAIL(m, "order %d: block %p not aligned", k, b);
    if (!model_block_free(m, pfn, k))
        return MODEL_FAIL(m, "order %d: block at pfn %#x overlaps a hole or a live block",
                          k, pfn);
    for (uint32_t i = 0; i < (1u << k); i++)
        *model_owner(m, pfn + i) = pfn + 1;
    m->live[m->nlive++] = (struct model_block){pfn, k};
    m->nfree -= 1u << k;
    return model_check_counts(m);
}

/* Frees live block i (the last one moves into its slot). */
static bool model_free(struct model *m, uint32_t i) {
    struct model_block b = m->live[i];
    buddy_free(pfn_to_virt(b.pfn), b.order);
    for (uint32_t f = 0; f < (1u << b.order); f++)
        *model_owner(m, b.pfn + f) = MODEL_FREE;
    m->live[i] = m->live[--m->nlive];
    m->nfree += 1u << b.order;
    return model_check_counts(m);
}

/* Frees everything; the allocator must be back to its state right after setup. */
static bool model_free_all(struct model *m) {
    while (m->nlive)
        if (!model_free(m, m->nlive - 1))
            return false;
    for (int k = 0; k < NR_ORDERS; k++)
        if (buddy_nr_free_blocks(k) != m->initial[k])
            return MODEL_FAIL(m, "after freeing all, order %d has %u blocks, initially %u", k,
                              buddy_nr_free_blocks(k), m->initial[k]);
    return model_check_lists(m);
}

/* The first frame from pfn on (cyclically) that is not the head of a live block; the
 * frame just past the map when every frame is one. */
static uint32_t model_non_head(struct model *m, uint32_t pfn) {
    for (uint32_t n = 0; n < m->npages; n++) {
        if (*model_owner(m, pfn) != pfn + 1)
            return pfn;
        pfn = m->first + (pfn - m->first + 1) % m->npages;
    }
    return m->first + m->npages;
}

/* Picks a free that must panic, from random bits r: a free or hole frame, a live block at
 * a wrong order, an interior frame of a live block, or a frame outside the map. */
static void model_bad_free(struct model *m, uint32_t r, void **addr, int *order) {
    uint32_t pfn = m->first + (r >> 8) % m->npages;
    *order = (int)((r >> 4) % NR_ORDERS);
    if ((r & 3) == 1 && m->nlive) { /* a live block at a wrong (maybe invalid) order */
        struct model_block b = m->live[(r >> 8) % m->nlive];
        pfn = b.pfn;
        *order = b.order + (int)((r >> 4) % 3) - 1;
        if (*order == b.order)
            *order = MAX_ORDER + 1;
    } else if ((r & 3) == 2) { /* beyond either end of the map */
        pfn = (r & 4) ? m->first - 1 - (r >> 20) % 4 : m->first + m->npages + (r >> 20) % 4;
    } else if ((r & 3) == 3 && m->nlive) { /* an interior frame of some live block */
        struct model_block b = m->live[(r >> 8) % m->nlive];
        pfn = b.order ? b.pfn + 1 + (r >> 12) % ((1u << b.order) - 1) : model_non_head(m, pfn);
    } else { /* any frame that is not a live head (free, hole, interior), any order */
        pfn = model_non_head(m, pfn);
    }
    *addr = pfn_to_virt(pfn);
}

/* Random disjoint ranges inside [first, first + npages), in random order. Each layout
 * draws its own piece length and hole rate, from one whole range to confetti. */
static int model_random_ranges(uint32_t first, uint32_t npages, uint32_t (*ranges)[2]) {
    static const uint32_t max_len[] = {16, 256, 2048, MODEL_MAX_PAGES};
    static const uint32_t hole_in_8[] = {0, 1, 2, 4};
    uint32_t len_cap = max_len[model_rng() % 4], holes = hole_in_8[model_rng() % 4];
    int n = 0;
    for (uint32_t pfn = first; pfn < first + npages && n < MODEL_MAX_RANGES;) {
        uint32_t len = 1 + model_rng() % len_cap;
        uint32_t end = pfn + len < first + npages ? pfn + len : first + npages;
        if (model_rng() % 8 >= holes)
            ranges[n][0] = pfn, ranges[n++][1] = end;
        pfn = end;
    }
    for (int i = n - 1; i > 0; i--) { /* Fisher-Yates */
        int j = (int)(model_rng() % (uint32_t)(i + 1));
        uint32_t a = ranges[i][0], b = ranges[i][1];
        ranges[i][0] = ranges[j][0], ranges[i][1] = ranges[j][1];
        ranges[j][0] = a, ranges[j][1] = b;
    }
    return n;
}
#endif
