/* bench/malloc: user/lib/malloc.c against glibc's malloc on the same workloads.
 *
 * The same source is linked twice: bench_malloc (glibc's allocator) and bench_malloc_ours
 * (libmalloc.a linked in, which replaces malloc for the whole process). Run without
 * arguments, bench_malloc is the driver: for every workload it starts each binary REPS
 * times, alternating, each run a fresh process doing one workload, and prints the best
 * time and the peak RSS (ru_maxrss from wait4) side by side with the ratios ours/glibc.
 * `bench_malloc WORKLOAD` runs one workload and prints "nanoseconds checksum"; the
 * checksums of both allocators must agree. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define REPS 5
#define KIB 1024
#define MIB (1024 * KIB)
#define PAGE 4096

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

/* A small size, most often tiny, as real programs ask for. */
static size_t small_size(void) {
    uint32_t r = rnd() % 100;
    if (r < 50)
        return 8 + rnd() % 56;
    if (r < 85)
        return 64 + rnd() % 192;
    return 256 + rnd() % 768;
}

/* Mixed small sizes churn: a pool of live blocks, each step replaces a random one. */
static uint64_t work_churn(void) {
    enum { SLOTS = 200000, STEPS = 4000000 };
    static unsigned char *slot[SLOTS];
    uint64_t sum = 0;
    for (int i = 0; i < STEPS; i++) {
        uint32_t k = rnd() % SLOTS;
        if (slot[k])
            sum += slot[k][0];
        free(slot[k]);
        size_t n = small_size();
        slot[k] = malloc(n);
        slot[k][0] = (unsigned char)n;
        slot[k][n - 1] = 1;
    }
    for (int k = 0; k < SLOTS; k++)
        free(slot[k]);
    return sum;
}

struct node {
    struct node *next;
    uint32_t len;
    unsigned char data[];
};

/* Producer-consumer lists: a FIFO queue that a producer fills in bursts and a consumer
 * drains, so nodes die in allocation order while new ones keep arriving. */
static uint64_t work_prodcons(void) {
    enum { ROUNDS = 150, BURST = 50000 };
    struct node *head = NULL, *tail = NULL;
    uint64_t sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        int produce = BURST / 2 + (int)(rnd() % BURST);
        for (int i = 0; i < produce; i++) {
            uint32_t len = 16 + rnd() % 240;
            struct node *n = malloc(sizeof *n + len);
            n->next = NULL;
            n->len = len;
            n->data[0] = (unsigned char)len;
            if (tail)
                tail->next = n;
            else
                head = n;
            tail = n;
        }
        int consume = BURST / 2 + (int)(rnd() % BURST);
        for (int i = 0; i < consume && head; i++) {
            struct node *n = head;
            head = n->next;
            if (!head)
                tail = NULL;
            sum += n->data[0];
            free(n);
        }
    }
    while (head) {
        struct node *n = head;
        head = n->next;
        free(n);
    }
    return sum;
}

/* Realloc growth: many strings grown a few bytes at a time, round robin (as a parser
 * building tokens or a logger building lines would), plus one vector doubling to 64 MiB. */
static uint64_t work_realloc(void) {
    enum { BUFS = 20000, FINAL = 4096, PASSES = 1 };
    static unsigned char *buf[BUFS];
    static size_t len[BUFS];
    uint64_t sum = 0;
    for (int pass = 0; pass < PASSES; pass++) {
        for (int grown = 1; grown;) {
            grown = 0;
            for (int i = 0; i < BUFS; i++) {
                if (len[i] >= FINAL)
                    continue;
                size_t n = len[i] + 1 + rnd() % 64;
                buf[i] = realloc(buf[i], n);
                memset(buf[i] + len[i], (int)(n & 0xff), n - len[i]);
                len[i] = n;
                grown = 1;
            }
        }
        for (int i = 0; i < BUFS; i++) {
            sum += buf[i][len[i] - 1];
            free(buf[i]);
            buf[i] = NULL;
            len[i] = 0;
        }
        unsigned char *v = NULL;
        for (size_t n = 64; n <= 64 * MIB; n *= 2) {
            v = realloc(v, n);
            memset(v + n / 2, 1, n / 2);
        }
        sum += v[64 * MIB - 1];
        free(v);
    }
    return sum;
}

