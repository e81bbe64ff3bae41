/* Page faults seen from user space (issue 4): bad accesses kill with SIGSEGV, memory is
 * lazy, the stack grows, and system calls refuse bad pointers with EFAULT. */
#include "testlib.h"

static void null_write(void) { *(volatile int *)t_opaque(0) = 1; }
static void null_read(void) { (void)*(volatile int *)t_opaque(0); }
static void low_page_read(void) { (void)*(volatile int *)t_opaque(0xffc); }

TEST(null_dereference_is_sigsegv) {
    CHECK(t_killed_by(t_run_child(null_write), SIGSEGV));
    CHECK(t_killed_by(t_run_child(null_read), SIGSEGV));
    CHECK(t_killed_by(t_run_child(low_page_read), SIGSEGV));
}

static void kernel_read(void) { (void)*(volatile int *)t_opaque(0xC0000000UL); }
static void kernel_write(void) { *(volatile int *)t_opaque(0xC0000000UL) = 1; }
static void kernel_image_read(void) { (void)*(volatile int *)t_opaque(0xC0100000UL); }
static void kernel_top_read(void) { (void)*(volatile int *)t_opaque(0xFFFFF000UL); }

TEST(touching_kernel_memory_is_sigsegv) {
    CHECK(t_killed_by(t_run_child(kernel_read), SIGSEGV));
    CHECK(t_killed_by(t_run_child(kernel_write), SIGSEGV));
    CHECK(t_killed_by(t_run_child(kernel_image_read), SIGSEGV));
    CHECK(t_killed_by(t_run_child(kernel_top_read), SIGSEGV));
}

static const char rodata_string[] = "read-only data";
static void rodata_write(void) {
    *(volatile char *)t_opaque((unsigned long)rodata_string) = 'X';
}
static void text_write(void) {
    *(volatile char *)t_opaque((unsigned long)&text_write) = 0x90;
}
static void prot_read_write(void) {
    char *p = mmap(NULL, T_PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        _exit(2);
    if (p[0] != 0)
        _exit(3);
    *(volatile char *)p = 1;
}

TEST(writing_read_only_memory_is_sigsegv) {
    CHECK(t_killed_by(t_run_child(rodata_write), SIGSEGV));
    CHECK(t_killed_by(t_run_child(text_write), SIGSEGV));
    CHECK(t_killed_by(t_run_child(prot_read_write), SIGSEGV));
    CHECK_EQ(rodata_string[0], 'r'); /* and the parent's copy is intact */
}

static void do_nothing(void) {}

/* A child killed by SIGSEGV must not disturb its parent or later children. */
TEST(parent_survives_many_faulting_children) {
    int killed = 0;
    for (int i = 0; i < 20; i++)
        killed += t_killed_by(t_run_child(i & 1 ? null_write : kernel_read), SIGSEGV);
    CHECK_EQ(killed, 20);
    CHECK(t_exited_with(t_run_child(do_nothing), 0));
}

#define SPARSE_BYTES (32UL << 20)
#define SPARSE_STRIDE (16 * T_PAGE) /* touch one page in 16: 512 pages, 2 MiB */

TEST(sparse_touches_cost_only_touched_pages) {
    long before = t_vmrss_kib();
    char *p = mmap(NULL, SPARSE_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    CHECK(p != MAP_FAILED);
    if (p == MAP_FAILED)
        return;
    long mapped = t_vmrss_kib();
    unsigned long pages = 0;
    for (unsigned long off = 0; off < SPARSE_BYTES; off += SPARSE_STRIDE, pages++)
        p[off] = (char)(off >> 16);
    long after = t_vmrss_kib();
    for (unsigned long off = 0; off < SPARSE_BYTES; off += SPARSE_STRIDE)
        if (p[off] != (char)(off >> 16)) {
            CHECK(p[off] == (char)(off >> 16));
            break;
        }
    CHECK_EQ(p[T_PAGE], 0); /* an untouched page reads as zero */
    if (before >= 0) {
        long touched_kib = (long)(pages * T_PAGE / 1024);
        printf("  VmRSS %ld kB -> %ld kB after mmap -> %ld kB after %lu touches\n", before,
               mapped, after, pages);
        CHECK(mapped - before < 256);              /* mmap itself costs no RAM */
        CHECK(after - mapped >= touched_kib - 64);  /* each touch costs a page ... */
        CHECK(after - mapped <= touched_kib + 512); /* ... and only that page */
    } else {
        printf("  /proc/self/status unreadable: RSS not measured\n");
    }
    CHECK_EQ(munmap(p, SPARSE_BYTES), 0);
}

/* Each level keeps 1 KiB on the stack and cannot be turned into a loop. */
__attribute__((noinline)) static int recurse(int depth) {
    volatile char frame[1024];
    frame[0] = (char)depth;
    frame[sizeof frame - 1] = 1;
    if (depth == 0)
        return frame[sizeof frame - 1];
    return recurse(depth - 1) + frame[sizeof frame - 1];
}

static void recurse_2mib(void) { _exit(recurse(2048) == 2049 ? 0 : 1); }
static void recurse_32mib(void) { _exit(recurse(32 * 1024) == 32 * 1024 + 1 ? 0 : 1); }

TEST(stack_grows_for_2mib_recursion) {
    CHECK(t_exited_with(t_run_child(recurse_2mib), 0));
    CHECK(t_exited_with(t_run_child(recurse_2mib), 0));
}

/* The stack may grow to 8 MiB like Linux's default limit, not without bound. */
TEST(stack_overflow_past_the_limit_is_sigsegv) {
    CHECK(t_killed_by(t_run_child(recurse_32mib), SIGSEGV));
}

TEST(write_from_bad_pointer_is_efault) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    errno = 0;
    CHECK_EQ(write(p[1], T_KERNEL_PTR, 16), -1);
    CHECK_EQ(errno, EFAULT);
    errno = 0;
    CHECK_EQ(write(p[1], t_unmapped_page(), 16), -1);
    CHECK_EQ(errno, EFAULT);
    errno = 0;
    CHECK_EQ(write(p[1], t_opaque(0), 16), -1);
    CHECK_EQ(errno, EFAULT);
    CHECK_EQ(write(p[1], "ok", 2), 2); /* the pipe still works */
    char buf[4];
    CHECK_EQ(read(p[0], buf, sizeof buf), 2);
    close(p[0]);
    close(p[1]);
}

TEST(read_into_bad_pointer_is_efault) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    CHECK_EQ(write(p[1], "0123456789abcdef", 16), 16);
    errno = 0;
    CHECK_EQ(read(p[0], T_KERNEL_PTR, 16), -1);
    CHECK_EQ(errno, EFAULT);
    CHECK_EQ(write(p[1], "0123456789abcdef", 16), 16);
    errno = 0;
    CHECK_EQ(read(p[0], t_unmapped_page(), 16), -1);
    CHECK_EQ(errno, EFAULT);
    /* A read-only page is as bad a destination as an unmapped one. */
    CHECK_EQ(write(p[1], "0123456789abcdef", 16), 16);
    errno = 0;
    CHECK_EQ(read(p[0], t_opaque((unsigned long)rodata_string), 4), -1);
    CHECK_EQ(errno, EFAULT);
    CHECK_EQ(rodata_string[0], 'r');
    close(p[0]);
    close(p[1]);
}

