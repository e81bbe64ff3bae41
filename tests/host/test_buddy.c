/* Host unit tests for kernel/mm/buddy.c over a simulated frame range. The allocator never
 * touches the memory it manages, so the virtual base is a made-up address. */
#include "check.h"
#include <stdint.h>
#include "mm/buddy.h"

#define MAP_PAGES 4096
#define FAKE_VIRT_BASE ((uintptr_t)0x40000000u)
#define TOP_PAGES (1u << MAX_ORDER)

static struct page map[MAP_PAGES];

static void setup(uint32_t first_pfn, uint32_t npages) {
    buddy_init(map, first_pfn, npages, FAKE_VIRT_BASE);
}

static uint32_t pfn_of(const void *block) { return virt_to_pfn(block); }

/* Every order's free block count, for comparing whole allocator states. */
static void snapshot(uint32_t counts[NR_ORDERS]) {
    for (int k = 0; k < NR_ORDERS; k++)
        counts[k] = buddy_nr_free_blocks(k);
}

static int same_counts(const uint32_t a[NR_ORDERS], const uint32_t b[NR_ORDERS]) {
    return memcmp(a, b, NR_ORDERS * sizeof a[0]) == 0;
}

/* Sum of 2^k * blocks(k): must always equal buddy_nr_free(). */
static uint32_t pages_on_lists(void) {
    uint32_t n = 0;
    for (int k = 0; k < NR_ORDERS; k++)
        n += buddy_nr_free_blocks(k) << k;
    return n;
}

TEST(init_reserves_everything) {
    setup(0, MAP_PAGES);
    CHECK_EQ(buddy_nr_free(), 0);
    CHECK_EQ(buddy_nr_managed(), 0);
    CHECK(buddy_alloc(0) == NULL);
    CHECK(map[7].flags & PG_reserved);
}

TEST(aligned_range_is_one_top_block) {
    setup(0, MAP_PAGES);
    buddy_add_range(0, TOP_PAGES);
    CHECK_EQ(buddy_nr_free_blocks(MAX_ORDER), 1);
    CHECK_EQ(buddy_nr_free(), TOP_PAGES);
    CHECK_EQ(buddy_nr_managed(), TOP_PAGES);
    CHECK_EQ(pages_on_lists(), TOP_PAGES);
}

/* [3, 1000) carves into 3 | 4-7 | 8-15 | ... | 256-511 | 512-767 | ... | 992-999. */
TEST(odd_range_carves_maximal_aligned_blocks) {
    static const uint32_t want[NR_ORDERS] = {1, 0, 1, 2, 1, 2, 2, 2, 2, 0, 0};
    uint32_t got[NR_ORDERS];
    setup(0, MAP_PAGES);
    buddy_add_range(3, 1000);
    snapshot(got);
    CHECK(same_counts(got, want));
    CHECK_EQ(buddy_nr_free(), 997);
    CHECK_EQ(pages_on_lists(), 997);
}

TEST(large_range_caps_at_max_order) {
    setup(0, MAP_PAGES);
    buddy_add_range(0, MAP_PAGES);
    CHECK_EQ(buddy_nr_free_blocks(MAX_ORDER), MAP_PAGES / TOP_PAGES);
    CHECK_EQ(pages_on_lists(), MAP_PAGES);
}

TEST(unaligned_first_pfn) {
    uint32_t first = 0x12345;
    setup(first, 3000);
    buddy_add_range(first, first + 3000);
    CHECK_EQ(buddy_nr_free(), 3000);
    CHECK_EQ(pages_on_lists(), 3000);
    for (int k = 0; k <= MAX_ORDER; k++) {
        void *b = buddy_alloc(k);
        CHECK(b != NULL);
        CHECK_EQ(pfn_of(b) & ((1u << k) - 1), 0);
        CHECK(pfn_of(b) >= first && pfn_of(b) + (1u << k) <= first + 3000);
        buddy_free(b, k);
    }
    CHECK_EQ(pages_on_lists(), 3000);
}

/* Allocating order k from a lone top block leaves one free block at each order k..9. */
TEST(split_at_every_order) {
    for (int k = 0; k <= MAX_ORDER; k++) {
        setup(0, MAP_PAGES);
        buddy_add_range(0, TOP_PAGES);
        void *b = buddy_alloc(k);
        CHECK_EQ(pfn_of(b), 0);
        for (int j = 0; j < NR_ORDERS; j++)
            CHECK_EQ(buddy_nr_free_blocks(j), j >= k && j < MAX_ORDER);
        CHECK_EQ(buddy_nr_free(), TOP_PAGES - (1u << k));
        buddy_free(b, k);
        CHECK_EQ(buddy_nr_free_blocks(MAX_ORDER), 1);
        CHECK_EQ(buddy_nr_free(), TOP_PAGES);
    }
}

