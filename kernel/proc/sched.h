/* The scheduler: round robin over the process table, driven by yield(), sleep() and the
 * timer tick. scheduler() runs forever on the boot stack and switches into processes. */
#ifndef PROC_SCHED_H
#define PROC_SCHED_H
#include <stdbool.h>
struct proc;
__attribute__((noreturn)) void scheduler(void);
void sched(void);                /* give up the CPU: current must not be P_RUNNING */
void yield(void);                /* runnable again, let others run */
void sleep_on(void *chan);       /* sleep until wakeup(chan) (or a signal) */
void wakeup(void *chan);         /* make every process sleeping on chan runnable */
void sched_tick(void *tf);       /* timer: preempts user mode at the end of a slice */
#endif
