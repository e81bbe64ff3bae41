/* GDT and TSS set-up (Intel SDM vol. 3A, 3.4.5 segment descriptors and 7.2 the TSS). */
#include "arch/i386/gdt.h"
#include "arch/i386/layout.h"
#include "lib/string.h"

#define ACC_PRESENT  0x80
#define ACC_DPL3     0x60
#define ACC_CODESEG  0x1A   /* S=1, code, readable */
#define ACC_DATASEG  0x12   /* S=1, data, writable */
#define ACC_TSS32    0x09   /* available 32-bit TSS */
#define GRAN_4K_32   0xC0   /* G=1 (4 KiB units), D/B=1 (32-bit) */

struct tss {
    uint32_t prev, esp0, ss0, esp1, ss1, esp2, ss2, cr3, eip, eflags;
    uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
} __attribute__((packed));

static struct gdt_desc gdt[GDT_ENTRIES];
static struct tss tss;
static struct tss df_tss;
static uint8_t df_stack[4096] __attribute__((aligned(16)));
extern void double_fault_task(void);

/* A double fault is delivered through a task gate (Intel SDM vol. 3A, 6.15, #DF): the
 * CPU switches to df_tss with its own stack, so even a kernel stack overflow or a bad
 * esp0 ends in a report instead of a silent triple fault. */
static void setup_double_fault_task(void) {
    memset(&df_tss, 0, sizeof df_tss);
    df_tss.esp = df_tss.esp0 = (uint32_t)df_stack + sizeof df_stack;
    df_tss.ss = df_tss.ss0 = SEL_KDATA;
    df_tss.ds = df_tss.es = df_tss.fs = df_tss.gs = SEL_KDATA;
    df_tss.cs = SEL_KCODE;
    df_tss.eip = (uint32_t)double_fault_task;
    df_tss.eflags = 0x2;
    asm volatile("mov %%cr3, %0" : "=r"(df_tss.cr3));
    df_tss.iomap_base = sizeof df_tss;
    gdt[GDT_DFTSS] = gdt_make((uint32_t)&df_tss, sizeof df_tss - 1, ACC_PRESENT | ACC_TSS32, 0);
}

void tss_saved_state(uint32_t *eip, uint32_t *esp, uint32_t *ebp, uint32_t *cr3) {
    *eip = tss.eip, *esp = tss.esp, *ebp = tss.ebp, *cr3 = tss.cr3;
}

struct gdt_desc gdt_make(uint32_t base, uint32_t limit, uint8_t access, uint8_t gran) {
    struct gdt_desc d;
    d.limit_lo = limit & 0xFFFF;
    d.base_lo = base & 0xFFFF;
    d.base_mid = (base >> 16) & 0xFF;
    d.access = access;
    d.gran = (uint8_t)((gran & 0xF0) | ((limit >> 16) & 0x0F));
    d.base_hi = (base >> 24) & 0xFF;
    return d;
}

void gdt_set(int index, struct gdt_desc d) { gdt[index] = d; }

/* Loads the GDT, reloads every segment register and the task register. */
void gdt_init(void) {
    gdt[GDT_KCODE] = gdt_make(0, 0xFFFFF, ACC_PRESENT | ACC_CODESEG, GRAN_4K_32);
    gdt[GDT_KDATA] = gdt_make(0, 0xFFFFF, ACC_PRESENT | ACC_DATASEG, GRAN_4K_32);
    gdt[GDT_UCODE] = gdt_make(0, 0xFFFFF, ACC_PRESENT | ACC_DPL3 | ACC_CODESEG, GRAN_4K_32);
    gdt[GDT_UDATA] = gdt_make(0, 0xFFFFF, ACC_PRESENT | ACC_DPL3 | ACC_DATASEG, GRAN_4K_32);
    memset(&tss, 0, sizeof tss);
    tss.ss0 = SEL_KDATA;
    tss.iomap_base = sizeof tss; /* no I/O bitmap: ring 3 gets no ports */
    gdt[GDT_TSS] = gdt_make((uint32_t)&tss, sizeof tss - 1, ACC_PRESENT | ACC_TSS32, 0);
    setup_double_fault_task();

    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) gdtr = {
        sizeof gdt - 1, (uint32_t)gdt};
    asm volatile("lgdt %0\n\t"
                 "ljmp %1, $1f\n"
                 "1:\n\t"
                 "mov %2, %%ax\n\t"
                 "mov %%ax, %%ds\n\t"
                 "mov %%ax, %%es\n\t"
                 "mov %%ax, %%ss\n\t"
                 "mov %%ax, %%fs\n\t"
                 "mov %%ax, %%gs\n\t"
                 "ltr %w3"
                 : : "m"(gdtr), "i"(SEL_KCODE), "i"(SEL_KDATA), "r"(SEL_TSS) : "eax", "memory");
}

void tss_set_kernel_stack(uint32_t esp0) { tss.esp0 = esp0; }
uint32_t tss_kernel_stack(void) { return tss.esp0; }
