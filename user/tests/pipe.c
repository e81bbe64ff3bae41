/* Pipes (issues 5 and 6): data flows in order, readers block until data or EOF, EOF
 * comes only when every writer has closed, writers to a closed pipe get EPIPE or
 * SIGPIPE, and large transfers block and wake both sides. */
#include "testlib.h"

static int wait_for(pid_t pid) {
    int st;
    return waitpid(pid, &st, 0) == pid ? st : -1;
}

TEST(data_in_order_within_one_process) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    CHECK(p[0] >= 0 && p[1] >= 0 && p[0] != p[1]);
    CHECK_EQ(write(p[1], "hello ", 6), 6);
    CHECK_EQ(write(p[1], "world", 5), 5);
    char buf[32] = {0};
    CHECK_EQ(read(p[0], buf, 3), 3);
    CHECK(!memcmp(buf, "hel", 3));
    CHECK_EQ(read(p[0], buf, sizeof buf), 8); /* what is there, not what was asked */
    CHECK(!memcmp(buf, "lo world", 8));
    close(p[0]);
    close(p[1]);
}

TEST(wrong_ends_are_ebadf) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    char c = 'x';
    errno = 0;
    CHECK_EQ(write(p[0], &c, 1), -1);
    CHECK_EQ(errno, EBADF);
    errno = 0;
    CHECK_EQ(read(p[1], &c, 1), -1);
    CHECK_EQ(errno, EBADF);
    close(p[0]);
    close(p[1]);
    errno = 0;
    CHECK_EQ(close(p[0]), -1);
    CHECK_EQ(errno, EBADF);
}

TEST(eof_when_the_only_writer_closes) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    CHECK_EQ(write(p[1], "abc", 3), 3);
    close(p[1]);
    char buf[8];
    CHECK_EQ(read(p[0], buf, sizeof buf), 3); /* buffered data first ... */
    CHECK_EQ(read(p[0], buf, sizeof buf), 0); /* ... then end of file */
    CHECK_EQ(read(p[0], buf, sizeof buf), 0);
    close(p[0]);
}

/* Two writer processes: the reader sees EOF only after both have closed. */
TEST(eof_only_after_every_writer_closes) {
    int p[2], hold[2];
    CHECK_EQ(pipe(p), 0);
    CHECK_EQ(pipe(hold), 0);
    pid_t a = t_fork();
    if (a == 0) { /* writes, closes at once */
        close(p[0]);
        write(p[1], "A", 1);
        _exit(0);
    }
    pid_t b = t_fork();
    if (b == 0) { /* keeps its write end until the parent closes hold */
        char c;
        close(p[0]);
        close(hold[1]);
        read(hold[0], &c, 1);
        write(p[1], "B", 1);
        _exit(0);
    }
    close(p[1]);
    close(hold[0]);
    char buf[4];
    CHECK_EQ(read(p[0], buf, 1), 1);
    CHECK_EQ(buf[0], 'A');
    CHECK(t_exited_with(wait_for(a), 0));
    close(hold[1]); /* now b writes and exits */
    CHECK_EQ(read(p[0], buf, 1), 1);
    CHECK_EQ(buf[0], 'B');
    CHECK_EQ(read(p[0], buf, 1), 0);
    CHECK(t_exited_with(wait_for(b), 0));
    close(p[0]);
}

TEST(reader_blocks_until_data_arrives) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    pid_t pid = t_fork();
    if (pid == 0) {
        close(p[0]);
        t_sleep_ms(100);
        write(p[1], "late", 4);
        _exit(0);
    }
    close(p[1]);
    char buf[8] = {0};
    CHECK_EQ(read(p[0], buf, 4), 4);
    CHECK(!memcmp(buf, "late", 4));
    CHECK_EQ(read(p[0], buf, 4), 0);
    CHECK(t_exited_with(wait_for(pid), 0));
    close(p[0]);
}

TEST(epipe_when_no_reader_and_sigpipe_ignored) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    void (*old)(int) = signal(SIGPIPE, SIG_IGN);
    close(p[0]);
    errno = 0;
    CHECK_EQ(write(p[1], "x", 1), -1);
    CHECK_EQ(errno, EPIPE);
    close(p[1]);
    signal(SIGPIPE, old);
}

