/* bench/vs_linux: micro-benchmarks of the kernel's hot paths, one static i386 binary
 * (gcc -m32 -static against glibc) that runs unchanged on LingOS and on Linux, so that
 * bench/vs_linux/run.sh can boot both kernels in the same QEMU and compare.
 *
 * Each benchmark prints one line "NAME ns_per_op", timed with clock_gettime
 * (CLOCK_MONOTONIC). A benchmark is a function doing N rounds of PER_ROUND operations;
 * N is calibrated so that one measurement takes about TARGET_MS of guest time, and the
 * figure is the best of REPS measurements. Under QEMU's -icount shift=0 the guest clock
 * advances one nanosecond per executed instruction, so "ns" are then instructions; the
 * insn benchmark checks that (a two-instruction user loop: 1.00 ns per instruction).
 *
 *   bench [-t TARGET_MS] [-d DIR]   run every benchmark; files go in DIR (default /tmp)
 *   bench --exec-chain K FD T0      (internal) execve itself K-1 more times, then write
 *                                   the ns since T0 to FD
 *
 * Run as pid 1 on Linux (rdinit=/bench), it powers the machine off at the end. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define KIB 1024L
#define MIB (1024 * KIB)
#define PAGE 4096L
#define REPS 3
#define DEFAULT_TARGET_MS 20
#define MAX_ROUNDS 100000000L

#define FAULT_BYTES (16 * MIB)   /* mmap, touch every page, munmap */
#define BRK_BYTES (4 * MIB)      /* sbrk up, touch every page, sbrk down */
#define FORK_BIG_BYTES (8 * MIB) /* touched before fork_8m */
#define FILE_CHUNK (64 * KIB)    /* write size of the fsync benchmark */
#define SMALL_FILE_BYTES 100
#define MALLOC_LIVE 64           /* ring of live blocks in the malloc benchmark */
#define INSN_LOOPS 1000000L      /* iterations of the two-instruction loop per round */

static const char *self;  /* the path this program was started as (argv[0]) */
static char dir[256] = "/tmp";
static char small_path[300], big_path[300];
static int pipefd[2];     /* the pipe benchmark's */
static int exec_pipe[2];  /* b_exec's last image reports its time here */

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void die(const char *what) {
    perror(what);
    exit(1);
}

/* Each benchmark does `rounds` rounds and returns the elapsed ns. */

static double b_insn(long rounds) {
    double t = now_ns();
    for (long r = 0; r < rounds; r++) {
        long c = INSN_LOOPS;
        __asm__ volatile("1: dec %0\n\tjnz 1b" : "+r"(c));
    }
    return now_ns() - t;
}

static double b_getpid(long rounds) {
    double t = now_ns();
    for (long r = 0; r < rounds; r++)
        syscall(SYS_getpid); /* a real system call every time */
    return now_ns() - t;
}

static double b_pipe(long rounds) {
    char c = 'x';
    double t = now_ns();
    for (long r = 0; r < rounds; r++) {
        if (write(pipefd[1], &c, 1) != 1 || read(pipefd[0], &c, 1) != 1)
            die("pipe round trip");
    }
    return now_ns() - t;
}

static void touch(char *p, long bytes) {
    for (long off = 0; off < bytes; off += PAGE)
        ((volatile char *)p)[off] = 1;
}

static double b_fault(long rounds) {
    double t = now_ns();
    for (long r = 0; r < rounds; r++) {
        char *p = mmap(NULL, FAULT_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            die("mmap");
        touch(p, FAULT_BYTES);
        if (munmap(p, FAULT_BYTES))
            die("munmap");
    }
    return now_ns() - t;
}

static double b_brk(long rounds) {
    double t = now_ns();
    for (long r = 0; r < rounds; r++) {
        char *p = sbrk(BRK_BYTES);
        if (p == (char *)-1)
            die("sbrk");
        touch(p, BRK_BYTES);
        if (sbrk(-BRK_BYTES) == (void *)-1)
            die("sbrk shrink");
    }
    return now_ns() - t;
}

static void fork_wait(void) {
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0)
        _exit(0);
    int st;
    if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
        die("waitpid");
}

static double b_fork(long rounds) {
    double t = now_ns();
    for (long r = 0; r < rounds; r++)
        fork_wait();
    return now_ns() - t;
}

