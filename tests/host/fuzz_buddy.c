/* Random-operation test of the buddy allocator against the reference model in
 * buddy_model.h: millions of allocs and frees of random orders over random layouts
 * (unaligned starts, holes, ranges released out of order), at occupancies from light to
 * full, with a deliberately bad free now and then (it must panic and change nothing).
 * Usage: fuzz_buddy [total_ops] (default DEFAULT_OPS, split over the seeds). */
#include "check.h"
#include "buddy_model.h"

#define DEFAULT_OPS 3000000u
#define NR_SEEDS 3
#define LAYOUT_OPS 50000u      /* a fresh random layout this often */
#define PHASE_OPS 10000u       /* a new target occupancy this often */
#define LIST_CHECK_EVERY 4096u /* full free-list recount against the model */
#define BAD_FREE_ONE_IN 1000u

static struct model m;
static uint32_t total_ops = DEFAULT_OPS;
static const uint32_t occupancy_pct[] = {20, 50, 80, 95, 100};

/* Order k with probability about 2^-(k+1). */
static int random_order(void) {
    int k = 0;
    while (k < MAX_ORDER && (model_rng() & 1))
        k++;
    return k;
}

/* One deliberately wrong free: must panic naming the address and leave counts unchanged. */
static bool bad_free_panics(void) {
    void *addr;
    int order;
    volatile int panicked = 1;
    model_bad_free(&m, model_rng(), &addr, &order);
    int failures_before = check_failures_in_test;
    EXPECT_PANIC(buddy_free(addr, order); panicked = 0);
    char want[64];
    snprintf(want, sizeof want, "%p order %d", addr, order);
    if (!panicked || check_failures_in_test != failures_before || !strstr(check_panic_msg, want))
        return MODEL_FAIL(&m, "bad free %p order %d: panicked %d, message '%s'", addr, order,
                          panicked, check_panic_msg);
    return model_check_counts(&m);
}

/* One step at the given target occupancy: alloc mostly below it, free mostly above it. */
static bool step(uint32_t target_pct) {
    if (model_rng() % BAD_FREE_ONE_IN == 0)
        return bad_free_panics();
    uint64_t used = m.nmanaged - m.nfree;
    bool below = used * 100 < (uint64_t)target_pct * m.nmanaged;
    bool alloc = (model_rng() % 4) < (below ? 3u : 1u);
    if (alloc || m.nlive == 0)
        return model_alloc(&m, random_order());
    return model_free(&m, model_rng() % m.nlive);
}

static bool run_layout(uint32_t ops) {
    static uint32_t ranges[MODEL_MAX_RANGES][2];
    uint32_t first = model_rng() % 8192, npages = 1 + model_rng() % MODEL_MAX_PAGES;
    if (model_rng() & 1)
        first &= ~((1u << MAX_ORDER) - 1); /* room for top-order blocks */
    int nranges = model_random_ranges(first, npages, ranges);
    if (!model_setup(&m, first, npages, (const uint32_t(*)[2])ranges, nranges))
        return false;
    uint32_t target = occupancy_pct[0];
    for (uint32_t i = 0; i < ops; i++) {
        if (i % PHASE_OPS == 0)
            target = occupancy_pct[model_rng() % (sizeof occupancy_pct / sizeof occupancy_pct[0])];
        if (!step(target))
            return false;
        if (i % LIST_CHECK_EVERY == 0 && !model_check_lists(&m))
            return false;
    }
    return model_free_all(&m);
}

static void fuzz_seed(uint64_t seed) {
    uint32_t ops = total_ops / NR_SEEDS;
    model_seed(seed);
    for (uint32_t done = 0; done < ops; done += LAYOUT_OPS) {
        uint32_t n = ops - done < LAYOUT_OPS ? ops - done : LAYOUT_OPS;
        if (!run_layout(n)) {
            printf("  FAIL seed %llu after %u ops: %s\n", (unsigned long long)seed, done,
                   m.err);
            check_failures_in_test++;
            return;
        }
    }
}

TEST(fuzz_seed_1) { fuzz_seed(1); }
TEST(fuzz_seed_2) { fuzz_seed(0xC0FFEE); }
TEST(fuzz_seed_3) { fuzz_seed(20261201); }

int main(int argc, char **argv) {
    if (argc > 1)
        total_ops = (uint32_t)strtoul(argv[1], NULL, 0);
    printf("fuzz_buddy: %u random ops against the reference model\n", total_ops);
    RUN(fuzz_seed_1);
    RUN(fuzz_seed_2);
    RUN(fuzz_seed_3);
    return check_summary();
}
