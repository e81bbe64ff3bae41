/* The porting layer under user/lib/malloc.c: the few kernel services an allocator needs.
 *
 *   sys_brk(addr)                 raw brk: returns the new break, or the old one if refused
 *   sys_mmap(hint, len)           anonymous private read/write pages, NULL on failure
 *   sys_munmap(addr, len)         0 or a negative errno
 *   sys_mremap(addr, old, new)    resize a mapping (may move), NULL on failure
 *   sys_write(fd, buf, len)       for diagnostics
 *   sys_abort()                   SIGABRT to ourselves, exit_group(134) if that returns
 *   sys_lock() / sys_unlock(tok)  the allocator lock (no-ops on LingOS, which is single-threaded
 *                                 per process)
 *   sys_stats_report_fd()         where to report at exit (LINGOS_MALLOC_STATS), or -1
 *
 * The LingOS build (no HOST_BUILD) is freestanding i386: raw `int $0x80` with Linux's i386
 * numbers, no C library. The host build (HOST_BUILD, x86_64 Linux) goes through syscall(2)
 * (brk through the C library's brk/sbrk, see sys_brk) and takes a spinlock once the process
 * has more than one thread. This file is included by
 * malloc.c only. */
#ifndef USER_LIB_MALLOC_SYS_H
#define USER_LIB_MALLOC_SYS_H
#include <stddef.h>
#include <stdint.h>

#define SYS_PROT_RW 3        /* PROT_READ | PROT_WRITE */
#define SYS_MAP_ANON_PRIV 0x22 /* MAP_PRIVATE | MAP_ANONYMOUS */
#define SYS_MREMAP_MAYMOVE 1
#define SYS_SIGABRT 6
#define SYS_ABORT_STATUS 134 /* 128 + SIGABRT, as a shell reports an abort */
#define SYS_MAX_ERRNO 4095   /* returns in [-4095, -1] are errors */

#ifndef HOST_BUILD
/* ---- LingOS / Linux i386: int $0x80, number in eax, arguments in ebx ecx edx esi edi ---- */
#include "abi/syscalls.h"

static inline long sys_call3(long nr, long a, long b, long c) {
    long ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
    return ret;
}

static inline long sys_call5(long nr, long a, long b, long c, long d, long e) {
    long ret;
    __asm__ volatile("int $0x80"
                     : "=a"(ret)
                     : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
                     : "memory");
    return ret;
}

/* mmap2's sixth argument (page offset) travels in ebp, which gcc will not hand out as an
 * operand; anonymous mappings always pass 0, so zero it around the trap. */
static inline long sys_call6_off0(long nr, long a, long b, long c, long d, long e) {
    long ret;
    __asm__ volatile("push %%ebp\n\txor %%ebp, %%ebp\n\tint $0x80\n\tpop %%ebp"
                     : "=a"(ret)
                     : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
                     : "memory");
    return ret;
}

static inline int sys_failed(long ret) {
    return (unsigned long)ret > (unsigned long)-SYS_MAX_ERRNO - 1;
}

static inline void *sys_brk(void *addr) { return (void *)sys_call3(SYS_brk, (long)addr, 0, 0); }

static inline void *sys_mmap(void *hint, size_t len) {
    long r = sys_call6_off0(SYS_mmap2, (long)hint, (long)len, SYS_PROT_RW, SYS_MAP_ANON_PRIV, -1);
    return sys_failed(r) ? NULL : (void *)r;
}

static inline int sys_munmap(void *addr, size_t len) {
    return (int)sys_call3(SYS_munmap, (long)addr, (long)len, 0);
}

static inline void *sys_mremap(void *addr, size_t old_len, size_t new_len) {
    long r = sys_call5(SYS_mremap, (long)addr, (long)old_len, (long)new_len,
                       SYS_MREMAP_MAYMOVE, 0);
    return sys_failed(r) ? NULL : (void *)r;
}

static inline void sys_write(int fd, const void *buf, size_t len) {
    sys_call3(SYS_write, fd, (long)buf, (long)len);
}

__attribute__((noreturn)) static inline void sys_abort(void) {
    sys_call3(SYS_kill, sys_call3(SYS_getpid, 0, 0, 0), SYS_SIGABRT, 0);
    for (;;)
        sys_call3(SYS_exit_group, SYS_ABORT_STATUS, 0, 0);
}

