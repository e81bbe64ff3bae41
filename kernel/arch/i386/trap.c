/* trap_dispatch: the one place every exception, IRQ and system call passes through. */
#include "arch/i386/trap.h"
#include "arch/i386/pic.h"
#include "core/panic_report.h"
#include "lib/printf.h"
#include "abi/signal.h"
#include <stddef.h>

static trap_handler_t handlers[256];
void (*user_fault_hook)(struct trapframe *tf, int signo);
void (*user_return_hook)(struct trapframe *tf);

static const char *const exception_names[T_NEXCEPTIONS] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow", "BOUND range exceeded",
    "invalid opcode", "device not available", "double fault", "coprocessor segment overrun",
    "invalid TSS", "segment not present", "stack-segment fault", "general protection fault",
    "page fault", "reserved", "x87 floating-point error", "alignment check", "machine check",
    "SIMD floating-point error", "virtualization exception", "control protection exception",
};

const char *trap_name(int vector) {
    if (vector < T_NEXCEPTIONS)
        return exception_names[vector] ? exception_names[vector] : "reserved";
    if (vector >= T_IRQ0 && vector < T_IRQ0 + T_NIRQS)
        return "hardware interrupt";
    return vector == T_SYSCALL ? "system call" : "unknown";
}

void trap_register(int vector, trap_handler_t fn) { handlers[vector] = fn; }
void irq_register(int irq, trap_handler_t fn) { handlers[T_IRQ0 + irq] = fn; }

/* The signal Linux sends for each exception a user program causes. */
static int exception_signal(int vector) {
    switch (vector) {
    case T_DIVIDE: case T_FPERR: case T_SIMDERR: return SIGFPE;
    case T_DEBUG: case T_BRKPT: return SIGTRAP;
    case T_ILLOP: return SIGILL;
    case T_ALIGN: return SIGBUS;
    default: return SIGSEGV;
    }
}

bool extable_fixup(struct trapframe *tf) {
    extern const struct extable_entry __extable_start[], __extable_end[];
    for (const struct extable_entry *e = __extable_start; e < __extable_end; e++) {
        if (e->insn == tf->eip) {
            tf->eip = e->fixup;
            return true;
        }
    }
    return false;
}

/* An exception with no handler that claimed it: a user program's is its own fault and
 * becomes a signal; the kernel's is a bug and panics with the full report. */
static void unhandled_exception(struct trapframe *tf) {
    if (trap_from_user(tf) && user_fault_hook) {
        user_fault_hook(tf, exception_signal((int)tf->vector));
        return;
    }
    if (!trap_from_user(tf) && extable_fixup(tf))
        return;
    panic_trap(tf, trap_name((int)tf->vector));
}

static void dispatch(struct trapframe *tf) {
    int v = (int)tf->vector;
    if (v >= T_IRQ0 && v < T_IRQ0 + T_NIRQS) {
        int irq = v - T_IRQ0;
        if (pic_spurious(irq))
            return;
        pic_eoi(irq);
        if (handlers[v])
            handlers[v](tf);
        return;
    }
    if (handlers[v]) {
        handlers[v](tf);
        return;
    }
    if (v < T_NEXCEPTIONS)
        unhandled_exception(tf);
    else
        kprintf("trap: unexpected vector %d\n", v);
}

void trap_dispatch(struct trapframe *tf) {
    dispatch(tf);
    if (trap_from_user(tf) && user_return_hook)
        user_return_hook(tf);
}
