/* Page directories and page tables: see pgtable.h for the ownership rules. */
#include "mm/pgtable.h"
#include "mm/kmap.h"
#include "mm/buddy.h"
#include "mm/page.h"
#include "arch/i386/cpu.h"
#include "lib/errno.h"
#include "lib/panic.h"
#include "lib/string.h"

#define PDE_USER_FLAGS (PTE_PRESENT | PTE_WRITE | PTE_USER) /* the PTE decides the access */

/* The used-entry count kept in a table's (or directory's) struct page. */
static inline uint32_t count_of(const uint32_t *table) {
    return (uint32_t)(uintptr_t)virt_to_page(table)->private;
}
static inline void count_add(const uint32_t *table, int delta) {
    struct page *p = virt_to_page(table);
    p->private = (void *)(uintptr_t)((int)(uintptr_t)p->private + delta);
}

uint32_t pt_nr_used(const uint32_t *pt) { return count_of(pt); }
uint32_t pgdir_nr_tables(const uint32_t *pgdir) { return count_of(pgdir); }

/* True when pgdir is the directory loaded in CR3. */
bool pgdir_is_live(const uint32_t *pgdir) { return read_cr3() == VIRT_TO_PHYS(pgdir); }

/* Drops a stale translation of vaddr if pgdir is the live directory (other directories
 * have no TLB entries: every CR3 load flushes the non-global ones). */
void tlb_flush_page(const uint32_t *pgdir, uint32_t vaddr) {
    if (pgdir_is_live(pgdir))
        invlpg(vaddr);
}

/* Drops every non-global translation if pgdir is the live directory: after a batch of
 * PTE changes made without tlb_flush_page (fork's write-protection of the parent). */
void tlb_flush_all(const uint32_t *pgdir) {
    if (pgdir_is_live(pgdir))
        write_cr3(read_cr3());
}

/* A zeroed, counted page for a directory or a table, or NULL when memory is out. */
static uint32_t *table_alloc(void) {
    uint32_t *t = buddy_alloc(0);
    if (!t)
        return NULL;
    memset(t, 0, PAGE_SIZE);
    virt_to_page(t)->flags |= PG_pagetable;
    return t;
}

static void table_free(uint32_t *t) {
    struct page *p = virt_to_page(t);
    KASSERT(p->flags & PG_pagetable, "table %p: freeing a page that is no page table",
            (void *)t);
    p->flags &= ~PG_pagetable;
    free_page(t);
}

/* Returns the kernel-virtual page table covering vaddr, or NULL when there is none and
 * create is false, or creating it ran out of memory. Tables are created only in the user
 * half: the kernel half's tables exist from boot and are shared by every directory. */
uint32_t *get_page_table(uint32_t *pgdir, uint32_t vaddr, bool create) {
    uint32_t pde = pgdir[PDX(vaddr)];
    KASSERT(!(pde & PTE_PS), "vaddr %#x: PDE %#x maps a 4 MiB page", vaddr, pde);
    if (pde & PTE_PRESENT)
        return PHYS_TO_VIRT(pde & PTE_ADDR_MASK);
    if (!create)
        return NULL;
    KASSERT(vaddr < USER_TOP, "vaddr %#x: kernel page tables are never created per directory",
            vaddr);
    uint32_t *pt = table_alloc();
    if (!pt)
        return NULL;
    pgdir[PDX(vaddr)] = VIRT_TO_PHYS(pt) | PDE_USER_FLAGS;
    count_add(pgdir, 1);
    return pt;
}

/* The PTE of vaddr, or NULL when no page table covers it. */
pte_t *pte_lookup(uint32_t *pgdir, uint32_t vaddr) {
    uint32_t *pt = get_page_table(pgdir, vaddr, false);
    return pt ? &pt[PTX(vaddr)] : NULL;
}

/* Maps the page at vaddr to the frame paddr with flags (PTE_* bits; PTE_USER is added for
 * user addresses and forbidden for kernel ones), replacing any earlier mapping, whose
 * frame the caller still owns. Returns 0, or -ENOMEM when a page table was needed and
 * none could be allocated (nothing changes then). */
