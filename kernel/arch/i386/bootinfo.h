/* What the boot path learned from the multiboot v1 loader, in one place, so the rest
 * of the kernel never parses multiboot structures itself. All addresses are physical. */
#ifndef ARCH_BOOTINFO_H
#define ARCH_BOOTINFO_H
#include <stdint.h>

#define BOOT_MAX_REGIONS 32
#define BOOT_MAX_RESERVED 16

#define MEM_REGION_USABLE 1 /* multiboot memory map type 1: available RAM */

struct mem_region {
    uint64_t base, len;
    uint32_t type; /* multiboot type: 1 usable, 2 reserved, 3 ACPI, 4 NVS, 5 bad */
};

struct phys_range {
    uint32_t start, end; /* [start, end) */
};

struct boot_info {
    const char *cmdline;                      /* kernel virtual, never NULL */
    uint32_t nregions;
    struct mem_region regions[BOOT_MAX_REGIONS];
    uint32_t nreserved;                       /* frames never to hand out: kernel image, */
    struct phys_range reserved[BOOT_MAX_RESERVED]; /* multiboot info, modules, early_alloc */
    uint32_t lowmem_end;                      /* end of RAM covered by the direct map */
};

extern struct boot_info boot_info;

/* Boot-time bump allocator over memory right after the kernel image, used before the
 * buddy allocator exists (page tables of the direct map, the struct page array).
 * Returns zeroed, direct-mapped memory; panics when the early window is exhausted or
 * after early_alloc_freeze(), which records the used range in boot_info.reserved. */
void *early_alloc(uint32_t size, uint32_t align);
void early_alloc_freeze(void);
#endif
