/* page_fault_handler: CR2 and the error code decide, one small function per kind of
 * fault (demand-zero, stack growth, copy-on-write; file pages later). */
#include "mm/fault.h"
#include "mm/mm.h"
#include "arch/i386/cpu.h"
#include "arch/i386/trap.h"
#include "core/panic_report.h"
#include "lib/errno.h"

struct fault_stats fault_stats;

/* A not-present page inside a VMA that allows the access: give it a zeroed frame. */
static int fault_demand_zero(struct mm *mm, struct vm_area *vma, uint32_t addr) {
    int r = mm_map_zero_page(mm, vma, PAGE_ALIGN_DOWN(addr));
    if (r == 0)
        fault_stats.demand_zero++;
    return r;
}

/* A write to a present read-only page of a writable VMA: a page fork shared
 * copy-on-write. mm_cow_break copies it (or, when no other PTE maps the frame any more,
 * just makes it writable); -ENOMEM when no frame is left for the copy. */
static int fault_write_protected(struct mm *mm, struct vm_area *vma, uint32_t addr) {
    int r = mm_cow_break(mm, vma, PAGE_ALIGN_DOWN(addr));
    if (r == 0)
        fault_stats.cow++;
    return r;
}

/* An address in no VMA: if the VMA above it is a stack and addr is within its growth
 * limit and clear of the guard gap above the VMA below, the stack grows down to addr's
 * page. Returns that stack VMA, or NULL. */
static struct vm_area *fault_grow_stack(struct mm *mm, uint32_t addr) {
    struct vm_area *stack = vma_find_from(mm, addr);
    if (!stack || !(stack->flags & VM_GROWSDOWN))
        return NULL;
    uint32_t new_start = PAGE_ALIGN_DOWN(addr);
    if (stack->end - new_start > USER_STACK_MAX)
        return NULL;
    struct vm_area *below = vma_prev(mm, stack);
    if (below && (new_start < below->end || new_start - below->end < STACK_GUARD_GAP))
        return NULL;
    stack->start = new_start;
    fault_stats.stack_grow++;
    return stack;
}

/* Resolves a fault at a user address in mm: 0 when the access may now be retried,
 * or a negative errno when it is illegal or memory is out. */
static int fault_user_address(struct mm *mm, uint32_t addr, uint32_t err) {
    bool write = err & PF_WRITE;
    struct vm_area *vma = vma_find(mm, addr);
    if (!vma)
        vma = fault_grow_stack(mm, addr);
    if (!vma || !vma_allows(vma, write))
        return -EFAULT;
    if (!(err & PF_PRESENT))
        return fault_demand_zero(mm, vma, addr);
    if (write)
        return fault_write_protected(mm, vma, addr);
    return -EFAULT;  /* a present, readable user page cannot fault on a read */
}

/* A fault that could not be resolved: SIGSEGV for a user program, the extable fixup for
 * a uaccess copy, otherwise a kernel bug and the full panic report. */
static void fault_fail(struct trapframe *tf) {
    if (trap_from_user(tf) && user_fault_hook) {
        fault_stats.segv++;
        user_fault_hook(tf, SIGSEGV_NR);
        return;
    }
    if (!trap_from_user(tf) && extable_fixup(tf)) {
        fault_stats.fixups++;
        return;
    }
    panic_trap(tf, "page fault");
}

/* The T_PGFLT handler. User addresses are resolved against mm_active whichever mode
 * faulted (the kernel touching user memory is demand-paged too); kernel addresses are
 * never resolved here. */
void page_fault_handler(struct trapframe *tf) {
    uint32_t addr = read_cr2();
    if (addr < USER_TOP && mm_active && fault_user_address(mm_active, addr, tf->err) == 0)
        return;
    fault_fail(tf);
}

void fault_init(void) { trap_register(T_PGFLT, page_fault_handler); }
