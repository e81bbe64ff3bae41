#include "proc/signal.h"
#include "proc/proc.h"
#include "proc/exit.h"
#include "proc/sched.h"
#include "proc/sigframe.h"
#include "lib/errno.h"
#include "arch/i386/trap.h"
#include "lib/errno.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "mm/kheap.h"


/* Signals whose default action is to do nothing (Linux's SIG_KERNEL_IGNORE_MASK);
 * stop/continue are treated as ignored: LingOS has no job control yet. */
static bool default_ignores(int sig) {
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT ||
           sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* Whether p would ignore sig: an explicit SIG_IGN, or a default that ignores. */
static bool ignored(struct proc *p, int sig) {
    uint32_t handler = p->sighand->action[sig - 1].handler;
    return sig != SIGKILL && (handler == SIG_IGN || (default_ignores(sig) && handler == SIG_DFL));
}

/* Like Linux, a signal the target ignores is discarded when sent, so it never
 * interrupts a sleep. */
int signal_send(struct proc *p, int sig) {
    if (sig < 1 || sig > NSIG)
        return -EINVAL;
    if (ignored(p, sig) && !(p->sig_forced & sigbit(sig)))
        return 0;
    p->sig_pending |= sigbit(sig);
    if (p->state == P_SLEEPING)
        p->state = P_RUNNABLE;
    return 0;
}

/* The thread of p's group that takes a process-directed signal: the first live one
 * that does not block sig, the leader first; else any live one; NULL if none. */
static struct proc *group_target(struct proc *p, int sig) {
    struct proc *leader = proc_leader(p), *any = NULL;
    if (leader && leader->state != P_ZOMBIE) {
        if (!(leader->sig_blocked & sigbit(sig)))
            return leader;
        any = leader;
    }
    for (int i = 0; i < NPROC; i++) {
        struct proc *t = &proc_table[i];
        if (t->state == P_UNUSED || t->state == P_EMBRYO || t->state == P_ZOMBIE ||
            t->tgid != p->tgid)
            continue;
        if (!(t->sig_blocked & sigbit(sig)))
            return t;
        if (!any)
            any = t;
    }
    return any;
}

int signal_send_group(struct proc *p, int sig) {
    if (sig < 1 || sig > NSIG)
        return -EINVAL;
    struct proc *t = group_target(p, sig);
    return t ? signal_send(t, sig) : 0;
}

int sighand_new(struct proc *p) {
    p->sighand = kmalloc(sizeof *p->sighand);
    if (!p->sighand)
        return -ENOMEM;
    memset(p->sighand, 0, sizeof *p->sighand);
    p->sighand->ref = 1;
    return 0;
}

int sighand_fork(struct proc *parent, struct proc *child, bool share) {
    if (share) {
        child->sighand = parent->sighand;
        child->sighand->ref++;
        return 0;
    }
    if (sighand_new(child))
        return -ENOMEM;
    memcpy(child->sighand->action, parent->sighand->action, sizeof child->sighand->action);
    return 0;
}

void sighand_put(struct proc *p) {
    if (p->sighand && --p->sighand->ref == 0)
        kfree(p->sighand);
    p->sighand = NULL;
}

void signal_force(struct proc *p, int sig) {
    p->sig_forced |= sigbit(sig);
    signal_send(p, sig);
}

/* The signals that can be acted on now: pending and not blocked, where SIGKILL and
 * forced signals cannot be blocked. */
static uint64_t deliverable(const struct proc *p) {
    return p->sig_pending & ~(p->sig_blocked & ~(sigbit(SIGKILL) | p->sig_forced));
}

bool signal_pending(struct proc *p) { return deliverable(p) != 0; }

/* Picks the lowest pending deliverable signal, 0 if none. */
static int next_signal(struct proc *p) {
    uint64_t d = deliverable(p);
    for (int sig = 1; sig <= NSIG; sig++)
        if (d & sigbit(sig))
            return sig;
    return 0;
}

#define INT80_LEN 2   /* bytes of "int $0x80": rewinding eip re-issues the call */

/* A system call interrupted by a signal whose handler has SA_RESTART is re-issued
 * after the handler, as on Linux; without SA_RESTART it returns EINTR. */
static void maybe_restart(struct trapframe *tf, const struct k_sigaction *ka) {
    if (tf->vector == T_SYSCALL && (int32_t)tf->eax == -EINTR && (ka->flags & SA_RESTART)) {
        tf->eax = current->syscall_nr;
        tf->eip -= INT80_LEN;
    }
}

/* Runs the user handler for sig: a frame on the user stack, the handler's mask added.
 * A stack that cannot take the frame kills with SIGSEGV, as on Linux. */
static void run_handler(struct trapframe *tf, int sig, struct k_sigaction *ka) {
    maybe_restart(tf, ka);
    uint32_t addr = sig == SIGSEGV || sig == SIGBUS ? current->fault_addr : 0;
    uint64_t old_mask = current->saved_mask_valid ? current->saved_mask : current->sig_blocked;
    current->saved_mask_valid = false;
    if (!sigframe_setup(tf, sig, ka, old_mask, addr))
        proc_exit_signal(SIGSEGV);
    current->sig_blocked |= ka->mask | (ka->flags & SA_NODEFER ? 0 : sigbit(sig));
    current->sig_blocked &= ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
    if (ka->flags & SA_RESETHAND)
        ka->handler = SIG_DFL;
}

/* Acts on the lowest pending signal: ignore, run its handler (one frame per return to
 * user mode; the next is delivered when the handler returns), or the default action.
 * A forced signal (a fault) runs its handler if there is one, else kills even if it
 * was blocked or ignored. */
void signal_deliver(struct trapframe *tf) {
    int sig;
    while ((sig = next_signal(current))) {
        current->sig_pending &= ~sigbit(sig);
        bool was_forced = current->sig_forced & sigbit(sig);
        current->sig_forced &= ~sigbit(sig);
        struct k_sigaction *ka = &current->sighand->action[sig - 1];
        bool has_handler = ka->handler > SIG_IGN && sig != SIGKILL;
        if (has_handler && !(was_forced && (current->sig_blocked & sigbit(sig)))) {
            run_handler(tf, sig, ka);
            return;
        }
        if (!was_forced && ignored(current, sig))
            continue;
        proc_exit_signal(sig);
    }
    if (current->saved_mask_valid) {      /* rt_sigsuspend woken with no handler run */
        current->sig_blocked = current->saved_mask;
        current->saved_mask_valid = false;
    }
}

void signal_exec_reset(struct proc *p) {
    if (p->sighand->ref > 1) {        /* shared with a CLONE_SIGHAND process: copy */
        struct sighand *n = kmalloc(sizeof *n);
        if (n) {
            *n = *p->sighand;
            n->ref = 1;
            sighand_put(p);
            p->sighand = n;
        }
    }
    for (int i = 0; i < NSIG; i++)
        if (p->sighand->action[i].handler != SIG_IGN)
            p->sighand->action[i] = (struct k_sigaction){0};
}
