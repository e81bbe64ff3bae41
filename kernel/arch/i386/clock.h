/* Time: the monotonic clock (PIT ticks plus the position inside the current tick) and
 * the wall clock (the CMOS real-time clock read once at boot, plus the monotonic time). */
#ifndef ARCH_CLOCK_H
#define ARCH_CLOCK_H
#include <stdint.h>
#define NSEC_PER_SEC 1000000000ull
void clock_init(void);
uint64_t clock_monotonic_ns(void);
uint64_t clock_realtime_ns(void);
uint32_t clock_seconds(void);   /* wall clock, seconds since 1970 (file timestamps) */
#endif
