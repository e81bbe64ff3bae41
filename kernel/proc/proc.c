/* The process table. */
#include "proc/proc.h"
#include "arch/i386/layout.h"
#include "mm/kheap.h"
#include "mm/mm.h"
#include "proc/files.h"
#include "proc/signal.h"
#include "lib/string.h"
#include "lib/panic.h"
#include "arch/i386/pit.h"

struct proc proc_table[NPROC];
struct proc *current;
struct proc *init_proc;
static int next_pid = 1;

void proc_init(void) {
    memset(proc_table, 0, sizeof proc_table);
}

/* Pids grow and wrap below PID_MAX, skipping pids still in use. */
#define PID_MAX 32768
static int alloc_pid(void) {
    for (;;) {
        int pid = next_pid++;
        if (next_pid >= PID_MAX)
            next_pid = 2;
        if (!proc_find(pid))
            return pid;
    }
}

struct proc *proc_alloc(void) {
    struct proc *p = NULL;
    for (int i = 0; i < NPROC && !p; i++)
        if (proc_table[i].state == P_UNUSED)
            p = &proc_table[i];
    if (!p)
        return NULL;
    uint8_t *kstack = kmalloc(KSTACK_SIZE);
    if (!kstack)
        return NULL;
    memset(p, 0, sizeof *p);
    p->kstack = kstack;
    *(uint32_t *)kstack = KSTACK_CANARY;
    p->state = P_EMBRYO;
    p->pid = p->tgid = alloc_pid();
    p->umask = 022;
    p->start_jiffies = jiffies;
    return p;
}

void proc_free(struct proc *p) {
    KASSERT(p->state == P_ZOMBIE || p->state == P_EMBRYO,
            "proc_free of pid %d in state %d", p->pid, p->state);
    files_put(p);                /* what an embryo took before its clone failed */
    fs_put(p);
    sighand_put(p);
    if (p->mm)
        mm_put(p->mm);
    kfree(p->kstack);
    kfree(p->cmdline);
    memset(p, 0, sizeof *p);
}

struct proc *proc_find(int pid) {
    for (int i = 0; i < NPROC; i++)
        if (proc_table[i].state != P_UNUSED && proc_table[i].pid == pid)
            return &proc_table[i];
    return NULL;
}

struct proc *proc_leader(struct proc *p) {
    if (p->pid == p->tgid)
        return p;
    struct proc *l = proc_find(p->tgid);
    return l && l->tgid == p->tgid ? l : NULL;
}

int proc_group_others(struct proc *p) {
    int n = 0;
    for (int i = 0; i < NPROC; i++) {
        struct proc *t = &proc_table[i];
        if (t != p && t->tgid == p->tgid && t->state != P_UNUSED && t->state != P_ZOMBIE)
            n++;
    }
    return n;
}

/* The name ps shows: the last component of the executed path. */
void proc_set_name(struct proc *p, const char *path) {
    const char *slash = strrchr(path, '/');
    strlcpy(p->name, slash ? slash + 1 : path, sizeof p->name);
}

void proc_set_cmdline(struct proc *p, const char *path, const char *args, uint32_t len) {
    strlcpy(p->exe, path, sizeof p->exe);
    if (len > PROC_CMDLINE_MAX)
        len = PROC_CMDLINE_MAX;
    char *copy = kmalloc(len ? len : 1);
    if (copy)
        memcpy(copy, args, len);
    kfree(p->cmdline);
    p->cmdline = copy;
    p->cmdline_len = copy ? len : 0;
}