static void sigpipe_writer(void) {
    int p[2];
    if (pipe(p) != 0)
        _exit(2);
    close(p[0]);
    write(p[1], "x", 1);
    _exit(3); /* not reached: SIGPIPE's default action kills */
}
TEST(sigpipe_kills_a_writer_by_default) {
    CHECK(t_killed_by(t_run_child(sigpipe_writer), SIGPIPE));
}

/* The reader closes while the writer is blocked on a full pipe: the writer wakes. */
static void blocked_writer(void) {
    int p[2];
    if (pipe(p) != 0)
        _exit(2);
    signal(SIGPIPE, SIG_IGN);
    pid_t pid = fork();
    if (pid == 0) { /* reads a little, then leaves */
        char c;
        close(p[1]);
        t_sleep_ms(100);
        read(p[0], &c, 1);
        _exit(0);
    }
    close(p[0]);
    static char chunk[4096];
    ssize_t w;
    int err = 0;
    for (int i = 0; i < 1024; i++) /* 4 MiB: more than any pipe buffer */
        if ((w = write(p[1], chunk, sizeof chunk)) < 0) {
            err = errno;
            break;
        }
    int st;
    waitpid(pid, &st, 0);
    _exit(err == EPIPE ? 0 : 4);
}
TEST(blocked_writer_wakes_with_epipe_when_reader_leaves) {
    CHECK(t_exited_with(t_run_child(blocked_writer), 0));
}

/* 2 MiB through a pipe in odd-sized pieces, checked byte by byte. */
#define BULK (2UL << 20)
static unsigned char byte_at(unsigned long i) { return (unsigned char)(i * 7 + (i >> 11)); }
TEST(bulk_transfer_between_processes) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    pid_t pid = t_fork();
    if (pid == 0) {
        static unsigned char buf[3001];
        close(p[0]);
        for (unsigned long off = 0; off < BULK;) {
            unsigned long n = BULK - off < sizeof buf ? BULK - off : sizeof buf;
            for (unsigned long i = 0; i < n; i++)
                buf[i] = byte_at(off + i);
            if (t_write_all(p[1], buf, n) != 0)
                _exit(1);
            off += n;
        }
        _exit(0);
    }
    close(p[1]);
    static unsigned char buf[1777];
    unsigned long total = 0, bad = 0;
    ssize_t r;
    while ((r = read(p[0], buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < r; i++)
            bad += buf[i] != byte_at(total + i);
        total += r;
    }
    CHECK_EQ(r, 0);
    CHECK_EQ(total, BULK);
    CHECK_EQ(bad, 0);
    CHECK(t_exited_with(wait_for(pid), 0));
    close(p[0]);
}

/* A child's stdout redirected into a pipe, as a shell pipeline does. */
TEST(dup2_a_pipe_onto_stdout) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    pid_t pid = t_fork();
    if (pid == 0) {
        close(p[0]);
        if (dup2(p[1], 1) != 1)
            _exit(1);
        close(p[1]);
        write(1, "via stdout\n", 11);
        _exit(0);
    }
    close(p[1]);
    char buf[32] = {0};
    CHECK_EQ(t_read_full(p[0], buf, sizeof buf - 1), 11);
    CHECK(!strcmp(buf, "via stdout\n"));
    CHECK(t_exited_with(wait_for(pid), 0));
    close(p[0]);
}

TEST(many_pipes_open_and_closed) {
    int ok = 1;
    for (int i = 0; i < 500 && ok; i++) {
        int p[2];
        ok &= pipe(p) == 0;
        if (!ok)
            break;
        char c = (char)i, d = 0;
        ok &= write(p[1], &c, 1) == 1 && read(p[0], &d, 1) == 1 && c == d;
        ok &= close(p[0]) == 0 && close(p[1]) == 0;
    }
    CHECK(ok);
}

int main(void) {
    RUN(data_in_order_within_one_process);
    RUN(wrong_ends_are_ebadf);
    RUN(eof_when_the_only_writer_closes);
    RUN(eof_only_after_every_writer_closes);
    RUN(reader_blocks_until_data_arrives);
    RUN(epipe_when_no_reader_and_sigpipe_ignored);
    RUN(sigpipe_kills_a_writer_by_default);
    RUN(blocked_writer_wakes_with_epipe_when_reader_leaves);
    RUN(bulk_transfer_between_processes);
    RUN(dup2_a_pipe_onto_stdout);
    RUN(many_pipes_open_and_closed);
    return check_summary();
}
