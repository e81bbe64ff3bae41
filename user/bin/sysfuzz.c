/* sysfuzz [ROUNDS [CALLS [SEED]]]: throws random system calls with hostile arguments at
 * the kernel, to show it survives them. Each round forks a child that makes CALLS random
 * calls (numbers 0..449, minus the few that would end the test itself) with arguments
 * drawn from a menu of troublemakers: 0, -1, small fds, huge lengths, NULL, kernel
 * addresses, unmapped and misaligned pointers, pointers into the child's own buffers.
 * The child may die of anything; the kernel may not. An alarm ends children that
 * block. Prints "N passed, 0 failed" (one pass per round the system survived).
 * Meant for LingOS (run it as init); on a real machine it would scribble on files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/syscall.h>
#include <errno.h>

#define NR_LIMIT 450
#define ARG_CHOICES 16
#define CHILD_ALARM_SECONDS 2
#define SCRATCH 8192

static unsigned long long rng;
static char scratch[SCRATCH];

static unsigned rnd(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 16);
}

/* Calls that would stop the experiment rather than test the kernel: they are skipped. */
static int forbidden(int nr) {
    switch (nr) {
    case SYS_exit: case SYS_exit_group: case SYS_reboot: case SYS_kill: case SYS_tkill:
    case SYS_tgkill: case SYS_fork: case SYS_vfork: case SYS_clone: case SYS_alarm:
    case SYS_pause: case SYS_rt_sigsuspend: case SYS_nanosleep: case 407: case SYS_wait4:
    case SYS_waitpid: case SYS_setsid: case SYS_setpgid:
        return 1;
    default:
        return 0;
    }
}

static long hostile_arg(void) {
    switch (rnd() % ARG_CHOICES) {
    case 0: return 0;
    case 1: return -1;
    case 2: return rnd() % 8;                            /* small fds, flags, whences */
    case 3: return 0x7fffffff;
    case 4: return (long)0xC0000000u + (rnd() & 0xfffff); /* the kernel half */
    case 5: return (long)0xFFFFF000u;
    case 6: return 0x1000 + (rnd() & 0xfff);            /* unmapped, low */
    case 7: return (long)(scratch + (rnd() % SCRATCH));  /* our own memory */
    case 8: return (long)(scratch + 1);                  /* misaligned */
    case 9: return (long)rnd() << 8;
    case 10: return rnd() % 4096;
    case 11: return (long)"/tmp/fuzz";
    case 12: return (long)"/";
    case 13: return (long)(scratch + SCRATCH - 1);       /* straddles the end */
    case 14: return -4096;
    default: return (long)rnd();
    }
}

static void child(unsigned calls) {
    alarm(CHILD_ALARM_SECONDS);
    int devnull = open("/dev/null", O_RDWR);
    if (devnull < 0)
        devnull = open("/tmp/fuzz.out", O_RDWR | O_CREAT | O_TRUNC, 0600);
    for (int fd = 0; fd < 3; fd++)
        dup2(devnull, fd);
    for (unsigned i = 0; i < calls; i++) {
        int nr = (int)(rnd() % NR_LIMIT);
        if (forbidden(nr))
            continue;
        syscall(nr, hostile_arg(), hostile_arg(), hostile_arg(), hostile_arg(),
                hostile_arg(), hostile_arg());
    }
    _exit(0);
}

int main(int argc, char **argv) {
    unsigned rounds = argc > 1 ? (unsigned)atoi(argv[1]) : 200;
    unsigned calls = argc > 2 ? (unsigned)atoi(argv[2]) : 500;
    rng = argc > 3 ? strtoull(argv[3], 0, 0) : 0x5eed1234abcdull;
    unsigned passed = 0, failed = 0, killed = 0;
    for (unsigned r = 0; r < rounds; r++) {
        unsigned long long seed = rng ^ (r * 0x9E3779B97F4A7C15ull);
        pid_t pid = fork();
        if (pid < 0) {
            printf("FAIL round %u: fork: %s\n", r, strerror(errno));
            failed++;
            continue;
        }
        if (pid == 0) {
            rng = seed | 1;
            child(calls);
        }
        int st;
        if (waitpid(pid, &st, 0) != pid) {
            printf("FAIL round %u: waitpid\n", r);
            failed++;
            continue;
        }
        killed += WIFSIGNALED(st);
        passed++;
        rnd();
    }
    printf("sysfuzz: %u rounds of %u calls, %u children killed by signals\n", rounds, calls, killed);
    printf("%u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}
