#include "proc/alarm.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "arch/i386/clock.h"

uint32_t alarm_set(uint32_t seconds) {
    uint64_t now = clock_monotonic_ns();
    uint32_t left = 0;
    if (current->alarm_at > now)   /* rounded up, as Linux reports a pending alarm */
        left = (uint32_t)((current->alarm_at - now + NSEC_PER_SEC - 1) / NSEC_PER_SEC);
    current->alarm_at = seconds ? now + (uint64_t)seconds * NSEC_PER_SEC : 0;
    return left;
}

void alarm_tick(void) {
    uint64_t now = 0;
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &proc_table[i];
        if (!p->alarm_at || p->state == P_UNUSED || p->state == P_ZOMBIE)
            continue;
        if (!now)
            now = clock_monotonic_ns();
        if (p->alarm_at <= now) {
            p->alarm_at = 0;
            signal_send(p, SIGALRM);
        }
    }
}
