/* Host unit tests for user/lib/malloc.c, built with -DMALLOC_PREFIX_LM so the allocator
 * under test is lm_malloc & co. and runs beside glibc's (which printf keeps using). The
 * header must come first so that the C library's declarations get the same renames. */
#include "user/lib/malloc.h"
#include "check.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define KIB 1024
#define MIB (1024 * KIB)
#define SMALL 100      /* a size served by the quick lists */
#define MEDIUM 2000    /* a heap size above the quick lists, so frees coalesce at once */

static struct lingos_malloc_stats stats(void) {
    struct lingos_malloc_stats s;
    lingos_malloc_stats(&s);
    return s;
}

/* Everything earlier tests freed coalesces back into the top, so the next blocks are cut
 * from it one after another. */
static void fresh_heap(void) { malloc_trim(0); }

/* Hides a constant from the compiler, which rightly warns about the absurd sizes that the
 * failure tests pass on purpose. */
static size_t opaque(size_t x) {
    volatile size_t v = x;
    return v;
}

static int aligned(const void *p, size_t a) { return ((uintptr_t)p & (a - 1)) == 0; }

static int is_mapped(void *p) {
    unsigned char vec;
    return mincore((void *)((uintptr_t)p & ~(uintptr_t)(PAGE - 1)), PAGE, &vec) == 0;
}

static void fill(unsigned char *p, size_t n, unsigned char seed) {
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed + i * 7);
}

static int filled(const unsigned char *p, size_t n, unsigned char seed) {
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(seed + i * 7))
            return 0;
    return 1;
}

/* Runs fn in a child and returns its wait status. */
static int in_child(void (*fn)(void)) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        fn();
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

/* Runs fn in a child with stderr captured: 1 if it died of SIGABRT after printing the
 * allocator's "malloc: " diagnostic. */
static int aborts_with_message(void (*fn)(void)) {
    int fds[2];
    char msg[256] = {0};
    if (pipe(fds) != 0)
        return 0;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 2);
        fn();
        _exit(0);
    }
    close(fds[1]);
    ssize_t got = read(fds[0], msg, sizeof msg - 1);
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return got > 0 && strncmp(msg, "malloc: ", 8) == 0 && WIFSIGNALED(status) &&
           WTERMSIG(status) == SIGABRT;
}

TEST(alignment_of_every_size) {
    for (size_t n = 0; n < 5000; n += 7) {
        unsigned char *p = malloc(n);
        CHECK(p != NULL);
        CHECK(aligned(p, 16));
        fill(p, n, (unsigned char)n);
        CHECK(filled(p, n, (unsigned char)n));
        free(p);
    }
    void *big = malloc(3 * MIB);
    CHECK(aligned(big, 16));
    free(big);
}

TEST(malloc_zero_is_unique) {
    void *a = malloc(0), *b = malloc(0);
    CHECK(a != NULL && b != NULL && a != b);
    free(a);
    free(b);
}

TEST(freed_block_comes_back) {
    fresh_heap();
    void *p = malloc(SMALL);
    free(p);
    CHECK(malloc(SMALL) == p);
    void *q = malloc(MEDIUM), *guard = malloc(16);
    free(q);
    CHECK(malloc(MEDIUM) == q);
    free(p);
    free(q);
    free(guard);
}

TEST(neighbours_coalesce) {
    fresh_heap();
    char *a = malloc(MEDIUM), *b = malloc(MEDIUM), *c = malloc(MEDIUM), *guard = malloc(16);
    free(a);
    free(c);
    free(b); /* joins both neighbours: one free chunk of three */
    CHECK(malloc(3 * MEDIUM) == a);
    free(a);
    free(guard);
}

TEST(quick_lists_coalesce_on_trim) {
    fresh_heap();
    char *a = malloc(SMALL), *b = malloc(SMALL), *c = malloc(SMALL), *guard = malloc(16);
    free(a);
    free(b);
    free(c);
    malloc_trim(0);
    CHECK(malloc(3 * SMALL) == a);
    free(a);
    free(guard);
}

