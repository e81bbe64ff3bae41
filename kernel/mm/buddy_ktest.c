/* In-kernel tests of the buddy allocator on the real RAM of this boot. */
#include "test/ktest.h"
#include "mm/buddy.h"
#include "arch/i386/bootinfo.h"
#include "lib/string.h"

#define NOTE_MAGIC 0xB0DD1E5Au
#define BIOS_AREA_END_PFN (0x100000u >> PAGE_SHIFT) /* mem_init never releases below 1 MiB */

/* Written at the start of every page the all-pages test holds: the pages form a list, and
 * each remembers its own pfn, so two allocations of one frame would show. */
struct page_note {
    struct page_note *next;
    uint32_t pfn, magic;
};

static void snapshot(uint32_t counts[NR_ORDERS]) {
    for (int k = 0; k < NR_ORDERS; k++)
        counts[k] = buddy_nr_free_blocks(k);
}

static bool same_counts(const uint32_t a[NR_ORDERS], const uint32_t b[NR_ORDERS]) {
    return memcmp(a, b, NR_ORDERS * sizeof a[0]) == 0;
}

/* True when frame pfn touches a boot_info.reserved range (the kernel image among them). */
static bool frame_reserved(uint32_t pfn) {
    uint32_t start = pfn << PAGE_SHIFT, end = start + PAGE_SIZE;
    for (uint32_t i = 0; i < boot_info.nreserved; i++)
        if (boot_info.reserved[i].start < end && start < boot_info.reserved[i].end)
            return true;
    return false;
}

/* True when frame pfn lies wholly inside a usable multiboot region. */
static bool frame_usable(uint32_t pfn) {
    uint64_t start = (uint64_t)pfn << PAGE_SHIFT, end = start + PAGE_SIZE;
    for (uint32_t i = 0; i < boot_info.nregions; i++) {
        const struct mem_region *r = &boot_info.regions[i];
        if (r->type == MEM_REGION_USABLE && r->base <= start && end <= r->base + r->len)
            return true;
    }
    return false;
}

/* The smallest order whose block holds bytes. */
static int order_for(uint32_t bytes) {
    int k = 0;
    while ((PAGE_SIZE << k) < bytes)
        k++;
    return k;
}

static bool test_and_set(uint8_t *bits, uint32_t n) {
    bool was = bits[n / 8] & (1u << (n % 8));
    bits[n / 8] |= (uint8_t)(1u << (n % 8));
    return was;
}

/* Takes every free page one at a time (the "seen" bitmap is the only other allocation),
 * checks each is real, usable, unreserved RAM handed out once, then gives all back: the
 * free lists must be exactly as before. */
KTEST(buddy_all_pages) {
    uint32_t before[NR_ORDERS], after[NR_ORDERS], nfree = buddy_nr_free();
    snapshot(before);
    int seen_order = order_for(((boot_info.lowmem_end >> PAGE_SHIFT) + 7) / 8);
    uint8_t *seen = buddy_alloc(seen_order);
    KCHECK(seen != NULL);
    if (!seen)
        return;
    memset(seen, 0, PAGE_SIZE << seen_order);
    struct page_note *held = NULL;
    uint32_t n = 0, dups = 0, reserved = 0, unusable = 0;
    for (struct page_note *p; (p = alloc_page()) != NULL; n++) {
        uint32_t pfn = virt_to_pfn(p);
        dups += test_and_set(seen, pfn);
        reserved += frame_reserved(pfn);
        unusable += !frame_usable(pfn) || pfn < BIOS_AREA_END_PFN;
        *p = (struct page_note){held, pfn, NOTE_MAGIC};
        held = p;
    }
    KCHECK_EQ(n, nfree - (1u << seen_order));
    KCHECK_EQ(buddy_nr_free(), 0);
    KCHECK_EQ(dups, 0);
    KCHECK_EQ(reserved, 0);
    KCHECK_EQ(unusable, 0);
    uint32_t bad_notes = 0;
    while (held) {
        struct page_note *next = held->next;
        bad_notes += held->magic != NOTE_MAGIC || held->pfn != virt_to_pfn(held);
        free_page(held);
        held = next;
    }
    KCHECK_EQ(bad_notes, 0);
    buddy_free(seen, seen_order);
    snapshot(after);
    KCHECK_EQ(buddy_nr_free(), nfree);
    KCHECK(same_counts(before, after));
}

/* One block of every order: aligned, writable end to end, and returned without trace. */
KTEST(buddy_every_order) {
    uint32_t before[NR_ORDERS], after[NR_ORDERS];
    snapshot(before);
    for (int k = 0; k <= MAX_ORDER; k++) {
        char *b = buddy_alloc(k);
        KCHECK(b != NULL);
        if (!b)
            continue;
        KCHECK_EQ(virt_to_pfn(b) & ((1u << k) - 1), 0);
        KCHECK(virt_to_page(b)->flags & PG_head);
        b[0] = 1;
        b[(PAGE_SIZE << k) - 1] = 2;
        KCHECK(b[0] + b[(PAGE_SIZE << k) - 1] == 3);
        buddy_free(b, k);
    }
    snapshot(after);
    KCHECK(same_counts(before, after));
}

/* The counters agree with each other and the buddyinfo line has Linux's shape. */
KTEST(buddy_counts_and_info) {
    uint32_t on_lists = 0;
    for (int k = 0; k < NR_ORDERS; k++)
        on_lists += buddy_nr_free_blocks(k) << k;
    KCHECK_EQ(on_lists, buddy_nr_free());
    KCHECK(buddy_nr_free() <= buddy_nr_managed());
    KCHECK(buddy_nr_managed() > 0);
    char line[128];
    int n = buddy_info(line, sizeof line);
    KCHECK_EQ(n, 22 + 7 * NR_ORDERS + 1); /* fixed widths while every count < 10^6 */
    KCHECK(strncmp(line, "Node 0, zone   Normal ", 22) == 0);
    KCHECK(line[n - 1] == '\n');
}
