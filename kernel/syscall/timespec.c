#include "syscall/timespec.h"
#include "arch/i386/clock.h"
#include "mm/uaccess.h"
#include "lib/errno.h"

int timespec_get(u32 uts, bool wide, int64_t *sec, int64_t *nsec) {
    if (wide) {
        int64_t ts[2];
        if (copy_from_user(ts, (void *)uts, sizeof ts))
            return -EFAULT;
        *sec = ts[0], *nsec = ts[1];
    } else {
        int32_t ts[2];
        if (copy_from_user(ts, (void *)uts, sizeof ts))
            return -EFAULT;
        *sec = ts[0], *nsec = ts[1];
    }
    return 0;
}

int timespec_put(u32 uts, bool wide, uint64_t ns) {
    int64_t sec = (int64_t)(ns / NSEC_PER_SEC), nsec = (int64_t)(ns % NSEC_PER_SEC);
    if (wide) {
        int64_t ts[2] = {sec, nsec};
        return copy_to_user((void *)uts, ts, sizeof ts);
    }
    int32_t ts[2] = {(int32_t)sec, (int32_t)nsec};
    return copy_to_user((void *)uts, ts, sizeof ts);
}