TEST(realloc_shrinks_in_place) {
    fresh_heap();
    char *p = malloc(4000), *guard = malloc(16);
    fill((unsigned char *)p, 4000, 3);
    CHECK(realloc(p, 100) == p);
    CHECK(filled((unsigned char *)p, 100, 3));
    char *q = malloc(3000); /* reuses the released tail */
    CHECK(q > p && q < p + 4000);
    free(q);
    free(p);
    free(guard);
}

TEST(realloc_grows_into_free_neighbour) {
    fresh_heap();
    char *p = malloc(MEDIUM), *n = malloc(MEDIUM), *guard = malloc(16);
    fill((unsigned char *)p, MEDIUM, 5);
    free(n);
    CHECK(realloc(p, 2 * MEDIUM - 64) == p);
    CHECK(filled((unsigned char *)p, MEDIUM, 5));
    free(p);
    free(guard);
}

TEST(realloc_grows_into_top) {
    fresh_heap();
    char *p = malloc(MEDIUM);
    fill((unsigned char *)p, MEDIUM, 9);
    char *q = realloc(p, 100 * KIB); /* p is the last block: the top follows it */
    CHECK(q == p);
    q = realloc(q, 120 * KIB); /* beyond the top's spare: the segment grows in place */
    CHECK(q == p);
    CHECK(filled((unsigned char *)q, MEDIUM, 9));
    free(q);
}

TEST(realloc_moves_and_keeps_contents) {
    char *p = malloc(MEDIUM), *blocker = malloc(16);
    fill((unsigned char *)p, MEDIUM, 11);
    char *q = realloc(p, 8 * MEDIUM);
    CHECK(q != NULL && q != p);
    CHECK(filled((unsigned char *)q, MEDIUM, 11));
    free(q);
    free(blocker);
    void *r = realloc(NULL, 10); /* realloc(NULL) is malloc */
    CHECK(r != NULL);
    free(r);
}

TEST(realloc_of_a_mapping) {
    size_t big = 40 * MIB; /* above the largest dynamic threshold: always a mapping */
    unsigned char *p = malloc(big);
    fill(p, PAGE, 1);
    fill(p + big - PAGE, PAGE, 2);
    unsigned char *q = realloc(p, 2 * big);
    CHECK(q != NULL);
    CHECK(filled(q, PAGE, 1) && filled(q + big - PAGE, PAGE, 2));
    q = realloc(q, PAGE);
    CHECK(q != NULL && filled(q, PAGE, 1));
    CHECK(malloc_usable_size(q) >= PAGE);
    free(q);
}

TEST(realloc_zero_frees) {
    void *p = malloc(50);
    errno = 0;
    CHECK(realloc(p, 0) == NULL);
    CHECK_EQ(errno, 0);
}

TEST(calloc_zeroes_reused_memory) {
    fresh_heap();
    unsigned char *p = malloc(MEDIUM), *guard = malloc(16);
    __builtin_memset(p, 0xAA, MEDIUM);
    free(p);
    unsigned char *q = calloc(1, MEDIUM);
    CHECK(q == p);
    int zero = 1;
    for (size_t i = 0; i < MEDIUM; i++)
        zero &= q[i] == 0;
    CHECK(zero);
    free(q);
    free(guard);
    unsigned char *big = calloc(5, MIB);
    CHECK(big && big[0] == 0 && big[5 * MIB - 1] == 0);
    free(big);
}

TEST(calloc_overflow_fails_with_enomem) {
    errno = 0;
    CHECK(calloc(opaque(SIZE_MAX / 2), 3) == NULL);
    CHECK_EQ(errno, ENOMEM);
    errno = 0;
    CHECK(calloc(opaque((size_t)1 << 40), (size_t)1 << 40) == NULL);
    CHECK_EQ(errno, ENOMEM);
}

