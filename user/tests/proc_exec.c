/* execve (issue 5): arguments and environment arrive, the pid stays, O_CLOEXEC files
 * close, signal dispositions follow Linux, and bad executables or oversized argument
 * lists fail with the right error while the caller survives.
 *
 * The programs it executes are itself: argv[0] (the path this test was started by)
 * with a first argument naming a helper role, see helper(). */
#include "testlib.h"
#include <sys/utsname.h>

static const char *self; /* argv[0] */

static char *env_for_child[] = {"LINGOS_TEST=yes", "SECOND=2", NULL};

/* The roles of this program when it is started with "--NAME ...". Each reports by its
 * exit status: 0 when everything it checked held. */
static int helper(int argc, char **argv) {
    const char *role = argv[1];
    if (!strcmp(role, "--exit"))
        return atoi(argv[2]);
    if (!strcmp(role, "--argc"))
        return argc;
    if (!strcmp(role, "--check-args")) {
        const char *e = getenv("LINGOS_TEST");
        return argc == 5 && !strcmp(argv[2], "alpha") && !strcmp(argv[3], "") &&
                       !strcmp(argv[4], "with space") && e && !strcmp(e, "yes") &&
                       getenv("SECOND") && !getenv("NOT_THERE")
                   ? 0
                   : 1;
    }
    if (!strcmp(role, "--check-pid"))
        return getpid() == atoi(argv[2]) ? 0 : 1;
    if (!strcmp(role, "--check-fds")) {
        int closed = atoi(argv[2]), kept = atoi(argv[3]), dup_closed = atoi(argv[4]);
        errno = 0;
        if (fcntl(closed, F_GETFD) != -1 || errno != EBADF)
            return 2;
        errno = 0;
        if (fcntl(dup_closed, F_GETFD) != -1 || errno != EBADF)
            return 3;
        if (fcntl(kept, F_GETFD) != 0)
            return 4;
        return write(kept, "kept", 4) == 4 ? 0 : 5;
    }
    if (!strcmp(role, "--sigterm-ignored")) {
        kill(getpid(), SIGTERM); /* SIG_IGN survives exec: nothing happens */
        return 0;
    }
    if (!strcmp(role, "--sigusr1-default")) {
        struct sigaction old;
        if (sigaction(SIGUSR1, NULL, &old) != 0)
            return 2;
        return old.sa_handler == SIG_DFL ? 0 : 1;
    }
    return 99;
}

static int wait_for(pid_t pid) {
    int st;
    return waitpid(pid, &st, 0) == pid ? st : -1;
}

/* Runs self with the given arguments (after argv[0]) in a child; returns its status. A
 * failed exec ends the child with status 100 + errno. */
static int run_self(char *const *args, char *const *envp) {
    char *argv[16];
    int n = 0;
    argv[n++] = (char *)self;
    while (args[n - 1] && n < 15) {
        argv[n] = args[n - 1];
        n++;
    }
    argv[n] = NULL;
    pid_t pid = t_fork();
    if (pid == 0) {
        execve(self, argv, envp);
        _exit(100 + errno);
    }
    return pid < 0 ? -1 : wait_for(pid);
}

TEST(exec_runs_the_program_with_its_status) {
    char *a[] = {"--exit", "0", NULL}, *b[] = {"--exit", "37", NULL};
    CHECK(t_exited_with(run_self(a, env_for_child), 0));
    CHECK(t_exited_with(run_self(b, env_for_child), 37));
}

