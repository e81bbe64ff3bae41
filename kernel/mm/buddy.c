/* The buddy allocator: free lists of naturally aligned 2^order-page blocks.
 *
 * State lives in struct page only. A free block's head carries PG_buddy and its order and
 * sits on free_list[order]; an allocated block's head carries PG_head and its order; every
 * other frame of a block has neither flag. So "is my buddy free and of this order" is one
 * load of the buddy's struct page, and buddy_free can tell a double free, a wrong order
 * and an interior pointer apart without any side table.
 *
 * Where the textbook's sketch is wrong, and what we do instead:
 *  - It declares free_list[MAX_ORDER] and then indexes free_list[MAX_ORDER], one past the
 *    end. Orders run 0..MAX_ORDER inclusive, so we keep NR_ORDERS = MAX_ORDER + 1 lists.
 *  - Its buddy_init puts the whole range into one top-order block whatever its size and
 *    alignment, handing out frames that do not exist or are not RAM. We start with every
 *    frame reserved and let buddy_add_range carve each usable range, any start and any
 *    length, into maximal naturally aligned blocks (merging with free neighbours).
 *  - It keeps a bitmap allocated with kmalloc, which does not exist yet at that point;
 *    struct page already has room for the state. */
#include "lib/pure.h"
#include "mm/buddy.h"

struct free_area {
    struct list_head list;
    uint32_t nr_blocks;
};

static struct {
    struct page *map;
    uint32_t first_pfn, npages;
    uintptr_t virt_base;
    uint32_t nr_free, nr_managed;
    struct free_area area[NR_ORDERS];
} bd;

#define BLOCK_PAGES(order) (1u << (order))

/* The pfn's struct page; callers have checked pfn_valid. */
static inline struct page *page_of(uint32_t pfn) { return &bd.map[pfn - bd.first_pfn]; }

/* Marks p as the head of a free block of this order and queues it (LIFO, cache-hot). */
static inline void push_free(struct page *p, int order) {
    p->flags = PG_buddy;
    p->order = (uint8_t)order;
    list_add(&p->list, &bd.area[order].list);
    bd.area[order].nr_blocks++;
}

/* Takes a free block head off its list; it becomes an ordinary (flag-less) frame. */
static inline void unlink_free(struct page *p, int order) {
    list_del(&p->list);
    p->flags = 0;
    bd.area[order].nr_blocks--;
}

/* Frees the block [pfn, pfn + 2^order), merging with its buddy at pfn ^ 2^order while the
 * buddy is in the map and is the head of a free block of the same order (one struct page
 * load each): at most MAX_ORDER merges. */
static void free_block(uint32_t pfn, int order) {
    struct page *p = page_of(pfn);
    bd.nr_free += BLOCK_PAGES(order);
    while (order < MAX_ORDER) {
        uint32_t buddy = pfn ^ BLOCK_PAGES(order);
        if (!pfn_valid(buddy))
            break;
        struct page *b = page_of(buddy);
        if (!(b->flags & PG_buddy) || b->order != order)
            break;
        unlink_free(b, order);
        p->flags = 0;
        if (buddy < pfn)
            p = b, pfn = buddy;
        order++;
    }
    push_free(p, order);
}

/* Makes every frame of the map reserved and every free list empty. The map is owned by the
 * caller and must outlive the allocator; virt_base is the virtual address of pfn 0. */
void buddy_init(struct page *map, uint32_t first_pfn, uint32_t npages, uintptr_t virt_base) {
    bd.map = map;
    bd.first_pfn = first_pfn;
    bd.npages = npages;
    bd.virt_base = virt_base;
    bd.nr_free = bd.nr_managed = 0;
    for (int k = 0; k < NR_ORDERS; k++) {
        list_init(&bd.area[k].list);
        bd.area[k].nr_blocks = 0;
    }
    for (uint32_t i = 0; i < npages; i++) {
        memset(&map[i], 0, sizeof map[i]);
        map[i].flags = PG_reserved;
        list_init(&map[i].list);
    }
}

