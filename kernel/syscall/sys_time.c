/* Clocks and sleeping: time, gettimeofday, clock_gettime (32- and 64-bit time),
 * clock_getres, nanosleep, clock_nanosleep, times. Timer resolution is one tick (10 ms)
 * for sleeps; clock reads are finer (the PIT counter). */
#include "syscall/syscall.h"
#include "syscall/timespec.h"
#include "arch/i386/clock.h"
#include "arch/i386/pit.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "proc/alarm.h"
#include "mm/uaccess.h"
#include "lib/errno.h"
#include "abi/time.h"

#define NSEC_PER_TICK (NSEC_PER_SEC / HZ)

struct timespec32 { int32_t sec, nsec; };
struct timeval32 { int32_t sec, usec; };
struct tms32 { int32_t utime, stime, cutime, cstime; };

/* The clock's value in ns, or -EINVAL for an unknown clock. */
static long long clock_read(u32 id) {
    switch (id) {
    case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE:
        return (long long)clock_realtime_ns();
    case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME:
        return (long long)clock_monotonic_ns();
    case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
        return (long long)(current->utime + current->stime) * (long long)NSEC_PER_TICK;
    default:
        return -EINVAL;
    }
}

long sys_time(u32 ut) {
    int32_t t = (int32_t)clock_seconds();
    if (ut && copy_to_user((void *)ut, &t, sizeof t))
        return -EFAULT;
    return t;
}

long sys_gettimeofday(u32 utv, u32 utz) {
    uint64_t ns = clock_realtime_ns();
    struct timeval32 tv = {(int32_t)(ns / NSEC_PER_SEC), (int32_t)(ns % NSEC_PER_SEC / 1000)};
    int32_t tz[2] = {0, 0};
    if (utv && copy_to_user((void *)utv, &tv, sizeof tv))
        return -EFAULT;
    if (utz && copy_to_user((void *)utz, tz, sizeof tz))
        return -EFAULT;
    return 0;
}

static long clock_get(u32 id, u32 uts, bool wide) {
    long long ns = clock_read(id);
    return ns < 0 ? (long)ns : timespec_put(uts, wide, (uint64_t)ns);
}

long sys_clock_gettime(u32 id, u32 uts) { return clock_get(id, uts, false); }
long sys_clock_gettime64(u32 id, u32 uts) { return clock_get(id, uts, true); }

long sys_clock_getres(u32 id, u32 uts) {
    if (clock_read(id) < 0)
        return -EINVAL;
    struct timespec32 ts = {0, 1};
    return uts ? copy_to_user((void *)uts, &ts, sizeof ts) : 0;
}

/* Sleeps until the monotonic clock reaches deadline; -EINTR if a signal comes first. */
static long sleep_until(uint64_t deadline) {
    while (clock_monotonic_ns() < deadline) {
        if (signal_pending(current))
            return -EINTR;
        sleep_on((void *)&jiffies);
    }
    return 0;
}

static long nanosleep_common(long long sec, long long nsec, bool absolute, u32 clock,
                             uint64_t *left) {
    if (nsec < 0 || nsec >= (long long)NSEC_PER_SEC || sec < 0)
        return -EINVAL;
    long long now = clock_read(clock);
    if (now < 0 || clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID)
        return -EINVAL;
    long long want = sec * (long long)NSEC_PER_SEC + nsec;
    uint64_t deadline = clock_monotonic_ns() + (uint64_t)(absolute ? (want > now ? want - now : 0) : want);
    long r = sleep_until(deadline);
    uint64_t end = clock_monotonic_ns();
    *left = r && deadline > end ? deadline - end : 0;
    return r;
}

/* nanosleep and both clock_nanosleeps: the remaining time goes back to urem only
 * when a relative sleep is interrupted. */
static long sleep_call(u32 clock, u32 flags, u32 ureq, u32 urem, bool wide) {
    int64_t sec, nsec;
    if (timespec_get(ureq, wide, &sec, &nsec))
        return -EFAULT;
    uint64_t left;
    bool absolute = flags & TIMER_ABSTIME;
    long r = nanosleep_common(sec, nsec, absolute, clock, &left);
    if (r == -EINTR && urem && !absolute && timespec_put(urem, wide, left))
        return -EFAULT;
    return r;
}

long sys_nanosleep(u32 ureq, u32 urem) { return sleep_call(CLOCK_MONOTONIC, 0, ureq, urem, false); }
long sys_clock_nanosleep(u32 clock, u32 flags, u32 ureq, u32 urem) {
    return sleep_call(clock, flags, ureq, urem, false);
}
long sys_clock_nanosleep64(u32 clock, u32 flags, u32 ureq, u32 urem) {
    return sleep_call(clock, flags, ureq, urem, true);
}

long sys_times(u32 ubuf) {
    struct proc *l = proc_leader(current);
    struct tms32 t = {(int32_t)current->utime, (int32_t)current->stime, (int32_t)l->cutime,
                      (int32_t)l->cstime};
    if (ubuf && copy_to_user((void *)ubuf, &t, sizeof t))
        return -EFAULT;
    return (long)jiffies;
}

long sys_alarm(u32 seconds) { return (long)alarm_set(seconds); }
