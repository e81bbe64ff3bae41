/* Signal handler frames on the user stack, in Linux's i386 layouts
 * (arch/x86/include/asm/sigframe.h, uapi/asm/sigcontext.h, ucontext.h): the plain frame
 * for handlers without SA_SIGINFO (left by sigreturn, 119), the rt frame for SA_SIGINFO
 * (left by rt_sigreturn, 173). glibc's restorers pop exactly what these frames expect.
 * The SA_* flags are abi/signal.h's. */
#ifndef PROC_SIGFRAME_H
#define PROC_SIGFRAME_H
#include <stdint.h>
#include <stdbool.h>
#include "abi/signal.h"
struct trapframe;
struct k_sigaction;

/* Builds the frame for sig on the user stack and points tf at the handler; false if
 * the stack is unusable (the caller then kills with SIGSEGV, as Linux does). */
bool sigframe_setup(struct trapframe *tf, int sig, const struct k_sigaction *ka,
                    uint64_t old_mask, uint32_t fault_addr);
/* sigreturn / rt_sigreturn: restores the registers and mask saved in the frame at the
 * user stack; returns the restored eax (so the syscall return leaves it intact), or
 * kills with SIGSEGV on a bad frame. */
long sigframe_return(struct trapframe *tf, bool rt);
#endif