/* The largest order whose block at pfn is naturally aligned and ends by end. */
static int carve_order(uint32_t pfn, uint32_t end) {
    int order = 0;
    while (order < MAX_ORDER && (pfn & BLOCK_PAGES(order)) == 0 &&
           end - pfn >= BLOCK_PAGES(order + 1))
        order++;
    return order;
}

/* Releases [start_pfn, end_pfn) to the allocator. Every frame must be in the map and still
 * reserved (never released before): releasing twice would put a frame on two lists, so it
 * panics instead. The range is carved into maximal naturally aligned blocks, each merged
 * with already-free neighbours, so adjacent or repeated calls coalesce fully. */
void buddy_add_range(uint32_t start_pfn, uint32_t end_pfn) {
    if (start_pfn > end_pfn || start_pfn < bd.first_pfn ||
        end_pfn - bd.first_pfn > bd.npages)
        panic("buddy_add_range: [%#x, %#x) outside the frame map [%#x, %#x)",
              start_pfn, end_pfn, bd.first_pfn, bd.first_pfn + bd.npages);
    for (uint32_t pfn = start_pfn; pfn < end_pfn; pfn++)
        if (!(page_of(pfn)->flags & PG_reserved))
            panic("buddy_add_range: pfn %#x released twice", pfn);
    for (uint32_t pfn = start_pfn; pfn < end_pfn; pfn++)
        page_of(pfn)->flags = 0;
    bd.nr_managed += end_pfn - start_pfn;
    for (uint32_t pfn = start_pfn; pfn < end_pfn;) {
        int order = carve_order(pfn, end_pfn);
        free_block(pfn, order);
        pfn += BLOCK_PAGES(order);
    }
}

/* Returns the head of an allocated 2^order block (PG_head, refcount 1, private NULL), or
 * NULL when order is outside 0..MAX_ORDER or no block that large is free. Takes the
 * smallest free block that fits and splits it, returning upper halves to the lists:
 * at most MAX_ORDER splits. */
struct page *alloc_pages(int order) {
    if ((unsigned)order > MAX_ORDER)
        return NULL;
    int k = order;
    while (list_empty(&bd.area[k].list))
        if (++k > MAX_ORDER)
            return NULL;
    struct page *p = list_first_entry(&bd.area[k].list, struct page, list);
    unlink_free(p, k);
    while (k > order) {
        k--;
        push_free(p + BLOCK_PAGES(k), k);
    }
    p->flags = PG_head;
    p->order = (uint8_t)order;
    p->refcount = 1;
    p->private = NULL;
    bd.nr_free -= BLOCK_PAGES(order);
    return p;
}

/* The one way a bad free ends: a message naming the address, the order and the broken
 * rule (with the order the block really has, when that is known, i.e. have >= 0). */
__attribute__((noreturn, cold, noinline)) static void bad_free(uint32_t pfn, int order,
                                                               const char *why, int have) {
    void *addr = pfn_to_virt(pfn);
    if (have >= 0)
        panic("buddy_free: %p order %d: %s order %d", addr, order, why, have);
    panic("buddy_free: %p order %d: %s", addr, order, why);
}

/* Panics unless pfn is the head of an allocated block of exactly this order. */
static inline void check_freeable(uint32_t pfn, int order) {
    if ((unsigned)order > MAX_ORDER)
        bad_free(pfn, order, "order out of range, max is", MAX_ORDER);
    if (pfn & (BLOCK_PAGES(order) - 1))
        bad_free(pfn, order, "not aligned to its order", -1);
    const struct page *p = page_of(pfn);
    if (p->flags & PG_buddy)
        bad_free(pfn, order, "double free: block is free at", p->order);
    if (!(p->flags & PG_head))
        bad_free(pfn, order, "not the head of an allocated block", -1);
    if (p->order != order)
        bad_free(pfn, order, "wrong order: block was allocated at", p->order);
}

