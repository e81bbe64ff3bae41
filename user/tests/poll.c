/* poll and select on pipes: readiness, end of file, a closed reader, timeouts and bad
 * descriptors, with Linux's answers. */
#include "testlib.h"
#include <poll.h>
#include <sys/select.h>

static long elapsed_ms(const struct timespec *a) {
    struct timespec b;
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (b.tv_sec - a->tv_sec) * 1000 + (b.tv_nsec - a->tv_nsec) / 1000000;
}

TEST(poll_sees_data_and_end_of_file) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    struct pollfd fds[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
    CHECK_EQ(poll(fds, 2, 0), 1);
    CHECK_EQ(fds[0].revents, 0);
    CHECK_EQ(fds[1].revents, POLLOUT);
    CHECK_EQ(write(p[1], "x", 1), 1);
    CHECK_EQ(poll(fds, 1, 0), 1);
    CHECK_EQ(fds[0].revents, POLLIN);
    char c;
    CHECK_EQ(read(p[0], &c, 1), 1);
    close(p[1]);
    CHECK_EQ(poll(fds, 1, 0), 1);
    CHECK(fds[0].revents & POLLHUP);
    close(p[0]);
}

TEST(poll_reports_a_closed_reader_and_bad_fds) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    close(p[0]);
    struct pollfd fds[3] = {{p[1], POLLOUT, 0}, {-1, POLLIN, 0}, {p[0], POLLIN, 0}};
    CHECK_EQ(poll(fds, 3, 0), 2);
    CHECK(fds[0].revents & POLLERR);
    CHECK_EQ(fds[1].revents, 0);
    CHECK_EQ(fds[2].revents, POLLNVAL);
    close(p[1]);
}

TEST(poll_times_out) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    struct pollfd fd = {p[0], POLLIN, 0};
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK_EQ(poll(&fd, 1, 60), 0);
    long ms = elapsed_ms(&t0);
    CHECK(ms >= 50 && ms < 2000);
    close(p[0]);
    close(p[1]);
}

TEST(poll_wakes_when_a_child_writes) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    pid_t pid = t_fork();
    if (pid == 0) {
        t_sleep_ms(50);
        write(p[1], "y", 1);
        _exit(0);
    }
    struct pollfd fd = {p[0], POLLIN, 0};
    CHECK_EQ(poll(&fd, 1, 5000), 1);
    CHECK_EQ(fd.revents, POLLIN);
    int st;
    waitpid(pid, &st, 0);
    close(p[0]);
    close(p[1]);
}

TEST(select_on_a_pipe) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    fd_set r, w;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(p[0], &r);
    FD_SET(p[1], &w);
    struct timeval tv = {0, 0};
    CHECK_EQ(select(p[1] + 1, &r, &w, NULL, &tv), 1);
    CHECK(!FD_ISSET(p[0], &r));
    CHECK(FD_ISSET(p[1], &w));
    CHECK_EQ(write(p[1], "z", 1), 1);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    tv.tv_sec = 1;
    CHECK_EQ(select(p[0] + 1, &r, NULL, NULL, &tv), 1);
    CHECK(FD_ISSET(p[0], &r));
    FD_ZERO(&r);
    FD_SET(p[1] + 10, &r);
    tv.tv_sec = 0;
    CHECK_EQ(select(p[1] + 11, &r, NULL, NULL, &tv), -1);
    CHECK_EQ(errno, EBADF);
    close(p[0]);
    close(p[1]);
}

int main(void) {
    RUN(poll_sees_data_and_end_of_file);
    RUN(poll_reports_a_closed_reader_and_bad_fds);
    RUN(poll_times_out);
    RUN(poll_wakes_when_a_child_writes);
    RUN(select_on_a_pipe);
    return check_summary();
}
