/* The buddy allocator for physical frames (textbook part 14, section 2, done right).
 *
 * Frames are described by an array of struct page covering pfns
 * [first_pfn, first_pfn + npages). Every frame starts reserved; buddy_add_range() releases
 * usable ranges, carving each (any start, any length) into maximal naturally aligned
 * blocks. A block of order k at pfn p has its buddy at p ^ (1 << k); free lists are linked
 * through struct page, so free memory itself is never touched.
 *
 * Addresses are "kernel virtual": virt = virt_base + pfn * PAGE_SIZE (the direct map in
 * the kernel; a simulated base on the host). Pure module: builds unchanged for the host.
 * Not reentrant: callers must not allocate from interrupt handlers. */
#ifndef MM_BUDDY_H
#define MM_BUDDY_H
#include <stddef.h>
#include <stdint.h>
#include "mm/page.h"

void buddy_init(struct page *map, uint32_t first_pfn, uint32_t npages, uintptr_t virt_base);
void buddy_add_range(uint32_t start_pfn, uint32_t end_pfn);

void *buddy_alloc(int order);              /* a 2^order-page block, or NULL */
void buddy_free(void *addr, int order);    /* panics on a bad address/order/double free */
struct page *alloc_pages(int order);
void free_pages(struct page *page, int order);
void *alloc_page(void);                    /* buddy_alloc(0) */
void free_page(void *addr);                /* buddy_free(addr, 0) */

/* Conversions between pfn, struct page and kernel virtual address. */
struct page *pfn_to_page(uint32_t pfn);
uint32_t page_to_pfn(const struct page *page);
void *pfn_to_virt(uint32_t pfn);
uint32_t virt_to_pfn(const void *addr);
struct page *virt_to_page(const void *addr);
void *page_to_virt(const struct page *page);
int pfn_valid(uint32_t pfn);

uint32_t buddy_nr_free(void);              /* free frames in all orders */
uint32_t buddy_nr_free_blocks(int order);  /* free blocks of exactly this order */
uint32_t buddy_nr_managed(void);           /* frames ever released by buddy_add_range */
/* Writes one line in Linux's /proc/buddyinfo format ("Node 0, zone   Normal" and the
 * NR_ORDERS counts, then '\n'); returns the length as snprintf does. */
int buddy_info(char *buf, size_t size);
#endif