/* A child execs itself `rounds` times (exec_chain); the last image writes the time since
 * the first execve to exec_pipe, so neither the fork nor the final exit is counted. */
static double b_exec(long rounds) {
    char k[24], fd[16], t0[32];
    pid_t pid = fork();
    if (pid < 0)
        die("fork");
    if (pid == 0) {
        snprintf(k, sizeof k, "%ld", rounds);
        snprintf(fd, sizeof fd, "%d", exec_pipe[1]);
        snprintf(t0, sizeof t0, "%.0f", now_ns());
        execl(self, self, "--exec-chain", k, fd, t0, (char *)NULL);
        _exit(127);
    }
    int st;
    double elapsed;
    if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0 ||
        read(exec_pipe[0], &elapsed, sizeof elapsed) != sizeof elapsed) {
        fprintf(stderr, "exec chain of %s failed (status 0x%x)\n", self, st);
        exit(1);
    }
    return elapsed;
}

static double b_open(long rounds) {
    char buf[256];
    double t = now_ns();
    for (long r = 0; r < rounds; r++) {
        int fd = open(small_path, O_RDONLY);
        if (fd < 0 || read(fd, buf, sizeof buf) != SMALL_FILE_BYTES)
            die("open+read");
        close(fd);
    }
    return now_ns() - t;
}

static double b_fsync(long rounds) {
    static char buf[FILE_CHUNK];
    memset(buf, 'w', sizeof buf);
    double t = now_ns();
    for (long r = 0; r < rounds; r++) {
        int fd = open(big_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0)
            die("open big");
        for (long done = 0; done < MIB; done += FILE_CHUNK)
            if (write(fd, buf, FILE_CHUNK) != FILE_CHUNK)
                die("write big");
        if (fsync(fd))
            die("fsync");
        close(fd);
    }
    return now_ns() - t;
}

static double b_malloc(long rounds) {
    static void *ring[MALLOC_LIVE];
    double t = now_ns();
    for (long r = 0; r < rounds; r++) {
        unsigned i = (unsigned)r % MALLOC_LIVE;
        free(ring[i]);
        ring[i] = malloc(16 + (size_t)(r * 37 % 1009)); /* 16 B .. 1 KiB, varied */
        if (!ring[i])
            die("malloc");
        *(volatile char *)ring[i] = 1;
    }
    double e = now_ns() - t;
    for (int i = 0; i < MALLOC_LIVE; i++) {
        free(ring[i]);
        ring[i] = NULL;
    }
    return e;
}

struct bench {
    const char *name;
    double (*fn)(long rounds);
    long per_round;  /* operations per round: the figure is ns per operation */
    long touch_first; /* bytes mapped and touched before, unmapped after (0: none) */
    const char *what;
};

/* In this order: fork and exec run while the process is small; fork_8m maps its 8 MiB
 * for itself alone. */
static const struct bench benches[] = {
    {"insn", b_insn, 2 * INSN_LOOPS, 0, "user-mode instruction (dec/jnz loop), control"},
    {"getpid", b_getpid, 1, 0, "system call entry and exit"},
    {"pipe", b_pipe, 1, 0, "1-byte write then read on a pipe, same process"},
    {"fault", b_fault, FAULT_BYTES / PAGE, 0, "anonymous page fault (mmap 16 MiB, touch, munmap), per page"},
    {"brk", b_brk, BRK_BYTES / PAGE, 0, "brk grow 4 MiB, touch, shrink, per page"},
    {"fork", b_fork, 1, 0, "fork + _exit + waitpid, small process"},
    {"exec", b_exec, 1, 0, "execve of a static binary that exits at once (chain of self re-execs)"},
    {"fork_8m", b_fork, 1, FORK_BIG_BYTES, "fork + _exit + waitpid after touching 8 MiB"},
    {"open", b_open, 1, 0, "open + read 100 B + close of a small file"},
    {"fsync", b_fsync, 1, 0, "write 1 MiB to a fresh file then fsync, per MiB"},
    {"malloc", b_malloc, 1, 0, "glibc malloc + free pair, 16 B .. 1 KiB"},
};

/* Calibrates the number of rounds to about target_ns, then returns the best of REPS
 * measurements in ns per operation. */
