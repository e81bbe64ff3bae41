#include "proc/futex.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "mm/uaccess.h"
#include "arch/i386/clock.h"
#include "arch/i386/pit.h"
#include "lib/errno.h"

struct futex_waiter {
    struct mm *mm;               /* NULL: the slot's task is not waiting */
    uint32_t uaddr, bitset;
    bool woken;
};

static struct futex_waiter waiters[NPROC];   /* indexed like proc_table */

int futex_wait(struct mm *mm, uint32_t uaddr, uint32_t val, uint32_t bitset,
               uint64_t deadline) {
    uint32_t cur;
    if (copy_from_user(&cur, (void *)uaddr, sizeof cur))
        return -EFAULT;
    if (cur != val)
        return -EAGAIN;
    struct futex_waiter *w = &waiters[current - proc_table];
    *w = (struct futex_waiter){mm, uaddr, bitset, false};
    int r = 0;
    while (!w->woken) {
        if (signal_pending(current)) {
            r = -EINTR;
            break;
        }
        if (deadline && clock_monotonic_ns() >= deadline) {
            r = -ETIMEDOUT;
            break;
        }
        /* with a deadline, every tick rechecks it; futex_wake wakes the task directly */
        sleep_on(deadline ? (void *)&jiffies : (void *)w);
    }
    w->mm = NULL;
    return w->woken ? 0 : r;
}

int futex_wake(struct mm *mm, uint32_t uaddr, uint32_t n, uint32_t bitset) {
    uint32_t woke = 0;
    for (int i = 0; i < NPROC && woke < n; i++) {
        struct futex_waiter *w = &waiters[i];
        if (w->mm != mm || w->uaddr != uaddr || w->woken || !(w->bitset & bitset))
            continue;
        w->woken = true;
        w->mm = NULL;
        if (proc_table[i].state == P_SLEEPING)
            proc_table[i].state = P_RUNNABLE;
        woke++;
    }
    return (int)woke;
}