/* Fill the top block with order-k blocks, free them in a scrambled order: one block again. */
TEST(merge_at_every_order) {
    static void *blocks[TOP_PAGES];
    for (int k = 0; k <= MAX_ORDER; k++) {
        setup(0, MAP_PAGES);
        buddy_add_range(0, TOP_PAGES);
        uint32_t n = TOP_PAGES >> k;
        for (uint32_t i = 0; i < n; i++) {
            blocks[i] = buddy_alloc(k);
            CHECK(blocks[i] != NULL);
            CHECK_EQ(pfn_of(blocks[i]) & ((1u << k) - 1), 0);
        }
        CHECK(buddy_alloc(0) == NULL);
        for (uint32_t i = 0; i < n; i++) /* 389 is odd, so i*389 mod n visits every i */
            buddy_free(blocks[(i * 389u) % n], k);
        CHECK_EQ(buddy_nr_free_blocks(MAX_ORDER), 1);
        CHECK_EQ(pages_on_lists(), TOP_PAGES);
    }
}

TEST(no_block_handed_out_twice) {
    static uint8_t seen[MAP_PAGES];
    memset(seen, 0, sizeof seen);
    setup(0, MAP_PAGES);
    buddy_add_range(5, 2049);
    int dup = 0, n = 0;
    for (void *b; (b = alloc_page()) != NULL; n++)
        dup += seen[pfn_of(b)]++;
    CHECK_EQ(dup, 0);
    CHECK_EQ(n, 2044);
    CHECK(!seen[4] && !seen[2049]);
}

TEST(exhaustion_returns_null) {
    setup(0, MAP_PAGES);
    buddy_add_range(0, 8);
    void *a = buddy_alloc(3);
    CHECK(a != NULL);
    CHECK(buddy_alloc(0) == NULL);
    CHECK(buddy_alloc(3) == NULL);
    buddy_free(a, 3);
    void *p = buddy_alloc(0);
    CHECK(buddy_alloc(3) == NULL); /* 7 pages free, no 8-page block */
    CHECK(buddy_alloc(2) != NULL);
    free_page(p);
}

TEST(order_out_of_range_allocates_nothing) {
    setup(0, MAP_PAGES);
    buddy_add_range(0, MAP_PAGES);
    CHECK(buddy_alloc(-1) == NULL);
    CHECK(buddy_alloc(MAX_ORDER + 1) == NULL);
    CHECK(alloc_pages(100) == NULL);
    CHECK_EQ(buddy_nr_free(), MAP_PAGES);
    CHECK_EQ(buddy_nr_free_blocks(-1), 0);
    CHECK_EQ(buddy_nr_free_blocks(NR_ORDERS), 0);
}

TEST(holes_are_never_handed_out) {
    setup(0, MAP_PAGES);
    buddy_add_range(0, 100);
    buddy_add_range(200, 1024);
    CHECK_EQ(buddy_nr_managed(), 924);
    int in_hole = 0, n = 0;
    for (void *b; (b = alloc_page()) != NULL; n++)
        in_hole += pfn_of(b) >= 100 && pfn_of(b) < 200;
    CHECK_EQ(in_hole, 0);
    CHECK_EQ(n, 924);
}

TEST(adjacent_ranges_merge) {
    setup(0, MAP_PAGES);
    buddy_add_range(0, 512);
    buddy_add_range(512, 1024);
    CHECK_EQ(buddy_nr_free_blocks(MAX_ORDER), 1);
    CHECK_EQ(buddy_nr_free_blocks(MAX_ORDER - 1), 0);
    setup(0, MAP_PAGES);
    for (uint32_t pfn = TOP_PAGES; pfn-- > 0;)
        buddy_add_range(pfn, pfn + 1);
    CHECK_EQ(buddy_nr_free_blocks(MAX_ORDER), 1);
    CHECK_EQ(pages_on_lists(), TOP_PAGES);
}

TEST(empty_range_is_fine) {
    setup(0, MAP_PAGES);
    buddy_add_range(10, 10);
    CHECK_EQ(buddy_nr_free(), 0);
}

/* The first frame's buddy (pfn - 1) and the last's lie outside the map: no merge, no read. */
TEST(buddy_outside_map_is_not_touched) {
    setup(1, TOP_PAGES);
    buddy_add_range(1, TOP_PAGES + 1);
    CHECK_EQ(buddy_nr_free_blocks(0), 2); /* pfn 1 and pfn 1024 */
    void *b = buddy_alloc(0);
    buddy_free(b, 0);
    CHECK_EQ(pages_on_lists(), TOP_PAGES);
}

