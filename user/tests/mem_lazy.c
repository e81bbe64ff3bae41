/* Laziness and exhaustion: mincore shows that untouched pages cost nothing, madvise
 * DONTNEED gives pages back, mremap keeps contents when it grows or moves a mapping, and
 * (on LingOS only: on a real host it would wake the OOM killer) a process that touches
 * more memory than there is is killed, and every page it held returns to the kernel. */
#define _GNU_SOURCE 1   /* mremap and MAP_FIXED_NOREPLACE in glibc's headers */
#include "testlib.h"
#include <string.h>
#include <sys/utsname.h>
#include <sys/sysinfo.h>

#define PAGES 64
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static char *map_pages(size_t n) {
    char *p = mmap(NULL, n * T_PAGE, RW, ANON, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static int resident(char *p, size_t n, unsigned char *vec) {
    if (mincore(p, n * T_PAGE, vec) != 0)
        return -1;
    int count = 0;
    for (size_t i = 0; i < n; i++)
        count += vec[i] & 1;
    return count;
}

TEST(mincore_sees_only_touched_pages) {
    static unsigned char vec[PAGES];
    char *p = map_pages(PAGES);
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK_EQ(resident(p, PAGES, vec), 0);
    for (int i = 0; i < PAGES; i += 4)
        p[i * T_PAGE] = 1;
    CHECK_EQ(resident(p, PAGES, vec), PAGES / 4);
    CHECK(vec[0] & 1);
    CHECK(!(vec[1] & 1));
    CHECK_EQ(mincore(p + 1, T_PAGE, vec), -1);
    CHECK_EQ(errno, EINVAL);
    munmap(p, PAGES * T_PAGE);
    CHECK_EQ(mincore(p, T_PAGE, vec), -1);
    CHECK_EQ(errno, ENOMEM);
}

TEST(madvise_dontneed_gives_pages_back_as_zero) {
    static unsigned char vec[PAGES];
    char *p = map_pages(PAGES);
    CHECK(p != NULL);
    if (!p)
        return;
    memset(p, 0x5a, PAGES * T_PAGE);
    CHECK_EQ(resident(p, PAGES, vec), PAGES);
    CHECK_EQ(madvise(p, PAGES * T_PAGE, MADV_DONTNEED), 0);
    CHECK_EQ(resident(p, PAGES, vec), 0);
    int zero = 1;
    for (int i = 0; i < PAGES; i++)
        zero &= p[i * T_PAGE] == 0 && p[i * T_PAGE + T_PAGE - 1] == 0;
    CHECK(zero);
    CHECK_EQ(madvise(p + 1, T_PAGE, MADV_DONTNEED), -1);
    CHECK_EQ(errno, EINVAL);
    munmap(p, PAGES * T_PAGE);
}

TEST(mremap_grows_and_moves_keeping_contents) {
    char *p = map_pages(4);
    CHECK(p != NULL);
    if (!p)
        return;
    for (int i = 0; i < 4; i++)
        memset(p + i * T_PAGE, 'a' + i, T_PAGE);
    /* A mapping right after it forces a move. */
    char *fence = mmap(p + 4 * T_PAGE, T_PAGE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0);
    char *q = mremap(p, 4 * T_PAGE, 64 * T_PAGE, MREMAP_MAYMOVE);
    CHECK(q != MAP_FAILED);
    if (q == MAP_FAILED)
        return;
    int same = 1;
    for (int i = 0; i < 4; i++)
        same &= q[i * T_PAGE] == 'a' + i && q[i * T_PAGE + T_PAGE - 1] == 'a' + i;
    CHECK(same);
    CHECK(q[63 * T_PAGE] == 0);
    if (fence != MAP_FAILED) {
        CHECK(q != p);
        munmap(fence, T_PAGE);
    }
    char *r = mremap(q, 64 * T_PAGE, 2 * T_PAGE, 0);   /* shrink in place */
    CHECK(r == q);
    CHECK(r[T_PAGE] == 'b');
    CHECK(mremap(r, 2 * T_PAGE, 1024 * T_PAGE * 1024UL, 0) == MAP_FAILED);
    munmap(r, 2 * T_PAGE);
}

static int on_lingos(void) {
    struct utsname u;
    return uname(&u) == 0 && !strcmp(u.sysname, "LingOS");
}

static long free_kib(void) { return t_proc_kib("/proc/meminfo", "MemFree"); }

/* Touches page after page of one huge mapping until the kernel runs out. */
static void exhaust(void) {
    struct sysinfo si;
    if (sysinfo(&si) != 0)
        _exit(2);
    size_t len = (size_t)si.totalram * si.mem_unit * 2;
    char *p = mmap(NULL, len, RW, ANON, -1, 0);
    if (p == MAP_FAILED)
        _exit(3);
    for (size_t off = 0; off < len; off += T_PAGE)
        p[off] = 1;
    _exit(4);   /* touched more than RAM: the kernel should have stopped us */
}

TEST(running_out_of_memory_kills_only_the_toucher) {
    if (!on_lingos()) {
        printf("  (natively skipped: on a real host this would wake the OOM killer)\n");
        return;
    }
    long before = free_kib();
    int st = t_run_child(exhaust);
    CHECK(WIFSIGNALED(st));
    long after = free_kib();
    printf("  MemFree %ld KiB before, %ld KiB after the killed child\n", before, after);
    CHECK(before > 0 && after > before - 512);
}

int main(void) {
    RUN(mincore_sees_only_touched_pages);
    RUN(madvise_dontneed_gives_pages_back_as_zero);
    RUN(mremap_grows_and_moves_keeping_contents);
    RUN(running_out_of_memory_kills_only_the_toucher);
    return check_summary();
}
