/* Ending processes and collecting them: exit, death by signal, wait4. */
#ifndef PROC_EXIT_H
#define PROC_EXIT_H
#include <stdint.h>
#include "abi/wait.h"
/* Linux's wait status encoding (the W* macros of <sys/wait.h>). */
#define W_EXITCODE(code) (((code) & 0xff) << 8)
#define W_SIGNALED(sig)  ((sig) & 0x7f)

__attribute__((noreturn)) void proc_exit(int status);      /* status: a wait status */
__attribute__((noreturn)) void proc_exit_signal(int sig);  /* killed by sig */
int proc_wait(int pid, uint32_t ustatus, int options);
/* When init exits: the kernel reports and powers off (one-shot runs), set by init code. */
extern void (*init_exit_hook)(int status);
#endif
