/* The shell (issue 6): scripts run by /bin/sh, compared with the output a POSIX shell
 * gives. Natively /bin/sh is the host's shell (dash or bash), which makes it the oracle
 * for ours. Each script runs in a scratch directory with its output in a pipe. */
#include "testlib.h"

extern char **environ;

static char out[8192];

/* Runs script (written to t_dir/script.sh) with /bin/sh in t_dir; returns its wait
 * status and leaves its stdout and stderr in out. */
static int run_sh(const char *script) {
    out[0] = 0;
    if (t_write_file(t_path("script.sh"), script, strlen(script), 0644) != 0)
        return -1;
    int p[2];
    if (pipe(p) != 0)
        return -1;
    pid_t pid = t_fork();
    if (pid == 0) {
        close(p[0]);
        dup2(p[1], 1);
        dup2(p[1], 2);
        close(p[1]);
        if (chdir(t_dir) != 0)
            _exit(120);
        char *argv[] = {"sh", "script.sh", NULL};
        execve("/bin/sh", argv, environ);
        _exit(121);
    }
    close(p[1]);
    long n = t_read_full(p[0], out, sizeof out - 1);
    close(p[0]);
    out[n > 0 ? n : 0] = 0;
    int st;
    if (waitpid(pid, &st, 0) != pid)
        return -1;
    return st;
}

/* Checks the output; prints both when they differ. */
static int same(const char *want) {
    if (!strcmp(out, want))
        return 1;
    printf("  want: \"%s\"\n  got:  \"%s\"\n", want, out);
    return 0;
}

TEST(commands_and_arguments) {
    CHECK(t_exited_with(run_sh("echo hello world\n"
                               "echo   spaced    out\n"
                               "echo \"double  quoted\" 'single $quoted'\n"
                               "echo a\"b\"'c'd\n"),
                        0));
    CHECK(same("hello world\nspaced out\ndouble  quoted single $quoted\nabcd\n"));
}

TEST(status_and_lists) {
    CHECK(t_exited_with(run_sh("false; echo \"false gave $?\"\n"
                               "true; echo \"true gave $?\"\n"
                               "true && echo and-ran\n"
                               "false && echo never\n"
                               "false || echo or-ran\n"
                               "true || echo never\n"
                               "echo one; echo two\n"
                               "false\n"),
                        1)); /* the last command's status */
    CHECK(same("false gave 1\ntrue gave 0\nand-ran\nor-ran\none\ntwo\n"));
}

TEST(redirections) {
    CHECK(t_exited_with(run_sh("echo first > f\n"
                               "echo second >> f\n"
                               "cat f\n"
                               "cat < f\n"
                               "echo replaced > f\n"
                               "cat f\n"),
                        0));
    CHECK(same("first\nsecond\nfirst\nsecond\nreplaced\n"));
    struct stat st;
    CHECK_EQ(stat(t_path("f"), &st), 0);
    CHECK_EQ(st.st_size, 9);
}

TEST(pipelines) {
    CHECK(t_exited_with(run_sh("echo through a pipe | cat\n"
                               "echo two stages | cat | cat\n"
                               "cat script.sh | cat > copy\n"
                               "cat copy | cat\n"),
                        0));
    CHECK(same("through a pipe\ntwo stages\n"
               "echo through a pipe | cat\necho two stages | cat | cat\n"
               "cat script.sh | cat > copy\ncat copy | cat\n"));
}

TEST(cd_and_exit_status) {
    char want[600];
    snprintf(want, sizeof want, "%s/sub\n%s\n", t_dir, t_dir);
    CHECK(t_exited_with(run_sh("mkdir sub\n"
                               "cd sub\n"
                               "pwd\n"
                               "cd ..\n"
                               "pwd\n"
                               "exit 7\n"
                               "echo not reached\n"),
                        7));
    CHECK(same(want));
    rmdir(t_path("sub"));
}

TEST(missing_command_is_127) {
    int st = run_sh("no-such-command-here\necho \"status $?\"\n");
    CHECK(t_exited_with(st, 0));
    CHECK(strstr(out, "status 127\n") != NULL);
}

TEST(cleanup_removes_everything) { CHECK_EQ(t_rmtree(t_dir), 0); }

int main(void) {
    if (!t_make_tmpdir("sh"))
        return 1;
    RUN(commands_and_arguments);
    RUN(status_and_lists);
    RUN(redirections);
    RUN(pipelines);
    RUN(cd_and_exit_status);
    RUN(missing_command_is_127);
    RUN(cleanup_removes_everything);
    return check_summary();
}
