/* Linux i386 ABI facts: the clock ids of clock_gettime and friends and clock_nanosleep's
 * TIMER_ABSTIME, from Linux's include/uapi/linux/time.h. Pure preprocessor definitions,
 * shared by the kernel (kernel/syscall/sys_time.c) and the user library
 * (user/include/time.h). */
#ifndef ABI_TIME_H
#define ABI_TIME_H
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7

#define TIMER_ABSTIME 0x01
#endif
