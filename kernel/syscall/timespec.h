/* struct timespec arguments in both i386 widths: the old one ({int32 sec, nsec}) and the
 * time64 calls' ({int64 sec, nsec}). */
#ifndef SYSCALL_TIMESPEC_H
#define SYSCALL_TIMESPEC_H
#include <stdbool.h>
#include <stdint.h>
#include "syscall/syscall.h"
/* Reads a user timespec: 0, or -EFAULT. The values are not validated. */
int timespec_get(u32 uts, bool wide, int64_t *sec, int64_t *nsec);
/* Writes ns (not negative) as a user timespec: 0, or -EFAULT. */
int timespec_put(u32 uts, bool wide, uint64_t ns);
#endif
