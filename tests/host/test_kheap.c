/* Host unit tests for kernel/mm/kheap.c on top of kernel/mm/buddy.c. The frame range is
 * a real page-aligned buffer, so slots are real memory that ASan watches. */
#include "check.h"
#include <stdint.h>
#include <stdlib.h>
#include "mm/buddy.h"
#include "mm/kheap.h"

#define FIRST_PFN 0x100u
#define MAX_PAGES 2048u

static struct page map[MAX_PAGES];
static char *ram; /* MAX_PAGES frames, page aligned */
static uint32_t boot_free;

/* A fresh buddy allocator over npages frames of ram, and a fresh heap on it. */
static void setup_pages(uint32_t npages) {
    if (!ram)
        ram = aligned_alloc(PAGE_SIZE, (size_t)MAX_PAGES * PAGE_SIZE);
    buddy_init(map, FIRST_PFN, npages, (uintptr_t)ram - (uintptr_t)FIRST_PFN * PAGE_SIZE);
    buddy_add_range(FIRST_PFN, FIRST_PFN + npages);
    kheap_init();
    boot_free = buddy_nr_free();
}

static void setup(void) { setup_pages(MAX_PAGES); }

static struct kheap_stats stats(void) {
    struct kheap_stats s;
    kheap_get_stats(&s);
    return s;
}

static int in_buffer(const void *p, size_t n) {
    return (const char *)p >= ram && (const char *)p + n <= ram + (size_t)MAX_PAGES * PAGE_SIZE;
}

/* Must run first: the heap's static state is still all zero. */
TEST(kmalloc_before_init_panics) {
    EXPECT_PANIC(kmalloc(16));
    CHECK(strstr(check_panic_msg, "before kheap_init") != NULL);
}

TEST(class_of_every_small_size) {
    setup();
    CHECK_EQ(kmalloc_class(1), 0);
    CHECK_EQ(kmalloc_class(16), 0);
    CHECK_EQ(kmalloc_class(17), 1);
    CHECK_EQ(kmalloc_class(33), 2);
    CHECK_EQ(kmalloc_class_size(kmalloc_class(100)), 128);
    CHECK_EQ(kmalloc_class(KMALLOC_MAX_SLOT), KHEAP_NR_CLASSES - 1);
    CHECK_EQ(kmalloc_class(KMALLOC_MAX_SLOT + 1), -1);
    int bad = 0;
    for (size_t n = 1; n <= KMALLOC_MAX_SLOT; n++) { /* smallest class that holds n */
        int c = kmalloc_class(n);
        bad += kmalloc_class_size(c) < n || (c > 0 && kmalloc_class_size(c - 1) >= n);
    }
    CHECK_EQ(bad, 0);
    for (int c = 0; c < KHEAP_NR_CLASSES; c++)
        CHECK_EQ(kmalloc_class_size(c) % KMALLOC_ALIGN, 0);
}

TEST(large_orders) {
    CHECK_EQ(kmalloc_large_order(KMALLOC_MAX_SLOT + 1), 0);
    CHECK_EQ(kmalloc_large_order(PAGE_SIZE), 0);
    CHECK_EQ(kmalloc_large_order(PAGE_SIZE + 1), 1);
    CHECK_EQ(kmalloc_large_order(3 * PAGE_SIZE), 2);
    CHECK_EQ(kmalloc_large_order((size_t)PAGE_SIZE << MAX_ORDER), MAX_ORDER);
    CHECK_EQ(kmalloc_large_order(((size_t)PAGE_SIZE << MAX_ORDER) + 1), -1);
}

TEST(zero_and_huge_give_null) {
    setup();
    CHECK(kmalloc(0) == NULL);
    CHECK(kmalloc(((size_t)PAGE_SIZE << MAX_ORDER) + 1) == NULL);
    CHECK(kmalloc(SIZE_MAX) == NULL);
    kfree(NULL);
    CHECK_EQ(stats().failures, 3);
    CHECK_EQ(buddy_nr_free(), boot_free);
}

