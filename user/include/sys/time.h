/* Microsecond time of day. */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H
#include <features.h>
#include <sys/types.h>
#include <time.h>

struct timeval {
    time_t tv_sec;
    suseconds_t tv_usec;
};
struct timezone {
    int tz_minuteswest, tz_dsttime;
};

__BEGIN_DECLS
int gettimeofday(struct timeval *tv, void *tz);
__END_DECLS
#endif
