/* Process system calls: creation, exec, exit, wait, identity, kill. */
#include "syscall/syscall.h"
#include "proc/proc.h"
#include "proc/fork.h"
#include "proc/exec.h"
#include "proc/exit.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "mm/uaccess.h"
#include "mm/kheap.h"
#include "syscall/upath.h"
#include "fs/vfs.h"
#include "lib/errno.h"

#define SIGCHLD_FORK 17     /* fork() is clone(SIGCHLD) */

long sys_fork(void) { return do_clone(SIGCHLD_FORK, 0, 0, 0, 0); }
long sys_vfork(void) { return do_clone(CLONE_VFORK | SIGCHLD_FORK, 0, 0, 0, 0); }

/* i386 clone argument order: flags, newsp, parent_tid, tls, child_tid. */
long sys_clone(u32 flags, u32 newsp, u32 ptid, u32 tls, u32 ctid) {
    return do_clone(flags, newsp, ptid, tls, ctid);
}

long sys_execve(u32 upath, u32 uargv, u32 uenvp) {
    char *path = kmalloc(PATH_MAX);   /* too big for a 16 KiB kernel stack */
    if (!path)
        return -ENOMEM;
    int err = upath_copy(upath, path);
    struct exec_args args;
    if (!err)
        err = exec_args_from_user(&args, uargv, uenvp);
    if (!err) {
        err = do_execve(path, &args);
        exec_args_free(&args);
    }
    kfree(path);
    return err;
}

long sys_exit(u32 code) { proc_exit(W_EXITCODE(code)); }
long sys_exit_group(u32 code) { proc_exit_group(W_EXITCODE(code)); }

long sys_wait4(u32 pid, u32 ustatus, u32 options, u32 rusage) {
    if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL))
        return -EINVAL;
    return proc_wait((int)pid, ustatus, (int)options, rusage);
}

long sys_waitpid(u32 pid, u32 ustatus, u32 options) { return sys_wait4(pid, ustatus, options, 0); }

long sys_getpid(void) { return current->tgid; }
long sys_gettid(void) { return current->pid; }
long sys_getppid(void) {
    struct proc *l = proc_leader(current);
    return l && l->parent ? l->parent->pid : 0;
}
long sys_getuid(void) { return 0; }
long sys_sched_yield(void) { yield(); return 0; }

long sys_set_tid_address(u32 tidptr) {
    current->clear_child_tid = tidptr;
    return current->pid;
}

/* kill(pid, sig): pid > 0 one process (a thread id names its process); 0 the caller's
 * group; -1 all but init and the caller; < -1 the group -pid. The signal goes to one
 * thread of each process (signal_send_group). sig 0 only checks that the target exists. */
static long kill_processes(int pid, u32 sig) {
    if (sig > NSIG)
        return -EINVAL;
    int found = 0;
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &proc_table[i];
        if (p->state == P_UNUSED || p->state == P_EMBRYO || p->pid != p->tgid)
            continue;
        bool hit = pid > 0 ? p->pid == pid
                 : pid == 0 ? p->pgid == current->pgid
                 : pid == -1 ? p->pid > 1 && p->tgid != current->tgid
                 : p->pgid == -pid;
        if (!hit)
            continue;
        found++;
        if (sig && (p->state != P_ZOMBIE || proc_group_others(p)))
            signal_send_group(p, (int)sig);
    }
    return found ? 0 : -ESRCH;
}

long sys_kill(u32 upid, u32 sig) {
    struct proc *t = (int)upid > 0 ? proc_find((int)upid) : NULL;
    if (t && t->pid != t->tgid)          /* a thread's id: its process */
        upid = (u32)t->tgid;
    return kill_processes((int)upid, sig);
}

/* tgkill/tkill: to exactly one thread (tgid < 0: any group). */
static long kill_thread(int tgid, int tid, u32 sig) {
    if (tid <= 0 || sig > NSIG)
        return -EINVAL;
    struct proc *t = proc_find(tid);
    if (!t || t->state == P_EMBRYO || (tgid > 0 && t->tgid != tgid))
        return -ESRCH;
    if (sig && t->state != P_ZOMBIE)
        signal_send(t, (int)sig);
    return 0;
}

long sys_tkill(u32 tid, u32 sig) { return kill_thread(-1, (int)tid, sig); }
long sys_tgkill(u32 tgid, u32 tid, u32 sig) {
    return (int)tgid <= 0 ? -EINVAL : kill_thread((int)tgid, (int)tid, sig);
}

long sys_setpgid(u32 pid, u32 pgid) {
    struct proc *p = pid ? proc_find((int)pid) : current;
    if (!p || (p != current && p->parent != current))
        return -ESRCH;
    if ((int)pgid < 0)
        return -EINVAL;
    p->pgid = pgid ? (int)pgid : p->pid;
    return 0;
}

long sys_getpgid(u32 pid) {
    struct proc *p = pid ? proc_find((int)pid) : current;
    return p ? p->pgid : -ESRCH;
}
long sys_getpgrp(void) { return current->pgid; }
long sys_setsid(void) {
    if (current->pgid == current->pid)
        return -EPERM;
    current->pgid = current->sid = current->pid;
    return current->pid;
}
long sys_getsid(u32 pid) {
    struct proc *p = pid ? proc_find((int)pid) : current;
    return p ? p->sid : -ESRCH;
}