TEST(huge_requests_fail_with_enomem) {
    size_t sizes[] = {SIZE_MAX, SIZE_MAX - 8, SIZE_MAX / 2, (size_t)1 << 50};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        errno = 0;
        CHECK(malloc(opaque(sizes[i])) == NULL);
        CHECK_EQ(errno, ENOMEM);
    }
    char *p = malloc(64);
    fill((unsigned char *)p, 64, 4);
    errno = 0;
    CHECK(realloc(p, opaque((size_t)1 << 50)) == NULL);
    CHECK_EQ(errno, ENOMEM);
    CHECK(filled((unsigned char *)p, 64, 4)); /* untouched on failure */
    errno = 0;
    void *r = reallocarray(p, opaque(SIZE_MAX / 4), 8);
    CHECK(r == NULL);
    CHECK_EQ(errno, ENOMEM);
    free(r ? r : p);
    errno = 0;
    CHECK(memalign(64, opaque((size_t)1 << 50)) == NULL);
    CHECK_EQ(errno, ENOMEM);
}

TEST(free_keeps_errno) {
    void *small = malloc(SMALL), *medium = malloc(MEDIUM), *big = malloc(40 * MIB);
    errno = 1234;
    free(small);
    free(medium);
    free(big);
    free(NULL);
    CHECK_EQ(errno, 1234);
}

TEST(trimming_gives_the_heap_back) {
    enum { N = 2000 };
    static void *blocks[N];
    malloc_trim(0);
    struct lingos_malloc_stats before = stats();
    char *brk_before = sbrk(0);
    for (int i = 0; i < N; i++)
        blocks[i] = malloc(MEDIUM);
    struct lingos_malloc_stats full = stats();
    CHECK(full.heap_bytes >= before.heap_bytes + N * MEDIUM);
    CHECK((char *)sbrk(0) >= brk_before + N * MEDIUM);
    for (int i = N - 1; i >= 0; i--)
        free(blocks[i]);
    struct lingos_malloc_stats after = stats();
    CHECK(after.heap_bytes <= before.heap_bytes + 2 * after.mmap_threshold + PAGE);
    malloc_trim(0);
    after = stats();
    CHECK(after.heap_bytes <= before.heap_bytes + PAGE);
    CHECK((char *)sbrk(0) <= brk_before + PAGE);
}

TEST(large_blocks_are_mapped_and_unmapped) {
    size_t big = 40 * MIB;
    struct lingos_malloc_stats before = stats();
    char *p = malloc(big);
    struct lingos_malloc_stats during = stats();
    CHECK_EQ(during.mmap_count, before.mmap_count + 1);
    CHECK(during.mmap_bytes >= before.mmap_bytes + big);
    CHECK(is_mapped(p) && is_mapped(p + big - 1));
    p[0] = 1;
    p[big - 1] = 2;
    free(p);
    CHECK(!is_mapped(p) && !is_mapped(p + big - 1));
    CHECK_EQ(stats().mmap_count, before.mmap_count);
    CHECK_EQ(stats().mmap_bytes, before.mmap_bytes);
}

TEST(mmap_threshold_rises_like_glibc) {
    size_t t0 = stats().mmap_threshold;
    void *p = malloc(t0 + 64 * KIB);
    CHECK_EQ(stats().mmap_count, 1);
    free(p);
    CHECK(stats().mmap_threshold > t0 + 64 * KIB);
    p = malloc(t0 + 64 * KIB); /* now from the heap */
    CHECK_EQ(stats().mmap_count, 0);
    free(p);
}

