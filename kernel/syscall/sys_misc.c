/* Small calls that common programs make and that have simple, honest answers on a
 * one-CPU system: getrusage, sched_getaffinity, getcpu, prctl (names and dumpable),
 * getpriority/setpriority, msync, fadvise64_64. */
#include "syscall/syscall.h"
#include "syscall/sys_decls.h"
#include "syscall/rusage.h"
#include "proc/proc.h"
#include "proc/files.h"
#include "fs/file.h"
#include "arch/i386/pit.h"
#include "mm/uaccess.h"
#include "mm/page.h"
#include "lib/errno.h"
#include "lib/string.h"

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1
#define PR_SET_PDEATHSIG 1
#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define PRIO_NICE_ZERO 20           /* getpriority's raw answer for nice 0: 20 - nice */
#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4
#define POSIX_FADV_NOREUSE 5

/* CPU time of the caller, or of its reaped children (accumulated by wait4). */
long sys_getrusage(u32 who, u32 ubuf) {
    int w = (int)who;
    if (w != RUSAGE_SELF && w != RUSAGE_CHILDREN && w != RUSAGE_THREAD)
        return -EINVAL;
    struct proc *l = w == RUSAGE_CHILDREN ? proc_leader(current) : current;
    struct rusage_abi r = w == RUSAGE_CHILDREN ? rusage_from_ticks(l->cutime, l->cstime)
                                               : rusage_from_ticks(l->utime, l->stime);
    return copy_to_user((void *)ubuf, &r, sizeof r);
}

/* One CPU: the mask has bit 0; the size of the kernel's mask (one word) is returned. */
long sys_sched_getaffinity(u32 pid, u32 len, u32 umask) {
    if (pid && !proc_find((int)pid))
        return -ESRCH;
    uint32_t mask = 1;
    if (len < sizeof mask)
        return -EINVAL;
    return copy_to_user((void *)umask, &mask, sizeof mask) ? -EFAULT : (long)sizeof mask;
}

long sys_getcpu(u32 ucpu, u32 unode, u32 cache) {
    (void)cache;
    uint32_t zero = 0;
    if (ucpu && copy_to_user((void *)ucpu, &zero, sizeof zero))
        return -EFAULT;
    if (unode && copy_to_user((void *)unode, &zero, sizeof zero))
        return -EFAULT;
    return 0;
}

long sys_prctl(u32 option, u32 arg2) {
    char name[PROC_NAME_MAX];
    switch (option) {
    case PR_SET_NAME: {
        long n = strncpy_from_user(name, (const char *)arg2, sizeof name);
        if (n == -EFAULT)
            return -EFAULT;
        name[sizeof name - 1] = 0;
        strlcpy(current->name, name, sizeof current->name);
        return 0;
    }
    case PR_GET_NAME:
        memset(name, 0, sizeof name);
        strlcpy(name, current->name, sizeof name);
        return copy_to_user((void *)arg2, name, sizeof name);
    case PR_GET_DUMPABLE:
        return 1;
    case PR_SET_DUMPABLE:
    case PR_SET_PDEATHSIG:
        return 0;
    default:
        return -EINVAL;
    }
}

/* Everything runs at nice 0 and may not change it (no priorities in the scheduler). */
long sys_getpriority(u32 which, u32 who) {
    (void)which, (void)who;
    return PRIO_NICE_ZERO;
}

long sys_setpriority(u32 which, u32 who, u32 prio) {
    (void)which, (void)who;
    return (int)prio == 0 ? 0 : -EACCES;
}

/* Memory is anonymous (or a private copy of a file): nothing to write back. */
long sys_msync(u32 addr, u32 len, u32 flags) {
    (void)len;
    if ((addr & ~PAGE_MASK) || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) ||
        ((flags & MS_ASYNC) && (flags & MS_SYNC)))
        return -EINVAL;
    return 0;
}

/* i386: fd, offset (2 words), len (2 words), advice. Advice is a hint: accepted. */
long sys_fadvise64_64(u32 fd, u32 off_lo, u32 off_hi, u32 len_lo, u32 len_hi, u32 advice) {
    (void)off_lo, (void)off_hi;
    struct file *f = fd_file(current, (int)fd);
    if (!f)
        return -EBADF;
    if (!f->ops->lseek)
        return -ESPIPE;
    if ((int32_t)len_hi < 0 || advice > POSIX_FADV_NOREUSE)
        return -EINVAL;
    (void)len_lo;
    return 0;
}
