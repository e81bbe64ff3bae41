/* struct rusage of Linux's i386 ABI (two struct timeval, then 14 longs), filled from
 * tick counts; the counters LingOS does not keep are zero. */
#ifndef SYSCALL_RUSAGE_H
#define SYSCALL_RUSAGE_H
#include <stdint.h>
#include "arch/i386/pit.h"

#define RUSAGE_LONGS 14
#define USEC_PER_TICK (1000000 / HZ)
#define USEC_PER_SEC 1000000

struct rusage_abi {
    int32_t utime_sec, utime_usec, stime_sec, stime_usec;
    int32_t rest[RUSAGE_LONGS];
};

static inline struct rusage_abi rusage_from_ticks(uint64_t uticks, uint64_t sticks) {
    uint64_t u = uticks * USEC_PER_TICK, s = sticks * USEC_PER_TICK;
    return (struct rusage_abi){(int32_t)(u / USEC_PER_SEC), (int32_t)(u % USEC_PER_SEC),
                               (int32_t)(s / USEC_PER_SEC), (int32_t)(s % USEC_PER_SEC), {0}};
}
#endif
