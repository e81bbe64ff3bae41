/* Regular files (issue 6), in a fresh directory under $TMPDIR or /tmp: create, write,
 * read, append, lseek, holes, large files, truncate, unlink, rename, link, dup/dup2,
 * fcntl, and the errors Linux gives for bad paths and descriptors. */
#include "testlib.h"

static unsigned char pattern_at(unsigned long i) { return (unsigned char)(i ^ (i >> 8) ^ (i >> 16)); }

static void fill_pattern(unsigned char *b, unsigned long off, unsigned long n) {
    for (unsigned long i = 0; i < n; i++)
        b[i] = pattern_at(off + i);
}

static unsigned long count_mismatches(const unsigned char *b, unsigned long off, unsigned long n) {
    unsigned long bad = 0;
    for (unsigned long i = 0; i < n; i++)
        bad += b[i] != pattern_at(off + i);
    return bad;
}

static long file_size(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

TEST(create_write_read_back) {
    static unsigned char out[10000], in[10001];
    fill_pattern(out, 0, sizeof out);
    int fd = open(t_path("a"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, out, 3000), 3000);
    CHECK_EQ(write(fd, out + 3000, 7000), 7000);
    CHECK_EQ(close(fd), 0);
    fd = open(t_path("a"), O_RDONLY);
    CHECK(fd >= 0);
    CHECK_EQ(t_read_full(fd, in, sizeof in), 10000);
    CHECK_EQ(count_mismatches(in, 0, 10000), 0);
    CHECK_EQ(read(fd, in, 10), 0); /* at end of file */
    CHECK_EQ(close(fd), 0);
}

TEST(stat_and_fstat_describe_the_file) {
    struct stat st, fst;
    CHECK_EQ(stat(t_path("a"), &st), 0);
    CHECK(S_ISREG(st.st_mode));
    CHECK_EQ(st.st_mode & 0777, 0644);
    CHECK_EQ(st.st_size, 10000);
    CHECK_EQ(st.st_nlink, 1);
    CHECK(st.st_ino != 0);
    CHECK(st.st_blocks >= 10000 / 512);
    int fd = open(t_path("a"), O_RDONLY);
    CHECK_EQ(fstat(fd, &fst), 0);
    CHECK_EQ(fst.st_ino, st.st_ino);
    CHECK_EQ(fst.st_size, 10000);
    close(fd);
    CHECK(st.st_mtime > 1000000000); /* a real timestamp, not zero */
}

TEST(o_trunc_and_o_excl) {
    CHECK_EQ(t_write_file(t_path("t"), "something", 9, 0644), 0);
    int fd = open(t_path("t"), O_WRONLY | O_CREAT | O_EXCL, 0644);
    CHECK_EQ(fd, -1);
    CHECK_EQ(errno, EEXIST);
    fd = open(t_path("t"), O_WRONLY | O_CREAT, 0644); /* exists: opened, kept */
    CHECK(fd >= 0);
    close(fd);
    CHECK_EQ(file_size(t_path("t")), 9);
    fd = open(t_path("t"), O_WRONLY | O_TRUNC);
    CHECK(fd >= 0);
    close(fd);
    CHECK_EQ(file_size(t_path("t")), 0);
    CHECK_EQ(unlink(t_path("t")), 0);
}

TEST(o_append_writes_at_the_end) {
    CHECK_EQ(t_write_file(t_path("log"), "one\n", 4, 0644), 0);
    int fd = open(t_path("log"), O_WRONLY | O_APPEND);
    CHECK(fd >= 0);
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(write(fd, "two\n", 4), 4);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 8);
    CHECK((fcntl(fd, F_GETFL) & O_APPEND) != 0);
    CHECK_EQ(fcntl(fd, F_GETFL) & O_ACCMODE, O_WRONLY);
    close(fd);
    char buf[16] = {0};
    fd = open(t_path("log"), O_RDONLY);
    CHECK_EQ(t_read_full(fd, buf, sizeof buf - 1), 8);
    CHECK(!strcmp(buf, "one\ntwo\n"));
    close(fd);
    CHECK_EQ(unlink(t_path("log")), 0);
}

