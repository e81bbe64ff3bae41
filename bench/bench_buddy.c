/* Host benchmark of kernel/mm/buddy.c (built -O2, no sanitizers). Prints labelled figures:
 *  - ns per order-0 buddy_alloc + buddy_free pair, best of BEST_OF runs, in two states:
 *    "list hit" (a free order-0 block exists, the steady state of a busy system) and
 *    "split/merge" (everything coalesced, so each pair splits and merges 10 levels);
 *  - ns per operation of a random mixed-order workload held near 50% occupancy;
 *  - after that long churn: the largest order still allocatable and two fragmentation
 *    figures:
 *      frag index        = 1 - (pages in the largest free block) / (free pages)
 *                          (0 = all free memory in one block, -> 1 = shattered);
 *      unusable index(k) = (free pages not in blocks of order >= k) / (free pages)
 *                          (Gorman's "unusable free space index"), given for k = MAX_ORDER.
 * The simulated RAM is 128 MiB; the allocator never touches the frames themselves. */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "mm/buddy.h"

#define NPAGES (128u << (20 - PAGE_SHIFT)) /* 128 MiB of 4 KiB frames */
#define FAKE_VIRT_BASE ((uintptr_t)0x40000000u)
#define PAIRS 10000000u
#define BEST_OF 5
#define CHURN_OPS 20000000u
#define OCCUPANCY_PCT 50

static struct page map[NPAGES];
static void *live[NPAGES];
static int live_order[NPAGES];

void panic(const char *fmt, ...) {
    fprintf(stderr, "bench_buddy: unexpected panic: %s\n", fmt);
    abort();
}

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void fresh_pool(void) {
    buddy_init(map, 0, NPAGES, FAKE_VIRT_BASE);
    buddy_add_range(0, NPAGES);
}

/* Best-of-BEST_OF ns for one order-0 alloc+free pair in the current pool state. */
static double pair_ns(void) {
    double best = 1e30;
    for (int run = 0; run < BEST_OF; run++) {
        double t0 = now_ns();
        for (uint32_t i = 0; i < PAIRS; i++)
            buddy_free(buddy_alloc(0), 0);
        double ns = (now_ns() - t0) / PAIRS;
        best = ns < best ? ns : best;
    }
    return best;
}

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void) { /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

/* Order k with probability about 2^-(k+1): mostly single pages, sometimes big blocks. */
static int random_order(void) {
    int k = __builtin_ctzll(rng() | (1ull << MAX_ORDER));
    return k;
}

/* Random allocs and frees of random orders, keeping about OCCUPANCY_PCT of RAM in use.
 * Returns ns per operation (RNG included). */
static double churn(uint32_t ops, uint32_t *nlive) {
    uint32_t n = *nlive, target = NPAGES / 100 * OCCUPANCY_PCT;
    double t0 = now_ns();
    for (uint32_t i = 0; i < ops; i++) {
        int over = NPAGES - buddy_nr_free() > target;
        if (n && (over || (rng() & 3) == 0)) {
            uint32_t j = (uint32_t)(rng() % n);
            buddy_free(live[j], live_order[j]);
            n--;
            live[j] = live[n];
            live_order[j] = live_order[n];
        } else {
            int k = random_order();
            void *b = buddy_alloc(k);
            if (b) {
                live[n] = b;
                live_order[n++] = k;
            }
        }
    }
    *nlive = n;
    return (now_ns() - t0) / ops;
}

static int largest_free_order(void) {
    for (int k = MAX_ORDER; k >= 0; k--)
        if (buddy_nr_free_blocks(k))
            return k;
    return -1;
}

static void report_fragmentation(void) {
    uint32_t free_pages = buddy_nr_free();
    int top = largest_free_order();
    double frag = 1.0 - (double)(1u << top) / free_pages;
    double unusable = 1.0 - (double)(buddy_nr_free_blocks(MAX_ORDER) << MAX_ORDER) / free_pages;
    char info[256];
    buddy_info(info, sizeof info);
    printf("after churn: free pages                 %u of %u\n", free_pages, NPAGES);
    printf("after churn: largest allocatable order  %d\n", top);
    printf("after churn: frag index                 %.3f  (1 - largest block / free)\n", frag);
    printf("after churn: unusable index (order %d)  %.3f\n", MAX_ORDER, unusable);
    printf("after churn: buddyinfo  %s", info);
}

int main(void) {
    fresh_pool();
    printf("buddy: order-0 alloc+free pair, split/merge  %.1f ns  (best of %d x %u)\n",
           pair_ns(), BEST_OF, PAIRS);
    void *pin = buddy_alloc(0); /* its buddy now stays on the order-0 list */
    printf("buddy: order-0 alloc+free pair, list hit     %.1f ns  (best of %d x %u)\n",
           pair_ns(), BEST_OF, PAIRS);
    buddy_free(pin, 0);
    uint32_t nlive = 0;
    churn(CHURN_OPS / 10, &nlive); /* warm up to the target occupancy */
    printf("buddy: random mixed-order workload           %.1f ns/op (%u ops, ~%d%% full)\n",
           churn(CHURN_OPS, &nlive), CHURN_OPS, OCCUPANCY_PCT);
    report_fragmentation();
    return 0;
}
