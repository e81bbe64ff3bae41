/* panic(): the kernel's only way to stop on a broken invariant. It says what broke,
 * where (a backtrace with symbol names) and then halts, or in tests exits QEMU with
 * QEMU_EXIT_PANIC so the harness sees a failure instead of a hang. */
#include "lib/panic.h"
#include "core/panic_report.h"
#include "core/ksyms.h"
#include "arch/i386/cpu.h"
#include "arch/i386/qemu.h"
#include "arch/i386/trap.h"
#include "arch/i386/layout.h"
#include "arch/i386/gdt.h"
#include "proc/proc.h"
#include "arch/i386/bootinfo.h"
#include "lib/printf.h"

#define BACKTRACE_MAX 16

int panic_exits;
static int panicking;

static __attribute__((noreturn)) void panic_stop(void) {
    kprintf("System halted.\n");
    if (panic_exits)
        qemu_exit(QEMU_EXIT_PANIC);
    cli();
    for (;;)
        hlt();
}

static void print_frame(uint32_t addr) {
    uint32_t off = 0;
    const char *name = ksym_lookup(addr, &off);
    if (name)
        kprintf("  [<%08x>] %s+0x%x\n", addr, name, off);
    else
        kprintf("  [<%08x>] ?\n", addr);
}

void backtrace_print(uint32_t eip, uint32_t ebp) {
    kprintf("Backtrace:\n");
    print_frame(eip);
    for (int i = 0; i < BACKTRACE_MAX && ebp >= KERNEL_VMA && !(ebp & 3); i++) {
        uint32_t *frame = (uint32_t *)ebp;
        uint32_t ret = frame[1];
        if (ret < KERNEL_VMA)
            break;
        print_frame(ret - 1); /* the call instruction, not the one after it */
        if (frame[0] <= ebp)
            break;
        ebp = frame[0];
    }
}

void panic(const char *fmt, ...) {
    cli();
    if (panicking++) {
        kprintf("\nnested panic\n");
        panic_stop();
    }
    va_list ap;
    va_start(ap, fmt);
    kprintf("\nKERNEL PANIC: ");
    vkprintf(fmt, ap);
    kprintf("\n");
    va_end(ap);
    uint32_t *fp = __builtin_frame_address(0); /* frame-pointer chain: [0] caller's ebp */
    backtrace_print((uint32_t)__builtin_return_address(0), fp[0]);
    panic_stop();
}

void panic_trap(struct trapframe *tf, const char *what) {
    cli();
    panicking++;
    kprintf("\nKERNEL PANIC: %s (vector %u, error code 0x%x) at eip %08x\n", what,
            tf->vector, tf->err, tf->eip);
    kprintf("  eax=%08x ebx=%08x ecx=%08x edx=%08x\n", tf->eax, tf->ebx, tf->ecx, tf->edx);
    kprintf("  esi=%08x edi=%08x ebp=%08x esp=%08x\n", tf->esi, tf->edi, tf->ebp,
            (uint32_t)&tf->esp);
    kprintf("  cs=%04x ds=%04x es=%04x fs=%04x gs=%04x eflags=%08x\n", tf->cs & 0xFFFF,
            tf->ds & 0xFFFF, tf->es & 0xFFFF, tf->fs & 0xFFFF, tf->gs & 0xFFFF, tf->eflags);
    kprintf("  cr0=%08x cr2=%08x cr3=%08x\n", read_cr0(), read_cr2(), read_cr3());
    backtrace_print(tf->eip, tf->ebp);
    panic_stop();
}

/* Runs as the double-fault task (gdt.c), on its own stack: reports where the kernel
 * was when the fault could not be delivered, then stops. */
void double_fault_task(void) {
    uint32_t eip, esp, ebp, cr3;
    tss_saved_state(&eip, &esp, &ebp, &cr3);
    panicking++;
    kprintf("\nKERNEL PANIC: double fault at eip %08x esp %08x ebp %08x cr3 %08x cr2 %08x\n",
            eip, esp, ebp, cr3, read_cr2());
    kprintf("  (a fault while delivering a fault: often a kernel stack overflow or a bad esp0)\n");
    if (current)
        kprintf("  current pid %d (%s), kernel stack %p..%p\n", current->pid, current->name,
                (void *)current->kstack, (void *)(current->kstack + KSTACK_SIZE));
    kprintf("  esp0 %08x\n", tss_kernel_stack());
    if (esp >= KERNEL_VMA && esp < KERNEL_VMA + boot_info.lowmem_end - 64) {
        const uint32_t *w = (const uint32_t *)esp;
        kprintf("  stack:");
        for (int i = 0; i < 20; i++)
            kprintf(" %08x", w[i]);
        kprintf("\n");
    }
    if (ebp >= KERNEL_VMA)
        backtrace_print(eip, ebp);
    panic_stop();
}
