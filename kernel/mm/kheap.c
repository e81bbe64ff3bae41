/* The kernel heap (see kheap.h for the contract).
 *
 * Slabs. Each size class keeps one doubly linked list of its free slots, threaded through
 * the free slots themselves (a slot is at least 16 bytes, room for two pointers on any
 * build). The back link is stored XORed with SLOT_LINK_KEY, so a free slot has a shape
 * ordinary data does not: kfree can tell "already free" (a double free) from a live
 * object whose first words happen to be pointers, e.g. a list_head left pointing at
 * itself by list_del. A slab page is PG_slab with page->private pointing at its class
 * and, while it is a slab, page->refcount counting its live objects: every object is one
 * user of the frame. When a slab's last object is freed it is kept as the class's one cached empty
 * slab; a second empty slab goes straight back to the buddy allocator (its slots are
 * unlinked first, at most PAGE_SIZE / 16 of them), so a burst of frees never strands more
 * than one page per class. kheap_shrink() returns the cached ones too.
 *
 * Large blocks. A request over KMALLOC_MAX_SLOT bytes takes a whole buddy block; its head
 * page is PG_head (set by the buddy allocator) with page->private = &large_tag, which is
 * what tells kfree the block came from kmalloc and not from buddy_alloc. */
#include "lib/pure.h"
#include "mm/buddy.h"
#include "mm/kheap.h"

#define GRANULE_SHIFT 4 /* class table resolution: 16 bytes */
#define NR_GRANULES ((KMALLOC_MAX_SLOT >> GRANULE_SHIFT) + 1)

static const uint16_t class_size[KHEAP_NR_CLASSES] = {
    16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048,
};

/* Odd low bits: a plain (aligned) pointer never decodes to a valid link. */
#define SLOT_LINK_KEY ((uintptr_t)0x6B5E1F0Fu)

/* A free slot: next is plain, prev_x is the back link XOR SLOT_LINK_KEY. */
struct free_slot {
    struct free_slot *next;
    uintptr_t prev_x;
};

struct size_class {
    uint32_t size, slots;        /* slot size; slots per slab page */
    struct free_slot free;       /* sentinel of the circular list of free slots */
    struct page *empty;          /* the one cached slab with no live object, or NULL */
    uint32_t slabs, objects;
};

static struct size_class classes[KHEAP_NR_CLASSES];
static uint8_t class_of_granule[NR_GRANULES];  /* ceil(size / 16) -> class index */
static const char large_tag;                   /* page->private of a large block head */
static struct kheap_stats st;                  /* totals; per-class figures live in classes */

_Static_assert(sizeof(struct free_slot) <= KMALLOC_ALIGN, "free slot must hold its links");

static inline struct free_slot *prev_of(const struct free_slot *s) {
    return (struct free_slot *)(s->prev_x ^ SLOT_LINK_KEY);
}
static inline void set_prev(struct free_slot *s, struct free_slot *prev) {
    s->prev_x = (uintptr_t)prev ^ SLOT_LINK_KEY;
}
static inline void slot_list_init(struct free_slot *head) {
    head->next = head;
    set_prev(head, head);
}
static inline bool slot_list_empty(const struct free_slot *head) { return head->next == head; }

/* Links node right after at. */
static inline void slot_link(struct free_slot *node, struct free_slot *at) {
    struct free_slot *next = at->next;
    node->next = next;
    set_prev(node, at);
    set_prev(next, node);
    at->next = node;
}

/* Unlinks node and clears its links, so a live object never starts out looking free. */
static inline void slot_unlink(struct free_slot *node) {
    struct free_slot *prev = prev_of(node), *next = node->next;
    prev->next = next;
    set_prev(next, prev);
    node->next = NULL;
    node->prev_x = 0;
}

/* Empties the heap's bookkeeping and builds the size -> class table. Pages a previous
 * heap held are not returned: call it once at boot (tests re-initialise the buddy too). */
void kheap_init(void) {
    memset(&st, 0, sizeof st);
    for (int i = 0; i < KHEAP_NR_CLASSES; i++) {
        struct size_class *c = &classes[i];
        c->size = class_size[i];
        c->slots = PAGE_SIZE / c->size;
        slot_list_init(&c->free);
        c->empty = NULL;
        c->slabs = c->objects = 0;
    }
    for (int g = 0, i = 0; g < NR_GRANULES; g++) {
        while ((uint32_t)g << GRANULE_SHIFT > class_size[i])
            i++;
        class_of_granule[g] = (uint8_t)i;
    }
}

/* Size-class arithmetic (contracts in kheap.h): a table lookup, a loop over <= 11 orders. */
int kmalloc_class(size_t size) {
    if (size > KMALLOC_MAX_SLOT)
        return -1;
    return class_of_granule[(size + (1u << GRANULE_SHIFT) - 1) >> GRANULE_SHIFT];
}

