/* Signals: Linux i386 numbers; sigaction goes through rt_sigaction(174) with a restorer
 * (sigreturn(119) for plain handlers, rt_sigreturn(173) for SA_SIGINFO ones). */
#ifndef _SIGNAL_H
#define _SIGNAL_H
#include <features.h>
#include <sys/types.h>
#include "abi/signal.h"

#define NSIG 65
#define _NSIG NSIG

typedef void (*sighandler_t)(int);
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

typedef int sig_atomic_t;
/* The kernel's 64-signal mask (sigsetsize 8). */
typedef struct {
    unsigned long __bits[2];
} sigset_t;

union sigval {
    int sival_int;
    void *sival_ptr;
};
typedef struct {
    int si_signo, si_errno, si_code;
    union {
        struct { pid_t si_pid; uid_t si_uid; int si_status; } __kill;
        struct { void *si_addr; } __fault;
        int __pad[29];
    } __u;
} siginfo_t;
#define si_pid __u.__kill.si_pid
#define si_uid __u.__kill.si_uid
#define si_status __u.__kill.si_status
#define si_addr __u.__fault.si_addr

struct sigaction {
    union {
        sighandler_t sa_handler;
        void (*sa_sigaction)(int, siginfo_t *, void *);
    } __sa;
    sigset_t sa_mask;
    int sa_flags;
    void (*sa_restorer)(void);
};
#define sa_handler __sa.sa_handler
#define sa_sigaction __sa.sa_sigaction

__BEGIN_DECLS
int sigaction(int sig, const struct sigaction *act, struct sigaction *old);
sighandler_t signal(int sig, sighandler_t handler);
int kill(pid_t pid, int sig);
int raise(int sig);
int sigprocmask(int how, const sigset_t *set, sigset_t *old);
int sigsuspend(const sigset_t *mask);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
__END_DECLS
/* The alternate signal stack (sigaltstack(2)); layout as Linux i386's stack_t. */
typedef struct {
    void *ss_sp;
    int ss_flags;
    size_t ss_size;
} stack_t;
__BEGIN_DECLS
int sigaltstack(const stack_t *ss, stack_t *old);
__END_DECLS
#endif
