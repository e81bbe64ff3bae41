/* Signals (issue 5): kill with the default actions, kill(pid, 0), ESRCH, SIG_IGN,
 * blocked signals, and handlers run on delivery. */
#include "testlib.h"

static int wait_for(pid_t pid) {
    int st;
    return waitpid(pid, &st, 0) == pid ? st : -1;
}

/* A child that blocks reading a pipe nobody writes to until it is killed. */
static pid_t blocked_child(int *wfd) {
    int p[2];
    if (pipe(p) != 0)
        return -1;
    pid_t pid = t_fork();
    if (pid == 0) {
        char c;
        close(p[1]);
        read(p[0], &c, 1);
        _exit(77); /* the parent closed the pipe without killing us */
    }
    close(p[0]);
    *wfd = p[1];
    return pid;
}

static int kill_and_wait(int sig) {
    int wfd;
    pid_t pid = blocked_child(&wfd);
    if (pid < 0)
        return -1;
    int rc = kill(pid, sig);
    int st = wait_for(pid);
    close(wfd);
    return rc == 0 ? st : -1;
}

TEST(sigterm_default_action_terminates) {
    CHECK(t_killed_by(kill_and_wait(SIGTERM), SIGTERM));
}

TEST(sigkill_sigint_sigusr1_default_actions_terminate) {
    CHECK(t_killed_by(kill_and_wait(SIGKILL), SIGKILL));
    CHECK(t_killed_by(kill_and_wait(SIGINT), SIGINT));
    CHECK(t_killed_by(kill_and_wait(SIGUSR1), SIGUSR1));
    CHECK(t_killed_by(kill_and_wait(SIGHUP), SIGHUP));
}

/* A child killed while running (not blocked) is killed too. */
static void spin(void) {
    for (volatile unsigned long i = 0;; i++) {
    }
}
TEST(a_running_child_is_killed) {
    pid_t pid = t_fork();
    if (pid == 0)
        spin();
    t_sleep_ms(20);
    CHECK_EQ(kill(pid, SIGTERM), 0);
    CHECK(t_killed_by(wait_for(pid), SIGTERM));
}

TEST(kill_zero_probes_and_esrch) {
    int wfd;
    pid_t pid = blocked_child(&wfd);
    CHECK(pid > 0);
    CHECK_EQ(kill(pid, 0), 0);
    CHECK_EQ(kill(getpid(), 0), 0);
    close(wfd); /* the child leaves with 77 */
    CHECK(t_exited_with(wait_for(pid), 77));
    errno = 0;
    CHECK_EQ(kill(pid, 0), -1); /* reaped: no such process */
    CHECK_EQ(errno, ESRCH);
    errno = 0;
    CHECK_EQ(kill(pid, SIGTERM), -1);
    CHECK_EQ(errno, ESRCH);
    errno = 0;
    CHECK_EQ(kill(getpid(), 12345), -1);
    CHECK_EQ(errno, EINVAL);
}

/* The child ignores SIGTERM, says it is ready, and exits 7 when told to go on. */
TEST(ignored_signal_does_not_kill) {
    int ready[2], go[2];
    CHECK_EQ(pipe(ready), 0);
    CHECK_EQ(pipe(go), 0);
    pid_t pid = t_fork();
    if (pid == 0) {
        char c;
        signal(SIGTERM, SIG_IGN);
        write(ready[1], "r", 1);
        read(go[0], &c, 1);
        _exit(7);
    }
    char c;
    CHECK_EQ(read(ready[0], &c, 1), 1);
    CHECK_EQ(kill(pid, SIGTERM), 0);
    t_sleep_ms(20);
    CHECK_EQ(write(go[1], "g", 1), 1);
    CHECK(t_exited_with(wait_for(pid), 7));
    close(ready[0]);
    close(ready[1]);
    close(go[0]);
    close(go[1]);
}

static volatile int got_signal;
static void on_signal(int sig) { got_signal = sig; }

/* The handler runs, the program continues after it. */
static void handler_child(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    if (sigaction(SIGUSR1, &sa, NULL) != 0)
        _exit(2);
    kill(getpid(), SIGUSR1);
    for (int i = 0; i < 100 && !got_signal; i++)
        t_sleep_ms(1);
    _exit(got_signal == SIGUSR1 ? 0 : 3);
}
TEST(handler_runs_on_delivery) {
    CHECK(t_exited_with(t_run_child(handler_child), 0));
}

/* A handler interrupts a blocking read, which fails with EINTR (no SA_RESTART). */
static void eintr_child(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGUSR2, &sa, NULL);
    int p[2];
    pipe(p);
    pid_t self = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        t_sleep_ms(50);
        kill(self, SIGUSR2);
        _exit(0);
    }
    char c;
    errno = 0;
    ssize_t r = read(p[0], &c, 1);
    int err = errno, st;
    waitpid(pid, &st, 0);
    _exit(r == -1 && err == EINTR && got_signal == SIGUSR2 ? 0 : 4);
}
TEST(handler_interrupts_a_blocking_read) {
    CHECK(t_exited_with(t_run_child(eintr_child), 0));
}

/* A blocked signal waits; unblocking delivers it (here: the default action kills). */
static void blocked_child_fn(void) {
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    if (sigprocmask(SIG_BLOCK, &set, &old) != 0)
        _exit(2);
    kill(getpid(), SIGTERM);
    t_sleep_ms(10);
    sigprocmask(SIG_SETMASK, &old, NULL); /* delivered here */
    _exit(5);
}
TEST(blocked_signal_is_delivered_when_unblocked) {
    CHECK(t_killed_by(t_run_child(blocked_child_fn), SIGTERM));
}

/* SIGKILL cannot be caught or ignored. */
static void catch_sigkill(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    errno = 0;
    int rc = sigaction(SIGKILL, &sa, NULL);
    _exit(rc == -1 && errno == EINVAL ? 0 : 1);
}
TEST(sigkill_cannot_be_caught) {
    CHECK(t_exited_with(t_run_child(catch_sigkill), 0));
}

/* A child's death with the default SIGCHLD disposition does not disturb the parent. */
TEST(sigchld_default_is_harmless) {
    pid_t pid = t_fork();
    if (pid == 0)
        _exit(0);
    t_sleep_ms(20);
    CHECK(t_exited_with(wait_for(pid), 0));
}

int main(void) {
    RUN(sigterm_default_action_terminates);
    RUN(sigkill_sigint_sigusr1_default_actions_terminate);
    RUN(a_running_child_is_killed);
    RUN(kill_zero_probes_and_esrch);
    RUN(ignored_signal_does_not_kill);
    RUN(handler_runs_on_delivery);
    RUN(handler_interrupts_a_blocking_read);
    RUN(blocked_signal_is_delivered_when_unblocked);
    RUN(sigkill_cannot_be_caught);
    RUN(sigchld_default_is_harmless);
    return check_summary();
}