uint32_t kmalloc_class_size(int cls) { return class_size[cls]; }

int kmalloc_large_order(size_t size) {
    int order = 0;
    while (order <= MAX_ORDER && ((size_t)PAGE_SIZE << order) < size)
        order++;
    return order <= MAX_ORDER ? order : -1;
}

/* True when ptr lies in a frame the buddy allocator has a struct page for. Works for any
 * pointer value, including ones below the direct map or (on the host) far outside it. */
static bool in_ram(const void *ptr) {
    uintptr_t base = (uintptr_t)pfn_to_virt(0), p = (uintptr_t)ptr;
    if (p < base)
        return false;
    uintptr_t pfn = (p - base) >> PAGE_SHIFT;
    return (uint32_t)pfn == pfn && pfn_valid((uint32_t)pfn);
}

static inline uintptr_t page_offset(const void *ptr) {
    return (uintptr_t)ptr & (PAGE_SIZE - 1);
}

/* Carves a fresh order-0 page into c's slots, appended in address order; it becomes the
 * class's cached empty slab (there was none, or c->free would not have been empty). */
static bool grow(struct size_class *c) {
    struct page *page = alloc_pages(0);
    if (!page)
        return false;
    page->flags |= PG_slab;
    page->private = c;
    page->refcount = 0;
    char *base = page_to_virt(page);
    for (uint32_t i = 0; i < c->slots; i++)
        slot_link((struct free_slot *)(base + i * c->size), prev_of(&c->free));
    c->empty = page;
    c->slabs++;
    st.slabs++;
    return true;
}

/* Unlinks every slot of an empty slab and hands the page back to the buddy allocator. */
static void release_slab(struct size_class *c, struct page *page) {
    char *base = page_to_virt(page);
    for (uint32_t i = 0; i < c->slots; i++)
        slot_unlink((struct free_slot *)(base + i * c->size));
    page->flags &= ~PG_slab;
    free_pages(page, 0);
    c->slabs--;
    st.slabs--;
}

/* Takes c's first free slot (the most recently freed: cache-hot), growing when none. */
static void *slot_alloc(struct size_class *c) {
    if (slot_list_empty(&c->free) && !grow(c))
        return NULL;
    struct free_slot *slot = c->free.next;
    slot_unlink(slot);
    struct page *page = virt_to_page(slot);
    if (page->refcount++ == 0)
        c->empty = NULL; /* the only empty slab of a class is the cached one */
    c->objects++;
    st.slot_bytes += c->size;
    return slot;
}

/* A whole buddy block for size bytes, tagged as kmalloc's; NULL when none is free. */
static void *large_alloc(size_t size) {
    int order = kmalloc_large_order(size);
    struct page *page = order < 0 ? NULL : alloc_pages(order);
    if (!page)
        return NULL;
    page->private = (void *)&large_tag;
    st.large_blocks++;
    st.large_bytes += PAGE_SIZE << order;
    return page_to_virt(page);
}

/* Returns at least size bytes, KMALLOC_ALIGN-aligned, or NULL (size 0, > 4 MiB, or the
 * buddy allocator is out of pages). Counted in the statistics either way. */
void *kmalloc(size_t size) {
    void *p = NULL;
    if (size == 0) {
        /* nothing to hand out */
    } else if (size <= KMALLOC_MAX_SLOT) {
        struct size_class *c = &classes[kmalloc_class(size)];
        if (c->size == 0)
            panic("kmalloc(%u) before kheap_init", (unsigned)size);
        p = slot_alloc(c);
    } else {
        p = large_alloc(size);
    }
    if (p)
        st.allocs++;
    else
        st.failures++;
    return p;
}

/* kmalloc, zeroed. */
void *kzalloc(size_t size) {
    void *p = kmalloc(size);
    if (p)
        memset(p, 0, size);
    return p;
}

/* True when node can be a link of c's free list: the list head, or the start of a slot of
 * a slab page of class c. Checked before following a link out of a slot being freed,
 * whose first bytes are caller data if it is live. */
static bool is_class_node(const struct size_class *c, const struct free_slot *node) {
    if (node == &c->free)
        return true;
    if (!in_ram(node))
        return false;
    const struct page *page = virt_to_page(node);
    uintptr_t off = page_offset(node);
    return (page->flags & PG_slab) && page->private == c && off % c->size == 0 &&
           off / c->size < c->slots;
}

/* A slot is free when it is linked into c's free list: both its links (the back link
 * decoded) are plausible nodes of that list and point back at it. Caller data in a live
 * slot would have to hold an encoded back link to pass. */
