/* The panic screen: what the kernel prints when it stops. */
#ifndef CORE_PANIC_REPORT_H
#define CORE_PANIC_REPORT_H
#include <stdint.h>
struct trapframe;
/* Reports an exception the kernel cannot recover from (vector, error code, registers,
 * CR2, CR3, a backtrace) and stops. */
__attribute__((noreturn)) void panic_trap(struct trapframe *tf, const char *what);
/* Prints "  [<addr>] symbol+off" frames walking the frame-pointer chain from ebp. */
void backtrace_print(uint32_t eip, uint32_t ebp);
/* Set from the command line: panic=exit makes a panic exit QEMU (tests), else halt. */
extern int panic_exits;
#endif
