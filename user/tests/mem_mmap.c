/* mmap, munmap and mprotect with Linux semantics (issue 7): lazy anonymous mappings,
 * partial unmaps that split a mapping, MAP_FIXED replacing what was there, protection
 * changes, and mappings whose sum exceeds RAM. */
#include "testlib.h"

#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static char *map(unsigned long len, int prot) {
    char *p = mmap(NULL, len, prot, ANON, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static unsigned long probe_addr;
static void probe_write(void) { *(volatile char *)probe_addr = 1; }
static void probe_read(void) { (void)*(volatile char *)probe_addr; }
static int write_at(void *p) { probe_addr = (unsigned long)p; return t_run_child(probe_write); }
static int read_at(void *p) { probe_addr = (unsigned long)p; return t_run_child(probe_read); }

/* 1 when every byte of p[0..n) is c. */
static int all_bytes(const char *p, unsigned long n, char c) {
    for (unsigned long i = 0; i < n; i++)
        if (p[i] != c)
            return 0;
    return 1;
}

TEST(anonymous_mapping_is_zeroed_and_usable) {
    char *p = map(1UL << 20, RW);
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK_EQ((unsigned long)p % T_PAGE, 0);
    CHECK(all_bytes(p, 1UL << 20, 0));
    memset(p, 0x3c, 1UL << 20);
    CHECK(all_bytes(p, 1UL << 20, 0x3c));
    CHECK_EQ(munmap(p, 1UL << 20), 0);
    CHECK(t_killed_by(read_at(p), SIGSEGV));
}

TEST(munmap_of_the_middle_keeps_both_sides) {
    char *p = map(3 * T_PAGE, RW);
    CHECK(p != NULL);
    if (!p)
        return;
    memset(p, 'a', T_PAGE);
    memset(p + T_PAGE, 'b', T_PAGE);
    memset(p + 2 * T_PAGE, 'c', T_PAGE);
    CHECK_EQ(munmap(p + T_PAGE, T_PAGE), 0);
    CHECK(all_bytes(p, T_PAGE, 'a'));
    CHECK(all_bytes(p + 2 * T_PAGE, T_PAGE, 'c'));
    CHECK(t_killed_by(read_at(p + T_PAGE), SIGSEGV));
    CHECK(t_killed_by(write_at(p + T_PAGE + 100), SIGSEGV));
    CHECK(t_exited_with(write_at(p + T_PAGE - 1), 0));
    CHECK(t_exited_with(write_at(p + 2 * T_PAGE), 0));
    CHECK_EQ(munmap(p, 3 * T_PAGE), 0); /* unmapping a range with a hole is fine */
    CHECK(t_killed_by(read_at(p), SIGSEGV));
    CHECK(t_killed_by(read_at(p + 2 * T_PAGE), SIGSEGV));
}

TEST(munmap_of_either_end) {
    char *p = map(4 * T_PAGE, RW);
    CHECK(p != NULL);
    if (!p)
        return;
    memset(p, 'x', 4 * T_PAGE);
    CHECK_EQ(munmap(p, T_PAGE), 0);
    CHECK_EQ(munmap(p + 3 * T_PAGE, T_PAGE), 0);
    CHECK(t_killed_by(read_at(p), SIGSEGV));
    CHECK(t_killed_by(read_at(p + 3 * T_PAGE), SIGSEGV));
    CHECK(all_bytes(p + T_PAGE, 2 * T_PAGE, 'x'));
    CHECK_EQ(munmap(p + T_PAGE, 2 * T_PAGE), 0);
}

TEST(map_fixed_replaces_an_existing_mapping) {
    char *p = map(4 * T_PAGE, RW);
    CHECK(p != NULL);
    if (!p)
        return;
    memset(p, 0xaa, 4 * T_PAGE);
    char *q = mmap(p + T_PAGE, 2 * T_PAGE, RW, ANON | MAP_FIXED, -1, 0);
    CHECK(q == p + T_PAGE);
    CHECK(all_bytes(p, T_PAGE, (char)0xaa));
    CHECK(all_bytes(p + T_PAGE, 2 * T_PAGE, 0));
    CHECK(all_bytes(p + 3 * T_PAGE, T_PAGE, (char)0xaa));
    /* A read-only replacement in the middle: writes there fault, the rest is writable. */
    q = mmap(p + T_PAGE, T_PAGE, PROT_READ, ANON | MAP_FIXED, -1, 0);
    CHECK(q == p + T_PAGE);
    CHECK(t_killed_by(write_at(p + T_PAGE), SIGSEGV));
    CHECK(t_exited_with(write_at(p + 2 * T_PAGE), 0));
    CHECK_EQ(munmap(p, 4 * T_PAGE), 0);
}

TEST(map_fixed_noreplace_refuses_a_taken_range) {
#ifdef MAP_FIXED_NOREPLACE
    char *p = map(2 * T_PAGE, RW);
    CHECK(p != NULL);
    if (!p)
        return;
    p[0] = 9;
    errno = 0;
    CHECK(mmap(p + T_PAGE, T_PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0) == MAP_FAILED);
    CHECK_EQ(errno, EEXIST);
    CHECK_EQ(p[0], 9);
    CHECK_EQ(munmap(p + T_PAGE, T_PAGE), 0);
    CHECK(mmap(p + T_PAGE, T_PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0) == p + T_PAGE);
    CHECK_EQ(munmap(p, 2 * T_PAGE), 0);
#else
    printf("  MAP_FIXED_NOREPLACE not in <sys/mman.h>: skipped\n");
#endif
}

TEST(a_free_hint_is_honoured) {
    char *hint = (char *)0x50000000UL;
    char *p = mmap(hint, 2 * T_PAGE, RW, ANON, -1, 0);
    CHECK(p == hint);
    if (p != MAP_FAILED) {
        p[0] = 1;
        munmap(p, 2 * T_PAGE);
    }
}

TEST(mprotect_read_only_then_write_is_sigsegv) {
    char *p = map(2 * T_PAGE, RW);
    CHECK(p != NULL);
    if (!p)
        return;
    memset(p, 'm', 2 * T_PAGE);
    CHECK_EQ(mprotect(p + T_PAGE, T_PAGE, PROT_READ), 0);
    CHECK(t_killed_by(write_at(p + T_PAGE), SIGSEGV));
    CHECK(t_exited_with(write_at(p), 0));
    CHECK(t_exited_with(read_at(p + T_PAGE), 0));
    CHECK(all_bytes(p + T_PAGE, T_PAGE, 'm'));
    CHECK_EQ(mprotect(p + T_PAGE, T_PAGE, RW), 0);
    p[T_PAGE] = 'n';
    CHECK_EQ(p[T_PAGE], 'n');
    CHECK_EQ(mprotect(p, 2 * T_PAGE, PROT_NONE), 0);
    CHECK(t_killed_by(read_at(p), SIGSEGV));
    CHECK_EQ(munmap(p, 2 * T_PAGE), 0);
}

TEST(prot_none_until_mprotect) {
    char *p = map(T_PAGE, PROT_NONE);
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK(t_killed_by(read_at(p), SIGSEGV));
    CHECK(t_killed_by(write_at(p), SIGSEGV));
    CHECK_EQ(mprotect(p, T_PAGE, RW), 0);
    CHECK_EQ(p[100], 0);
    p[100] = 1;
    CHECK_EQ(p[100], 1);
    CHECK_EQ(munmap(p, T_PAGE), 0);
}

/* 8 x 256 MiB = 2 GiB of lazy mappings (far more than the guest's RAM), one page
 * touched in each. */
#define BIG_MAPS 8
#define BIG_LEN (256UL << 20)
TEST(lazy_mappings_larger_than_ram) {
    char *m[BIG_MAPS];
    int made = 0;
    long rss0 = t_vmrss_kib();
    for (int i = 0; i < BIG_MAPS; i++) {
        m[i] = map(BIG_LEN, RW);
        if (m[i])
            made++;
    }
    CHECK_EQ(made, BIG_MAPS);
    for (int i = 0; i < BIG_MAPS; i++)
        if (m[i]) {
            m[i][BIG_LEN / 2] = (char)i;
            m[i][BIG_LEN - 1] = (char)i;
        }
    long rss1 = t_vmrss_kib();
    int ok = 1;
    for (int i = 0; i < BIG_MAPS; i++)
        if (m[i])
            ok &= m[i][BIG_LEN / 2] == (char)i && m[i][BIG_LEN - 1] == (char)i && m[i][0] == 0;
    CHECK(ok);
    if (rss0 >= 0)
        CHECK(rss1 - rss0 < 1024);
    for (int i = 0; i < BIG_MAPS; i++)
        if (m[i])
            CHECK_EQ(munmap(m[i], BIG_LEN), 0);
}

TEST(many_small_mappings) {
    enum { N = 200 };
    static char *m[N];
    int ok = 1;
    for (int i = 0; i < N; i++) {
        m[i] = map(T_PAGE, RW);
        ok &= m[i] != NULL;
        if (m[i])
            memset(m[i], i, T_PAGE);
    }
    for (int i = 0; i < N; i++)
        if (m[i])
            ok &= all_bytes(m[i], T_PAGE, (char)i);
    for (int i = 0; i < N; i += 2)
        if (m[i])
            ok &= munmap(m[i], T_PAGE) == 0;
    for (int i = 1; i < N; i += 2)
        if (m[i])
            ok &= all_bytes(m[i], T_PAGE, (char)i) && munmap(m[i], T_PAGE) == 0;
    CHECK(ok);
}

TEST(bad_arguments_get_linux_errors) {
    errno = 0;
    CHECK(mmap(NULL, 0, RW, ANON, -1, 0) == MAP_FAILED);
    CHECK_EQ(errno, EINVAL);
    errno = 0;
    CHECK(mmap(NULL, 0xFFFFF000UL, RW, ANON, -1, 0) == MAP_FAILED); /* can never fit */
    CHECK_EQ(errno, ENOMEM);
    errno = 0;
    CHECK(mmap((void *)0x50000123UL, T_PAGE, RW, ANON | MAP_FIXED, -1, 0) == MAP_FAILED);
    CHECK_EQ(errno, EINVAL);
    errno = 0;
    CHECK(mmap(NULL, T_PAGE, RW, MAP_ANONYMOUS, -1, 0) == MAP_FAILED); /* neither private nor shared */
    CHECK_EQ(errno, EINVAL);
    errno = 0;
    CHECK(mmap(NULL, T_PAGE, RW, MAP_PRIVATE, -1, 0) == MAP_FAILED); /* file mapping of fd -1 */
    CHECK_EQ(errno, EBADF);
    char *p = map(T_PAGE, RW);
    CHECK(p != NULL);
    errno = 0;
    CHECK_EQ(munmap(p + 1, T_PAGE), -1);
    CHECK_EQ(errno, EINVAL);
    errno = 0;
    CHECK_EQ(mprotect(p + 1, T_PAGE, PROT_READ), -1);
    CHECK_EQ(errno, EINVAL);
    errno = 0;
    CHECK_EQ(mprotect(t_unmapped_page(), T_PAGE, PROT_READ), -1);
    CHECK_EQ(errno, ENOMEM);
    CHECK_EQ(munmap(p, T_PAGE), 0);
    CHECK_EQ(munmap(p, T_PAGE), 0); /* unmapping nothing is not an error */
}

/* A private mapping is copied, not shared, across fork. */
static char *cow_page;
static void cow_child(void) {
    if (cow_page[0] != 'p')
        _exit(1);
    memset(cow_page, 'c', T_PAGE);
    _exit(cow_page[T_PAGE - 1] == 'c' ? 0 : 2);
}
TEST(private_mapping_is_private_after_fork) {
    cow_page = map(T_PAGE, RW);
    CHECK(cow_page != NULL);
    if (!cow_page)
        return;
    memset(cow_page, 'p', T_PAGE);
    CHECK(t_exited_with(t_run_child(cow_child), 0));
    CHECK(all_bytes(cow_page, T_PAGE, 'p'));
    munmap(cow_page, T_PAGE);
}

int main(void) {
    RUN(anonymous_mapping_is_zeroed_and_usable);
    RUN(munmap_of_the_middle_keeps_both_sides);
    RUN(munmap_of_either_end);
    RUN(map_fixed_replaces_an_existing_mapping);
    RUN(map_fixed_noreplace_refuses_a_taken_range);
    RUN(a_free_hint_is_honoured);
    RUN(mprotect_read_only_then_write_is_sigsegv);
    RUN(prot_none_until_mprotect);
    RUN(lazy_mappings_larger_than_ram);
    RUN(many_small_mappings);
    RUN(bad_arguments_get_linux_errors);
    RUN(private_mapping_is_private_after_fork);
    return check_summary();
}