static double measure(const struct bench *b, double target_ns) {
    long rounds = 1;
    double t;
    for (;;) {
        t = b->fn(rounds);
        if (t >= target_ns / 8 || rounds >= MAX_ROUNDS)
            break;
        rounds *= 4;
    }
    if (t > 0 && t < target_ns) {
        double want = (double)rounds * target_ns / t;
        rounds = want > MAX_ROUNDS ? MAX_ROUNDS : (long)want;
    }
    double best = 0;
    for (int i = 0; i < REPS; i++) {
        double per_op = b->fn(rounds) / ((double)rounds * (double)b->per_round);
        if (i == 0 || per_op < best)
            best = per_op;
    }
    return best;
}

/* Prints the VmRSS line of /proc/self/status, which says how many pages a fork copies
 * (LingOS) or shares (Linux); nothing when there is no /proc. */
static void print_rss(const char *when) {
    char line[128];
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0)
            printf("# %s: %s", when, line);
    fclose(f);
}

static void setup(void) {
    mkdir(dir, 0777); /* Linux's initramfs may not have it; EEXIST otherwise */
    snprintf(small_path, sizeof small_path, "%s/vs_linux_small", dir);
    snprintf(big_path, sizeof big_path, "%s/vs_linux_big", dir);
    int fd = open(small_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char buf[SMALL_FILE_BYTES];
    memset(buf, 's', sizeof buf);
    if (fd < 0 || write(fd, buf, sizeof buf) != (ssize_t)sizeof buf)
        die(small_path);
    close(fd);
    if (pipe(pipefd) || pipe(exec_pipe))
        die("pipe");
}

/* The memory a benchmark wants its process to own while it runs, touched. */
static char *touched_area(long bytes) {
    char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        die("mmap");
    touch(p, bytes);
    return p;
}

/* One link of b_exec's chain: "--exec-chain LEFT FD T0". */
static int exec_chain(char **argv) {
    long left = strtol(argv[2], NULL, 10);
    if (left <= 1) {
        double elapsed = now_ns() - strtod(argv[4], NULL);
        int fd = (int)strtol(argv[3], NULL, 10);
        return write(fd, &elapsed, sizeof elapsed) == sizeof elapsed ? 0 : 1;
    }
    char next[24];
    snprintf(next, sizeof next, "%ld", left - 1);
    execl(self, self, "--exec-chain", next, argv[3], argv[4], (char *)NULL);
    return 127;
}

int main(int argc, char **argv) {
    self = argv[0];
    if (argc == 5 && strcmp(argv[1], "--exec-chain") == 0)
        return exec_chain(argv);
    double target_ms = DEFAULT_TARGET_MS;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "-t") == 0)
            target_ms = atof(argv[i + 1]);
        else if (strcmp(argv[i], "-d") == 0)
            snprintf(dir, sizeof dir, "%s", argv[i + 1]);
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct utsname u;
    uname(&u);
    printf("# vs_linux on %s %s, %s, target %.0f ms per measurement, best of %d\n",
           u.sysname, u.release, self, target_ms, REPS);
    if (getpid() == 1 && strcmp(u.sysname, "Linux") == 0) {
        mkdir("/proc", 0555); /* for print_rss: an initramfs has no /proc mounted */
        mount("proc", "/proc", "proc", 0, NULL);
    }
    setup();
    for (size_t i = 0; i < sizeof benches / sizeof benches[0]; i++)
        printf("# %-8s %s\n", benches[i].name, benches[i].what);
    double start = now_ns();
    for (size_t i = 0; i < sizeof benches / sizeof benches[0]; i++) {
        const struct bench *b = &benches[i];
        char *area = b->touch_first ? touched_area(b->touch_first) : NULL;
        if (b->fn == b_fork)
            print_rss(b->name);
        double ns = measure(b, target_ms * 1e6);
        if (area)
            munmap(area, b->touch_first);
        printf("%s %.2f\n", b->name, ns);
    }
    unlink(small_path);
    unlink(big_path);
    printf("# vs_linux done in %.0f guest ms\n", (now_ns() - start) / 1e6);
    fflush(stdout);
    if (getpid() == 1 && strcmp(u.sysname, "Linux") == 0) {
        sync();
        reboot(RB_POWER_OFF); /* as Linux's init: let QEMU exit */
    }
    return 0;
}
