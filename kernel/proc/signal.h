/* Signals with Linux's numbers (abi/signal.h). Delivery today: default actions (terminate or ignore)
 * and SIG_IGN; a user handler installed with rt_sigaction is recorded but, until
 * handler frames are built, a signal whose action is a handler acts as its default. */
#ifndef PROC_SIGNAL_H
#define PROC_SIGNAL_H
#include <stdint.h>
#include <stdbool.h>
#include "abi/signal.h"

#define SIG_DFL 0
#define SIG_IGN 1

struct proc;
struct trapframe;
static inline uint64_t sigbit(int sig) { return 1ull << (sig - 1); }

/* Marks sig pending for p and wakes it from an interruptible sleep. */
int signal_send(struct proc *p, int sig);
/* A process-directed signal (kill): to one thread of p's group that does not block it. */
int signal_send_group(struct proc *p, int sig);
/* The dispositions (struct sighand): new (all SIG_DFL), shared with or copied from the
 * parent (CLONE_SIGHAND), and dropped. 0 or -ENOMEM. */
int sighand_new(struct proc *p);
int sighand_fork(struct proc *parent, struct proc *child, bool share);
void sighand_put(struct proc *p);
/* A fault the program caused: the signal is delivered even if blocked or ignored. */
void signal_force(struct proc *p, int sig);
/* True if p has a pending signal that would interrupt a sleep. */
bool signal_pending(struct proc *p);
/* On every return to user mode: acts on pending signals (may not return). */
void signal_deliver(struct trapframe *tf);
/* Exec resets handled signals to SIG_DFL, keeps ignored ones and the mask. */
void signal_exec_reset(struct proc *p);
#endif
