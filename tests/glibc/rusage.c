/* CPU accounting: a child that burns CPU shows it in wait4's rusage, in
 * getrusage(RUSAGE_CHILDREN) and in times()' tms_cutime once it is reaped, and not
 * before. Prints the same lines natively and on LingOS. */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BURN_NS 300000000L

static long cpu_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static long tv_us(struct timeval tv) { return tv.tv_sec * 1000000L + tv.tv_usec; }

int main(void) {
    struct rusage before;
    getrusage(RUSAGE_CHILDREN, &before);
    printf("no children yet: %s\n", tv_us(before.ru_utime) + tv_us(before.ru_stime) == 0 ? "ok" : "WRONG");
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        volatile unsigned long x = 0;
        long start = cpu_ns();
        while (cpu_ns() - start < BURN_NS)
            x++;
        _exit(0);
    }
    int st;
    struct rusage ru;
    if (wait4(pid, &st, 0, &ru) != pid)
        return printf("wait4 failed\n"), 1;
    long child_us = tv_us(ru.ru_utime) + tv_us(ru.ru_stime);
    printf("wait4 rusage shows the child's CPU: %s\n", child_us >= BURN_NS / 2000 ? "ok" : "WRONG");
    struct rusage after;
    getrusage(RUSAGE_CHILDREN, &after);
    long total = tv_us(after.ru_utime) + tv_us(after.ru_stime);
    printf("getrusage(RUSAGE_CHILDREN) includes it: %s\n", total >= child_us - 20000 ? "ok" : "WRONG");
    struct tms t;
    times(&t);
    printf("times() tms_cutime+cstime > 0: %s\n", t.tms_cutime + t.tms_cstime > 0 ? "ok" : "WRONG");
    return 0;
}
