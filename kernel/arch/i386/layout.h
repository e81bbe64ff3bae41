/* The address-space layout constants shared by C and assembly. */
#ifndef ARCH_LAYOUT_H
#define ARCH_LAYOUT_H

#define KERNEL_VMA   0xC0000000      /* PAGE_OFFSET: physical 0 appears here */
#define LOWMEM_MAX   0x38000000      /* direct map covers at most 896 MiB, as Linux's lowmem */
#define BOOT_MAP_MB  16              /* boot.S maps this much physical memory */
#define KSTACK_SIZE  16384           /* kernel stack per task (and the boot stack) */

#ifndef __ASSEMBLER__
#include <stdint.h>
#define PHYS_TO_VIRT(pa) ((void *)((uintptr_t)(pa) + KERNEL_VMA))
#define VIRT_TO_PHYS(va) ((uintptr_t)(va) - KERNEL_VMA)
#endif
#endif
