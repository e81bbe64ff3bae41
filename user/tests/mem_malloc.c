/* The user-space malloc on top of brk and mmap (issue 7): the standard calls, a churn of
 * random operations whose every block is checked, and memory given back to the kernel
 * once everything is freed. */
#include "testlib.h"

TEST(malloc_free_basics) {
    char *p = malloc(100);
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK_EQ((unsigned long)p % 16, 0);
    memset(p, 'q', 100);
    char *q = malloc(100);
    CHECK(q != NULL && q != p);
    CHECK(q == NULL || q >= p + 100 || q + 100 <= p); /* no overlap */
    CHECK_EQ(p[99], 'q');
    free(p);
    free(q);
    free(NULL);
    void *z = malloc(0); /* NULL or a unique pointer that free accepts */
    free(z);
}

TEST(alignment_of_every_size) {
    int bad = 0;
    for (size_t n = 1; n < 3000; n += 7) {
        void *p = malloc(n);
        if (!p || (unsigned long)p % 16)
            bad++;
        free(p);
    }
    CHECK_EQ(bad, 0);
}

TEST(calloc_zeroes_and_checks_overflow) {
    unsigned char *p = malloc(5000);
    CHECK(p != NULL);
    memset(p, 0xff, 5000);
    free(p); /* calloc may get this dirty block back */
    p = calloc(1000, 5);
    CHECK(p != NULL);
    int nonzero = 0;
    for (int i = 0; p && i < 5000; i++)
        nonzero += p[i] != 0;
    CHECK_EQ(nonzero, 0);
    free(p);
    errno = 0;
    CHECK(calloc(t_size(0x10000), t_size(0x10001)) == NULL); /* the product wraps 32 bits */
    CHECK_EQ(errno, ENOMEM);
}

TEST(huge_requests_fail_with_enomem) {
    errno = 0;
    CHECK(malloc(t_size(0xFFFF0000UL)) == NULL);
    CHECK_EQ(errno, ENOMEM);
    errno = 0;
    CHECK(malloc(t_size(0xF0000000UL)) == NULL);
    CHECK_EQ(errno, ENOMEM);
    char *p = malloc(64);
    CHECK(p != NULL); /* and malloc still works */
    free(p);
}

TEST(realloc_keeps_contents) {
    char *p = realloc(NULL, 10);
    CHECK(p != NULL);
    if (!p)
        return;
    memcpy(p, "0123456789", 10);
    size_t sizes[] = {20, 5, 3000, 200000, 1 << 20, 100, 7};
    size_t keep = 10;
    for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char *q = realloc(p, sizes[i]);
        CHECK(q != NULL);
        if (!q)
            break;
        p = q;
        if (keep > sizes[i])
            keep = sizes[i];
        CHECK(!memcmp(p, "0123456789", keep));
    }
    free(p);
}

TEST(aligned_allocations) {
    void *p = NULL;
    CHECK_EQ(posix_memalign(&p, 64, 1000), 0);
    CHECK(p != NULL && (unsigned long)p % 64 == 0);
    free(p);
    CHECK_EQ(posix_memalign(&p, 4096, 10), 0);
    CHECK(p != NULL && (unsigned long)p % 4096 == 0);
    free(p);
    CHECK_EQ(posix_memalign(&p, 3, 10), EINVAL);
    p = aligned_alloc(256, 512);
    CHECK(p != NULL && (unsigned long)p % 256 == 0);
    free(p);
}

TEST(free_keeps_errno) {
    void *p = malloc(300);
    errno = 1234;
    free(p);
    CHECK_EQ(errno, 1234);
    p = malloc(300000);
    errno = 4321;
    free(p);
    CHECK_EQ(errno, 4321);
}

/* 64 MiB in 1024 blocks of 64 KiB, each touched; once all are freed, the memory goes
 * back to the kernel (resident size, or the break when /proc is missing). */
TEST(memory_returns_to_the_kernel_after_free) {
    enum { N = 1024, SZ = 64 << 10 };
    static char *b[N];
    long rss0 = t_vmrss_kib();
    unsigned long brk0 = (unsigned long)sbrk(0);
    int got = 0;
    for (int i = 0; i < N; i++) {
        b[i] = malloc(SZ);
        if (b[i]) {
            got++;
            memset(b[i], i, SZ);
        }
    }
    long rss1 = t_vmrss_kib();
    int ok = 1;
    for (int i = 0; i < N; i += 2)
        if (b[i])
            ok &= b[i][SZ - 1] == (char)i;
    for (int i = 0; i < N; i += 2) /* every other one first: holes, then coalescing */
        free(b[i]);
    for (int i = 1; i < N; i += 2)
        if (b[i]) {
            ok &= b[i][0] == (char)i && b[i][SZ - 1] == (char)i;
            free(b[i]);
        }
    long rss2 = t_vmrss_kib();
    unsigned long brk2 = (unsigned long)sbrk(0);
    CHECK_EQ(got, N);
    CHECK(ok);
    if (rss0 >= 0) {
        printf("  VmRSS %ld kB -> %ld kB with 64 MiB live -> %ld kB after free\n", rss0, rss1,
               rss2);
        CHECK(rss1 - rss0 >= 60 * 1024);
        CHECK(rss2 - rss0 < 2048);
    } else {
        printf("  /proc/self/status unreadable: checking the break only\n");
        CHECK(brk2 - brk0 < (2UL << 20));
    }
}