int map_page(uint32_t *pgdir, uint32_t vaddr, uint32_t paddr, uint32_t flags) {
    KASSERT(!(vaddr & ~PAGE_MASK) && !(paddr & ~PAGE_MASK),
            "map_page %#x -> %#x: addresses must be page aligned", vaddr, paddr);
    KASSERT(!(flags & PTE_ADDR_MASK), "map_page %#x: flags %#x carry address bits", vaddr,
            flags);
    if (vaddr < USER_TOP)
        flags |= PTE_USER;
    else
        KASSERT(!(flags & PTE_USER), "map_page %#x: the kernel half is supervisor-only", vaddr);
    uint32_t *pt = get_page_table(pgdir, vaddr, true);
    if (!pt)
        return -ENOMEM;
    pte_t *pte = &pt[PTX(vaddr)];
    if (*pte == 0)
        count_add(pt, 1);
    *pte = paddr | flags;
    KASSERT(*pte != 0, "map_page %#x: an all-zero entry would not be counted", vaddr);
    tlb_flush_page(pgdir, vaddr);
    return 0;
}

/* Replaces the flag bits of an existing entry for vaddr, keeping its frame. */
void pte_set_flags(uint32_t *pgdir, uint32_t vaddr, uint32_t flags) {
    pte_t *pte = pte_lookup(pgdir, vaddr);
    KASSERT(pte && *pte, "pte_set_flags %#x: no mapping to change", vaddr);
    KASSERT(!(flags & PTE_ADDR_MASK), "pte_set_flags %#x: flags %#x carry address bits",
            vaddr, flags);
    *pte = pte_paddr(*pte) | flags | (vaddr < USER_TOP ? PTE_USER : 0);
    tlb_flush_page(pgdir, vaddr);
}

/* Clears the entry of vaddr and returns what it held (0 if nothing), freeing the user
 * page table it leaves empty. The frame is the caller's to release. */
pte_t pte_clear(uint32_t *pgdir, uint32_t vaddr) {
    uint32_t *pt = get_page_table(pgdir, vaddr, false);
    if (!pt || pt[PTX(vaddr)] == 0)
        return 0;
    pte_t old = pt[PTX(vaddr)];
    pt[PTX(vaddr)] = 0;
    tlb_flush_page(pgdir, vaddr);
    KASSERT(count_of(pt) > 0, "table %p of %#x: used count underflow", (void *)pt, vaddr);
    count_add(pt, -1);
    if (count_of(pt) == 0 && vaddr < USER_TOP) {
        pgdir[PDX(vaddr)] = 0;
        count_add(pgdir, -1);
        table_free(pt);
    }
    return old;
}

/* The textbook's unmap: removes the mapping of vaddr (a no-op when there is none). */
void unmap_page(uint32_t *pgdir, uint32_t vaddr) { (void)pte_clear(pgdir, vaddr); }

/* A new directory whose kernel half is kernel_pgdir's and whose user half is empty, or
 * NULL when memory is out. */
uint32_t *pgdir_create(void) {
    uint32_t *pgdir = table_alloc();
    if (!pgdir)
        return NULL;
    for (int i = PDE_KERNEL_FIRST; i < PDE_ENTRIES; i++)
        pgdir[i] = kernel_pgdir[i];
    return pgdir;
}

/* Frees pgdir and any user page tables still in it (not the frames they map: those
 * belong to the caller, who must have released them). pgdir must not be live. */
void pgdir_destroy(uint32_t *pgdir) {
    KASSERT(!pgdir_is_live(pgdir), "pgdir %p: destroying the live directory", (void *)pgdir);
    KASSERT(pgdir != kernel_pgdir, "pgdir %p: the kernel directory is forever",
            (void *)pgdir);
    for (uint32_t i = 0; i < PDE_KERNEL_FIRST; i++) {
        if (!(pgdir[i] & PTE_PRESENT))
            continue;
        table_free(PHYS_TO_VIRT(pgdir[i] & PTE_ADDR_MASK));
        pgdir[i] = 0;
        count_add(pgdir, -1);
    }
    KASSERT(count_of(pgdir) == 0, "pgdir %p: %u page tables unaccounted for", (void *)pgdir,
            count_of(pgdir));
    table_free(pgdir);
}
