/* The GDT: flat kernel and user segments, the TSS, and Linux's three TLS slots
 * (entries 6..8, GDT_ENTRY_TLS_MIN in Linux's i386 segment.h) for set_thread_area. */
#ifndef ARCH_GDT_H
#define ARCH_GDT_H

#define GDT_KCODE 1
#define GDT_KDATA 2
#define GDT_UCODE 3
#define GDT_UDATA 4
#define GDT_TSS   5
#define GDT_TLS_MIN 6
#define GDT_TLS_ENTRIES 3
#define GDT_DFTSS 9           /* the double-fault task: a clean stack when esp0 is bad */
#define GDT_ENTRIES (GDT_DFTSS + 1)

#define SEL_KCODE (GDT_KCODE << 3)
#define SEL_KDATA (GDT_KDATA << 3)
#define SEL_UCODE ((GDT_UCODE << 3) | 3)
#define SEL_UDATA ((GDT_UDATA << 3) | 3)
#define SEL_TSS   (GDT_TSS << 3)
#define SEL_DFTSS (GDT_DFTSS << 3)

#ifndef __ASSEMBLER__
#include <stdint.h>

struct gdt_desc {
    uint16_t limit_lo, base_lo;
    uint8_t base_mid, access, gran, base_hi;
} __attribute__((packed));

void gdt_init(void);
/* Sets the kernel stack the CPU switches to on entry from ring 3. */
void tss_set_kernel_stack(uint32_t esp0);
uint32_t tss_kernel_stack(void);
/* The state the CPU saved in the main TSS when a double fault switched tasks. */
void tss_saved_state(uint32_t *eip, uint32_t *esp, uint32_t *ebp, uint32_t *cr3);
/* Installs one descriptor (used for the TLS slots on every context switch). */
void gdt_set(int index, struct gdt_desc d);
struct gdt_desc gdt_make(uint32_t base, uint32_t limit, uint8_t access, uint8_t gran);
#endif /* __ASSEMBLER__ */
#endif
