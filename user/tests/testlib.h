/* Helpers shared by the user-space test programs (user/tests/NAME.c). Each program runs
 * natively on the Linux host and inside LingOS, so only standard headers and functions
 * our user library provides are used here.
 *
 * Rules every test follows:
 *  - a child never prints through stdio and always leaves with _exit(): the parent's
 *    buffered output would otherwise be written twice; a child reports with its status;
 *  - t_fork() flushes stdio before forking, for the same reason;
 *  - anything that may crash the test program (a bad access, a signal) runs in a child. */
#ifndef USER_TESTS_TESTLIB_H
#define USER_TESTS_TESTLIB_H
#include "../../tests/host/check.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define T_PAGE 4096UL
/* An address in LingOS's kernel half; unmapped in a 32-bit process on the Linux host. */
#define T_KERNEL_PTR ((void *)0xC0001000UL)

static inline pid_t t_fork(void) {
    fflush(stdout);
    fflush(stderr);
    return fork();
}

/* Runs fn() in a child that exits 0 when fn returns; returns the child's wait status,
 * or -1 when fork or waitpid failed. */
static inline int t_run_child(void (*fn)(void)) {
    pid_t pid = t_fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        fn();
        _exit(0);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return status;
}

static inline int t_exited_with(int status, int code) {
    return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

static inline int t_killed_by(int status, int sig) {
    return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

/* A pointer the compiler cannot reason about, so bad accesses really happen. */
static inline void *t_opaque(unsigned long addr) {
    volatile unsigned long a = addr;
    return (void *)a;
}

/* A size the compiler cannot see, so it does not warn about absurd requests. */
static inline size_t t_size(unsigned long n) {
    volatile unsigned long v = n;
    return v;
}

/* An address that was mapped a moment ago and is not any more. */
static inline void *t_unmapped_page(void) {
    void *p = mmap(NULL, T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    munmap(p, T_PAGE);
    return p;
}

/* The value of a "Key:   N kB" line of a /proc file, or -1 when the file or key is absent. */
static inline long t_proc_kib(const char *path, const char *key) {
    static char buf[8192];
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    long n = 0, r;
    while (n < (long)sizeof buf - 1 && (r = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
        n += r;
    close(fd);
    buf[n] = 0;
    size_t klen = strlen(key);
    for (char *line = buf; line && *line;) {
        if (!strncmp(line, key, klen) && line[klen] == ':')
            return strtol(line + klen + 1, NULL, 10);
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return -1;
}

static inline long t_vmrss_kib(void) { return t_proc_kib("/proc/self/status", "VmRSS"); }

/* A fresh directory for a program's files: $TMPDIR (or /tmp)/lingos-NAME-PID. */
static char t_dir[256] __attribute__((unused));
static inline const char *t_make_tmpdir(const char *name) {
    const char *base = getenv("TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    mkdir(base, 01777); /* LingOS's image may lack /tmp */
    snprintf(t_dir, sizeof t_dir, "%s/lingos-%s-%d", base, name, (int)getpid());
    if (mkdir(t_dir, 0755) != 0) {
        printf("  cannot create %s: errno %d\n", t_dir, errno);
        return NULL;
    }
    return t_dir;
}

/* path = t_dir/name in a static buffer (one of four, so a call can use several). */
static inline const char *t_path(const char *name) {
    static char bufs[4][512];
    static int next;
    char *b = bufs[next++ & 3];
    snprintf(b, sizeof bufs[0], "%s/%s", t_dir, name);
    return b;
}

/* Removes path and everything below it; 0 on success. */
static inline int t_rmtree(const char *path) {
    struct stat st;
    if (lstat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode))
        return unlink(path);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char sub[1024];
        size_t lp = strlen(path), ln = strlen(e->d_name);
        if (lp + ln + 2 > sizeof sub) {
            rc = -1;
            continue;
        }
        memcpy(sub, path, lp);
        sub[lp] = '/';
        memcpy(sub + lp + 1, e->d_name, ln + 1);
        if (t_rmtree(sub) != 0)
            rc = -1;
    }
    closedir(d);
    return rmdir(path) == 0 ? rc : -1;
}

/* Writes all of buf; returns 0 or -1. */
static inline int t_write_all(int fd, const void *buf, size_t n) {
    const char *p = buf;
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w <= 0)
            return -1;
        p += w;
        n -= w;
    }
    return 0;
}

/* Reads until n bytes or end of file; returns the count or -1. */
static inline long t_read_full(int fd, void *buf, size_t n) {
    char *p = buf;
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, p + got, n - got);
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += r;
    }
    return (long)got;
}

/* Creates path with contents buf[0..n); 0 or -1. */
static inline int t_write_file(const char *path, const void *buf, size_t n, int mode) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0)
        return -1;
    int rc = t_write_all(fd, buf, n);
    return close(fd) == 0 ? rc : -1;
}

/* A small deterministic generator (xorshift32), so runs are reproducible everywhere. */
static unsigned t_rand_state = 2463534242u;
static inline unsigned t_rand(void) {
    unsigned x = t_rand_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return t_rand_state = x;
}

static inline void t_sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}
#endif