TEST(lseek_whence_and_errors) {
    int fd = open(t_path("a"), O_RDONLY);
    CHECK(fd >= 0);
    unsigned char b[4];
    CHECK_EQ(lseek(fd, 100, SEEK_SET), 100);
    CHECK_EQ(read(fd, b, 4), 4);
    CHECK_EQ(count_mismatches(b, 100, 4), 0);
    CHECK_EQ(lseek(fd, -4, SEEK_CUR), 100);
    CHECK_EQ(lseek(fd, -10, SEEK_END), 9990);
    CHECK_EQ(read(fd, b, 4), 4);
    CHECK_EQ(count_mismatches(b, 9990, 4), 0);
    CHECK_EQ(lseek(fd, 20000, SEEK_SET), 20000); /* past the end is allowed */
    CHECK_EQ(read(fd, b, 4), 0);
    errno = 0;
    CHECK_EQ(lseek(fd, -1, SEEK_SET), -1);
    CHECK_EQ(errno, EINVAL);
    errno = 0;
    CHECK_EQ(lseek(fd, 0, 42), -1);
    CHECK_EQ(errno, EINVAL);
    close(fd);
    int p[2];
    CHECK_EQ(pipe(p), 0);
    errno = 0;
    CHECK_EQ(lseek(p[0], 0, SEEK_SET), -1);
    CHECK_EQ(errno, ESPIPE);
    close(p[0]);
    close(p[1]);
}

TEST(a_hole_reads_as_zeros) {
    int fd = open(t_path("hole"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "head", 4), 4);
    CHECK_EQ(lseek(fd, 100000, SEEK_SET), 100000);
    CHECK_EQ(write(fd, "tail", 4), 4);
    CHECK_EQ(file_size(t_path("hole")), 100004);
    static char buf[100004];
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    CHECK_EQ(t_read_full(fd, buf, sizeof buf), 100004);
    int nonzero = 0;
    for (int i = 4; i < 100000; i++)
        nonzero += buf[i] != 0;
    CHECK_EQ(nonzero, 0);
    CHECK(!memcmp(buf, "head", 4) && !memcmp(buf + 100000, "tail", 4));
    close(fd);
    CHECK_EQ(unlink(t_path("hole")), 0);
}

/* 6 MiB: past the direct, single- and double-indirect thresholds of ext2 with 1 KiB
 * and 4 KiB blocks; then one byte at 40 MiB, far into a sparse region. */
#define LARGE (6UL << 20)
TEST(large_file_through_indirect_blocks) {
    static unsigned char buf[65536];
    int fd = open(t_path("large"), O_RDWR | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0);
    int ok = 1;
    for (unsigned long off = 0; off < LARGE && ok; off += sizeof buf) {
        fill_pattern(buf, off, sizeof buf);
        ok &= write(fd, buf, sizeof buf) == (ssize_t)sizeof buf;
    }
    CHECK(ok);
    CHECK_EQ(fsync(fd), 0);
    close(fd);
    CHECK_EQ(file_size(t_path("large")), (long)LARGE);
    fd = open(t_path("large"), O_RDWR);
    unsigned long bad = 0, total = 0;
    long r;
    while ((r = t_read_full(fd, buf, 40000)) > 0) { /* reads that straddle blocks */
        bad += count_mismatches(buf, total, r);
        total += r;
    }
    CHECK_EQ(total, LARGE);
    CHECK_EQ(bad, 0);
    static const unsigned long probes[] = {12 * 1024 - 3, 48 * 1024 - 1, 268 * 1024 - 2,
                                           4 * 1024 * 1024 + 48 * 1024 - 1, LARGE - 5};
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        CHECK_EQ(lseek(fd, probes[i], SEEK_SET), (long)probes[i]);
        CHECK_EQ(read(fd, buf, 5), 5);
        CHECK_EQ(count_mismatches(buf, probes[i], 5), 0);
    }
    CHECK_EQ(lseek(fd, 40UL << 20, SEEK_SET), (long)(40UL << 20));
    CHECK_EQ(write(fd, "Z", 1), 1);
    CHECK_EQ(lseek(fd, 20UL << 20, SEEK_SET), (long)(20UL << 20));
    CHECK_EQ(read(fd, buf, 4096), 4096);
    int nonzero = 0;
    for (int i = 0; i < 4096; i++)
        nonzero += buf[i] != 0;
    CHECK_EQ(nonzero, 0);
    close(fd);
    CHECK_EQ(file_size(t_path("large")), (long)(40UL << 20) + 1);
    struct stat st;
    CHECK_EQ(stat(t_path("large"), &st), 0);
    CHECK(st.st_blocks * 512 < (long)(LARGE + (1UL << 20))); /* the hole takes no blocks */
    CHECK_EQ(unlink(t_path("large")), 0);
}

