/* File mappings (mmap of a regular file, MAP_PRIVATE and read-only MAP_SHARED): the
 * contents match read() at every offset, the tail of the last page past the end of the
 * file is zero, private writes are never written back (nor seen by a forked child or a
 * second mapping), the file offset is left alone, the mapping outlives its fd, and
 * /proc/self/maps names the file's inode. Plus Linux's errors: EBADF, EACCES, ENODEV,
 * and EINVAL for an unaligned byte offset through the old mmap call. */
#include "testlib.h"
#include <sys/syscall.h>

#define FILE_LEN (3 * T_PAGE + 100)     /* three whole pages and a partial one */

static unsigned char pattern_at(unsigned long i) { return (unsigned char)(i * 7 + (i >> 12)); }

static unsigned char contents[FILE_LEN];

static int open_data(int flags) { return open(t_path("data"), flags); }

/* The number of bytes of p[0..n) that differ from the file at off. */
static unsigned long mismatches(const unsigned char *p, unsigned long off, unsigned long n) {
    unsigned long bad = 0;
    for (unsigned long i = 0; i < n; i++)
        bad += p[i] != contents[off + i];
    return bad;
}

static unsigned char *map_data(unsigned long len, int prot, int flags, long off) {
    int fd = open_data(O_RDONLY);
    if (fd < 0)
        return NULL;
    void *p = mmap(NULL, len, prot, flags, fd, off);
    close(fd);
    return p == MAP_FAILED ? NULL : p;
}

TEST(setup_writes_the_file) {
    for (unsigned long i = 0; i < FILE_LEN; i++)
        contents[i] = pattern_at(i);
    CHECK_EQ(t_write_file(t_path("data"), contents, FILE_LEN, 0644), 0);
}

TEST(private_mapping_matches_read_and_the_tail_is_zero) {
    unsigned char *p = map_data(FILE_LEN, PROT_READ, MAP_PRIVATE, 0);
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK_EQ((unsigned long)p % T_PAGE, 0);
    CHECK_EQ(mismatches(p, 0, FILE_LEN), 0);
    unsigned long zeros = 0;
    for (unsigned long i = FILE_LEN; i < 4 * T_PAGE; i++)
        zeros += p[i] == 0;
    CHECK_EQ(zeros, 4 * T_PAGE - FILE_LEN);
    CHECK_EQ(munmap(p, FILE_LEN), 0);
}

TEST(an_offset_maps_from_that_page) {
    unsigned char *p = map_data(T_PAGE + 100, PROT_READ, MAP_PRIVATE, 2 * T_PAGE);
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK_EQ(mismatches(p, 2 * T_PAGE, T_PAGE + 100), 0);
    CHECK_EQ(p[T_PAGE + 100], 0);
    CHECK_EQ(munmap(p, T_PAGE + 100), 0);
}

TEST(private_writes_are_not_written_back) {
    unsigned char *p = map_data(FILE_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
    CHECK(p != NULL);
    if (!p)
        return;
    memset(p, 'w', FILE_LEN);
    unsigned char *q = map_data(FILE_LEN, PROT_READ, MAP_PRIVATE, 0);
    CHECK(q != NULL);
    if (q) {
        CHECK_EQ(mismatches(q, 0, FILE_LEN), 0);    /* a second mapping: the file's bytes */
        CHECK_EQ(munmap(q, FILE_LEN), 0);
    }
    CHECK_EQ(munmap(p, FILE_LEN), 0);
    static unsigned char back[FILE_LEN + 1];
    int fd = open_data(O_RDONLY);
    CHECK(fd >= 0);
    CHECK_EQ(t_read_full(fd, back, sizeof back), FILE_LEN);
    CHECK_EQ(mismatches(back, 0, FILE_LEN), 0);
    close(fd);
}

static unsigned char *forked_map;
static void child_writes_its_copy(void) {
    if (mismatches(forked_map, 0, FILE_LEN) != 0)
        _exit(2);
    forked_map[0] ^= 0xff;
    _exit(forked_map[0] == (unsigned char)~contents[0] ? 0 : 3);
}

TEST(a_forked_child_gets_its_own_copy) {
    forked_map = map_data(FILE_LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
    CHECK(forked_map != NULL);
    if (!forked_map)
        return;
    forked_map[1] = 'p';
    contents[1] = 'p';              /* the child inherits the parent's write */
    CHECK(t_exited_with(t_run_child(child_writes_its_copy), 0));
    CHECK_EQ(forked_map[0], contents[0]);
    contents[1] = pattern_at(1);
    CHECK_EQ(munmap(forked_map, FILE_LEN), 0);
}

TEST(shared_read_only_mapping_reads_the_file) {
    unsigned char *p = map_data(FILE_LEN, PROT_READ, MAP_SHARED, 0);
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK_EQ(mismatches(p, 0, FILE_LEN), 0);
    CHECK_EQ(munmap(p, FILE_LEN), 0);
}

TEST(the_offset_stays_and_the_mapping_outlives_the_fd) {
    int fd = open_data(O_RDWR);
    CHECK(fd >= 0);
    CHECK_EQ(lseek(fd, 123, SEEK_SET), 123);
    unsigned char *p = mmap(NULL, FILE_LEN, PROT_READ, MAP_PRIVATE, fd, 0);
    CHECK(p != MAP_FAILED);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 123);
    CHECK_EQ(close(fd), 0);
    if (p == MAP_FAILED)
        return;
    CHECK_EQ(mismatches(p, 0, FILE_LEN), 0);
    CHECK_EQ(munmap(p, FILE_LEN), 0);
}

/* The inode column of the /proc/self/maps line starting at addr, or -1. */
static long maps_inode(unsigned long addr) {
    static char buf[16384];
    int fd = open("/proc/self/maps", O_RDONLY);
    if (fd < 0)
        return -1;
    long n = t_read_full(fd, buf, sizeof buf - 1);
    close(fd);
    if (n < 0)
        return -1;
    buf[n] = 0;
    char want[16];
    snprintf(want, sizeof want, "%08lx-", addr);
    for (char *line = buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, want, strlen(want)))
            continue;
        char *f = line;
        for (int field = 0; field < 4 && f; field++) {   /* range perms offset dev */
            f = strchr(f, ' ');
            f = f ? f + 1 : NULL;
        }
        return f ? strtol(f, NULL, 10) : -1;
    }
    return -1;
}

