/* The IDT (Intel SDM vol. 3A, 6.11): interrupt gates for exceptions and IRQs, and a
 * DPL 3 trap gate for int 0x80 so ring 3 may issue system calls. */
#include "arch/i386/trap.h"
#include "arch/i386/gdt.h"

#define GATE_INT32  0x8E   /* present, DPL 0, 32-bit interrupt gate (IF cleared) */
#define GATE_USER   0xEE   /* present, DPL 3, 32-bit interrupt gate */
#define GATE_TASK   0x85   /* present, DPL 0, task gate */
#define IDT_ENTRIES 256

struct idt_gate {
    uint16_t off_lo, sel;
    uint8_t zero, type;
    uint16_t off_hi;
} __attribute__((packed));

static struct idt_gate idt[IDT_ENTRIES];
extern const uint32_t trap_vectors[T_NEXCEPTIONS + T_NIRQS];
extern const uint32_t trap_syscall_vector;

static void set_gate(int n, uint32_t handler, uint8_t type) {
    idt[n].off_lo = handler & 0xFFFF;
    idt[n].sel = SEL_KCODE;
    idt[n].zero = 0;
    idt[n].type = type;
    idt[n].off_hi = handler >> 16;
}

/* Fills and loads the IDT. The syscall gate is an interrupt gate too: the kernel is not
 * preemptible while it saves state, and syscall code re-enables interrupts itself. */
void idt_init(void) {
    for (int i = 0; i < T_NEXCEPTIONS + T_NIRQS; i++)
        set_gate(i, trap_vectors[i], GATE_INT32);
    set_gate(T_SYSCALL, trap_syscall_vector, GATE_USER);
    set_gate(T_DBLFLT, 0, GATE_TASK);
    idt[T_DBLFLT].sel = SEL_DFTSS;   /* a task gate holds only the TSS selector */
    struct { uint16_t limit; uint32_t base; } __attribute__((packed)) idtr = {
        sizeof idt - 1, (uint32_t)idt};
    asm volatile("lidt %0" : : "m"(idtr));
}