static bool slot_is_free(const struct size_class *c, const struct free_slot *slot) {
    const struct free_slot *next = slot->next, *prev = prev_of(slot);
    return is_class_node(c, next) && is_class_node(c, prev) && prev_of(next) == slot &&
           prev->next == slot;
}

/* The class of a PG_slab page; panics if page->private is not one of ours. */
static struct size_class *class_of_slab(const void *ptr, const struct page *page) {
    struct size_class *c = page->private;
    if (c < classes || c >= classes + KHEAP_NR_CLASSES)
        panic("kfree: %p: slab page with a corrupt class pointer %p", ptr, (void *)c);
    return c;
}

/* Puts ptr back on its class's free list after checking it is the start of a live slot;
 * the slab's last object leaving makes it the cached empty slab, or frees it if the
 * class already caches one. */
static void slot_free(void *ptr, struct page *page) {
    struct size_class *c = class_of_slab(ptr, page);
    uintptr_t off = page_offset(ptr);
    if (off % c->size || off / c->size >= c->slots)
        panic("kfree: %p: not the start of a %u-byte slot", ptr, (unsigned)c->size);
    struct free_slot *slot = ptr;
    if (slot_is_free(c, slot))
        panic("kfree: %p: double free of a %u-byte slot", ptr, (unsigned)c->size);
    slot_link(slot, &c->free);
    c->objects--;
    st.slot_bytes -= c->size;
    if (--page->refcount)
        return;
    if (c->empty)
        release_slab(c, page);
    else
        c->empty = page;
}

/* Returns a large block (its head page, already validated by kfree) to the buddy. */
static void large_free(struct page *page) {
    st.large_blocks--;
    st.large_bytes -= PAGE_SIZE << page->order;
    free_pages(page, page->order);
}

/* Frees what kmalloc returned; anything else panics with the pointer (see kheap.h). */
void kfree(void *ptr) {
    if (!ptr)
        return;
    if (!in_ram(ptr))
        panic("kfree: %p: not a kmalloc pointer (outside RAM)", ptr);
    struct page *page = virt_to_page(ptr);
    if (page->flags & PG_slab) {
        slot_free(ptr, page);
    } else if ((page->flags & PG_head) && page->private == &large_tag &&
               page_offset(ptr) == 0) {
        large_free(page);
    } else if (page->flags & PG_buddy) {
        panic("kfree: %p: double free (the page is free)", ptr);
    } else {
        panic("kfree: %p: not a kmalloc pointer (no slot or block starts there)", ptr);
    }
    st.frees++;
}

/* Frees each class's cached empty slab; afterwards the heap holds only pages with live
 * objects (what the leak checks compare against). */
void kheap_shrink(void) {
    for (int i = 0; i < KHEAP_NR_CLASSES; i++) {
        struct size_class *c = &classes[i];
        if (c->empty)
            release_slab(c, c->empty);
        c->empty = NULL;
    }
}

/* A consistent copy of the totals and the per-class figures. */
void kheap_get_stats(struct kheap_stats *out) {
    *out = st;
    out->bytes_in_use = st.slot_bytes + st.large_bytes;
    for (int i = 0; i < KHEAP_NR_CLASSES; i++) {
        out->cls[i].size = classes[i].size;
        out->cls[i].slabs = classes[i].slabs;
        out->cls[i].objects = classes[i].objects;
    }
}

/* snprintf at buf + *len (clamped to size), accumulating the untruncated length. */
__attribute__((format(printf, 4, 5))) static void append(char *buf, size_t size, int *len,
                                                         const char *fmt, ...) {
    size_t at = (size_t)*len < size ? (size_t)*len : size;
    va_list ap;
    va_start(ap, fmt);
    *len += vsnprintf(size ? buf + at : buf, size - at, fmt, ap);
    va_end(ap);
}

/* Two summary lines, then one per class that holds slabs. */
int kheap_stats_format(char *buf, size_t size) {
    struct kheap_stats s;
    int len = 0;
    kheap_get_stats(&s);
    append(buf, size, &len,
           "kheap: %u bytes in use (%u in slots, %u in large blocks), %u slabs, "
           "%u large blocks\n",
           s.bytes_in_use, s.slot_bytes, s.large_bytes, s.slabs, s.large_blocks);
    append(buf, size, &len, "kheap: %u allocs, %u frees, %u failed\n", s.allocs, s.frees,
           s.failures);
    for (int i = 0; i < KHEAP_NR_CLASSES; i++)
        if (s.cls[i].slabs)
            append(buf, size, &len, "kheap: %5u-byte slots: %u objects in %u slabs\n",
                   s.cls[i].size, s.cls[i].objects, s.cls[i].slabs);
    return len;
}
