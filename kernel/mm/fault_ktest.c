/* In-kernel tests of page_fault_handler: real kernel-mode faults on user addresses of an
 * activated test mm (demand-zero, stack growth), and simulated user-mode faults (a fake
 * trapframe from ring 3 and CR2 written by hand) that must become SIGSEGV. */
#include "test/ktest.h"
#include "mm/fault.h"
#include "mm/mm.h"
#include "mm/mm_ktest_util.h"
#include "mm/uaccess.h"
#include "arch/i386/trap.h"
#include "arch/i386/gdt.h"
#include "lib/errno.h"

#define RW (PROT_READ | PROT_WRITE)
#define ZERO_VA 0x30000000u
#define RO_VA   0x30100000u
#define NULL_VA 0x00000000u
#define KERN_VA 0xC0001000u
#define STACK_INIT_PAGES 4


static int hook_signo;
static void record_signal(struct trapframe *tf, int signo) { (void)tf; hook_signo = signo; }

static inline void write_cr2(uint32_t v) { asm volatile("mov %0, %%cr2" : : "r"(v)); }

/* fault_stats changes behind the compiler's back (in the handler a touch triggers). */
static uint32_t demand_zero_count(void) { return *(volatile uint32_t *)&fault_stats.demand_zero; }

/* Runs the handler as if ring 3 faulted at addr with error bits err; returns the signal
 * the process layer was asked to deliver (0: none, the fault was resolved). */
static int user_fault(uint32_t addr, uint32_t err) {
    struct trapframe tf = {.vector = T_PGFLT, .err = err | PF_USER, .cs = SEL_UCODE,
                           .ss = SEL_UDATA};
    void (*saved)(struct trapframe *, int) = user_fault_hook;
    hook_signo = 0;
    user_fault_hook = record_signal;
    write_cr2(addr);
    page_fault_handler(&tf);
    user_fault_hook = saved;
    return hook_signo;
}

/* A kernel read of an untouched page in a VMA maps a zeroed frame with the VMA's rights. */
KTEST(fault_demand_zero_from_kernel) {
    fault_init();
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, ZERO_VA, 4 * PAGE_SIZE, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, RO_VA, PAGE_SIZE, PROT_READ, 0), 0);
    uint32_t before = demand_zero_count();
    volatile uint32_t *p = (volatile uint32_t *)(ZERO_VA + PAGE_SIZE + 8);
    KCHECK_EQ(*p, 0);
    *p = 0x5EED;
    KCHECK_EQ(*p, 0x5EED);
    KCHECK_EQ(demand_zero_count() - before, 1);
    KCHECK_EQ(mm->rss, 1);
    pte_t pte = *pte_lookup(mm->pgdir, ZERO_VA + PAGE_SIZE);
    KCHECK_EQ(pte & (PTE_PRESENT | PTE_WRITE | PTE_USER), PTE_PRESENT | PTE_WRITE | PTE_USER);
    KCHECK_EQ(*pte_lookup(mm->pgdir, ZERO_VA), 0);     /* only the touched page */
    KCHECK_EQ(*(volatile uint32_t *)RO_VA, 0);
    KCHECK(!(*pte_lookup(mm->pgdir, RO_VA) & PTE_WRITE));
    KCHECK_EQ(mm->rss, 2);
    uint32_t v = 1;                                     /* CR0.WP: the kernel cannot write */
    KCHECK_EQ(copy_to_user((void *)RO_VA, &v, sizeof v), -EFAULT);
    KCHECK_EQ(ktest_mm_end(mm), 0);
}

/* The stack grows on a fault just below it, not past USER_STACK_MAX, and not into the
 * guard gap above another VMA. */
KTEST(fault_stack_grows_down) {
    fault_init();
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_setup_stack(mm, STACK_INIT_PAGES * PAGE_SIZE), 0);
    struct vm_area *stack = vma_find(mm, USER_STACK_TOP - 1);
    uint32_t start0 = stack->start, v = 0xABCD;
    uint32_t grows = fault_stats.stack_grow;
    KCHECK_EQ(copy_to_user((void *)(start0 - 100), &v, sizeof v), 0);
    KCHECK_EQ(stack->start, start0 - PAGE_SIZE);
    KCHECK_EQ(fault_stats.stack_grow - grows, 1);
    uint32_t deep = USER_STACK_TOP - USER_STACK_MAX;    /* the last page allowed */
    KCHECK_EQ(copy_to_user((void *)deep, &v, sizeof v), 0);
    KCHECK_EQ(stack->start, deep);
    KCHECK_EQ(copy_to_user((void *)(deep - 4), &v, sizeof v), -EFAULT);
    KCHECK_EQ(stack->start, deep);
    KCHECK_EQ(mm->nr_vmas, 1);
    KCHECK_EQ(ktest_mm_end(mm), 0);

    mm = ktest_mm_begin();
    KCHECK_EQ(mm_setup_stack(mm, STACK_INIT_PAGES * PAGE_SIZE), 0);
    start0 = USER_STACK_TOP - STACK_INIT_PAGES * PAGE_SIZE;
    uint32_t below_end = start0 - STACK_GUARD_GAP - 2 * PAGE_SIZE; /* end of a VMA below */
    KCHECK_EQ(mm_map_anon(mm, below_end - PAGE_SIZE, PAGE_SIZE, RW, 0), 0);
    uint32_t lowest = below_end + STACK_GUARD_GAP;      /* the gap stays free */
    KCHECK_EQ(copy_to_user((void *)(lowest - PAGE_SIZE), &v, sizeof v), -EFAULT);
    KCHECK_EQ(copy_to_user((void *)lowest, &v, sizeof v), 0);
    KCHECK_EQ(vma_find(mm, USER_STACK_TOP - 1)->start, lowest);
    KCHECK_EQ(ktest_mm_end(mm), 0);
}

/* User-mode faults: demand-zero is silent, everything illegal is SIGSEGV, none panics. */
KTEST(fault_user_cases) {
    fault_init();
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, ZERO_VA, PAGE_SIZE, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, RO_VA, PAGE_SIZE, PROT_READ, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, RO_VA + 2 * PAGE_SIZE, PAGE_SIZE, PROT_NONE, 0), 0);
    uint32_t segv0 = fault_stats.segv;
    KCHECK_EQ(user_fault(ZERO_VA + 12, PF_WRITE), 0);                  /* demand-zero */
    KCHECK(*pte_lookup(mm->pgdir, ZERO_VA) & PTE_PRESENT);
    KCHECK_EQ(user_fault(NULL_VA, 0), SIGSEGV_NR);                      /* null pointer */
    KCHECK_EQ(user_fault(KERN_VA, PF_PRESENT), SIGSEGV_NR);             /* kernel memory */
    KCHECK_EQ(user_fault(RO_VA, PF_WRITE), SIGSEGV_NR);                 /* write, read-only VMA */
    KCHECK_EQ(user_fault(RO_VA, 0), 0);                                 /* read maps it */
    KCHECK_EQ(user_fault(RO_VA, PF_PRESENT | PF_WRITE), SIGSEGV_NR);    /* write, present RO */
    KCHECK_EQ(user_fault(RO_VA + 2 * PAGE_SIZE, 0), SIGSEGV_NR);        /* PROT_NONE */
    KCHECK_EQ(user_fault(RO_VA + PAGE_SIZE, 0), SIGSEGV_NR);            /* the hole */
    KCHECK_EQ(fault_stats.segv - segv0, 6);
    KCHECK_EQ(mm->rss, 2);
    KCHECK_EQ(ktest_mm_end(mm), 0);
}
