/* poll, ppoll, select and pselect6 (32- and 64-bit time). Readiness comes from each
 * file's poll op (pipes and the tty; other files are always ready). A waiting caller
 * rechecks on every timer tick, so readiness is seen within 10 ms; the timeout is kept
 * to the tick as well. */
#include "syscall/syscall.h"
#include "syscall/sys_decls.h"
#include "syscall/timespec.h"
#include "abi/poll.h"
#include "proc/proc.h"
#include "proc/files.h"
#include "proc/sched.h"
#include "proc/signal.h"
#include "fs/file.h"
#include "arch/i386/clock.h"
#include "arch/i386/pit.h"
#include "mm/uaccess.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/string.h"

#define POLL_MAX_FDS 1024            /* Linux's default RLIMIT_NOFILE */
#define FD_SETSIZE_BITS 1024
#define NO_TIMEOUT (-1ll)
#define ALWAYS_READY (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

/* The events fd is ready for, POLLNVAL if it is not open. */
static uint32_t fd_ready(int fd) {
    struct file *f = fd_file(current, fd);
    if (!f)
        return POLLNVAL;
    uint32_t m = f->ops->poll ? f->ops->poll(f) : ALWAYS_READY;
    if (m & POLLIN)
        m |= POLLRDNORM;
    if (m & POLLOUT)
        m |= POLLWRNORM;
    return m;
}

/* Waits until ready() finds something, the deadline (monotonic ns, or NO_TIMEOUT)
 * passes, or a signal arrives. Returns ready()'s count, 0 on timeout, -EINTR. */
static long wait_ready(long (*ready)(void *), void *ctx, long long deadline) {
    for (;;) {
        long n = ready(ctx);
        if (n)
            return n;
        if (deadline != NO_TIMEOUT && (long long)clock_monotonic_ns() >= deadline)
            return 0;
        if (signal_pending(current))
            return -EINTR;
        sleep_on((void *)&jiffies);
    }
}

struct poll_req {
    struct pollfd *fds;
    uint32_t n;
};

static long poll_scan(void *ctx) {
    struct poll_req *r = ctx;
    long count = 0;
    for (uint32_t i = 0; i < r->n; i++) {
        struct pollfd *p = &r->fds[i];
        p->revents = 0;
        if (p->fd < 0)
            continue;
        uint32_t m = fd_ready(p->fd);
        p->revents = (short)(m & ((uint32_t)(uint16_t)p->events | POLLERR | POLLHUP | POLLNVAL));
        count += p->revents != 0;
    }
    return count;
}

static long long deadline_after(long long ns) {
    return ns < 0 ? NO_TIMEOUT : (long long)clock_monotonic_ns() + ns;
}

static long do_poll(u32 ufds, u32 nfds, long long timeout_ns) {
    if (nfds > POLL_MAX_FDS)
        return -EINVAL;
    struct poll_req r = {kmalloc(nfds ? nfds * sizeof(struct pollfd) : 1), nfds};
    if (!r.fds)
        return -ENOMEM;
    long n = copy_from_user(r.fds, (void *)ufds, nfds * sizeof(struct pollfd));
    if (!n) {
        n = timeout_ns == 0 ? poll_scan(&r) : wait_ready(poll_scan, &r, deadline_after(timeout_ns));
        if (n >= 0 && copy_to_user((void *)ufds, r.fds, nfds * sizeof(struct pollfd)))
            n = -EFAULT;
    }
    kfree(r.fds);
    return n;
}

long sys_poll(u32 ufds, u32 nfds, u32 timeout_ms) {
    int t = (int)timeout_ms;
    return do_poll(ufds, nfds, t < 0 ? NO_TIMEOUT : (long long)t * 1000000ll);
}

/* A user timespec (32- or 64-bit) as ns; NO_TIMEOUT for NULL; -EINVAL if malformed. */
static long long timespec_ns(u32 uts, bool wide) {
    if (!uts)
        return NO_TIMEOUT;
    int64_t sec, nsec;
    if (timespec_get(uts, wide, &sec, &nsec))
        return -EFAULT;
    if (sec < 0 || nsec < 0 || nsec >= (int64_t)NSEC_PER_SEC)
        return -EINVAL;
    return sec * (long long)NSEC_PER_SEC + nsec;
}

/* ppoll/pselect's temporary signal mask: installed for the wait, restored after. */
static long with_mask(u32 umask, long (*fn)(void *), void *ctx) {
    uint64_t saved = current->sig_blocked, mask;
    if (umask) {
        if (copy_from_user(&mask, (void *)umask, sizeof mask))
            return -EFAULT;
        current->sig_blocked = mask & ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
    }
    long r = fn(ctx);
    current->sig_blocked = saved;
    return r;
}

struct ppoll_args {
    u32 ufds, nfds;
    long long ns;
};

