/* The page-fault handler (vector 14): demand-zero pages, stack growth, copy-on-write
 * breaks, SIGSEGV for bad
 * user accesses, -EFAULT for bad uaccess copies, a panic for any other kernel fault. */
#ifndef MM_FAULT_H
#define MM_FAULT_H
#include <stdint.h>
struct trapframe;

#define SIGSEGV_NR 11   /* the signal a bad user access gets (Linux's SIGSEGV) */

/* What the handler has done since boot (tests and /proc read these). */
struct fault_stats {
    uint32_t demand_zero;   /* pages allocated and mapped on first touch */
    uint32_t stack_grow;    /* faults that grew a stack VMA */
    uint32_t cow;           /* write faults on copy-on-write pages (copied or made writable) */
    uint32_t segv;          /* user faults turned into SIGSEGV */
    uint32_t fixups;        /* kernel faults resumed at an extable fixup (uaccess -EFAULT) */
};
extern struct fault_stats fault_stats;

void fault_init(void);      /* registers page_fault_handler for T_PGFLT */
void page_fault_handler(struct trapframe *tf);
#endif
