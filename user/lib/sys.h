/* The library's view of the kernel: inline `int $0x80` with Linux's i386 convention
 * (number in eax; arguments in ebx ecx edx esi edi ebp; -errno in eax). Internal to
 * user/lib. sys_ret() turns a raw result into the C convention: -1 with errno set. */
#ifndef USER_LIB_SYS_H
#define USER_LIB_SYS_H
#include <errno.h>
#include <sys/syscall.h>

#define SYS_MAX_ERRNO 4095 /* results in [-4095, -1] are errors */

static inline long sys0(long nr) {
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr) : "memory");
    return r;
}
static inline long sys1(long nr, long a) {
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a) : "memory");
    return r;
}
static inline long sys2(long nr, long a, long b) {
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b) : "memory");
    return r;
}
static inline long sys3(long nr, long a, long b, long c) {
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
    return r;
}
static inline long sys4(long nr, long a, long b, long c, long d) {
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d)
                     : "memory");
    return r;
}
static inline long sys5(long nr, long a, long b, long c, long d, long e) {
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e)
                     : "memory");
    return r;
}
/* Six arguments need ebp, which inline asm cannot name: user/lib/syscall6.S. */
long sys6(long nr, long a, long b, long c, long d, long e, long f);

static inline int sys_is_err(long r) {
    return (unsigned long)r > (unsigned long)-SYS_MAX_ERRNO - 1;
}

/* -errno -> -1 with errno set; anything else is returned unchanged. */
static inline long sys_ret(long r) {
    if (sys_is_err(r)) {
        errno = (int)-r;
        return -1;
    }
    return r;
}
#endif