static long ppoll_run(void *ctx) {
    struct ppoll_args *a = ctx;
    return do_poll(a->ufds, a->nfds, a->ns);
}

static long ppoll_common(u32 ufds, u32 nfds, u32 uts, u32 umask, u32 size, bool wide) {
    long long ns = timespec_ns(uts, wide);
    if (ns < NO_TIMEOUT)
        return (long)ns;
    if (umask && size != sizeof(uint64_t))
        return -EINVAL;
    struct ppoll_args a = {ufds, nfds, ns};
    return with_mask(umask, ppoll_run, &a);
}

long sys_ppoll(u32 f, u32 n, u32 ts, u32 m, u32 sz) { return ppoll_common(f, n, ts, m, sz, false); }
long sys_ppoll_time64(u32 f, u32 n, u32 ts, u32 m, u32 sz) { return ppoll_common(f, n, ts, m, sz, true); }

/* select: the three fd_sets in, the ready subsets out. */
struct select_req {
    uint32_t nfds;
    uint32_t in[3][FD_SETSIZE_BITS / 32], out[3][FD_SETSIZE_BITS / 32];
};

static long select_scan(void *ctx) {
    static const uint32_t want[3] = {POLLIN | POLLHUP | POLLERR, POLLOUT | POLLERR, POLLPRI};
    struct select_req *r = ctx;
    long count = 0;
    memset(r->out, 0, sizeof r->out);
    for (uint32_t fd = 0; fd < r->nfds; fd++) {
        uint32_t bit = 1u << (fd % 32), w = fd / 32;
        if (!((r->in[0][w] | r->in[1][w] | r->in[2][w]) & bit))
            continue;
        uint32_t m = fd_ready((int)fd);
        if (m & POLLNVAL)
            return -EBADF;
        for (int k = 0; k < 3; k++)
            if ((r->in[k][w] & bit) && (m & want[k])) {
                r->out[k][w] |= bit;
                count++;
            }
    }
    return count;
}

static long select_common(u32 nfds, const u32 usets[3], long long ns) {
    if ((int)nfds < 0 || nfds > FD_SETSIZE_BITS)
        return -EINVAL;
    struct select_req *r = kzalloc(sizeof *r);
    if (!r)
        return -ENOMEM;
    r->nfds = nfds;
    size_t bytes = (nfds + 31) / 32 * 4;
    long n = 0;
    for (int k = 0; k < 3 && !n; k++)
        if (usets[k] && copy_from_user(r->in[k], (void *)usets[k], bytes))
            n = -EFAULT;
    if (!n)
        n = ns == 0 ? select_scan(r) : wait_ready(select_scan, r, deadline_after(ns));
    for (int k = 0; k < 3 && n >= 0; k++)
        if (usets[k] && copy_to_user((void *)usets[k], r->out[k], bytes))
            n = -EFAULT;
    kfree(r);
    return n;
}

long sys_select(u32 nfds, u32 r, u32 w, u32 e, u32 utv) {
    long long ns = NO_TIMEOUT;
    if (utv) {
        int32_t tv[2];
        if (copy_from_user(tv, (void *)utv, sizeof tv))
            return -EFAULT;
        if (tv[0] < 0 || tv[1] < 0 || tv[1] >= 1000000)
            return -EINVAL;
        ns = (long long)tv[0] * (long long)NSEC_PER_SEC + (long long)tv[1] * 1000;
    }
    const u32 sets[3] = {r, w, e};
    return select_common(nfds, sets, ns);
}

struct pselect_args {
    u32 nfds;
    const u32 *sets;
    long long ns;
};

static long pselect_run(void *ctx) {
    struct pselect_args *a = ctx;
    return select_common(a->nfds, a->sets, a->ns);
}

/* pselect6's sixth argument points at {const sigset_t *ss; size_t ss_len}. */
static long pselect_common(u32 nfds, u32 r, u32 w, u32 e, u32 uts, u32 usig, bool wide) {
    long long ns = timespec_ns(uts, wide);
    if (ns < NO_TIMEOUT)
        return (long)ns;
    uint32_t sig[2] = {0, 0};
    if (usig && copy_from_user(sig, (void *)usig, sizeof sig))
        return -EFAULT;
    if (sig[0] && sig[1] != sizeof(uint64_t))
        return -EINVAL;
    const u32 sets[3] = {r, w, e};
    struct pselect_args a = {nfds, sets, ns};
    return with_mask(sig[0], pselect_run, &a);
}

long sys_pselect6(u32 n, u32 r, u32 w, u32 e, u32 ts, u32 sig) { return pselect_common(n, r, w, e, ts, sig, false); }
long sys_pselect6_time64(u32 n, u32 r, u32 w, u32 e, u32 ts, u32 sig) { return pselect_common(n, r, w, e, ts, sig, true); }
