/* rt_sigaction and rt_sigprocmask with the i386 kernel layouts (a 64-bit mask,
 * sigsetsize 8). Handlers are recorded; see proc/signal.h for what delivery does. */
#include "syscall/syscall.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/sched.h"
#include "proc/sigframe.h"
#include "arch/i386/trap.h"
#include "mm/uaccess.h"
#include "lib/errno.h"

#define SIGSET_SIZE 8
#define UNBLOCKABLE (sigbit(SIGKILL) | sigbit(SIGSTOP))

long sys_rt_sigaction(u32 sig, u32 uact, u32 uold, u32 setsize) {
    if (setsize != SIGSET_SIZE)
        return -EINVAL;
    if (sig < 1 || sig > NSIG)
        return -EINVAL;
    struct k_sigaction *ka = &current->sighand->action[sig - 1];
    if (uold && copy_to_user((void *)uold, ka, sizeof *ka))
        return -EFAULT;
    if (!uact)
        return 0;
    if (sig == SIGKILL || sig == SIGSTOP)
        return -EINVAL;
    struct k_sigaction act;
    if (copy_from_user(&act, (void *)uact, sizeof act))
        return -EFAULT;
    act.mask &= ~UNBLOCKABLE;
    *ka = act;
    if (act.handler == SIG_IGN)
        current->sig_pending &= ~sigbit((int)sig);  /* POSIX: pending ones are discarded */
    return 0;
}

long sys_rt_sigprocmask(u32 how, u32 uset, u32 uold, u32 setsize) {
    if (setsize != SIGSET_SIZE)
        return -EINVAL;
    uint64_t old = current->sig_blocked;
    if (uset) {
        uint64_t set;
        if (copy_from_user(&set, (void *)uset, sizeof set))
            return -EFAULT;
        if (how == SIG_BLOCK)
            current->sig_blocked |= set;
        else if (how == SIG_UNBLOCK)
            current->sig_blocked &= ~set;
        else if (how == SIG_SETMASK)
            current->sig_blocked = set;
        else
            return -EINVAL;
        current->sig_blocked &= ~UNBLOCKABLE;
    }
    if (uold && copy_to_user((void *)uold, &old, sizeof old))
        return -EFAULT;
    return 0;
}

/* pause(): sleeps until a signal that is not ignored arrives; always -EINTR. */
long sys_pause(void) {
    while (!signal_pending(current))
        sleep_on(&current->sig_pending);
    return -EINTR;
}

long sys_sigreturn(void) { return sigframe_return(current->tf, false); }
long sys_rt_sigreturn(void) { return sigframe_return(current->tf, true); }

/* rt_sigsuspend: waits with a temporary mask; the handler's frame saves the original
 * one, so it is back in force once the handler returns. Always -EINTR. */
long sys_rt_sigsuspend(u32 umask, u32 setsize) {
    if (setsize != SIGSET_SIZE)
        return -EINVAL;
    uint64_t mask;
    if (copy_from_user(&mask, (void *)umask, sizeof mask))
        return -EFAULT;
    current->saved_mask = current->sig_blocked;
    current->saved_mask_valid = true;
    current->sig_blocked = mask & ~UNBLOCKABLE;
    while (!signal_pending(current))
        sleep_on(&current->sig_pending);
    return -EINTR;
}

#define SS_AUTODISARM (1u << 31)

struct stack_abi {
    uint32_t ss_sp;
    int32_t ss_flags;
    uint32_t ss_size;
};

/* sigaltstack: handlers installed with SA_ONSTACK run on this stack (sigframe.c). It
 * cannot be changed while a handler runs on it (EPERM). */
long sys_sigaltstack(u32 uss, u32 uold) {
    uint32_t sp = current->tf ? current->tf->esp : 0;
    bool on = on_sigaltstack(current, sp);
    if (uold) {
        struct stack_abi old = {current->sas_sp, current->sas_size ? (on ? SS_ONSTACK : 0) : SS_DISABLE,
                                current->sas_size};
        if (copy_to_user((void *)uold, &old, sizeof old))
            return -EFAULT;
    }
    if (!uss)
        return 0;
    struct stack_abi ss;
    if (copy_from_user(&ss, (void *)uss, sizeof ss))
        return -EFAULT;
    if (on)
        return -EPERM;
    uint32_t mode = (uint32_t)ss.ss_flags & ~SS_AUTODISARM;
    if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
        return -EINVAL;
    if (mode == SS_DISABLE) {
        current->sas_sp = current->sas_size = 0;
        return 0;
    }
    if (ss.ss_size < MINSIGSTKSZ)
        return -ENOMEM;
    current->sas_sp = ss.ss_sp;
    current->sas_size = ss.ss_size;
    return 0;
}
