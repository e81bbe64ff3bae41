#include "proc/fork.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/files.h"
#include "proc/signal.h"
#include "syscall/sys_tls.h"
#include "arch/i386/trap.h"
#include "arch/i386/layout.h"
#include "mm/mm.h"
#include "arch/i386/fpu.h"
#include "lib/errno.h"
#include "lib/string.h"

extern char trap_return[], kproc_entry[];

/* The frame swtch() pops: edi, esi, ebx, ebp, return address; right above it sits the
 * trapframe, so the return lands in trap_return (or kproc_entry, which first calls the
 * function in ebx) with esp at the trapframe. */
struct switch_frame {
    uint32_t edi, esi, ebx, ebp, eip;
};

void proc_prepare_stack(struct proc *p, void (*fn)(void)) {
    p->tf = (struct trapframe *)(p->kstack + KSTACK_SIZE) - 1;
    struct switch_frame *sf = (struct switch_frame *)p->tf - 1;
    memset(sf, 0, sizeof *sf);
    sf->eip = fn ? (uint32_t)kproc_entry : (uint32_t)trap_return;
    sf->ebx = (uint32_t)fn;
    p->ctx_esp = (uint32_t)sf;
}

/* What a child inherits: memory, files, cwd, signal dispositions (each shared or
 * copied as flags say), the signal mask, TLS. A thread joins the parent's group; a
 * process's parent is the group leader, whichever thread forked. On failure the
 * caller's proc_free drops what was taken. */
static int inherit(struct proc *c, struct proc *parent, uint32_t flags) {
    if (flags & CLONE_VM) {
        if (!(flags & CLONE_VFORK)) {
            mm_get(parent->mm);
            c->mm = parent->mm;
        } else {
            c->mm = mm_fork(parent->mm);   /* vfork's CLONE_VM: copy-on-write will do */
        }
    } else {
        c->mm = mm_fork(parent->mm);
    }
    if (!c->mm)
        return -ENOMEM;
    if (files_fork(parent, c, flags & CLONE_FILES, flags & CLONE_FS) ||
        sighand_fork(parent, c, flags & CLONE_SIGHAND))
        return -ENOMEM;
    c->sig_blocked = parent->sig_blocked;
    memcpy(c->tls, parent->tls, sizeof c->tls);
    memcpy(c->name, parent->name, sizeof c->name);
    proc_set_cmdline(c, parent->exe, parent->cmdline ? parent->cmdline : "", parent->cmdline_len);
    c->umask = parent->umask;
    c->pgid = parent->pgid;
    c->sid = parent->sid;
    if (flags & CLONE_THREAD) {
        c->tgid = parent->tgid;
        c->autoreap = true;
        c->parent = parent->parent;
    } else {
        c->parent = proc_leader(parent);
        c->sas_sp = parent->sas_sp;      /* fork keeps the alternate signal stack; */
        c->sas_size = parent->sas_size;  /* a new thread starts without one */
    }
    return 0;
}

/* Linux's checks (kernel/fork.c copy_process) on the sharing flags. */
static bool flags_valid(uint32_t flags) {
    if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
        return false;
    if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
        return false;
    return true;
}

long do_clone(uint32_t flags, uint32_t newsp, uint32_t parent_tid, uint32_t tls,
              uint32_t child_tid) {
    if (!flags_valid(flags))
        return -EINVAL;
    struct proc *leader = proc_leader(current);
    if ((flags & CLONE_THREAD) && leader && leader->group_exiting)
        return -EAGAIN;          /* the group is dying: no new threads */
    struct proc *c = proc_alloc();
    if (!c)
        return -EAGAIN;
    proc_prepare_stack(c, 0);
    int err = inherit(c, current, flags);
    if (!err && (flags & CLONE_SETTLS))
        err = tls_set_from_user(c, tls);
    if (err) {
        proc_free(c);
        return err;
    }
    *c->tf = *current->tf;
    c->tf->eax = 0;
    fpu_save(&c->fpu);           /* the parent's live registers */
    if (newsp)
        c->tf->esp = newsp;
    int pid = c->pid;
    if (flags & CLONE_CHILD_SETTID)
        mm_copy_in(c->mm, child_tid, &pid, sizeof pid);
    if (flags & CLONE_CHILD_CLEARTID)
        c->clear_child_tid = child_tid;
    if (flags & CLONE_PARENT_SETTID)
        mm_copy_in(current->mm, parent_tid, &pid, sizeof pid);
    c->state = P_RUNNABLE;
    /* CLONE_VFORK (posix_spawn, vfork): the parent waits until the child execs or
     * exits; with copy-on-write memory the child cannot scribble on the parent's stack. */
    if (flags & CLONE_VFORK)
        while (proc_find(pid) == c && c->state != P_ZOMBIE && c->mm && !c->vfork_done)
            sleep_on(c);
    return pid;
}