/* Random malloc/calloc/realloc/free over 2000 slots; each block carries a pattern made
 * from its slot and generation, checked whenever it is resized or freed. */
#define SLOTS 2000
#define CHURN_OPS 300000
struct slot {
    unsigned *p;
    size_t n;     /* bytes */
    unsigned tag; /* the pattern word */
};
static struct slot slots[SLOTS];

static size_t random_size(void) {
    unsigned r = t_rand() % 1000;
    if (r < 800)
        return 1 + t_rand() % 128;
    if (r < 990)
        return 129 + t_rand() % 4000;
    if (r < 999)
        return 4096 + t_rand() % 60000;
    return 65536 + t_rand() % 400000;
}

static void fill(struct slot *s, size_t from) {
    for (size_t i = from / 4; i < s->n / 4; i++)
        s->p[i] = s->tag ^ (unsigned)i;
    for (size_t i = s->n & ~3UL; i < s->n; i++)
        ((unsigned char *)s->p)[i] = (unsigned char)s->tag;
}

/* 1 when the first n bytes of the block still hold its pattern. */
static int intact(const struct slot *s, size_t n) {
    for (size_t i = 0; i < n / 4; i++)
        if (s->p[i] != (s->tag ^ (unsigned)i))
            return 0;
    for (size_t i = n & ~3UL; i < n && n == s->n; i++)
        if (((unsigned char *)s->p)[i] != (unsigned char)s->tag)
            return 0;
    return 1;
}

TEST(random_churn_with_content_checks) {
    unsigned long ops = 0, corrupt = 0, failed = 0, misaligned = 0, nonzero = 0;
    for (; ops < CHURN_OPS; ops++) {
        struct slot *s = &slots[t_rand() % SLOTS];
        unsigned what = t_rand() % 10;
        if (!s->p) {
            s->n = random_size();
            s->tag = t_rand();
            if (what < 2) {
                s->p = calloc(1, s->n);
                for (size_t i = 0; s->p && i < s->n / 4; i++)
                    nonzero += s->p[i] != 0;
            } else {
                s->p = malloc(s->n);
            }
            if (!s->p) {
                failed++;
                continue;
            }
            misaligned += (unsigned long)s->p % 16 != 0;
            fill(s, 0);
        } else if (what < 6) {
            corrupt += !intact(s, s->n);
            free(s->p);
            s->p = NULL;
        } else {
            size_t n = random_size();
            size_t keep = n < s->n ? n : s->n;
            unsigned *q = realloc(s->p, n);
            if (!q) {
                failed++;
                continue;
            }
            s->p = q;
            corrupt += !intact(s, keep & ~3UL);
            size_t old = s->n;
            s->n = n;
            fill(s, (n > old ? old : n) & ~3UL); /* new words, and the tail bytes */
        }
    }
    for (int i = 0; i < SLOTS; i++)
        if (slots[i].p) {
            corrupt += !intact(&slots[i], slots[i].n);
            free(slots[i].p);
            slots[i].p = NULL;
        }
    CHECK_EQ(ops, CHURN_OPS);
    CHECK_EQ(corrupt, 0);
    CHECK_EQ(failed, 0);
    CHECK_EQ(misaligned, 0);
    CHECK_EQ(nonzero, 0);
}

TEST(many_tiny_blocks) {
    enum { N = 100000 };
    static int *b[N];
    int bad = 0;
    for (int i = 0; i < N; i++) {
        b[i] = malloc(sizeof(int));
        if (b[i])
            *b[i] = i;
        else
            bad++;
    }
    for (int i = 0; i < N; i++)
        if (b[i]) {
            bad += *b[i] != i;
            free(b[i]);
        }
    CHECK_EQ(bad, 0);
}

int main(void) {
    RUN(malloc_free_basics);
    RUN(alignment_of_every_size);
    RUN(calloc_zeroes_and_checks_overflow);
    RUN(huge_requests_fail_with_enomem);
    RUN(realloc_keeps_contents);
    RUN(aligned_allocations);
    RUN(free_keeps_errno);
    RUN(memory_returns_to_the_kernel_after_free);
    RUN(random_churn_with_content_checks);
    RUN(many_tiny_blocks);
    return check_summary();
}
