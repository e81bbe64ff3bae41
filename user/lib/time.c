/* Clocks and sleeping: time(13), gettimeofday(78), clock_gettime(265), nanosleep(162). */
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "sys.h"

#define NSEC_PER_SEC 1000000000L
#define USEC_PER_SEC 1000000L
#define NSEC_PER_USEC 1000L

time_t time(time_t *out) {
    time_t t = sys1(SYS_time, 0);
    if (out)
        *out = t;
    return t;
}

int gettimeofday(struct timeval *tv, void *tz) {
    return sys_ret(sys2(SYS_gettimeofday, (long)tv, (long)tz));
}

int clock_gettime(clockid_t clk, struct timespec *ts) {
    return sys_ret(sys2(SYS_clock_gettime, clk, (long)ts));
}

int clock_getres(clockid_t clk, struct timespec *ts) {
    return sys_ret(sys2(SYS_clock_getres, clk, (long)ts));
}

int nanosleep(const struct timespec *req, struct timespec *rem) {
    return sys_ret(sys2(SYS_nanosleep, (long)req, (long)rem));
}

/* Returns the seconds left when a signal cut the sleep short, else 0. */
unsigned sleep(unsigned seconds) {
    struct timespec req = {(time_t)seconds, 0}, rem = {0, 0};
    if (nanosleep(&req, &rem) < 0)
        return (unsigned)rem.tv_sec + (rem.tv_nsec > 0);
    return 0;
}

int usleep(useconds_t usec) {
    struct timespec req = {(time_t)(usec / USEC_PER_SEC),
                           (long)(usec % USEC_PER_SEC) * NSEC_PER_USEC};
    return nanosleep(&req, NULL);
}

/* Processor time in CLOCKS_PER_SEC units; the monotonic clock when the kernel keeps no
 * per-process CPU clock. */
clock_t clock(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0 &&
        clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
        return (clock_t)-1;
    return (clock_t)(ts.tv_sec * CLOCKS_PER_SEC + ts.tv_nsec / (NSEC_PER_SEC / CLOCKS_PER_SEC));
}
