/* futex and futex_time64: the wait and wake operations glibc's threads use (mutexes,
 * condition variables, pthread_join on the tid word). Linux include/uapi/linux/futex.h. */
#include "syscall/syscall.h"
#include "proc/proc.h"
#include "proc/futex.h"
#include "arch/i386/clock.h"
#include "mm/uaccess.h"
#include "lib/errno.h"
#include "abi/time.h"

#define FUTEX_WAIT            0
#define FUTEX_WAKE            1
#define FUTEX_WAIT_BITSET     9
#define FUTEX_WAKE_BITSET     10
#define FUTEX_PRIVATE_FLAG    128   /* no cross-process futexes: every key is (mm, addr) */
#define FUTEX_CLOCK_REALTIME  256
#define FUTEX_CMD_MASK        (~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))

struct timespec32 { int32_t sec, nsec; };
struct timespec64 { int64_t sec, nsec; };

/* The timeout at utime as ns: 0, -EFAULT or -EINVAL. */
static int read_timeout(u32 utime, bool time64, long long *ns) {
    long long sec, nsec;
    if (time64) {
        struct timespec64 t;
        if (copy_from_user(&t, (void *)utime, sizeof t))
            return -EFAULT;
        sec = t.sec, nsec = t.nsec;
    } else {
        struct timespec32 t;
        if (copy_from_user(&t, (void *)utime, sizeof t))
            return -EFAULT;
        sec = t.sec, nsec = t.nsec;
    }
    if (sec < 0 || nsec < 0 || nsec >= (long long)NSEC_PER_SEC)
        return -EINVAL;
    *ns = sec * (long long)NSEC_PER_SEC + nsec;
    return 0;
}

/* The monotonic deadline of a timeout: relative (FUTEX_WAIT) or absolute on the
 * monotonic or (FUTEX_CLOCK_REALTIME) real-time clock (FUTEX_WAIT_BITSET). */
static uint64_t deadline_of(long long ns, bool absolute, bool realtime) {
    uint64_t mono = clock_monotonic_ns();
    if (!absolute)
        return mono + (uint64_t)ns + 1;    /* + 1: never 0, which means "no deadline" */
    uint64_t now = realtime ? clock_realtime_ns() : mono;
    return mono + ((uint64_t)ns > now ? (uint64_t)ns - now : 0) + 1;
}

static long futex_common(u32 uaddr, u32 op, u32 val, u32 utime, u32 val3, bool time64) {
    int cmd = (int)(op & FUTEX_CMD_MASK);
    bool bitset_op = cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_WAKE_BITSET;
    uint32_t bitset = bitset_op ? val3 : FUTEX_BITSET_MATCH_ANY;
    if (cmd != FUTEX_WAIT && cmd != FUTEX_WAKE && !bitset_op)
        return -ENOSYS;
    if ((uaddr & 3) || !bitset)
        return -EINVAL;
    if (cmd == FUTEX_WAKE || cmd == FUTEX_WAKE_BITSET)
        return futex_wake(current->mm, uaddr, val, bitset);
    uint64_t deadline = 0;
    if (utime) {
        long long ns;
        int err = read_timeout(utime, time64, &ns);
        if (err)
            return err;
        deadline = deadline_of(ns, cmd == FUTEX_WAIT_BITSET, op & FUTEX_CLOCK_REALTIME);
    }
    return futex_wait(current->mm, uaddr, val, bitset, deadline);
}

long sys_futex(u32 uaddr, u32 op, u32 val, u32 utime, u32 uaddr2, u32 val3) {
    (void)uaddr2;
    return futex_common(uaddr, op, val, utime, val3, false);
}

long sys_futex_time64(u32 uaddr, u32 op, u32 val, u32 utime, u32 uaddr2, u32 val3) {
    (void)uaddr2;
    return futex_common(uaddr, op, val, utime, val3, true);
}