static inline int sys_lock(void) { return 0; }
static inline void sys_unlock(int token) { (void)token; }
static inline int sys_stats_report_fd(void) { return -1; }

#else
/* ---- Linux host (x86_64): syscall(2), and a lock for threaded programs ---- */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
#if __has_include(<sys/single_threaded.h>)
#include <sys/single_threaded.h>
#define SYS_SINGLE_THREADED() (__libc_single_threaded != 0)
#else
#define SYS_SINGLE_THREADED() 0
#endif

/* brk goes through the C library's brk()/sbrk() rather than the raw syscall: glibc caches
 * the break for sbrk(), and a raw brk behind its back would make the next sbrk() of anyone
 * else in the process (glibc's own malloc in a unit test) move the break from a stale value,
 * possibly down through our heap. errno is left as it was. */
static inline void *sys_brk(void *addr) {
    int saved = errno;
    void *cur = (addr && brk(addr) == 0) ? addr : sbrk(0);
    errno = saved;
    return cur;
}

static inline void *sys_mmap(void *hint, size_t len) {
    long r = syscall(SYS_mmap, hint, len, SYS_PROT_RW, SYS_MAP_ANON_PRIV, -1, 0);
    return r == -1 ? NULL : (void *)r;
}

static inline int sys_munmap(void *addr, size_t len) {
    return (int)syscall(SYS_munmap, addr, len);
}

static inline void *sys_mremap(void *addr, size_t old_len, size_t new_len) {
    long r = syscall(SYS_mremap, addr, old_len, new_len, SYS_MREMAP_MAYMOVE, 0);
    return r == -1 ? NULL : (void *)r;
}

static inline void sys_write(int fd, const void *buf, size_t len) {
    ssize_t r = (ssize_t)syscall(SYS_write, fd, buf, len);
    (void)r;
}

__attribute__((noreturn)) static inline void sys_abort(void) {
    syscall(SYS_kill, syscall(SYS_getpid), SYS_SIGABRT);
    for (;;)
        syscall(SYS_exit_group, SYS_ABORT_STATUS);
}

/* The lock: a test-and-set spinlock that yields when contended. While the process has a
 * single thread (glibc's __libc_single_threaded, which only pthread_create clears) it is
 * skipped, as glibc skips its own arena locks; the returned token says whether it was taken. */
static int sys_lock_word;
#define SYS_SPINS_BEFORE_YIELD 64

static inline void sys_lock_take(void) {
    int spins = 0;
    while (__atomic_exchange_n(&sys_lock_word, 1, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(&sys_lock_word, __ATOMIC_RELAXED)) {
            if (++spins < SYS_SPINS_BEFORE_YIELD)
                __builtin_ia32_pause();
            else
                syscall(SYS_sched_yield);
        }
    }
}

static inline int sys_lock(void) {
    if (SYS_SINGLE_THREADED())
        return 0;
    sys_lock_take();
    return 1;
}

static inline void sys_unlock(int token) {
    if (token)
        __atomic_store_n(&sys_lock_word, 0, __ATOMIC_RELEASE);
}

/* fork() in a threaded program: hold the lock across the fork so the child never inherits
 * it mid-update, then release it in both processes. */
static void sys_fork_prepare(void) { sys_lock_take(); }
static void sys_fork_release(void) { __atomic_store_n(&sys_lock_word, 0, __ATOMIC_RELEASE); }

__attribute__((constructor)) static void sys_register_fork_handlers(void) {
    pthread_atfork(sys_fork_prepare, sys_fork_release, sys_fork_release);
}

/* The fd for the exit report, or -1: with LINGOS_MALLOC_STATS set, a private duplicate of
 * stderr taken at startup, because programs such as coreutils close stderr on their way
 * out, before shared-library destructors run. */
#define SYS_STATS_FD_MIN 100
static int sys_stats_fd = -1;

__attribute__((constructor)) static void sys_stats_open(void) {
    const char *v = getenv("LINGOS_MALLOC_STATS");
    if (v && v[0] && v[0] != '0')
        sys_stats_fd = (int)syscall(SYS_fcntl, 2, F_DUPFD_CLOEXEC, SYS_STATS_FD_MIN);
}

static inline int sys_stats_report_fd(void) { return sys_stats_fd; }
#endif
#endif