TEST(stat_with_bad_pointer_is_efault) {
    struct stat st;
    errno = 0;
    CHECK_EQ(stat((const char *)T_KERNEL_PTR, &st), -1);
    CHECK_EQ(errno, EFAULT);
    errno = 0;
    CHECK_EQ(stat((const char *)t_unmapped_page(), &st), -1);
    CHECK_EQ(errno, EFAULT);
    /* (A bad struct stat pointer is not tested: glibc converts from its own buffer.) */
    CHECK_EQ(stat("/", &st), 0);
}

TEST(open_with_bad_path_pointer_is_efault) {
    errno = 0;
    CHECK_EQ(open((const char *)T_KERNEL_PTR, O_RDONLY), -1);
    CHECK_EQ(errno, EFAULT);
    errno = 0;
    CHECK_EQ(open((const char *)t_unmapped_page(), O_RDONLY), -1);
    CHECK_EQ(errno, EFAULT);
    errno = 0;
    CHECK_EQ(open((const char *)t_opaque(0), O_RDONLY), -1);
    CHECK_EQ(errno, EFAULT);
    /* A path that starts in a mapped page and runs into an unmapped one. */
    char *p = mmap(NULL, 2 * T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    if (p != MAP_FAILED) {
        memset(p, 'a', T_PAGE);
        munmap(p + T_PAGE, T_PAGE);
        errno = 0;
        CHECK_EQ(open(p + T_PAGE - 8, O_RDONLY), -1);
        CHECK_EQ(errno, EFAULT);
        munmap(p, T_PAGE);
    }
}

int main(void) {
    RUN(null_dereference_is_sigsegv);
    RUN(touching_kernel_memory_is_sigsegv);
    RUN(writing_read_only_memory_is_sigsegv);
    RUN(parent_survives_many_faulting_children);
    RUN(sparse_touches_cost_only_touched_pages);
    RUN(stack_grows_for_2mib_recursion);
    RUN(stack_overflow_past_the_limit_is_sigsegv);
    RUN(write_from_bad_pointer_is_efault);
    RUN(read_into_bad_pointer_is_efault);
    RUN(stat_with_bad_pointer_is_efault);
    RUN(open_with_bad_path_pointer_is_efault);
    return check_summary();
}
