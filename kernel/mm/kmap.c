#include "mm/kmap.h"
#include "mm/page.h"
#include "mm/pgtable.h"
#include "arch/i386/bootinfo.h"
#include "arch/i386/layout.h"
#include "arch/i386/cpu.h"
#include "lib/printf.h"


uint32_t *kernel_pgdir;

void paging_init(void) {
    kernel_pgdir = early_alloc(PAGE_SIZE, PAGE_SIZE);
    uint32_t end = boot_info.lowmem_end;
    for (uint32_t pa = 0; pa < end; pa += PT_SPAN) {
        uint32_t *pt = early_alloc(PAGE_SIZE, PAGE_SIZE);
        for (uint32_t i = 0; i < PT_ENTRIES && pa + i * PAGE_SIZE < end; i++)
            pt[i] = (pa + i * PAGE_SIZE) | PTE_PRESENT | PTE_WRITE;
        kernel_pgdir[PDE_KERNEL_FIRST + pa / PT_SPAN] = VIRT_TO_PHYS(pt) | PTE_PRESENT | PTE_WRITE;
    }
    write_cr3(VIRT_TO_PHYS(kernel_pgdir));
}
