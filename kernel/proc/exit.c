/* Ending threads and processes and collecting them: exit (one thread), exit_group and
 * death by signal (the whole group), exec's de_thread, wait4.
 *
 * A thread group's leader slot lives until the group is reaped: if the leader exits
 * first it is a zombie its parent cannot reap yet. The leader holds the group's exit
 * status; the last thread to go makes the parent's wait see it. A non-leader thread is
 * never waited for: it frees itself (the scheduler drops its slot once it switched
 * away, proc->autoreap). */
#include "proc/exit.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/files.h"
#include "proc/futex.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "arch/i386/cpu.h"
#include "arch/i386/trap.h"
#include "lib/errno.h"
#include "syscall/rusage.h"
#include "lib/printf.h"
#include "lib/panic.h"

void (*init_exit_hook)(int status);
static int thread_exit_chan;     /* de_thread sleeps here until the other threads are gone */

/* Hands p's children to init, which reaps them. */
static void reparent_children(struct proc *p, struct proc *to) {
    for (int i = 0; i < NPROC; i++) {
        struct proc *c = &proc_table[i];
        if (c->state != P_UNUSED && c->parent == p) {
            c->parent = to;
            if (c->state == P_ZOMBIE && to)
                wakeup(to);
        }
    }
}

/* What one thread holds: *clear_child_tid is zeroed and its futex woken (pthread_join
 * waits there), then its references to fds, cwd, dispositions and memory are dropped. */
static void release_thread(struct proc *p) {
    if (p->clear_child_tid) {
        uint32_t zero = 0;
        if (!copy_to_user((void *)p->clear_child_tid, &zero, sizeof zero))
            futex_wake(p->mm, p->clear_child_tid, 1, FUTEX_BITSET_MATCH_ANY);
    }
    files_put(p);
    fs_put(p);
    sighand_put(p);
    struct mm *mm = p->mm;
    p->mm = NULL;
    mm_activate(NULL);
    if (mm)
        mm_put(mm);
}

/* The last thread of leader's group is gone: the parent may reap the leader now. */
static void group_dead(struct proc *leader) {
    if (leader == init_proc && init_exit_hook)
        init_exit_hook(leader->exit_status);
    reparent_children(leader, init_proc);
    if (leader->parent) {
        signal_send_group(leader->parent, SIGCHLD);
        wakeup(leader->parent);
    }
}

/* Ends the calling thread and never returns. The group's status is the leader's own
 * unless an exit_group or fatal signal set it first. */
void proc_exit(int status) {
    struct proc *p = current;
    struct proc *leader = proc_leader(p);
    release_thread(p);
    cli();
    if (p == leader && !p->group_exiting)
        p->exit_status = status;
    p->state = P_ZOMBIE;
    wakeup(&thread_exit_chan);
    wakeup(p);                   /* a CLONE_VFORK parent waits on the child */
    if (leader && !proc_group_others(p))
        group_dead(leader);
    sched();
    panic("zombie pid %d ran again", p->pid);
}

/* Sends SIGKILL to every other thread of p's group. */
static void kill_other_threads(struct proc *p) {
    for (int i = 0; i < NPROC; i++) {
        struct proc *t = &proc_table[i];
        if (t != p && t->tgid == p->tgid && t->state != P_UNUSED && t->state != P_ZOMBIE)
            signal_send(t, SIGKILL);
    }
}

void proc_exit_group(int status) {
    struct proc *leader = proc_leader(current);
    if (leader && !leader->group_exiting) {
        leader->group_exiting = true;
        leader->exit_status = status;
        kill_other_threads(current);
    }
    proc_exit(status);
}

void proc_exit_signal(int sig) {
    struct proc *leader = proc_leader(current);
    bool first = !leader || !leader->group_exiting;
    if (first && sig != SIGKILL && sig != SIGINT && sig != SIGTERM && sig != SIGPIPE)
        kprintf("pid %d (%s): killed by signal %d (ip %08x, fault address %08x)\n",
                current->pid, current->name, sig, current->tf ? current->tf->eip : 0,
                current->fault_addr);
    proc_exit_group(W_SIGNALED(sig));
}

void proc_de_thread(void) {
    struct proc *p = current, *leader = proc_leader(p);
    if (leader == p && !proc_group_others(p))
        return;
    leader->group_exiting = true;
    kill_other_threads(p);
    while (proc_group_others(p))
        sleep_on(&thread_exit_chan);
    if (leader != p) {           /* take the leader's place, and its pid */
        p->parent = leader->parent;
        reparent_children(leader, p);
        int tgid = leader->pid;
        proc_free(leader);
        p->pid = tgid;
        p->autoreap = false;
    }
    p->group_exiting = false;
}

/* A child wait4 can see: a group leader whose parent is the caller's group. */
static bool wait_matches(struct proc *c, struct proc *me, int pid) {
    return c->parent == me && c->pid == c->tgid && (pid <= 0 || c->pid == pid);
}

/* wait4's core: reaps a zombie child matching pid (-1 or 0: any), storing its status
 * at the user address ustatus (if not 0). Any thread may wait for the group's children;
 * a child counts as exited once its last thread is. Sleeps unless WNOHANG; -ECHILD with
 * no matching child; -EINTR if a signal arrives while waiting. */
int proc_wait(int pid, uint32_t ustatus, int options, uint32_t urusage) {
    struct proc *me = proc_leader(current);
    for (;;) {
        bool have_child = false;
        for (int i = 0; i < NPROC; i++) {
            struct proc *c = &proc_table[i];
            if (c->state == P_UNUSED || !wait_matches(c, me, pid))
                continue;
            have_child = true;
            if (c->state != P_ZOMBIE || proc_group_others(c))
                continue;
            int cpid = c->pid, st = c->exit_status;
            struct rusage_abi ru = rusage_from_ticks(c->utime, c->stime);
            if (ustatus && copy_to_user((void *)ustatus, &st, sizeof st))
                return -EFAULT;
            if (urusage && copy_to_user((void *)urusage, &ru, sizeof ru))
                return -EFAULT;
            me->cutime += c->utime + c->cutime;
            me->cstime += c->stime + c->cstime;
            proc_free(c);
            return cpid;
        }
        if (!have_child)
            return -ECHILD;
        if (options & WNOHANG)
            return 0;
        if (signal_pending(current))
            return -EINTR;
        sleep_on(me);
    }
}
