#include "proc/switch.h"
#include "proc/proc.h"
#include "arch/i386/gdt.h"
#include "arch/i386/layout.h"
#include "mm/mm.h"

void load_tls(struct proc *p) {
    for (int i = 0; i < GDT_TLS_ENTRIES; i++)
        gdt_set(GDT_TLS_MIN + i, p->tls[i]);
}

void switch_to_proc(struct proc *p) {
    tss_set_kernel_stack((uint32_t)p->kstack + KSTACK_SIZE);
    mm_activate(p->mm);
    load_tls(p);
}

