/* Round-robin scheduling. scheduler() owns the boot stack; a process gives the CPU back
 * with sched(), which swtch()es to it, and the scheduler picks the next runnable slot
 * after the last one it ran. */
#include "proc/sched.h"
#include "proc/proc.h"
#include "proc/switch.h"
#include "proc/alarm.h"
#include "arch/i386/cpu.h"
#include "arch/i386/trap.h"
#include "arch/i386/pit.h"
#include "arch/i386/fpu.h"
#include "lib/panic.h"

#define SLICE_TICKS 5            /* 50 ms at HZ=100 */

void swtch(uint32_t *old_esp, uint32_t new_esp);
static uint32_t scheduler_esp;
static int slice;

static struct proc *pick_next(int *last) {
    for (int i = 1; i <= NPROC; i++) {
        int n = (*last + i) % NPROC;
        if (proc_table[n].state == P_RUNNABLE) {
            *last = n;
            return &proc_table[n];
        }
    }
    return NULL;
}

void scheduler(void) {
    int last = NPROC - 1;
    for (;;) {
        cli();
        struct proc *p = pick_next(&last);
        if (!p) {
            asm volatile("sti; hlt" ::: "memory"); /* sti's shadow: no lost wakeup */
            continue;
        }
        p->state = P_RUNNING;
        current = p;
        slice = 0;
        switch_to_proc(p);
        fpu_restore(&p->fpu);
        swtch(&scheduler_esp, p->ctx_esp);
        fpu_save(&p->fpu);
        KASSERT(*(uint32_t *)p->kstack == KSTACK_CANARY,
                "pid %d: kernel stack overflow (canary at %p overwritten)", p->pid, (void *)p->kstack);
        if (p->state == P_ZOMBIE && p->autoreap)
            proc_free(p);        /* an exited thread: nobody waits for it */
        current = NULL;
    }
}

void sched(void) {
    uint32_t flags = irq_save();
    KASSERT(current && current->state != P_RUNNING, "sched() while running (pid %d)",
            current ? current->pid : -1);
    swtch(&current->ctx_esp, scheduler_esp);
    irq_restore(flags);
}

void yield(void) {
    uint32_t flags = irq_save();
    current->state = P_RUNNABLE;
    sched();
    irq_restore(flags);
}

void sleep_on(void *chan) {
    uint32_t flags = irq_save();
    current->wait_chan = chan;
    current->state = P_SLEEPING;
    sched();
    current->wait_chan = NULL;
    irq_restore(flags);
}

void wakeup(void *chan) {
    uint32_t flags = irq_save();
    for (int i = 0; i < NPROC; i++)
        if (proc_table[i].state == P_SLEEPING && proc_table[i].wait_chan == chan)
            proc_table[i].state = P_RUNNABLE;
    irq_restore(flags);
}

void sched_tick(void *frame) {
    struct trapframe *tf = frame;
    wakeup((void *)&jiffies);    /* sleepers on the clock recheck their deadlines */
    alarm_tick();
    if (!current)
        return;
    if (trap_from_user(tf))
        current->utime++;
    else
        current->stime++;
    if (trap_from_user(tf) && ++slice >= SLICE_TICKS)
        yield();
}
