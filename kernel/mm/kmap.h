/* The kernel's half of every address space: the direct map of low physical memory at
 * KERNEL_VMA, whose page tables exist from boot and are shared by every page directory
 * (so kernel mappings never need syncing between processes). */
#ifndef MM_KMAP_H
#define MM_KMAP_H
#include <stdint.h>
#define PDE_KERNEL_FIRST (0xC0000000u >> 22)  /* directory slot of KERNEL_VMA */
#define PDE_ENTRIES 1024
extern uint32_t *kernel_pgdir;      /* kernel virtual address of the boot directory */
/* Builds the direct map of [0, boot_info.lowmem_end) with 4 KiB pages, loads it, and
 * drops boot.S's identity mapping of low memory. */
void paging_init(void);
#endif
