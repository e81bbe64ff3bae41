/* struct page: one per physical frame, the unit the whole mm layer speaks in.
 * Pure: the host test build uses it for a simulated frame range. */
#ifndef MM_PAGE_H
#define MM_PAGE_H
#include <stdint.h>
#include "lib/list.h"

#define PAGE_SHIFT 12
#define PAGE_SIZE (1u << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN_UP(x) (((x) + PAGE_SIZE - 1) & PAGE_MASK)
#define PAGE_ALIGN_DOWN(x) ((x) & PAGE_MASK)

/* Orders 0..MAX_ORDER inclusive: blocks of 1 page up to 2^10 pages = 4 MiB, so there are
 * NR_ORDERS free lists. (The textbook declares free_list[MAX_ORDER] and then indexes
 * free_list[MAX_ORDER], one past its end; we keep MAX_ORDER + 1 lists.) */
#define MAX_ORDER 10
#define NR_ORDERS (MAX_ORDER + 1)

/* Page flags. */
#define PG_reserved   (1u << 0) /* never handed out: kernel image, BIOS, holes, mem_map */
#define PG_buddy      (1u << 1) /* head of a free buddy block; order is valid */
#define PG_head       (1u << 2) /* head of an allocated block; order is valid */
#define PG_slab       (1u << 3) /* carved into kmalloc slots; private = size class */
#define PG_pagetable  (1u << 4) /* a page directory or page table */
#define PG_user       (1u << 5) /* mapped into some user address space */

struct page {
    uint32_t flags;
    uint32_t refcount;      /* users of the frame (CoW and the page cache share frames) */
    uint8_t order;          /* block order while PG_buddy or PG_head */
    uint8_t reserved_[3];
    struct list_head list;  /* free lists; later the reclaim clock */
    void *private;          /* owner's data (kmalloc size class, page-cache link ...) */
};
#endif