/* Returns an allocated block to the allocator (see check_freeable for what panics).
 * The owner's flags and private data are dropped with it. */
void free_pages(struct page *page, int order) {
    if (page < bd.map || page >= bd.map + bd.npages)
        panic("free_pages: struct page %p order %d: outside the frame map", (void *)page,
              order);
    uint32_t pfn = page_to_pfn(page);
    check_freeable(pfn, order);
    page->refcount = 0;
    page->private = NULL;
    free_block(pfn, order);
}

/* Kernel-virtual form of alloc_pages. */
void *buddy_alloc(int order) {
    struct page *p = alloc_pages(order);
    return p ? page_to_virt(p) : NULL;
}

/* Kernel-virtual form of free_pages; an address outside the managed frames or not on a
 * page boundary panics with the address and order. */
void buddy_free(void *addr, int order) {
    uintptr_t off = (uintptr_t)addr - bd.virt_base, pfn = off >> PAGE_SHIFT;
    if ((uintptr_t)addr < bd.virt_base || (off & (PAGE_SIZE - 1)) || pfn < bd.first_pfn ||
        pfn - bd.first_pfn >= bd.npages)
        panic("buddy_free: %p order %d: not a page of managed RAM", addr, order);
    free_pages(virt_to_page(addr), order);
}

/* Single pages, the common case. */
void *alloc_page(void) { return buddy_alloc(0); }
void free_page(void *addr) { buddy_free(addr, 0); }

/* Conversions: pure arithmetic, no checks (use pfn_valid first when unsure). */
struct page *pfn_to_page(uint32_t pfn) { return page_of(pfn); }
uint32_t page_to_pfn(const struct page *page) {
    return bd.first_pfn + (uint32_t)(page - bd.map);
}
void *pfn_to_virt(uint32_t pfn) {
    return (void *)(bd.virt_base + ((uintptr_t)pfn << PAGE_SHIFT));
}
uint32_t virt_to_pfn(const void *addr) {
    return (uint32_t)(((uintptr_t)addr - bd.virt_base) >> PAGE_SHIFT);
}
struct page *virt_to_page(const void *addr) { return page_of(virt_to_pfn(addr)); }
void *page_to_virt(const struct page *page) { return pfn_to_virt(page_to_pfn(page)); }

/* True when pfn has a struct page in the map (reserved or not). */
int pfn_valid(uint32_t pfn) { return pfn - bd.first_pfn < bd.npages; }

/* Counters, kept exact on every operation (O(1) to read). */
uint32_t buddy_nr_free(void) { return bd.nr_free; }
uint32_t buddy_nr_managed(void) { return bd.nr_managed; }
uint32_t buddy_nr_free_blocks(int order) {
    return (unsigned)order > MAX_ORDER ? 0 : bd.area[order].nr_blocks;
}

/* Appends with snprintf semantics: *len grows by the full length even when truncated. */
static void append(char *buf, size_t size, int *len, const char *fmt, uint32_t arg) {
    size_t at = (size_t)*len < size ? (size_t)*len : size;
    *len += snprintf(size ? buf + at : buf, size - at, fmt, arg);
}

/* One /proc/buddyinfo line exactly as Linux's mm/vmstat.c frag_show_print writes it:
 * "Node %d, zone %8s " then "%6lu " per order then '\n'. We have one node and one zone,
 * Normal (lowmem). Returns the untruncated length, like snprintf. */
int buddy_info(char *buf, size_t size) {
    int len = 0;
    append(buf, size, &len, "Node %u, zone   Normal ", 0);
    for (int k = 0; k < NR_ORDERS; k++)
        append(buf, size, &len, "%6u ", bd.area[k].nr_blocks);
    append(buf, size, &len, "\n", 0);
    return len;
}
