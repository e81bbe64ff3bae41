/* kill [-N | -NAME | -s NAME] PID...: sends a signal (default SIGTERM); kill -l lists
 * the names. */
#include <ctype.h>
#include <err.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const names[] = {
    [SIGHUP] = "HUP", [SIGINT] = "INT", [SIGQUIT] = "QUIT", [SIGILL] = "ILL",
    [SIGTRAP] = "TRAP", [SIGABRT] = "ABRT", [SIGBUS] = "BUS", [SIGFPE] = "FPE",
    [SIGKILL] = "KILL", [SIGUSR1] = "USR1", [SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",
    [SIGPIPE] = "PIPE", [SIGALRM] = "ALRM", [SIGTERM] = "TERM", [SIGSTKFLT] = "STKFLT",
    [SIGCHLD] = "CHLD", [SIGCONT] = "CONT", [SIGSTOP] = "STOP", [SIGTSTP] = "TSTP",
    [SIGTTIN] = "TTIN", [SIGTTOU] = "TTOU", [SIGURG] = "URG", [SIGXCPU] = "XCPU",
    [SIGXFSZ] = "XFSZ", [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF", [SIGWINCH] = "WINCH",
    [SIGIO] = "IO", [SIGPWR] = "PWR", [SIGSYS] = "SYS",
};
#define NAMED (int)(sizeof names / sizeof names[0])

/* "9", "KILL" or "SIGKILL" -> 9; -1 if unknown. */
static int parse_signal(const char *s) {
    if (isdigit((unsigned char)*s)) {
        char *end;
        long n = strtol(s, &end, 10);
        return *end || n < 0 || n >= NSIG ? -1 : (int)n;
    }
    if (!strncasecmp(s, "SIG", 3))
        s += 3;
    for (int i = 1; i < NAMED; i++)
        if (!strcasecmp(s, names[i]))
            return i;
    return -1;
}

int main(int argc, char **argv) {
    int sig = SIGTERM, i = 1;
    if (argc > 1 && !strcmp(argv[1], "-l")) {
        for (int s = 1; s < NAMED; s++)
            printf("%2d) SIG%s\n", s, names[s]);
        return 0;
    }
    if (argc > 2 && !strcmp(argv[1], "-s")) {
        sig = parse_signal(argv[2]);
        i = 3;
    } else if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
        sig = parse_signal(argv[1] + 1);
        i = 2;
    }
    if (sig < 0)
        errx(1, "unknown signal");
    if (i == argc)
        errx(1, "usage: kill [-N | -NAME] PID...");
    int status = 0;
    for (; i < argc; i++) {
        char *end;
        long pid = strtol(argv[i], &end, 10);
        if (*end || end == argv[i]) {
            warnx("invalid pid '%s'", argv[i]);
            status = 1;
        } else if (kill((pid_t)pid, sig) < 0) {
            warn("(%ld)", pid);
            status = 1;
        }
    }
    return status;
}
