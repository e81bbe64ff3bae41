/* Process system calls: fork, execve, wait, ids, process groups, the break. */
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include "sys.h"

pid_t fork(void) { return sys_ret(sys0(SYS_fork)); }

/* vfork is fork: a C wrapper cannot safely return twice on one stack. */
pid_t vfork(void) { return fork(); }

int execve(const char *path, char *const argv[], char *const envp[]) {
    return sys_ret(sys3(SYS_execve, (long)path, (long)argv, (long)envp));
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru) {
    return sys_ret(sys4(SYS_wait4, pid, (long)status, options, (long)ru));
}
pid_t waitpid(pid_t pid, int *status, int options) { return wait4(pid, status, options, NULL); }
pid_t wait(int *status) { return wait4(-1, status, 0, NULL); }

pid_t getpid(void) { return sys0(SYS_getpid); }
pid_t getppid(void) { return sys0(SYS_getppid); }
pid_t gettid(void) { return sys0(SYS_gettid); }
uid_t getuid(void) { return sys0(SYS_getuid32); }
uid_t geteuid(void) { return sys0(SYS_geteuid32); }
gid_t getgid(void) { return sys0(SYS_getgid32); }
gid_t getegid(void) { return sys0(SYS_getegid32); }
pid_t getpgrp(void) { return sys0(SYS_getpgrp); }
pid_t getpgid(pid_t pid) { return sys_ret(sys1(SYS_getpgid, pid)); }
int setpgid(pid_t pid, pid_t pgid) { return sys_ret(sys2(SYS_setpgid, pid, pgid)); }
pid_t setsid(void) { return sys_ret(sys0(SYS_setsid)); }
pid_t getsid(pid_t pid) { return sys_ret(sys1(SYS_getsid, pid)); }
int pause(void) { return sys_ret(sys0(SYS_pause)); }
unsigned alarm(unsigned seconds) { return sys1(SYS_alarm, seconds); }
int sched_yield(void) { return sys_ret(sys0(SYS_sched_yield)); }

/* The kernel's brk returns the (possibly unchanged) break; a refusal is ENOMEM. */
int brk(void *addr) {
    long r = sys1(SYS_brk, (long)addr);
    if ((unsigned long)r < (unsigned long)addr) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

void *sbrk(intptr_t delta) {
    char *cur = (char *)sys1(SYS_brk, 0);
    if (delta == 0)
        return cur;
    if (brk(cur + delta) < 0)
        return (void *)-1;
    return cur;
}

/* The generic entry: six arguments, result or -1 with errno. */
long syscall(long nr, ...) {
    va_list ap;
    va_start(ap, nr);
    long a = va_arg(ap, long), b = va_arg(ap, long), c = va_arg(ap, long);
    long d = va_arg(ap, long), e = va_arg(ap, long), f = va_arg(ap, long);
    va_end(ap);
    return sys_ret(sys6(nr, a, b, c, d, e, f));
}
