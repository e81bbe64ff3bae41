/* brk with Linux semantics (issue 7): grow lazily, shrink frees, regrown pages are zero,
 * a refused change leaves the break alone. The tests move the break only above what
 * malloc holds and put it back, and print nothing while it is moved. */
#include "testlib.h"

#define HEAP_PAGES 16

static unsigned long page_up(unsigned long a) { return (a + T_PAGE - 1) & ~(T_PAGE - 1); }
static unsigned long cur_brk(void) { return (unsigned long)sbrk(0); }

TEST(brk0_reports_the_break) {
    unsigned long a = cur_brk(), b = cur_brk();
    CHECK(a != (unsigned long)-1);
    CHECK_EQ(a, b);
    CHECK(a > 0x08000000UL && a < 0xC0000000UL);
}

TEST(grow_then_use) {
    unsigned long old = cur_brk();
    void *r = sbrk(HEAP_PAGES * T_PAGE);
    int grew = r != (void *)-1 && (unsigned long)r == old;
    int moved = cur_brk() == old + HEAP_PAGES * T_PAGE;
    int kept = 1;
    if (grew) {
        memset(r, 0x5a, HEAP_PAGES * T_PAGE);
        for (unsigned long i = 0; i < HEAP_PAGES * T_PAGE; i += 512)
            kept &= ((unsigned char *)r)[i] == 0x5a;
        sbrk(-(long)(HEAP_PAGES * T_PAGE));
    }
    CHECK(grew);
    CHECK(moved);
    CHECK(kept);
    CHECK_EQ(cur_brk(), old);
}

static unsigned long probe_addr;
static void touch_probe(void) { *(volatile char *)probe_addr = 1; }

TEST(touch_above_shrunk_break_is_sigsegv) {
    unsigned long old = cur_brk();
    char *r = sbrk(HEAP_PAGES * T_PAGE);
    CHECK(r != (void *)-1);
    if (r == (void *)-1)
        return;
    memset(r, 0x77, HEAP_PAGES * T_PAGE);
    int shrunk = sbrk(-(long)(HEAP_PAGES * T_PAGE)) != (void *)-1;
    probe_addr = page_up(old) + T_PAGE; /* wholly above the break */
    int st = t_run_child(touch_probe);
    probe_addr = page_up(old) + (HEAP_PAGES - 1) * T_PAGE; /* the last page it had */
    int st2 = t_run_child(touch_probe);
    CHECK(shrunk);
    CHECK_EQ(cur_brk(), old);
    CHECK(t_killed_by(st, SIGSEGV));
    CHECK(t_killed_by(st2, SIGSEGV));
}

TEST(regrown_pages_are_zero) {
    unsigned long old = cur_brk();
    char *r = sbrk(HEAP_PAGES * T_PAGE);
    CHECK(r != (void *)-1);
    if (r == (void *)-1)
        return;
    memset(r, 0xa5, HEAP_PAGES * T_PAGE);
    sbrk(-(long)(HEAP_PAGES * T_PAGE));
    r = sbrk(HEAP_PAGES * T_PAGE);
    int regrew = r != (void *)-1;
    unsigned long nonzero = 0;
    if (regrew) {
        /* The page holding the old break stays mapped and keeps its bytes (as on
         * Linux); every page wholly above it must come back zeroed. */
        for (unsigned long a = page_up(old); a < old + HEAP_PAGES * T_PAGE; a++)
            nonzero += *(unsigned char *)a != 0;
        sbrk(-(long)(HEAP_PAGES * T_PAGE));
    }
    CHECK(regrew);
    CHECK_EQ(nonzero, 0);
    CHECK_EQ(cur_brk(), old);
}

/* 64 MiB of break costs nothing until touched; a few touches, then give it back. */
TEST(large_lazy_break) {
    unsigned long old = cur_brk();
    const unsigned long size = 64UL << 20;
    long rss0 = t_vmrss_kib();
    char *r = sbrk(size);
    CHECK(r != (void *)-1);
    if (r == (void *)-1)
        return;
    long rss1 = t_vmrss_kib();
    for (unsigned long off = 0; off < size; off += 4UL << 20)
        r[off] = 1;
    long rss2 = t_vmrss_kib();
    int sum = 0;
    for (unsigned long off = 0; off < size; off += 4UL << 20)
        sum += r[off];
    sbrk(-(long)size);
    CHECK_EQ(sum, 16);
    CHECK_EQ(cur_brk(), old);
    if (rss0 >= 0) {
        CHECK(rss1 - rss0 < 256);
        CHECK(rss2 - rss1 < 16 * 4 + 256);
    }
}

/* The heap may not grow into another mapping: brk refuses and the break stays. */
TEST(brk_into_a_mapping_is_refused) {
    unsigned long old = cur_brk();
    void *hint = (void *)(page_up(old) + (16UL << 20));
    char *m = mmap(hint, T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(m != MAP_FAILED);
    if (m == MAP_FAILED)
        return;
    m[0] = 42;
    int rc = 1, err = 0;
    if ((unsigned long)m > old) {
        errno = 0;
        rc = brk(m + T_PAGE);
        err = errno;
    }
    unsigned long after = cur_brk();
    if (rc == 0)
        brk((void *)old);
    CHECK((unsigned long)m > old);
    CHECK_EQ(rc, -1);
    CHECK_EQ(err, ENOMEM);
    CHECK_EQ(after, old);
    CHECK_EQ(m[0], 42); /* the mapping is untouched */
    munmap(m, T_PAGE);
}

/* Many small steps up and down, as a malloc that trims would make. */
TEST(many_small_steps) {
    unsigned long old = cur_brk();
    int ok = 1;
    for (int i = 1; i <= 64 && ok; i++) {
        char *r = sbrk(i * 100);
        ok &= r != (void *)-1;
        if (ok) {
            memset(r, i, i * 100);
            ok &= r[i * 100 - 1] == (char)i;
        }
    }
    for (int i = 64; i >= 1 && ok; i--)
        ok &= sbrk(-i * 100) != (void *)-1;
    CHECK(ok);
    CHECK_EQ(cur_brk(), old);
}

/* After all that, malloc still works on top of the heap. */
TEST(malloc_after_brk_games) {
    char *p = malloc(100000);
    CHECK(p != NULL);
    if (p) {
        memset(p, 3, 100000);
        CHECK_EQ(p[99999], 3);
        free(p);
    }
}

int main(void) {
    /* The first line allocates stdio's buffer before any test moves the break. */
    printf("mem_brk: brk and sbrk\n");
    RUN(brk0_reports_the_break);
    RUN(grow_then_use);
    RUN(touch_above_shrunk_break_is_sigsegv);
    RUN(regrown_pages_are_zero);
    RUN(large_lazy_break);
    RUN(brk_into_a_mapping_is_refused);
    RUN(many_small_steps);
    RUN(malloc_after_brk_games);
    return check_summary();
}