TEST(bad_ranges_panic) {
    setup(100, 100);
    EXPECT_PANIC(buddy_add_range(50, 150));
    EXPECT_PANIC(buddy_add_range(150, 201));
    EXPECT_PANIC(buddy_add_range(160, 150));
    buddy_add_range(100, 150);
    EXPECT_PANIC(buddy_add_range(149, 151));
    CHECK(strstr(check_panic_msg, "0x95") != NULL); /* pfn 149 named */
}

/* The panic message names the address and the order the caller passed. */
static int msg_names(const void *addr, int order) {
    char want[64];
    snprintf(want, sizeof want, "%p order %d", addr, order);
    return strstr(check_panic_msg, want) != NULL;
}

TEST(double_free_panics) {
    setup(0, MAP_PAGES);
    buddy_add_range(0, TOP_PAGES);
    void *a = buddy_alloc(2), *b = buddy_alloc(2);
    buddy_free(a, 2);
    EXPECT_PANIC(buddy_free(a, 2));
    CHECK(msg_names(a, 2) && strstr(check_panic_msg, "double free"));
    buddy_free(b, 2);
    EXPECT_PANIC(buddy_free(b, 2)); /* merged away: no longer a block head at all */
    CHECK(msg_names(b, 2));
    CHECK_EQ(buddy_nr_free(), TOP_PAGES);
}

TEST(wrong_order_panics) {
    setup(0, MAP_PAGES);
    buddy_add_range(0, TOP_PAGES);
    void *a = buddy_alloc(3);
    EXPECT_PANIC(buddy_free(a, 2));
    CHECK(msg_names(a, 2) && strstr(check_panic_msg, "allocated at order 3"));
    EXPECT_PANIC(buddy_free(a, 4));
    EXPECT_PANIC(buddy_free(a, -1));
    EXPECT_PANIC(buddy_free(a, MAX_ORDER + 1));
    CHECK(msg_names(a, MAX_ORDER + 1));
    buddy_free(a, 3);
    CHECK_EQ(buddy_nr_free(), TOP_PAGES);
}

TEST(misaligned_and_interior_panic) {
    setup(0, MAP_PAGES);
    buddy_add_range(0, TOP_PAGES);
    char *a = buddy_alloc(3);
    EXPECT_PANIC(buddy_free(a + PAGE_SIZE, 0)); /* interior frame */
    CHECK(msg_names(a + PAGE_SIZE, 0));
    EXPECT_PANIC(buddy_free(a + 2 * PAGE_SIZE, 1)); /* interior, aligned to order 1 */
    EXPECT_PANIC(buddy_free(a + PAGE_SIZE, 3));     /* not aligned to order 3 */
    CHECK(strstr(check_panic_msg, "not aligned") != NULL);
    EXPECT_PANIC(buddy_free(a + 1, 3)); /* not on a page boundary */
    CHECK(msg_names(a + 1, 3));
    buddy_free(a, 3);
}

TEST(outside_ram_panics) {
    setup(16, 1000);
    buddy_add_range(16, 1016);
    EXPECT_PANIC(buddy_free(pfn_to_virt(15), 0));
    CHECK(msg_names(pfn_to_virt(15), 0) && strstr(check_panic_msg, "managed RAM"));
    EXPECT_PANIC(buddy_free(pfn_to_virt(1016), 0));
    EXPECT_PANIC(buddy_free((void *)(FAKE_VIRT_BASE - PAGE_SIZE), 0));
    EXPECT_PANIC(buddy_free(NULL, 0));
    EXPECT_PANIC(free_pages(&map[1000], 0)); /* struct page past the map */
    struct page stray = {0};
    EXPECT_PANIC(free_pages(&stray, 0)); /* not in the map at all */
    CHECK(strstr(check_panic_msg, "outside the frame map") != NULL);
    EXPECT_PANIC(free_page(pfn_to_virt(20))); /* free, never allocated */
    CHECK_EQ(buddy_nr_free(), 1000);
}

TEST(reserved_frame_free_panics) {
    setup(0, 64);
    buddy_add_range(0, 32);
    EXPECT_PANIC(free_page(pfn_to_virt(40)));
    CHECK(strstr(check_panic_msg, "not the head") != NULL);
}

