/* In-kernel tests of the trap path: exceptions reach their handler with the right frame,
 * the exception table turns a kernel fault into a recovery, and the PIT ticks. */
#include "test/ktest.h"
#include "arch/i386/trap.h"
#include "arch/i386/pit.h"
#include "arch/i386/cpu.h"

static volatile uint32_t seen_vector, seen_eip;

static void record_trap(struct trapframe *tf) {
    seen_vector = tf->vector;
    seen_eip = tf->eip;
}

KTEST(trap_breakpoint_handler) {
    extern char ktest_int3_after[];
    seen_vector = 0;
    trap_register(T_BRKPT, record_trap);
    asm volatile("int3\n\t.globl ktest_int3_after\nktest_int3_after:");
    trap_register(T_BRKPT, 0);
    KCHECK_EQ(seen_vector, T_BRKPT);
    KCHECK_EQ(seen_eip, (uint32_t)ktest_int3_after);
}

/* A load from an unmapped kernel address with an extable entry resumes at the fixup. */
KTEST(trap_extable_fixup) {
    uint32_t result = 1;
    asm volatile("1: movl (%1), %0\n\t"
                 "jmp 3f\n"
                 "2: movl $0xFA17, %0\n"
                 "3:\n\t"
                 ".pushsection .extable, \"a\"\n\t.long 1b, 2b\n\t.popsection"
                 : "+r"(result) : "r"(0xFFFFF000u));
    KCHECK_EQ(result, 0xFA17);
}

KTEST(timer_ticks) {
    uint32_t start = jiffies;
    for (int i = 0; i < 1000 && jiffies - start < 3; i++)
        hlt();
    KCHECK(jiffies - start >= 3);
}