TEST(small_objects_aligned_distinct_in_ram) {
    static const size_t sizes[] = {1, 8, 16, 17, 40, 64, 65, 100, 200, 500, 1000, 1500, 2048};
    setup();
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char *a = kmalloc(sizes[i]), *b = kmalloc(sizes[i]);
        uint32_t slot = kmalloc_class_size(kmalloc_class(sizes[i]));
        CHECK(a && b && a != b);
        CHECK_EQ((uintptr_t)a % KMALLOC_ALIGN, 0);
        CHECK(in_buffer(a, slot) && in_buffer(b, slot));
        CHECK(a + slot <= b || b + slot <= a);
        if ((slot & (slot - 1)) == 0)
            CHECK_EQ((uintptr_t)a % slot, 0);
        kfree(a);
        kfree(b);
    }
    kheap_shrink();
    CHECK_EQ(buddy_nr_free(), boot_free);
}

TEST(freed_slot_is_reused_first) {
    setup();
    void *a = kmalloc(100);
    kfree(a);
    CHECK(kmalloc(120) == a);
    kfree(a);
}

TEST(slab_accounting) {
    setup();
    void *p[3];
    for (int i = 0; i < 3; i++)
        p[i] = kmalloc(2048); /* two per page: needs two slabs */
    struct kheap_stats s = stats();
    CHECK_EQ(s.slabs, 2);
    CHECK_EQ(s.slot_bytes, 3 * 2048);
    CHECK_EQ(s.bytes_in_use, 3 * 2048);
    CHECK_EQ(s.cls[KHEAP_NR_CLASSES - 1].objects, 3);
    CHECK_EQ(s.cls[KHEAP_NR_CLASSES - 1].slabs, 2);
    CHECK_EQ(buddy_nr_free(), boot_free - 2);
    for (int i = 0; i < 3; i++)
        kfree(p[i]);
    s = stats();
    CHECK_EQ(s.slabs, 1); /* one empty slab cached, the other given back */
    CHECK_EQ(s.bytes_in_use, 0);
    CHECK_EQ(s.allocs, 3);
    CHECK_EQ(s.frees, 3);
    CHECK_EQ(buddy_nr_free(), boot_free - 1);
    kheap_shrink();
    CHECK_EQ(stats().slabs, 0);
    CHECK_EQ(buddy_nr_free(), boot_free);
}

TEST(cached_empty_slab_is_reused) {
    setup();
    void *a = kmalloc(64);
    kfree(a);
    CHECK_EQ(buddy_nr_free(), boot_free - 1);
    void *b = kmalloc(64);
    CHECK_EQ(buddy_nr_free(), boot_free - 1);
    CHECK_EQ(virt_to_page(a), virt_to_page(b));
    kfree(b);
}

TEST(large_blocks) {
    setup();
    char *p = kmalloc(10000);
    CHECK(p != NULL);
    CHECK_EQ((uintptr_t)p % PAGE_SIZE, 0);
    CHECK(in_buffer(p, 16384));
    p[0] = 'A';
    p[9999] = 'Z';
    struct kheap_stats s = stats();
    CHECK_EQ(s.large_blocks, 1);
    CHECK_EQ(s.large_bytes, 16384);
    CHECK_EQ(buddy_nr_free(), boot_free - 4);
    kfree(p);
    CHECK_EQ(stats().large_blocks, 0);
    CHECK_EQ(buddy_nr_free(), boot_free);
    void *big = kmalloc((size_t)PAGE_SIZE << MAX_ORDER);
    CHECK(big != NULL);
    kfree(big);
}

TEST(kzalloc_zeroes) {
    setup();
    char *a = kmalloc(300);
    memset(a, 0xAA, 300);
    kfree(a);
    char *b = kzalloc(300);
    CHECK(b == a);
    int nonzero = 0;
    for (int i = 0; i < 300; i++)
        nonzero += b[i] != 0;
    CHECK_EQ(nonzero, 0);
    kfree(b);
    char *c = kzalloc(5000);
    CHECK(c && c[4999] == 0);
    kfree(c);
}

TEST(exhaustion_gives_null_and_recovers) {
    static void *p[8 * PAGE_SIZE / 16 + 1];
    setup_pages(8);
    int n = 0;
    while ((p[n] = kmalloc(16)) != NULL)
        n++;
    CHECK_EQ(n, 8 * PAGE_SIZE / 16);
    CHECK(kmalloc(5000) == NULL);
    CHECK_EQ(buddy_nr_free(), 0);
    while (n--)
        kfree(p[n]);
    kheap_shrink();
    CHECK_EQ(buddy_nr_free(), 8);
    CHECK_EQ(stats().failures, 2);
}

