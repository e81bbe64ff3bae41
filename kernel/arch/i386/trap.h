/* Traps: CPU exceptions, hardware interrupts and the int 0x80 system-call gate all
 * arrive in trap_dispatch() with the trapframe trap.S builds on the kernel stack. */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H
#include <stdint.h>
#include <stdbool.h>

#define T_DIVIDE   0
#define T_DEBUG    1
#define T_NMI      2
#define T_BRKPT    3
#define T_OFLOW    4
#define T_BOUND    5
#define T_ILLOP    6
#define T_DEVICE   7
#define T_DBLFLT   8
#define T_TSS      10
#define T_SEGNP    11
#define T_STACK    12
#define T_GPFLT    13
#define T_PGFLT    14
#define T_FPERR    16
#define T_ALIGN    17
#define T_MCHK     18
#define T_SIMDERR  19
#define T_NEXCEPTIONS 32
#define T_IRQ0     32       /* PIC interrupts are remapped to 32..47 */
#define T_NIRQS    16
#define T_SYSCALL  0x80     /* Linux's i386 system-call vector */

/* Page-fault error code bits (Intel SDM vol. 3A, 4.7). */
#define PF_PRESENT 0x1
#define PF_WRITE   0x2
#define PF_USER    0x4

struct trapframe {
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, oesp, ebx, edx, ecx, eax;  /* pusha order */
    uint32_t vector, err;
    uint32_t eip, cs, eflags;
    uint32_t esp, ss;       /* pushed by the CPU only on entry from ring 3 */
};

static inline bool trap_from_user(const struct trapframe *tf) { return (tf->cs & 3) == 3; }

typedef void (*trap_handler_t)(struct trapframe *tf);

void idt_init(void);
void trap_register(int vector, trap_handler_t fn);
void irq_register(int irq, trap_handler_t fn);
const char *trap_name(int vector);
void trap_dispatch(struct trapframe *tf);

/* Exception-table fixups: a kernel instruction that may fault on a user address (the
 * uaccess copies) registers where to resume instead of panicking. */
struct extable_entry {
    uint32_t insn, fixup;
};
bool extable_fixup(struct trapframe *tf);

/* Set by the process layer: what to do with a fault a user program caused (deliver
 * the signal). Until processes exist a user fault is a panic. */
extern void (*user_fault_hook)(struct trapframe *tf, int signo);
/* Called on every return to user mode (signal delivery). */
extern void (*user_return_hook)(struct trapframe *tf);
#endif