TEST(exec_passes_argv_and_envp) {
    char *a[] = {"--check-args", "alpha", "", "with space", NULL};
    CHECK(t_exited_with(run_self(a, env_for_child), 0));
    char *c[] = {"--argc", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", NULL};
    CHECK(t_exited_with(run_self(c, env_for_child), 12));
}

TEST(exec_keeps_the_pid) {
    pid_t pid = t_fork();
    if (pid == 0) {
        char num[16];
        snprintf(num, sizeof num, "%d", (int)getpid());
        char *argv[] = {(char *)self, "--check-pid", num, NULL};
        execve(self, argv, env_for_child);
        _exit(100 + errno);
    }
    CHECK(t_exited_with(wait_for(pid), 0));
}

/* The exec happens in a child, which reports the errno of its failed execve. */
static int exec_errno(const char *path) {
    pid_t pid = t_fork();
    if (pid == 0) {
        char *argv[] = {(char *)path, NULL};
        char *keep = malloc(1000);
        memset(keep, 'k', 1000);
        execve(path, argv, env_for_child);
        int err = errno;
        /* The caller survived: its memory is intact and it can still print. */
        if (keep[999] != 'k')
            _exit(98);
        _exit(err);
    }
    int st = wait_for(pid);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

TEST(exec_of_a_missing_file_is_enoent) {
    CHECK_EQ(exec_errno("/no/such/dir/program"), ENOENT);
    CHECK_EQ(exec_errno("/tests-not-here"), ENOENT);
    CHECK_EQ(exec_errno(""), ENOENT);
    CHECK_EQ(exec_errno("/"), EACCES); /* a directory */
}

static int make_exec_file(const char *name, const void *buf, size_t n) {
    return t_write_file(t_path(name), buf, n, 0755);
}

TEST(exec_of_a_corrupt_file_is_enoexec) {
    if (!t_make_tmpdir("exec")) {
        CHECK(0);
        return;
    }
    static unsigned char buf[4096];
    memset(buf, 0x17, sizeof buf);
    CHECK_EQ(make_exec_file("garbage", buf, sizeof buf), 0);
    CHECK_EQ(exec_errno(t_path("garbage")), ENOEXEC);
    CHECK_EQ(make_exec_file("empty", buf, 0), 0);
    CHECK_EQ(exec_errno(t_path("empty")), ENOEXEC);

    /* Our own ELF header, then variations of it. */
    int fd = open(self, O_RDONLY);
    CHECK(fd >= 0);
    long n = fd >= 0 ? t_read_full(fd, buf, sizeof buf) : 0;
    if (fd >= 0)
        close(fd);
    CHECK(n == (long)sizeof buf && !memcmp(buf, "\177ELF", 4));
    if (n != (long)sizeof buf)
        return;
    buf[16] = 1; /* e_type = ET_REL: not an executable */
    buf[17] = 0;
    CHECK_EQ(make_exec_file("relocatable", buf, sizeof buf), 0);
    CHECK_EQ(exec_errno(t_path("relocatable")), ENOEXEC);
    buf[16] = 2; /* ET_EXEC again, but a machine that is no i386 */
    buf[18] = 0xff;
    buf[19] = 0xff;
    CHECK_EQ(make_exec_file("othermachine", buf, sizeof buf), 0);
    CHECK_EQ(exec_errno(t_path("othermachine")), ENOEXEC);
    buf[18] = 3; /* EM_386, but cut after the ELF header: the program headers are missing */
    buf[19] = 0;
    CHECK_EQ(make_exec_file("truncated", buf, 52), 0);
    int e = exec_errno(t_path("truncated"));
    CHECK(e == ENOEXEC || e == EIO); /* Linux says EIO, LingOS ENOEXEC */
    /* Program headers pointing far past the end of the file. */
    buf[28] = 0;
    buf[29] = 0;
    buf[30] = 0;
    buf[31] = 0x70; /* e_phoff = 0x70000000 */
    CHECK_EQ(make_exec_file("badphoff", buf, sizeof buf), 0);
    e = exec_errno(t_path("badphoff"));
    CHECK(e == ENOEXEC || e == EIO || e == EINVAL);
    CHECK_EQ(t_rmtree(t_dir), 0);
}

/* A copy of this program cut inside its code segment. LingOS reads the segments at exec
 * and fails with ENOEXEC, the caller alive; Linux maps the file, so the exec succeeds
 * and the new image dies (SIGBUS) at the first page past the end: a signal. */
#define CUT_AT 6144   /* the first 2 KiB of the code (segments start at 0x1000) */
TEST(exec_of_a_file_cut_inside_a_segment_fails) {
    CHECK(t_make_tmpdir("exec-cut") != NULL);
    static char buf[CUT_AT];
    int fd = open(self, O_RDONLY);
    CHECK(fd >= 0);
    long n = fd >= 0 ? t_read_full(fd, buf, sizeof buf) : 0;
    if (fd >= 0)
        close(fd);
    CHECK_EQ(n, (long)sizeof buf);
    CHECK_EQ(make_exec_file("cut", buf, (size_t)n), 0);
    struct utsname u;
    int lingos = uname(&u) == 0 && !strcmp(u.sysname, "LingOS");
    int e = exec_errno(t_path("cut"));
    if (lingos)
        CHECK_EQ(e, ENOEXEC);
    else
        CHECK(e == ENOEXEC || e == -1);
    CHECK_EQ(t_rmtree(t_dir), 0);
}

TEST(exec_with_a_bad_path_pointer_is_efault) {
    pid_t pid = t_fork();
    if (pid == 0) {
        char *argv[] = {"x", NULL};
        execve((const char *)T_KERNEL_PTR, argv, env_for_child);
        _exit(errno);
    }
    CHECK(t_exited_with(wait_for(pid), EFAULT));
}

/* An argument list larger than the limit fails with E2BIG and the caller goes on. Linux
 * allows a quarter of the stack limit in all (2 MiB) and 128 KiB per string. */
TEST(huge_argv_is_e2big) {
    enum { BIG = 100 * 1024, COPIES = 80 };
    char *big = malloc(BIG + 1);
    CHECK(big != NULL);
    if (!big)
        return;
    memset(big, 'A', BIG);
    big[BIG] = 0;
    static char *argv[COPIES + 4];
    argv[0] = (char *)self;
    argv[1] = "--exit";
    argv[2] = "0";
    for (int i = 0; i < COPIES; i++)
        argv[3 + i] = big;
    argv[3 + COPIES] = NULL;
    pid_t pid = t_fork();
    if (pid == 0) {
        execve(self, argv, env_for_child); /* 8 MiB in all */
        _exit(100 + errno);
    }
    CHECK(t_exited_with(wait_for(pid), 100 + E2BIG));
    free(big);
    big = malloc(300 * 1024);
    CHECK(big != NULL);
    if (!big)
        return;
    memset(big, 'B', 300 * 1024 - 1);
    big[300 * 1024 - 1] = 0;
    argv[3] = big; /* one 300 KiB string */
    argv[4] = NULL;
    pid = t_fork();
    if (pid == 0) {
        execve(self, argv, env_for_child);
        _exit(100 + errno);
    }
    CHECK(t_exited_with(wait_for(pid), 100 + E2BIG));
    free(big);
    /* A long but reasonable list still works: 500 arguments, 32 KiB in all. */
    static char *many[505];
    many[0] = (char *)self;
    many[1] = "--argc";
    static char word[64];
    memset(word, 'w', 63);
    for (int i = 2; i < 502; i++)
        many[i] = word;
    many[502] = NULL;
    pid = t_fork();
    if (pid == 0) {
        execve(self, many, env_for_child);
        _exit(100 + errno);
    }
    CHECK(t_exited_with(wait_for(pid), 502 & 0xff));
}

TEST(cloexec_files_close_across_exec) {
    if (!t_make_tmpdir("cloexec")) {
        CHECK(0);
        return;
    }
    int fd = open(t_path("f"), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    CHECK(fd >= 0);
    CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
    int p[2];
    CHECK_EQ(pipe(p), 0);
    int d = dup(p[0]);
    CHECK(d >= 0);
    CHECK_EQ(fcntl(d, F_GETFD), 0); /* dup does not copy the flag */
    CHECK_EQ(fcntl(d, F_SETFD, FD_CLOEXEC), 0);
    CHECK_EQ(fcntl(d, F_GETFD), FD_CLOEXEC);
    pid_t pid = t_fork();
    if (pid == 0) {
        char a[16], b[16], c[16];
        snprintf(a, sizeof a, "%d", fd);
        snprintf(b, sizeof b, "%d", p[1]);
        snprintf(c, sizeof c, "%d", d);
        char *argv[] = {(char *)self, "--check-fds", a, b, c, NULL};
        execve(self, argv, env_for_child);
        _exit(100 + errno);
    }
    close(p[1]);
    char buf[8] = {0};
    long n = t_read_full(p[0], buf, sizeof buf - 1);
    CHECK(t_exited_with(wait_for(pid), 0));
    CHECK_EQ(n, 4);
    CHECK(!strcmp(buf, "kept"));
    close(p[0]);
    close(d);
    close(fd);
    CHECK_EQ(t_rmtree(t_dir), 0);
}

static void on_usr1(int sig) { (void)sig; }

TEST(signal_dispositions_across_exec) {
    pid_t pid = t_fork();
    if (pid == 0) {
        signal(SIGTERM, SIG_IGN);
        char *argv[] = {(char *)self, "--sigterm-ignored", NULL};
        execve(self, argv, env_for_child);
        _exit(100 + errno);
    }
    CHECK(t_exited_with(wait_for(pid), 0));
    pid = t_fork();
    if (pid == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_usr1;
        sigaction(SIGUSR1, &sa, NULL);
        char *argv[] = {(char *)self, "--sigusr1-default", NULL};
        execve(self, argv, env_for_child);
        _exit(100 + errno);
    }
    CHECK(t_exited_with(wait_for(pid), 0));
}

int main(int argc, char **argv) {
    self = argv[0];
    if (argc >= 2 && !strncmp(argv[1], "--", 2))
        return helper(argc, argv);
    RUN(exec_runs_the_program_with_its_status);
    RUN(exec_passes_argv_and_envp);
    RUN(exec_keeps_the_pid);
    RUN(exec_of_a_missing_file_is_enoent);
    RUN(exec_of_a_corrupt_file_is_enoexec);
    RUN(exec_of_a_file_cut_inside_a_segment_fails);
    RUN(exec_with_a_bad_path_pointer_is_efault);
    RUN(huge_argv_is_e2big);
    RUN(cloexec_files_close_across_exec);
    RUN(signal_dispositions_across_exec);
    return check_summary();
}