static int msg_names(const void *p) {
    char want[32];
    snprintf(want, sizeof want, "%p", p);
    return strstr(check_panic_msg, want) != NULL;
}

TEST(bad_slot_pointers_panic) {
    setup();
    char *a = kmalloc(48), *b = kmalloc(48);
    EXPECT_PANIC(kfree(a + 1));
    CHECK(msg_names(a + 1) && strstr(check_panic_msg, "48-byte slot"));
    EXPECT_PANIC(kfree(a + 16));
    char *page = (char *)((uintptr_t)a & ~(uintptr_t)(PAGE_SIZE - 1));
    EXPECT_PANIC(kfree(page + 85 * 48)); /* slot-aligned but in the tail past slot 84 */
    kfree(a);
    EXPECT_PANIC(kfree(a));
    CHECK(msg_names(a) && strstr(check_panic_msg, "double free"));
    memset(b, 0, 48); /* caller data never looks free */
    kfree(b);
    EXPECT_PANIC(kfree(b));
}

/* A live object whose first words look like list pointers into the heap is still live. */
TEST(live_object_holding_pointers_is_not_free) {
    setup();
    void **a = kmalloc(32), **b = kmalloc(32);
    a[0] = b;
    a[1] = b;
    b[0] = a;
    b[1] = a;
    kfree(a); /* must not be taken for a double free */
    kfree(b);
    CHECK_EQ(stats().slot_bytes, 0);
    struct list_head *h = kmalloc(sizeof *h); /* list_del leaves a node pointing at itself */
    list_init(h);
    kfree(h);
    CHECK_EQ(stats().slot_bytes, 0);
}

/* First words pointing at a non-slab page, a slot of another class, or into the middle
 * of a slot are never taken for free-list links. */
TEST(live_objects_with_stray_links_free_fine) {
    setup();
    void *raw = buddy_alloc(0), *other = kmalloc(64);
    void **a = kmalloc(32), **b = kmalloc(32), **c = kmalloc(32), **d = kmalloc(32);
    a[0] = raw;
    b[0] = other;
    c[0] = (char *)d + 8;
    d[0] = &d[1];
    kfree(a);
    kfree(b);
    kfree(c);
    kfree(d);
    kfree(other);
    buddy_free(raw, 0);
    CHECK_EQ(stats().bytes_in_use, 0);
    CHECK(kzalloc(0) == NULL);
}

TEST(corrupt_slab_page_panics) {
    setup();
    char *a = kmalloc(128);
    struct page *page = virt_to_page(a);
    void *saved = page->private;
    page->private = &page; /* not a size class */
    EXPECT_PANIC(kfree(a));
    CHECK(msg_names(a) && strstr(check_panic_msg, "corrupt class"));
    page->private = saved;
    kfree(a);
}

TEST(bad_large_and_foreign_pointers_panic) {
    setup();
    char *big = kmalloc(3 * PAGE_SIZE);
    EXPECT_PANIC(kfree(big + PAGE_SIZE)); /* interior page */
    CHECK(msg_names(big + PAGE_SIZE));
    EXPECT_PANIC(kfree(big + 16));
    kfree(big);
    EXPECT_PANIC(kfree(big));
    CHECK(strstr(check_panic_msg, "double free") != NULL);
    void *raw = buddy_alloc(0); /* a page, but not from kmalloc */
    EXPECT_PANIC(kfree(raw));
    CHECK(msg_names(raw) && strstr(check_panic_msg, "not a kmalloc pointer"));
    buddy_free(raw, 0);
    int on_stack;
    EXPECT_PANIC(kfree(&on_stack));
    CHECK(msg_names(&on_stack) && strstr(check_panic_msg, "outside RAM"));
    EXPECT_PANIC(kfree(ram - PAGE_SIZE));
    EXPECT_PANIC(kfree(ram + (size_t)MAX_PAGES * PAGE_SIZE));
    CHECK_EQ(buddy_nr_free(), boot_free);
}