TEST(aligned_allocations) {
    for (size_t a = 16; a <= 4 * MIB; a <<= 1) {
        size_t sizes[] = {1, 100, 5000, 200 * KIB};
        for (size_t i = 0; i < 4; i++) {
            void *p = aligned_alloc(a, sizes[i]);
            CHECK(p && aligned(p, a));
            __builtin_memset(p, 0x5A, sizes[i]);
            void *q = memalign(a, sizes[i]);
            CHECK(q && aligned(q, a));
            void *r = NULL;
            CHECK_EQ(posix_memalign(&r, a, sizes[i]), 0);
            CHECK(r && aligned(r, a));
            free(p);
            free(q);
            free(r);
        }
    }
    void *r = (void *)1;
    CHECK_EQ(posix_memalign(&r, 24, 10), EINVAL);
    CHECK_EQ(posix_memalign(&r, 4, 10), EINVAL);
    CHECK(r == (void *)1);
    errno = 0;
    CHECK(aligned_alloc(48, 10) == NULL);
    CHECK_EQ(errno, EINVAL);
    void *m = memalign(48, 10); /* rounded up to 64, as glibc does */
    CHECK(aligned(m, 64));
    free(m);
    void *v = valloc(10), *pv = pvalloc(PAGE + 1);
    CHECK(aligned(v, PAGE) && aligned(pv, PAGE));
    CHECK(malloc_usable_size(pv) >= 2 * PAGE);
    free(v);
    free(pv);
}

TEST(usable_size_covers_the_request) {
    for (size_t n = 0; n < 3000; n += 13) {
        unsigned char *p = malloc(n);
        size_t u = malloc_usable_size(p);
        CHECK(u >= n && u < n + 64);
        fill(p, u, 1); /* the whole usable size is ours: the heap must stay sound */
        free(p);
    }
    unsigned char *big = malloc(40 * MIB);
    CHECK(malloc_usable_size(big) >= 40 * MIB);
    free(big);
    CHECK_EQ(malloc_usable_size(NULL), 0);
}

static void double_free_small(void) {
    void *p = malloc(SMALL);
    free(p);
    free(p);
}

static void double_free_medium(void) {
    void *p = malloc(MEDIUM), *guard = malloc(16);
    free(p);
    free(p);
    free(guard);
}

static void double_free_after_merge(void) {
    char *a = malloc(MEDIUM), *b = malloc(MEDIUM), *guard = malloc(16);
    free(a);
    free(b); /* b's chunk is now inside a's */
    free(b);
    free(guard);
}

static void free_not_from_malloc(void) {
    static char not_heap[64] __attribute__((aligned(16)));
    free(not_heap + 32);
}

static void free_misaligned(void) {
    char *p = malloc(MEDIUM);
    free(p + 8);
}

TEST(misuse_aborts_with_a_message) {
    CHECK(aborts_with_message(double_free_small));
    CHECK(aborts_with_message(double_free_medium));
    CHECK(aborts_with_message(double_free_after_merge));
    CHECK(aborts_with_message(free_not_from_malloc));
    CHECK(aborts_with_message(free_misaligned));
}

/* Fills a heap with blocks until a new segment starts; 0 if their contents survived. */
static int alloc_until_new_segment(void **blocks, int max, int *count) {
    size_t seg0 = stats().segments;
    int i;
    for (i = 0; i < max && stats().segments == seg0; i++) {
        blocks[i] = malloc(MEDIUM);
        if (!blocks[i])
            return 1;
        fill(blocks[i], MEDIUM, (unsigned char)i);
    }
    *count = i;
    int bad = stats().segments == seg0;
    for (int j = 0; j < i; j++)
        bad |= !filled(blocks[j], MEDIUM, (unsigned char)j);
    for (int j = 0; j < i; j++)
        free(blocks[j]);
    return bad;
}

#define FILL_BLOCKS 32768 /* 64 MiB of MEDIUM blocks: more than any spare top */

static void brk_blocked_child(void) {
    static void *blocks[FILL_BLOCKS];
    int count;
    free(malloc(16)); /* make sure our heap exists before blocking it */
    malloc_trim(0);
    char *end = (char *)(((uintptr_t)sbrk(0) + PAGE - 1) & ~(uintptr_t)(PAGE - 1));
    if (mmap(end, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) !=
        end)
        _exit(2);
    if (alloc_until_new_segment(blocks, FILL_BLOCKS, &count))
        _exit(3);
    if ((char *)blocks[count - 1] > end - MEDIUM && (char *)blocks[count - 1] < end + PAGE)
        _exit(4);
    _exit(0);
}

