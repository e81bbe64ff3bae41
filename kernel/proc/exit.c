#include "proc/exit.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/files.h"
#include "mm/mm.h"
#include "mm/uaccess.h"
#include "arch/i386/cpu.h"
#include "arch/i386/trap.h"
#include "lib/errno.h"
#include "lib/printf.h"
#include "lib/panic.h"

void (*init_exit_hook)(int status);

/* Hands p's children to init, which reaps them. */
static void reparent_children(struct proc *p) {
    for (int i = 0; i < NPROC; i++) {
        struct proc *c = &proc_table[i];
        if (c->state != P_UNUSED && c->parent == p) {
            c->parent = init_proc;
            if (c->state == P_ZOMBIE && init_proc)
                wakeup(init_proc);
        }
    }
}

/* Releases everything a process owns except its slot and kernel stack (the parent's
 * wait frees those), becomes a zombie and never runs again. */
void proc_exit(int status) {
    struct proc *p = current;
    files_close_all(p);
    if (p->clear_child_tid) {
        uint32_t zero = 0;
        copy_to_user((void *)p->clear_child_tid, &zero, sizeof zero);
    }
    struct mm *mm = p->mm;
    p->mm = NULL;
    mm_activate(NULL);
    if (mm)
        mm_put(mm);
    if (p->cwd)
        files_put_cwd(p);
    if (p == init_proc && init_exit_hook)
        init_exit_hook(status);
    cli();
    reparent_children(p);
    p->exit_status = status;
    p->state = P_ZOMBIE;
    if (p->parent) {
        signal_send(p->parent, SIGCHLD);
        wakeup(p->parent);
    }
    wakeup(p);                   /* a CLONE_VFORK parent waits on the child */
    sched();
    panic("zombie pid %d ran again", p->pid);
}

void proc_exit_signal(int sig) {
    if (sig != SIGKILL && sig != SIGINT && sig != SIGTERM && sig != SIGPIPE)
        kprintf("pid %d (%s): killed by signal %d (ip %08x, fault address %08x)\n",
                current->pid, current->name, sig, current->tf ? current->tf->eip : 0,
                current->fault_addr);
    proc_exit(W_SIGNALED(sig));
}

static bool wait_matches(struct proc *c, int pid) {
    return c->parent == current && (pid <= 0 || c->pid == pid);
}

/* wait4's core: reaps a zombie child matching pid (-1 or 0: any), storing its status
 * at the user address ustatus (if not 0). Sleeps unless WNOHANG; -ECHILD with no
 * matching child; -EINTR if a signal arrives while waiting. */
int proc_wait(int pid, uint32_t ustatus, int options) {
    for (;;) {
        bool have_child = false;
        for (int i = 0; i < NPROC; i++) {
            struct proc *c = &proc_table[i];
            if (c->state == P_UNUSED || !wait_matches(c, pid))
                continue;
            have_child = true;
            if (c->state != P_ZOMBIE)
                continue;
            int cpid = c->pid, st = c->exit_status;
            if (ustatus && copy_to_user((void *)ustatus, &st, sizeof st))
                return -EFAULT;
            proc_free(c);
            return cpid;
        }
        if (!have_child)
            return -ECHILD;
        if (options & WNOHANG)
            return 0;
        if (signal_pending(current))
            return -EINTR;
        sleep_on(current);
    }
}
