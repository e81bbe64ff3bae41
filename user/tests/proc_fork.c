/* Processes (issue 5): fork, exit status through wait, process ids, private memory after
 * fork, zombies reaped, and a fork bomb that stops at a limit. */
#include "testlib.h"

static int wait_for(pid_t pid) {
    int st;
    return waitpid(pid, &st, 0) == pid ? st : -1;
}

TEST(exit_status_reaches_the_parent) {
    static const int codes[] = {0, 1, 42, 127, 255};
    for (unsigned i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        pid_t pid = t_fork();
        CHECK(pid >= 0);
        if (pid == 0)
            _exit(codes[i]);
        int st = wait_for(pid);
        CHECK(t_exited_with(st, codes[i]));
        CHECK(!WIFSIGNALED(st));
    }
}

TEST(exit_flushes_and_exit_status_256_wraps) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    pid_t pid = t_fork();
    if (pid == 0) {
        close(p[0]);
        dup2(p[1], 1);
        printf("from child");
        exit(256 + 7); /* exit() flushes stdio; the status keeps the low 8 bits */
    }
    close(p[1]);
    char buf[32] = {0};
    long n = t_read_full(p[0], buf, sizeof buf - 1);
    close(p[0]);
    CHECK(t_exited_with(wait_for(pid), 7));
    CHECK_EQ(n, 10);
    CHECK(!strcmp(buf, "from child"));
}

TEST(pids_of_parent_and_child) {
    pid_t me = getpid();
    CHECK(me > 0);
    CHECK_EQ(getpid(), me);
    int p[2];
    CHECK_EQ(pipe(p), 0);
    pid_t pid = t_fork();
    if (pid == 0) {
        pid_t ids[2] = {getpid(), getppid()};
        write(p[1], ids, sizeof ids);
        _exit(0);
    }
    pid_t ids[2] = {0, 0};
    CHECK_EQ(t_read_full(p[0], ids, sizeof ids), (long)sizeof ids);
    close(p[0]);
    close(p[1]);
    CHECK(t_exited_with(wait_for(pid), 0));
    CHECK(pid > 0 && pid != me);
    CHECK_EQ(ids[0], pid);
    CHECK_EQ(ids[1], me);
}

static int shared_counter = 100;
TEST(memory_is_private_after_fork) {
    char *heap = malloc(10000);
    CHECK(heap != NULL);
    memset(heap, 'P', 10000);
    volatile char stack_var = 's';
    pid_t pid = t_fork();
    if (pid == 0) {
        shared_counter = 1;
        memset(heap, 'C', 10000);
        stack_var = 'c';
        _exit(shared_counter == 1 && heap[9999] == 'C' && stack_var == 'c' ? 0 : 1);
    }
    CHECK(t_exited_with(wait_for(pid), 0));
    CHECK_EQ(shared_counter, 100);
    CHECK_EQ(heap[0], 'P');
    CHECK_EQ(heap[9999], 'P');
    CHECK_EQ(stack_var, 's');
    free(heap);
}

TEST(wait_for_any_child_and_echild) {
    enum { N = 5 };
    pid_t kids[N];
    for (int i = 0; i < N; i++) {
        kids[i] = t_fork();
        if (kids[i] == 0)
            _exit(10 + i);
    }
    int seen = 0;
    for (int i = 0; i < N; i++) {
        int st;
        pid_t pid = waitpid(-1, &st, 0);
        for (int j = 0; j < N; j++)
            if (pid == kids[j] && t_exited_with(st, 10 + j))
                seen |= 1 << j;
    }
    CHECK_EQ(seen, (1 << N) - 1);
    errno = 0;
    CHECK_EQ(waitpid(kids[0], NULL, 0), -1); /* already reaped */
    CHECK_EQ(errno, ECHILD);
}

TEST(wnohang_sees_a_running_child) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    pid_t pid = t_fork();
    if (pid == 0) {
        char c;
        close(p[1]);
        _exit(read(p[0], &c, 1) == 0 ? 5 : 6); /* waits for the parent to close */
    }
    close(p[0]);
    int st = 0;
    CHECK_EQ(waitpid(pid, &st, WNOHANG), 0);
    close(p[1]);
    CHECK(t_exited_with(wait_for(pid), 5));
}

TEST(zombies_are_reaped) {
    /* 300 children in turn: if exited children kept their slots, the table would fill. */
    int ok = 0;
    for (int i = 0; i < 300; i++) {
        pid_t pid = t_fork();
        if (pid == 0)
            _exit(i & 0x7f);
        if (pid < 0)
            break;
        ok += t_exited_with(wait_for(pid), i & 0x7f);
    }
    CHECK_EQ(ok, 300);
}

TEST(a_child_can_fork_too) {
    pid_t pid = t_fork();
    if (pid == 0) {
        pid_t g = fork();
        if (g == 0)
            _exit(3);
        int st;
        if (g < 0 || waitpid(g, &st, 0) != g)
            _exit(1);
        _exit(WIFEXITED(st) ? 30 + WEXITSTATUS(st) : 2);
    }
    CHECK(t_exited_with(wait_for(pid), 33));
}

/* Forks until fork fails, or until CAP children (Linux's limit is usually far higher);
 * each child blocks on a pipe. Then they are all killed and reaped. The bomb runs in a
 * child of the test so the test process keeps its own slot. */
#define BOMB_CAP 200
static void fork_bomb(void) {
    static pid_t kids[BOMB_CAP];
    int p[2], n = 0, err = 0;
    if (pipe(p) != 0)
        _exit(10);
    while (n < BOMB_CAP) {
        pid_t pid = fork();
        if (pid == 0) {
            char c;
            close(p[1]);
            read(p[0], &c, 1);
            _exit(0);
        }
        if (pid < 0) {
            err = errno;
            break;
        }
        kids[n++] = pid;
    }
    for (int i = 0; i < n; i++)
        kill(kids[i], SIGKILL);
    int reaped = 0;
    for (int i = 0; i < n; i++) {
        int st;
        reaped += waitpid(kids[i], &st, 0) == kids[i] && WIFSIGNALED(st);
    }
    if (reaped != n)
        _exit(11);
    if (n < 10)
        _exit(12); /* a limit below 10 processes would be too small to be useful */
    if (n == BOMB_CAP)
        _exit(0);
    _exit(err == EAGAIN ? 0 : 13);
}

TEST(fork_bomb_stops_with_eagain) {
    for (int round = 0; round < 2; round++) /* twice: the first left no slots behind */
        CHECK(t_exited_with(t_run_child(fork_bomb), 0));
    pid_t pid = t_fork();
    if (pid == 0)
        _exit(9);
    CHECK(t_exited_with(wait_for(pid), 9));
}

int main(void) {
    RUN(exit_status_reaches_the_parent);
    RUN(exit_flushes_and_exit_status_256_wraps);
    RUN(pids_of_parent_and_child);
    RUN(memory_is_private_after_fork);
    RUN(wait_for_any_child_and_echild);
    RUN(wnohang_sees_a_running_child);
    RUN(zombies_are_reaped);
    RUN(a_child_can_fork_too);
    RUN(fork_bomb_stops_with_eagain);
    return check_summary();
}