static void foreign_brk_child(void) {
    static void *blocks[FILL_BLOCKS];
    int count;
    free(malloc(16));
    malloc_trim(0);
    char *foreign = sbrk(PAGE); /* someone else takes the next bit of the break */
    __builtin_memset(foreign, 0x77, PAGE);
    if (alloc_until_new_segment(blocks, FILL_BLOCKS, &count))
        _exit(3);
    malloc_trim(0);
    for (int i = 0; i < PAGE; i++)
        if ((unsigned char)foreign[i] != 0x77)
            _exit(5);
    if ((char *)sbrk(0) < foreign + PAGE)
        _exit(6);
    _exit(0);
}

TEST(mmap_fallback_when_brk_is_blocked) {
    int st = in_child(brk_blocked_child);
    CHECK(WIFEXITED(st));
    CHECK_EQ(WEXITSTATUS(st), 0);
}

TEST(foreign_brk_users_are_respected) {
    int st = in_child(foreign_brk_child);
    CHECK(WIFEXITED(st));
    CHECK_EQ(WEXITSTATUS(st), 0);
}

#define THREADS 4
#define THREAD_OPS 200000
#define THREAD_SLOTS 64

static void *thread_churn(void *arg) {
    unsigned seed = (unsigned)(uintptr_t)arg;
    unsigned char *slot[THREAD_SLOTS] = {0};
    size_t len[THREAD_SLOTS] = {0};
    long bad = 0;
    for (int op = 0; op < THREAD_OPS; op++) {
        seed = seed * 1103515245u + 12345u;
        unsigned i = (seed >> 8) % THREAD_SLOTS;
        if (slot[i]) {
            bad += !filled(slot[i], len[i], (unsigned char)i);
            free(slot[i]);
        }
        len[i] = (seed >> 16) % 3000;
        slot[i] = malloc(len[i]);
        fill(slot[i], len[i], (unsigned char)i);
    }
    for (int i = 0; i < THREAD_SLOTS; i++)
        free(slot[i]);
    return (void *)bad;
}

TEST(threads_share_the_heap) {
    pthread_t t[THREADS];
    for (uintptr_t i = 0; i < THREADS; i++)
        CHECK_EQ(pthread_create(&t[i], NULL, thread_churn, (void *)(i + 1)), 0);
    for (int i = 0; i < THREADS; i++) {
        void *bad = (void *)1;
        pthread_join(t[i], &bad);
        CHECK(bad == NULL);
    }
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0); /* keeps glibc's malloc, and its brk, out of the way */
    RUN(alignment_of_every_size);
    RUN(malloc_zero_is_unique);
    RUN(freed_block_comes_back);
    RUN(neighbours_coalesce);
    RUN(quick_lists_coalesce_on_trim);
    RUN(realloc_shrinks_in_place);
    RUN(realloc_grows_into_free_neighbour);
    RUN(realloc_grows_into_top);
    RUN(realloc_moves_and_keeps_contents);
    RUN(realloc_of_a_mapping);
    RUN(realloc_zero_frees);
    RUN(calloc_zeroes_reused_memory);
    RUN(calloc_overflow_fails_with_enomem);
    RUN(huge_requests_fail_with_enomem);
    RUN(free_keeps_errno);
    RUN(trimming_gives_the_heap_back);
    RUN(large_blocks_are_mapped_and_unmapped);
    RUN(aligned_allocations);
    RUN(usable_size_covers_the_request);
    RUN(misuse_aborts_with_a_message);
    RUN(mmap_fallback_when_brk_is_blocked);
    RUN(foreign_brk_users_are_respected);
    RUN(threads_share_the_heap);
    RUN(mmap_threshold_rises_like_glibc);
    return check_summary();
}