TEST(truncate_shrinks_and_grows_with_zeros) {
    static unsigned char buf[20000];
    fill_pattern(buf, 0, sizeof buf);
    CHECK_EQ(t_write_file(t_path("tr"), buf, sizeof buf, 0644), 0);
    int fd = open(t_path("tr"), O_RDWR);
    CHECK(fd >= 0);
    CHECK_EQ(ftruncate(fd, 5000), 0);
    CHECK_EQ(file_size(t_path("tr")), 5000);
    CHECK_EQ(ftruncate(fd, 12000), 0); /* what was cut must not come back */
    CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
    memset(buf, 0xee, sizeof buf);
    CHECK_EQ(t_read_full(fd, buf, sizeof buf), 12000);
    CHECK_EQ(count_mismatches(buf, 0, 5000), 0);
    int nonzero = 0;
    for (int i = 5000; i < 12000; i++)
        nonzero += buf[i] != 0;
    CHECK_EQ(nonzero, 0);
    close(fd);
    CHECK_EQ(truncate(t_path("tr"), 0), 0);
    CHECK_EQ(file_size(t_path("tr")), 0);
    errno = 0;
    CHECK_EQ(truncate(t_path("tr"), -1), -1);
    CHECK_EQ(errno, EINVAL);
    fd = open(t_path("tr"), O_RDONLY);
    errno = 0;
    CHECK_EQ(ftruncate(fd, 10), -1); /* not open for writing */
    CHECK(errno == EINVAL || errno == EBADF);
    close(fd);
    CHECK_EQ(unlink(t_path("tr")), 0);
}

TEST(unlink_removes_the_name_but_open_files_live_on) {
    CHECK_EQ(t_write_file(t_path("u"), "still here", 10, 0644), 0);
    int fd = open(t_path("u"), O_RDONLY);
    CHECK(fd >= 0);
    CHECK_EQ(unlink(t_path("u")), 0);
    struct stat st;
    errno = 0;
    CHECK_EQ(stat(t_path("u"), &st), -1);
    CHECK_EQ(errno, ENOENT);
    errno = 0;
    CHECK_EQ(unlink(t_path("u")), -1);
    CHECK_EQ(errno, ENOENT);
    char buf[16] = {0};
    CHECK_EQ(read(fd, buf, sizeof buf), 10);
    CHECK(!strcmp(buf, "still here"));
    CHECK_EQ(fstat(fd, &st), 0);
    CHECK_EQ(st.st_nlink, 0);
    close(fd);
    /* The name can be used again at once. */
    CHECK_EQ(t_write_file(t_path("u"), "new", 3, 0644), 0);
    CHECK_EQ(file_size(t_path("u")), 3);
    CHECK_EQ(unlink(t_path("u")), 0);
}

TEST(rename_moves_and_replaces) {
    CHECK_EQ(t_write_file(t_path("r1"), "first", 5, 0644), 0);
    CHECK_EQ(t_write_file(t_path("r2"), "second!", 7, 0644), 0);
    struct stat st1;
    CHECK_EQ(stat(t_path("r1"), &st1), 0);
    CHECK_EQ(rename(t_path("r1"), t_path("r3")), 0);
    errno = 0;
    CHECK_EQ(file_size(t_path("r1")), -1);
    CHECK_EQ(errno, ENOENT);
    CHECK_EQ(file_size(t_path("r3")), 5);
    CHECK_EQ(rename(t_path("r3"), t_path("r2")), 0); /* replaces r2 */
    struct stat st2;
    CHECK_EQ(stat(t_path("r2"), &st2), 0);
    CHECK_EQ(st2.st_ino, st1.st_ino);
    CHECK_EQ(st2.st_size, 5);
    CHECK_EQ(rename(t_path("r2"), t_path("r2")), 0); /* to itself: nothing happens */
    CHECK_EQ(file_size(t_path("r2")), 5);
    errno = 0;
    CHECK_EQ(rename(t_path("missing"), t_path("r9")), -1);
    CHECK_EQ(errno, ENOENT);
    CHECK_EQ(unlink(t_path("r2")), 0);
}

TEST(hard_links_share_the_inode) {
    CHECK_EQ(t_write_file(t_path("l1"), "linked", 6, 0644), 0);
    CHECK_EQ(link(t_path("l1"), t_path("l2")), 0);
    struct stat a, b;
    CHECK_EQ(stat(t_path("l1"), &a), 0);
    CHECK_EQ(stat(t_path("l2"), &b), 0);
    CHECK_EQ(a.st_ino, b.st_ino);
    CHECK_EQ(b.st_nlink, 2);
    errno = 0;
    CHECK_EQ(link(t_path("l1"), t_path("l2")), -1);
    CHECK_EQ(errno, EEXIST);
    CHECK_EQ(unlink(t_path("l1")), 0);
    CHECK_EQ(stat(t_path("l2"), &b), 0);
    CHECK_EQ(b.st_nlink, 1);
    CHECK_EQ(b.st_size, 6);
    CHECK_EQ(unlink(t_path("l2")), 0);
}

