#include "core/crash.h"
#include "lib/panic.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "arch/i386/cpu.h"

#define UNMAPPED_KERNEL_ADDR 0xFFFFF000u   /* above the direct map: never mapped */

/* Performs the named failure: a kernel page fault, a divide error, an invalid opcode,
 * a double fault (an exception with the stack pointer on unmapped memory),
 * an explicit panic, or a hang (the harness must time it out). Never returns for a
 * known kind. */
void crash_on_purpose(const char *kind) {
    kprintf("crash: breaking the kernel on purpose: %s\n", kind);
    if (!strcmp(kind, "pagefault")) {
        volatile uint32_t *p = (volatile uint32_t *)UNMAPPED_KERNEL_ADDR;
        *p = 0xDEAD;
    } else if (!strcmp(kind, "divide")) {
        asm volatile("xor %%edx, %%edx\n\tmov $1, %%eax\n\tdivl %0" : : "r"(0) : "eax", "edx");
    } else if (!strcmp(kind, "ud")) {
        asm volatile("ud2");
    } else if (!strcmp(kind, "doublefault")) {
        /* An exception with esp on unmapped memory cannot be delivered: #DF. */
        asm volatile("mov %0, %%esp\n\tud2" : : "i"(UNMAPPED_KERNEL_ADDR + 0x100));
    } else if (!strcmp(kind, "panic")) {
        panic("crash=panic requested on the command line");
    } else if (!strcmp(kind, "hang")) {
        cli();
        for (;;)
            hlt();
    }
    kprintf("crash: unknown kind '%s'\n", kind);
}
