/* Signals: sigaction over rt_sigaction(174), signal(), kill/raise, masks and sets. */
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "sys.h"

#define SIGSET_BYTES 8  /* the kernel's sigsetsize: 64 signals */
#define BITS_PER_WORD 32

/* The kernel's struct sigaction on i386 (arch/x86/include/uapi/asm/signal.h order). */
struct ksigaction {
    void *handler;
    unsigned long flags;
    void (*restorer)(void);
    sigset_t mask;
};

void __sig_restore(void);
void __sig_restore_rt(void);

int sigaction(int sig, const struct sigaction *act, struct sigaction *old) {
    struct ksigaction kact, kold;
    if (act) {
        kact.handler = (void *)act->sa_handler;
        kact.flags = (unsigned long)act->sa_flags | SA_RESTORER;
        kact.restorer = (act->sa_flags & SA_SIGINFO) ? __sig_restore_rt : __sig_restore;
        kact.mask = act->sa_mask;
    }
    long r = sys4(SYS_rt_sigaction, sig, act ? (long)&kact : 0, old ? (long)&kold : 0,
                  SIGSET_BYTES);
    if (sys_ret(r) < 0)
        return -1;
    if (old) {
        memset(old, 0, sizeof *old);
        old->sa_handler = (sighandler_t)kold.handler;
        old->sa_flags = (int)kold.flags;
        old->sa_restorer = kold.restorer;
        old->sa_mask = kold.mask;
    }
    return 0;
}

/* BSD semantics, like glibc: the handler stays installed and interrupted calls restart. */
sighandler_t signal(int sig, sighandler_t handler) {
    struct sigaction act, old;
    memset(&act, 0, sizeof act);
    act.sa_handler = handler;
    act.sa_flags = SA_RESTART;
    if (sigaction(sig, &act, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}

int kill(pid_t pid, int sig) { return sys_ret(sys2(SYS_kill, pid, sig)); }
int raise(int sig) { return kill(getpid(), sig); }

int sigprocmask(int how, const sigset_t *set, sigset_t *old) {
    return sys_ret(sys4(SYS_rt_sigprocmask, how, (long)set, (long)old, SIGSET_BYTES));
}

int sigsuspend(const sigset_t *mask) {
    return sys_ret(sys2(SYS_rt_sigsuspend, (long)mask, SIGSET_BYTES));
}

/* Signal s (1-based) is bit s-1. Invalid numbers fail with EINVAL. */
static int sig_bit(int sig, unsigned *word, unsigned long *bit) {
    if (sig < 1 || sig >= NSIG) {
        errno = EINVAL;
        return -1;
    }
    *word = (unsigned)(sig - 1) / BITS_PER_WORD;
    *bit = 1UL << ((unsigned)(sig - 1) % BITS_PER_WORD);
    return 0;
}

int sigemptyset(sigset_t *set) { memset(set, 0, sizeof *set); return 0; }
int sigfillset(sigset_t *set) { memset(set, 0xff, sizeof *set); return 0; }

int sigaddset(sigset_t *set, int sig) {
    unsigned w;
    unsigned long b;
    if (sig_bit(sig, &w, &b) < 0)
        return -1;
    set->__bits[w] |= b;
    return 0;
}

int sigdelset(sigset_t *set, int sig) {
    unsigned w;
    unsigned long b;
    if (sig_bit(sig, &w, &b) < 0)
        return -1;
    set->__bits[w] &= ~b;
    return 0;
}

int sigismember(const sigset_t *set, int sig) {
    unsigned w;
    unsigned long b;
    if (sig_bit(sig, &w, &b) < 0)
        return -1;
    return (set->__bits[w] & b) != 0;
}

/* The alternate signal stack for SA_ONSTACK handlers (sigaltstack 186). */
int sigaltstack(const stack_t *ss, stack_t *old) {
    return (int)sys_ret(sys2(SYS_sigaltstack, (long)ss, (long)old));
}