TEST(dup_shares_the_offset_dup2_picks_the_number) {
    int fd = open(t_path("a"), O_RDONLY);
    CHECK(fd >= 0);
    int d = dup(fd);
    CHECK(d >= 0 && d != fd);
    unsigned char b[10];
    CHECK_EQ(read(fd, b, 10), 10);
    CHECK_EQ(lseek(d, 0, SEEK_CUR), 10); /* one open file, one offset */
    CHECK_EQ(read(d, b, 10), 10);
    CHECK_EQ(count_mismatches(b, 10, 10), 0);
    CHECK_EQ(dup2(fd, 40), 40);
    CHECK_EQ(lseek(40, 0, SEEK_CUR), 20);
    CHECK_EQ(dup2(fd, fd), fd);
    int p[2];
    CHECK_EQ(pipe(p), 0);
    CHECK_EQ(dup2(p[0], 40), 40); /* closes what 40 was */
    CHECK_EQ(write(p[1], "x", 1), 1);
    CHECK_EQ(read(40, b, 1), 1);
    errno = 0;
    CHECK_EQ(dup2(12345, 41), -1);
    CHECK_EQ(errno, EBADF);
    errno = 0;
    CHECK_EQ(dup(-1), -1);
    CHECK_EQ(errno, EBADF);
    int f = fcntl(fd, F_DUPFD, 50);
    CHECK(f >= 50);
    CHECK_EQ(lseek(f, 0, SEEK_CUR), 20);
    close(f);
    close(40);
    close(p[0]);
    close(p[1]);
    close(d);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 20); /* closing a dup leaves the original */
    close(fd);
}

TEST(two_opens_have_separate_offsets) {
    int a = open(t_path("a"), O_RDONLY), b = open(t_path("a"), O_RDONLY);
    CHECK(a >= 0 && b >= 0);
    unsigned char x[8], y[8];
    CHECK_EQ(read(a, x, 8), 8);
    CHECK_EQ(read(b, y, 8), 8);
    CHECK(!memcmp(x, y, 8));
    CHECK_EQ(lseek(a, 0, SEEK_CUR), 8);
    close(a);
    close(b);
}

TEST(a_child_writes_the_parent_reads) {
    pid_t pid = t_fork();
    if (pid == 0)
        _exit(t_write_file(t_path("child"), "from the child", 14, 0644) == 0 ? 0 : 1);
    int st;
    CHECK_EQ(waitpid(pid, &st, 0), pid);
    CHECK(t_exited_with(st, 0));
    char buf[32] = {0};
    int fd = open(t_path("child"), O_RDONLY);
    CHECK_EQ(t_read_full(fd, buf, sizeof buf), 14);
    CHECK(!strcmp(buf, "from the child"));
    close(fd);
    CHECK_EQ(unlink(t_path("child")), 0);
}

TEST(bad_descriptors_are_ebadf) {
    char c;
    errno = 0;
    CHECK_EQ(read(-1, &c, 1), -1);
    CHECK_EQ(errno, EBADF);
    errno = 0;
    CHECK_EQ(write(999, &c, 1), -1);
    CHECK_EQ(errno, EBADF);
    errno = 0;
    CHECK_EQ(close(999), -1);
    CHECK_EQ(errno, EBADF);
    int fd = open(t_path("a"), O_RDONLY);
    errno = 0;
    CHECK_EQ(write(fd, "x", 1), -1);
    CHECK_EQ(errno, EBADF);
    close(fd);
    errno = 0;
    CHECK_EQ(read(fd, &c, 1), -1); /* closed */
    CHECK_EQ(errno, EBADF);
    fd = open(t_path("a"), O_WRONLY);
    errno = 0;
    CHECK_EQ(read(fd, &c, 1), -1);
    CHECK_EQ(errno, EBADF);
    close(fd);
    struct stat st;
    errno = 0;
    CHECK_EQ(fstat(-5, &st), -1);
    CHECK_EQ(errno, EBADF);
}