/* Large blocks: buffers of 64 KiB .. 4 MiB, up to 16 alive, every page written. */
static uint64_t work_large(void) {
    enum { LIVE = 16, STEPS = 3000 };
    unsigned char *slot[LIVE] = {0};
    size_t size[LIVE] = {0};
    uint64_t sum = 0;
    for (int i = 0; i < STEPS; i++) {
        uint32_t k = rnd() % LIVE;
        if (slot[k])
            sum += slot[k][size[k] - 1];
        free(slot[k]);
        size[k] = 64 * KIB + rnd() % (4 * MIB - 64 * KIB);
        slot[k] = malloc(size[k]);
        for (size_t off = 0; off < size[k]; off += PAGE)
            slot[k][off] = (unsigned char)off;
        slot[k][size[k] - 1] = (unsigned char)k;
    }
    for (int k = 0; k < LIVE; k++)
        free(slot[k]);
    return sum;
}

static const struct workload {
    const char *name;
    uint64_t (*run)(void);
} workloads[] = {
    {"churn", work_churn},
    {"prodcons", work_prodcons},
    {"realloc", work_realloc},
    {"large", work_large},
};
#define NWORK (sizeof workloads / sizeof workloads[0])

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int run_one(const char *name) {
    for (size_t i = 0; i < NWORK; i++) {
        if (strcmp(workloads[i].name, name))
            continue;
        uint64_t t0 = now_ns();
        uint64_t sum = workloads[i].run();
        printf("%llu %llu\n", (unsigned long long)(now_ns() - t0), (unsigned long long)sum);
        return 0;
    }
    fprintf(stderr, "bench_malloc: unknown workload %s\n", name);
    return 2;
}

struct sample {
    uint64_t ns, sum;
    long rss_kb;
};

/* Runs `exe workload` in a fresh process: its time and checksum, and its peak RSS. */
static int sample(const char *exe, const char *workload, struct sample *out) {
    int fds[2];
    if (pipe(fds))
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        execl(exe, exe, workload, (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    char line[128] = {0};
    ssize_t got = read(fds[0], line, sizeof line - 1);
    close(fds[0]);
    int status;
    struct rusage ru;
    wait4(pid, &status, 0, &ru);
    unsigned long long ns = 0, sum = 0;
    if (got <= 0 || !WIFEXITED(status) || WEXITSTATUS(status) ||
        sscanf(line, "%llu %llu", &ns, &sum) != 2)
        return -1;
    out->ns = ns;
    out->sum = sum;
    out->rss_kb = ru.ru_maxrss;
    return 0;
}

static void keep_best(struct sample *best, const struct sample *s, int first) {
    if (first || s->ns < best->ns)
        best->ns = s->ns;
    if (first || s->rss_kb < best->rss_kb)
        best->rss_kb = s->rss_kb;
    best->sum = s->sum;
}

static int drive(const char *ours, const char *glibc) {
    int bad = 0;
    printf("%-10s %10s %10s %7s %10s %10s %7s\n", "workload", "ours ms", "glibc ms", "ratio",
           "ours KiB", "glibc KiB", "ratio");
    for (size_t w = 0; w < NWORK; w++) {
        struct sample o = {0}, g = {0}, s;
        for (int r = 0; r < REPS; r++) {
            if (sample(ours, workloads[w].name, &s))
                return fprintf(stderr, "bench_malloc: %s failed\n", ours), 1;
            keep_best(&o, &s, r == 0);
            if (sample(glibc, workloads[w].name, &s))
                return fprintf(stderr, "bench_malloc: %s failed\n", glibc), 1;
            keep_best(&g, &s, r == 0);
        }
        if (o.sum != g.sum)
            bad = fprintf(stderr, "bench_malloc: %s checksums differ\n", workloads[w].name);
        printf("%-10s %10.1f %10.1f %7.2f %10ld %10ld %7.2f\n", workloads[w].name, o.ns / 1e6,
               g.ns / 1e6, (double)o.ns / (double)g.ns, o.rss_kb, g.rss_kb,
               (double)o.rss_kb / (double)g.rss_kb);
        fflush(stdout);
    }
    printf("(best of %d fresh processes each; ratio = ours / glibc, below 1 is better)\n", REPS);
    return bad ? 1 : 0;
}

int main(int argc, char **argv) {
    if (argc == 2)
        return run_one(argv[1]);
    char self[4096], ours[4200];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return 1;
    self[n] = 0;
    snprintf(ours, sizeof ours, "%s_ours", self);
    return drive(argc == 3 ? argv[1] : ours, argc == 3 ? argv[2] : self);
}
