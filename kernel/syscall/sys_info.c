/* System information and limits: uname, sysinfo, getrlimit/prlimit64, getrandom,
 * umask, and the calls glibc makes at start-up that LingOS answers with ENOSYS. */
#include "syscall/syscall.h"
#include "proc/proc.h"
#include "proc/random.h"
#include "arch/i386/pit.h"
#include "mm/buddy.h"
#include "mm/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"

#define UTS_LEN 65
#define RLIM_INFINITY 0xffffffffu
#define RLIMIT_STACK 3
#define RLIMIT_NOFILE 7
#define RLIMIT_NLIMITS 16
#define STACK_LIMIT (8u << 20)
#define GRND_FLAGS 0x7          /* GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE */
#define GETRANDOM_MAX 33554431u /* Linux caps one call at 32 MiB - 1 */

struct utsname_abi {
    char sysname[UTS_LEN], nodename[UTS_LEN], release[UTS_LEN], version[UTS_LEN],
        machine[UTS_LEN], domainname[UTS_LEN];
};

/* The release names the Linux ABI level LingOS answers to, so programs that parse it
 * see a kernel new enough for what glibc asks of it. */
long sys_uname(u32 ubuf) {
    struct utsname_abi u;
    memset(&u, 0, sizeof u);
    strlcpy(u.sysname, "LingOS", UTS_LEN);
    strlcpy(u.nodename, "lingos", UTS_LEN);
    strlcpy(u.release, "6.1.0-lingos", UTS_LEN);
    strlcpy(u.version, "#1 LingOS 0.1", UTS_LEN);
    strlcpy(u.machine, "i686", UTS_LEN);
    strlcpy(u.domainname, "(none)", UTS_LEN);
    return copy_to_user((void *)ubuf, &u, sizeof u);
}

struct sysinfo_abi {
    int32_t uptime;
    uint32_t loads[3], totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    uint32_t totalhigh, freehigh, mem_unit;
    char f[8];
};

long sys_sysinfo(u32 ubuf) {
    struct sysinfo_abi s;
    memset(&s, 0, sizeof s);
    s.uptime = (int32_t)(jiffies / HZ);
    s.totalram = buddy_nr_managed();
    s.freeram = buddy_nr_free();
    s.mem_unit = PAGE_SIZE;
    for (int i = 0; i < NPROC; i++)
        if (proc_table[i].state != P_UNUSED)
            s.procs++;
    return copy_to_user((void *)ubuf, &s, sizeof s);
}

static void rlimit_of(u32 res, uint64_t *cur, uint64_t *max) {
    *cur = *max = UINT64_MAX;
    if (res == RLIMIT_STACK)
        *cur = STACK_LIMIT;
    if (res == RLIMIT_NOFILE)
        *cur = *max = NOFILE;
}

long sys_ugetrlimit(u32 res, u32 ubuf) {
    if (res >= RLIMIT_NLIMITS)
        return -EINVAL;
    uint64_t cur, max;
    rlimit_of(res, &cur, &max);
    uint32_t r[2] = {cur > RLIM_INFINITY ? RLIM_INFINITY : (uint32_t)cur,
                     max > RLIM_INFINITY ? RLIM_INFINITY : (uint32_t)max};
    return copy_to_user((void *)ubuf, r, sizeof r);
}

/* prlimit64: reading works; setting is accepted only when it changes nothing. */
long sys_prlimit64(u32 pid, u32 res, u32 unew, u32 uold) {
    if (pid && (int)pid != current->pid && !proc_find((int)pid))
        return -ESRCH;
    if (res >= RLIMIT_NLIMITS)
        return -EINVAL;
    uint64_t lim[2];
    rlimit_of(res, &lim[0], &lim[1]);
    if (uold && copy_to_user((void *)uold, lim, sizeof lim))
        return -EFAULT;
    if (unew) {
        uint64_t want[2];
        if (copy_from_user(want, (void *)unew, sizeof want))
            return -EFAULT;
        if (want[0] > want[1])
            return -EINVAL;
        if (want[1] > lim[1])
            return -EPERM;
    }
    return 0;
}

long sys_getrandom(u32 ubuf, u32 len, u32 flags) {
    if (flags & ~GRND_FLAGS)
        return -EINVAL;
    if (len > GETRANDOM_MAX)
        len = GETRANDOM_MAX;
    uint8_t chunk[256];
    for (u32 done = 0; done < len;) {
        u32 n = len - done < sizeof chunk ? len - done : sizeof chunk;
        random_bytes(chunk, n);
        if (copy_to_user((void *)(ubuf + done), chunk, n))
            return done ? (long)done : -EFAULT;
        done += n;
    }
    return (long)len;
}

long sys_umask(u32 mask) {
    u32 old = current->umask;
    current->umask = mask & 0777;
    return old;
}

/* glibc asks for these at start-up and copes with ENOSYS (docs/syscalls.md). */
long sys_enosys(void) { return -ENOSYS; }
