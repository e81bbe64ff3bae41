/* Per-process files: /proc/PID/maps, status, stat and cmdline in Linux's formats
 * (fs/proc/task_mmu.c, array.c). */
#include "fs/proc/proc_gen.h"
#include "proc/proc.h"
#include "mm/mm.h"
#include "arch/i386/pit.h"
#include <stdbool.h>

#define MAPS_NAME_COLUMN 48      /* 25 + 6 * sizeof(void *) - 1 on a 32-bit kernel */
#define KB(pages) ((pages) * (PAGE_SIZE / 1024))

static const char *vma_name(const struct mm *mm, const struct vm_area *v) {
    if (v->backing)
        return v->backing->path ? v->backing->path : "";
    if (v->flags & VM_HEAP)
        return "[heap]";
    if (v->flags & VM_GROWSDOWN)
        return "[stack]";
    if ((v->flags & VM_IMAGE) && mm->exe_path)
        return mm->exe_path;
    return "";
}

void gen_maps(struct seqbuf *s, struct proc *p) {
    if (!p->mm)
        return;
    struct vm_area *v;
    vma_for_each(v, p->mm) {
        /* The file: the VMA's backing, else the executable for its image segments. */
        uint32_t dev = 0, ino = 0;
        if (v->backing)
            dev = v->backing->dev, ino = v->backing->ino;
        else if (v->flags & VM_IMAGE)
            dev = p->mm->exe_dev, ino = p->mm->exe_ino;
        seq_printf(s, "%08x-%08x %c%c%c%c %08x %02x:%02x %u ", v->start, v->end,
                   v->prot & PROT_READ ? 'r' : '-', v->prot & PROT_WRITE ? 'w' : '-',
                   v->prot & PROT_EXEC ? 'x' : '-', v->flags & VM_SHARED ? 's' : 'p',
                   v->pgoff << PAGE_SHIFT, (dev >> 8) & 0xff, dev & 0xff, ino);
        const char *name = vma_name(p->mm, v);
        if (*name) {
            seq_pad(s, MAPS_NAME_COLUMN);
            seq_printf(s, "%s", name);
        }
        seq_putc(s, '\n');
    }
}

struct vm_sizes {
    uint32_t total, data, stack, exec;   /* pages */
};

static struct vm_sizes vm_sizes(struct mm *mm) {
    struct vm_sizes z = {0, 0, 0, 0};
    struct vm_area *v;
    vma_for_each(v, mm) {
        uint32_t pages = (v->end - v->start) >> PAGE_SHIFT;
        z.total += pages;
        if (v->flags & VM_GROWSDOWN)
            z.stack += pages;
        else if (v->prot & PROT_EXEC)
            z.exec += pages;
        else if (v->prot & PROT_WRITE)
            z.data += pages;
    }
    return z;
}

static char state_char(const struct proc *p) {
    switch (p->state) {
    case P_RUNNING: case P_RUNNABLE: return 'R';
    case P_SLEEPING: return 'S';
    case P_ZOMBIE: return 'Z';
    default: return 'D';
    }
}

static const char *state_name(char c) {
    return c == 'R' ? "running" : c == 'S' ? "sleeping" : c == 'Z' ? "zombie" : "disk sleep";
}

void gen_status(struct seqbuf *s, struct proc *p) {
    char st = state_char(p);
    seq_printf(s, "Name:\t%s\nUmask:\t%04o\nState:\t%c (%s)\n", p->name, p->umask, st, state_name(st));
    seq_printf(s, "Tgid:\t%d\nPid:\t%d\nPPid:\t%d\n", p->tgid, p->pid, p->parent ? p->parent->pid : 0);
    seq_printf(s, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
    if (p->mm) {
        struct vm_sizes z = vm_sizes(p->mm);
        seq_printf(s, "VmSize:\t%8u kB\nVmRSS:\t%8u kB\n", KB(z.total), KB(p->mm->rss));
        seq_printf(s, "VmData:\t%8u kB\nVmStk:\t%8u kB\nVmExe:\t%8u kB\n", KB(z.data), KB(z.stack), KB(z.exec));
        seq_printf(s, "VmPTE:\t%8u kB\n", KB(mm_nr_pagetables(p->mm)));
    }
    seq_printf(s, "Threads:\t1\nSigPnd:\t%016llx\nSigBlk:\t%016llx\n", p->sig_pending, p->sig_blocked);
}

/* The 52 fields of Linux's /proc/PID/stat; those LingOS does not track are 0. */
void gen_stat(struct seqbuf *s, struct proc *p) {
    struct vm_sizes z = p->mm ? vm_sizes(p->mm) : (struct vm_sizes){0, 0, 0, 0};
    seq_printf(s, "%d (%s) %c %d %d %d 0 -1 0 0 0 0 0 ", p->pid, p->name, state_char(p),
               p->parent ? p->parent->pid : 0, p->pgid, p->sid);
    seq_printf(s, "%llu %llu 0 0 20 0 1 0 %u %u %u ", p->utime, p->stime, p->start_jiffies,
               z.total * PAGE_SIZE, p->mm ? p->mm->rss : 0);
    for (int i = 25; i <= 52; i++)
        seq_printf(s, i == 52 ? "0\n" : "0 ");
}

void gen_cmdline(struct seqbuf *s, struct proc *p) {
    for (uint32_t i = 0; p->cmdline && i < p->cmdline_len; i++)
        seq_putc(s, p->cmdline[i]);
}
