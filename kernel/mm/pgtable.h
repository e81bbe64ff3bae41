/* Two-level i386 page tables (Intel SDM vol. 3A, 4.3): the textbook's map_page /
 * get_page_table / unmap_page, done so that they return errors, invalidate the TLB and
 * free what they allocate.
 *
 * A directory or table is named by its kernel-virtual (direct-map) address. User page
 * tables come from the buddy allocator (PG_pagetable); their struct page's private field
 * counts the non-zero entries, so a table is freed the moment its last entry is cleared.
 * A directory's private field counts its user page tables. The kernel half (slots
 * PDE_KERNEL_FIRST..1023) is copied from kernel_pgdir and shared, never created here.
 *
 * This layer does not own the frames it maps: whoever maps a frame frees it (mm.c). */
#ifndef MM_PGTABLE_H
#define MM_PGTABLE_H
#include <stdbool.h>
#include <stdint.h>
#include "arch/i386/layout.h"

typedef uint32_t pte_t;

/* PDE/PTE bits (SDM vol. 3A, tables 4-5 and 4-6). */
#define PTE_PRESENT  0x001u
#define PTE_WRITE    0x002u
#define PTE_USER     0x004u
#define PTE_PWT      0x008u
#define PTE_PCD      0x010u
#define PTE_ACCESSED 0x020u
#define PTE_DIRTY    0x040u
#define PTE_PS       0x080u          /* in a PDE: a 4 MiB page (never used here) */
#define PTE_GLOBAL   0x100u
/* Software bits 9..11, ignored by the MMU. */
#define PTE_PROTNONE 0x200u          /* frame kept, PRESENT cleared: a PROT_NONE page */
#define PTE_FLAGS_MASK 0xFFFu
#define PTE_ADDR_MASK  0xFFFFF000u

#define PT_ENTRIES 1024
#define PT_SPAN    (PT_ENTRIES * 4096u)         /* 4 MiB mapped by one page table */
#define PDX(va)    ((uint32_t)(va) >> 22)
#define PTX(va)    (((uint32_t)(va) >> 12) & (PT_ENTRIES - 1))
#define USER_TOP   ((uint32_t)KERNEL_VMA)       /* user addresses are [0, USER_TOP) */

/* The PTE holds a frame when the page is present or made PROT_NONE. */
static inline bool pte_has_frame(pte_t pte) { return pte & (PTE_PRESENT | PTE_PROTNONE); }
static inline uint32_t pte_paddr(pte_t pte) { return pte & PTE_ADDR_MASK; }
/* First address of the next 4 MiB page-table span after va (0 when va is in the last). */
static inline uint32_t pt_span_next(uint32_t va) { return (va & ~(PT_SPAN - 1)) + PT_SPAN; }

int map_page(uint32_t *pgdir, uint32_t vaddr, uint32_t paddr, uint32_t flags);
uint32_t *get_page_table(uint32_t *pgdir, uint32_t vaddr, bool create);
void unmap_page(uint32_t *pgdir, uint32_t vaddr);
pte_t pte_clear(uint32_t *pgdir, uint32_t vaddr);
pte_t *pte_lookup(uint32_t *pgdir, uint32_t vaddr);
void pte_set_flags(uint32_t *pgdir, uint32_t vaddr, uint32_t flags);
bool pgdir_is_live(const uint32_t *pgdir);
void tlb_flush_page(const uint32_t *pgdir, uint32_t vaddr);
void tlb_flush_all(const uint32_t *pgdir);

uint32_t *pgdir_create(void);
void pgdir_destroy(uint32_t *pgdir);
uint32_t pgdir_nr_tables(const uint32_t *pgdir);
uint32_t pt_nr_used(const uint32_t *pt);
#endif
