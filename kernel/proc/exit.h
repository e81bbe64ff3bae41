/* Ending processes and collecting them: exit, death by signal, wait4. */
#ifndef PROC_EXIT_H
#define PROC_EXIT_H
#include <stdint.h>
#include "abi/wait.h"
/* Linux's wait status encoding (the W* macros of <sys/wait.h>). */
#define W_EXITCODE(code) (((code) & 0xff) << 8)
#define W_SIGNALED(sig)  ((sig) & 0x7f)

/* status: a wait status. proc_exit ends the calling thread (exit); proc_exit_group and
 * a fatal signal every thread of its group (exit_group), with that status. */
__attribute__((noreturn)) void proc_exit(int status);
__attribute__((noreturn)) void proc_exit_group(int status);
__attribute__((noreturn)) void proc_exit_signal(int sig);  /* killed by sig */
/* exec from a thread (Linux's de_thread): the other threads are killed and waited for;
 * a non-leader caller takes over the leader's pid and parent. */
void proc_de_thread(void);
/* urusage: where to put the reaped child's struct rusage (0: nowhere). */
int proc_wait(int pid, uint32_t ustatus, int options, uint32_t urusage);
/* When init exits: the kernel reports and powers off (one-shot runs), set by init code. */
extern void (*init_exit_hook)(int status);
#endif