TEST(path_errors) {
    struct stat st;
    errno = 0;
    CHECK_EQ(open(t_path("nothing"), O_RDONLY), -1);
    CHECK_EQ(errno, ENOENT);
    errno = 0;
    CHECK_EQ(open(t_path("nodir/file"), O_RDWR | O_CREAT, 0644), -1);
    CHECK_EQ(errno, ENOENT);
    errno = 0;
    CHECK_EQ(open(t_path("a/b"), O_RDONLY), -1); /* a is a file */
    CHECK_EQ(errno, ENOTDIR);
    errno = 0;
    CHECK_EQ(stat(t_path("a/"), &st), -1);
    CHECK_EQ(errno, ENOTDIR);
    errno = 0;
    CHECK_EQ(open(t_dir, O_WRONLY), -1);
    CHECK_EQ(errno, EISDIR);
    errno = 0;
    CHECK_EQ(open(t_dir, O_RDWR | O_CREAT, 0644), -1);
    CHECK_EQ(errno, EISDIR);
    errno = 0;
    CHECK_EQ(open("", O_RDONLY), -1);
    CHECK_EQ(errno, ENOENT);
    static char name[300];
    memset(name, 'n', 299);
    errno = 0;
    CHECK_EQ(open(t_path(name), O_RDWR | O_CREAT, 0644), -1); /* a 299-byte component */
    CHECK_EQ(errno, ENAMETOOLONG);
    static char longpath[5000];
    for (int i = 0; i < 4998; i += 2)
        memcpy(longpath + i, "a/", 2);
    errno = 0;
    CHECK_EQ(stat(longpath, &st), -1); /* longer than PATH_MAX */
    CHECK_EQ(errno, ENAMETOOLONG);
    errno = 0;
    CHECK_EQ(access(t_path("nothing"), F_OK), -1);
    CHECK_EQ(errno, ENOENT);
    CHECK_EQ(access(t_path("a"), R_OK | W_OK), 0);
}

/* Opens until the per-process limit, which must be EMFILE (or our cap of 5000 for a
 * host with a huge limit); every descriptor closes again. */
TEST(too_many_open_files_is_emfile) {
    enum { CAP = 5000 };
    static int fds[CAP];
    int n = 0, err = 0;
    while (n < CAP) {
        int fd = open(t_path("a"), O_RDONLY);
        if (fd < 0) {
            err = errno;
            break;
        }
        fds[n++] = fd;
    }
    int closed = 0;
    for (int i = 0; i < n; i++)
        closed += close(fds[i]) == 0;
    CHECK(n == CAP || err == EMFILE);
    CHECK(n >= 16);
    CHECK_EQ(closed, n);
    int fd = open(t_path("a"), O_RDONLY);
    CHECK(fd >= 0 && fd < 10); /* the lowest free numbers are handed out again */
    close(fd);
}

TEST(cleanup_removes_everything) {
    CHECK_EQ(t_rmtree(t_dir), 0);
    struct stat st;
    errno = 0;
    CHECK_EQ(stat(t_dir, &st), -1);
    CHECK_EQ(errno, ENOENT);
}

/* pread/pwrite work at an offset and leave the file position where it was; pipes
 * cannot seek. */
TEST(pread_and_pwrite_keep_the_position) {
    int fd = open(t_path("p"), O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "0123456789", 10), 10);
    CHECK_EQ(lseek(fd, 2, SEEK_SET), 2);
    char b[4] = {0};
    CHECK_EQ(pread(fd, b, 3, 6), 3);
    CHECK(!memcmp(b, "678", 3));
    CHECK_EQ(pwrite(fd, "AB", 2, 8), 2);
    CHECK_EQ(lseek(fd, 0, SEEK_CUR), 2);
    CHECK_EQ(pread(fd, b, 4, 7), 3);
    CHECK(!memcmp(b, "7AB", 3));
    close(fd);
    int p[2];
    CHECK_EQ(pipe(p), 0);
    CHECK_EQ(pread(p[0], b, 1, 0), -1);
    CHECK_EQ(errno, ESPIPE);
    close(p[0]);
    close(p[1]);
    unlink(t_path("p"));
}

int main(void) {
    umask(022);
    if (!t_make_tmpdir("files"))
        return 1;
    RUN(create_write_read_back);
    RUN(pread_and_pwrite_keep_the_position);
    RUN(stat_and_fstat_describe_the_file);
    RUN(o_trunc_and_o_excl);
    RUN(o_append_writes_at_the_end);
    RUN(lseek_whence_and_errors);
    RUN(a_hole_reads_as_zeros);
    RUN(large_file_through_indirect_blocks);
    RUN(truncate_shrinks_and_grows_with_zeros);
    RUN(unlink_removes_the_name_but_open_files_live_on);
    RUN(rename_moves_and_replaces);
    RUN(hard_links_share_the_inode);
    RUN(dup_shares_the_offset_dup2_picks_the_number);
    RUN(two_opens_have_separate_offsets);
    RUN(a_child_writes_the_parent_reads);
    RUN(bad_descriptors_are_ebadf);
    RUN(path_errors);
    RUN(too_many_open_files_is_emfile);
    RUN(cleanup_removes_everything);
    return check_summary();
}
