/* init: the first process. Prints a one-line welcome (and /etc/motd), gives the shell a
 * basic environment (PATH=/bin, HOME=/), runs /bin/sh, reaps any orphans meanwhile, and
 * exits with the shell's status when the shell exits. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define SHELL "/bin/sh"
#define MOTD "/etc/motd"
#define STATUS_NOTFOUND 127
#define STATUS_SIGNAL_BASE 128

static void show_motd(void) {
    FILE *f = fopen(MOTD, "r");
    if (!f)
        return;
    char line[256];
    while (fgets(line, sizeof line, f))
        fputs(line, stdout);
    fclose(f);
}

int main(void) {
    setenv("PATH", "/bin", 0);
    setenv("HOME", "/", 0);
    setenv("TERM", "vt100", 0);
    printf("LingOS init: starting %s\n", SHELL);
    show_motd();
    fflush(stdout);
    pid_t shell = fork();
    if (shell < 0) {
        perror("init: fork");
        return 1;
    }
    if (shell == 0) {
        char *argv[] = {"sh", NULL};
        execve(SHELL, argv, environ);
        perror("init: " SHELL);
        _exit(STATUS_NOTFOUND);
    }
    for (;;) {
        int st;
        pid_t pid = wait(&st);
        if (pid < 0 && errno != EINTR)
            return 1;
        if (pid == shell)
            return WIFSIGNALED(st) ? STATUS_SIGNAL_BASE + WTERMSIG(st) : WEXITSTATUS(st);
    }
}