TEST(page_state_of_allocated_block) {
    setup(0, MAP_PAGES);
    buddy_add_range(0, TOP_PAGES);
    struct page *p = alloc_pages(4);
    CHECK(p->flags == PG_head);
    CHECK_EQ(p->order, 4);
    CHECK_EQ(p->refcount, 1);
    CHECK(p[1].flags == 0);
    p->flags |= PG_slab; /* owner flags are dropped on free */
    free_pages(p, 4);
    CHECK(pfn_to_page(0)->flags == PG_buddy);
    CHECK_EQ(pfn_to_page(0)->order, MAX_ORDER);
}

TEST(conversions_round_trip) {
    setup(0x100, 0x200);
    CHECK(pfn_to_virt(0x100) == (void *)(FAKE_VIRT_BASE + 0x100 * PAGE_SIZE));
    CHECK_EQ(virt_to_pfn((char *)pfn_to_virt(0x123) + 77), 0x123);
    CHECK(pfn_to_page(0x100) == &map[0]);
    CHECK_EQ(page_to_pfn(&map[5]), 0x105);
    CHECK(virt_to_page(pfn_to_virt(0x150)) == &map[0x50]);
    CHECK(page_to_virt(&map[1]) == pfn_to_virt(0x101));
    CHECK(pfn_valid(0x100) && pfn_valid(0x2ff));
    CHECK(!pfn_valid(0xff) && !pfn_valid(0x300) && !pfn_valid(UINT32_MAX));
}

TEST(buddyinfo_exact_format) {
    char buf[256];
    setup(0, MAP_PAGES);
    buddy_add_range(3, 1000);
    int n = buddy_info(buf, sizeof buf);
    const char *want = "Node 0, zone   Normal      1      0      1      2      1      2"
                       "      2      2      2      0      0 \n";
    CHECK(strcmp(buf, want) == 0);
    CHECK_EQ(n, (long long)strlen(want));
    CHECK_EQ(buddy_info(NULL, 0), n);
    CHECK_EQ(buddy_info(buf, 10), n);
    CHECK(strcmp(buf, "Node 0, z") == 0);
}

TEST(buddyinfo_wide_counts) {
    char buf[256];
    setup(0, MAP_PAGES);
    for (uint32_t pfn = 0; pfn < MAP_PAGES; pfn += 2)
        buddy_add_range(pfn, pfn + 1);
    buddy_info(buf, sizeof buf);
    CHECK(strncmp(buf, "Node 0, zone   Normal   2048      0 ", 36) == 0);
}

/* Random churn over an odd, holed layout, then free everything: the per-order counts
 * must be exactly those right after the ranges were added. */
TEST(full_coalescing_after_churn) {
    static void *live[MAP_PAGES];
    static int order_of[MAP_PAGES];
    uint32_t before[NR_ORDERS], after[NR_ORDERS];
    setup(7, 4000);
    buddy_add_range(9, 1500);
    buddy_add_range(1777, 3999);
    snapshot(before);
    uint32_t seed = 12345, n = 0;
    for (int i = 0; i < 200000; i++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t r = seed >> 8;
        if (n && (r & 1)) {
            uint32_t j = (r >> 1) % n;
            buddy_free(live[j], order_of[j]);
            live[j] = live[--n], order_of[j] = order_of[n];
        } else {
            int k = (int)((r >> 1) % 6);
            void *b = buddy_alloc(k);
            if (b)
                live[n] = b, order_of[n++] = k;
        }
        if ((i & 1023) == 0)
            CHECK_EQ(pages_on_lists(), buddy_nr_free());
    }
    while (n--)
        buddy_free(live[n], order_of[n]);
    snapshot(after);
    CHECK(same_counts(before, after));
    CHECK_EQ(buddy_nr_free(), buddy_nr_managed());
}

int main(void) {
    RUN(init_reserves_everything);
    RUN(aligned_range_is_one_top_block);
    RUN(odd_range_carves_maximal_aligned_blocks);
    RUN(large_range_caps_at_max_order);
    RUN(unaligned_first_pfn);
    RUN(split_at_every_order);
    RUN(merge_at_every_order);
    RUN(no_block_handed_out_twice);
    RUN(exhaustion_returns_null);
    RUN(order_out_of_range_allocates_nothing);
    RUN(holes_are_never_handed_out);
    RUN(adjacent_ranges_merge);
    RUN(empty_range_is_fine);
    RUN(buddy_outside_map_is_not_touched);
    RUN(bad_ranges_panic);
    RUN(double_free_panics);
    RUN(wrong_order_panics);
    RUN(misaligned_and_interior_panic);
    RUN(outside_ram_panics);
    RUN(reserved_frame_free_panics);
    RUN(page_state_of_allocated_block);
    RUN(conversions_round_trip);
    RUN(buddyinfo_exact_format);
    RUN(buddyinfo_wide_counts);
    RUN(full_coalescing_after_churn);
    return check_summary();
}