TEST(no_ram_gives_null) {
    buddy_init(map, 0, 0, 0);
    kheap_init();
    CHECK(kmalloc(16) == NULL);
    CHECK(kmalloc(5000) == NULL);
    CHECK_EQ(stats().failures, 2);
}

TEST(stats_format) {
    char buf[512];
    setup();
    void *a = kmalloc(100), *b = kmalloc(5000);
    int n = kheap_stats_format(buf, sizeof buf);
    CHECK_EQ(n, (long long)strlen(buf));
    CHECK(strstr(buf, "kheap: 8320 bytes in use (128 in slots, 8192 in large blocks), "
                      "1 slabs, 1 large blocks\n") != NULL);
    CHECK(strstr(buf, "kheap: 2 allocs, 0 frees, 0 failed\n") != NULL);
    CHECK(strstr(buf, "kheap:   128-byte slots: 1 objects in 1 slabs\n") != NULL);
    CHECK_EQ(kheap_stats_format(NULL, 0), n);
    CHECK_EQ(kheap_stats_format(buf, 8), n);
    CHECK(strcmp(buf, "kheap: ") == 0);
    kfree(a);
    kfree(b);
}

/* Random sizes (small and large), each object filled with its own pattern; every object
 * is verified when freed, so any overlap between live objects shows up. */
static uint32_t rng_state = 2463534242u;
static uint32_t rng(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

#define CHURN_LIVE 600
struct obj {
    unsigned char *p;
    size_t size;
    unsigned char tag;
};

static size_t random_size(void) {
    uint32_t r = rng();
    return (r & 7) == 0 ? 1 + r % (6 * PAGE_SIZE) : 1 + r % KMALLOC_MAX_SLOT;
}

static int intact(const struct obj *o) {
    for (size_t i = 0; i < o->size; i++)
        if (o->p[i] != (unsigned char)(o->tag + i))
            return 0;
    return 1;
}

TEST(random_churn_keeps_objects_intact) {
    static struct obj live[CHURN_LIVE];
    setup();
    int n = 0, broken = 0;
    for (int i = 0; i < 100000; i++) {
        if (n == CHURN_LIVE || (n && (rng() & 1))) {
            int j = (int)(rng() % (uint32_t)n);
            broken += !intact(&live[j]);
            kfree(live[j].p);
            live[j] = live[--n];
        } else {
            struct obj o = {NULL, random_size(), (unsigned char)rng()};
            o.p = kmalloc(o.size);
            if (!o.p)
                continue;
            for (size_t k = 0; k < o.size; k++)
                o.p[k] = (unsigned char)(o.tag + k);
            live[n++] = o;
        }
    }
    while (n--) {
        broken += !intact(&live[n]);
        kfree(live[n].p);
    }
    CHECK_EQ(broken, 0);
    struct kheap_stats s = stats();
    CHECK_EQ(s.bytes_in_use, 0);
    CHECK_EQ(s.allocs, s.frees);
    kheap_shrink();
    CHECK_EQ(buddy_nr_free(), boot_free);
    char info[128];
    buddy_info(info, sizeof info); /* fully coalesced again: [0x100, 0x900) = 8+9+10+8 */
    CHECK(strcmp(info, "Node 0, zone   Normal      0      0      0      0      0      0"
                       "      0      0      2      1      1 \n") == 0);
}

int main(void) {
    RUN(kmalloc_before_init_panics);
    RUN(class_of_every_small_size);
    RUN(large_orders);
    RUN(zero_and_huge_give_null);
    RUN(small_objects_aligned_distinct_in_ram);
    RUN(freed_slot_is_reused_first);
    RUN(slab_accounting);
    RUN(cached_empty_slab_is_reused);
    RUN(large_blocks);
    RUN(kzalloc_zeroes);
    RUN(exhaustion_gives_null_and_recovers);
    RUN(bad_slot_pointers_panic);
    RUN(live_object_holding_pointers_is_not_free);
    RUN(live_objects_with_stray_links_free_fine);
    RUN(corrupt_slab_page_panics);
    RUN(bad_large_and_foreign_pointers_panic);
    RUN(no_ram_gives_null);
    RUN(stats_format);
    RUN(random_churn_keeps_objects_intact);
    free(ram);
    return check_summary();
}