TEST(proc_maps_names_the_inode) {
    struct stat st;
    CHECK_EQ(stat(t_path("data"), &st), 0);
    unsigned char *p = map_data(T_PAGE, PROT_READ, MAP_PRIVATE, T_PAGE);
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK_EQ(maps_inode((unsigned long)p), (long)st.st_ino);
    CHECK_EQ(munmap(p, T_PAGE), 0);
}

static long mmap_errno(int fd, int prot, int flags) {
    void *p = mmap(NULL, T_PAGE, prot, flags, fd, 0);
    if (p != MAP_FAILED) {
        munmap(p, T_PAGE);
        return 0;
    }
    return errno;
}

TEST(errors_are_linux_s) {
    CHECK_EQ(mmap_errno(-1, PROT_READ, MAP_PRIVATE), EBADF);
    CHECK_EQ(mmap_errno(1000, PROT_READ, MAP_PRIVATE), EBADF);
    int fd = open_data(O_WRONLY);
    CHECK(fd >= 0);
    CHECK_EQ(mmap_errno(fd, PROT_READ, MAP_PRIVATE), EACCES);
    close(fd);
    fd = open_data(O_RDONLY);
    CHECK_EQ(mmap_errno(fd, PROT_READ | PROT_WRITE, MAP_SHARED), EACCES);
    close(fd);
    int dir = open(t_dir, O_RDONLY | O_DIRECTORY);
    CHECK(dir >= 0);
    CHECK_EQ(mmap_errno(dir, PROT_READ, MAP_PRIVATE), ENODEV);
    close(dir);
    int pfd[2];
    CHECK_EQ(pipe(pfd), 0);
    CHECK_EQ(mmap_errno(pfd[0], PROT_READ, MAP_PRIVATE), ENODEV);
    close(pfd[0]);
    close(pfd[1]);
    /* The old mmap takes a byte offset, which must be page aligned. */
    fd = open_data(O_RDONLY);
    unsigned long args[6] = {0, T_PAGE, PROT_READ, MAP_PRIVATE, (unsigned long)fd, 100};
    CHECK_EQ(syscall(SYS_mmap, args), -1);
    CHECK_EQ(errno, EINVAL);
    args[5] = T_PAGE;
    long r = syscall(SYS_mmap, args);
    CHECK(r != -1);
    if (r != -1) {
        CHECK_EQ(mismatches((unsigned char *)r, T_PAGE, T_PAGE), 0);
        munmap((void *)r, T_PAGE);
    }
    close(fd);
}

TEST(cleanup_removes_everything) { CHECK_EQ(t_rmtree(t_dir), 0); }

int main(void) {
    if (!t_make_tmpdir("mmapfile"))
        return 1;
    RUN(setup_writes_the_file);
    RUN(private_mapping_matches_read_and_the_tail_is_zero);
    RUN(an_offset_maps_from_that_page);
    RUN(private_writes_are_not_written_back);
    RUN(a_forked_child_gets_its_own_copy);
    RUN(shared_read_only_mapping_reads_the_file);
    RUN(the_offset_stays_and_the_mapping_outlives_the_fd);
    RUN(proc_maps_names_the_inode);
    RUN(errors_are_linux_s);
    RUN(cleanup_removes_everything);
    return check_summary();
}
