/* int 0x80 entry: runs the handler for eax with interrupts on, then acts on pending
 * signals before the return to user mode. */
#include "syscall/syscall.h"
#include "syscall/nr.h"
#include "arch/i386/trap.h"
#include "arch/i386/cpu.h"
#include "arch/i386/cpu.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "lib/errno.h"
#include "lib/printf.h"

static uint32_t warned[(NR_MAX + 31) / 32]; /* numbers already reported as ENOSYS */

static long unknown_syscall(uint32_t nr) {
    if (nr < NR_MAX && !(warned[nr / 32] & (1u << (nr % 32)))) {
        warned[nr / 32] |= 1u << (nr % 32);
        kprintf("syscall: %u not implemented (pid %d %s): ENOSYS\n", nr,
                current ? current->pid : 0, current ? current->name : "");
    }
    return -ENOSYS;
}

static void syscall_entry(struct trapframe *tf) {
    uint32_t nr = tf->eax;
    current->tf = tf;
    current->syscall_nr = nr;
    sti();
    syscall_fn fn = nr < NR_MAX ? syscall_table[nr] : 0;
    tf->eax = fn ? (uint32_t)fn(tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi, tf->ebp)
                 : (uint32_t)unknown_syscall(nr);
}

/* Every trap that returns to user mode passes here: signals are acted on. */
static void user_return(struct trapframe *tf) {
    if (current && signal_pending(current))
        signal_deliver(tf);
}

static void user_fault(struct trapframe *tf, int signo) {
    current->tf = tf;
    current->fault_addr = tf->vector == T_PGFLT ? read_cr2() : 0;
    signal_force(current, signo);
}

void syscall_init(void) {
    trap_register(T_SYSCALL, syscall_entry);
    user_return_hook = user_return;
    user_fault_hook = user_fault;
}
