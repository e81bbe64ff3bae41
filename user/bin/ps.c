/* ps: lists processes from /proc/PID/stat (Linux's format): PID, PPID, state, virtual
 * size and resident set in KiB, and the command line (/proc/PID/cmdline, else [comm]). */
#include <ctype.h>
#include <dirent.h>
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE_KIB 4
#define STAT_BUF 1024
#define CMD_BUF 256
#define VSIZE_FIELD 20 /* fields after the ")" of comm, 0-based: state=0 ppid=1 ... vsize=20 */
#define RSS_FIELD 21

/* Reads a small /proc file into buf (NUL-terminated); its length, or -1. */
static int read_small(const char *path, char *buf, size_t size) {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, size - 1);
    close(fd);
    if (n < 0)
        return -1;
    buf[n] = 0;
    return (int)n;
}

static void show(const char *pid) {
    char path[64], stat[STAT_BUF], cmd[CMD_BUF];
    snprintf(path, sizeof path, "/proc/%s/stat", pid);
    if (read_small(path, stat, sizeof stat) < 0)
        return; /* gone meanwhile */
    char *open_paren = strchr(stat, '('), *close_paren = strrchr(stat, ')');
    if (!open_paren || !close_paren)
        return;
    *close_paren = 0;
    const char *comm = open_paren + 1;
    char *fields[RSS_FIELD + 1] = {0}, *save;
    int n = 0;
    for (char *f = strtok_r(close_paren + 1, " \n", &save); f && n <= RSS_FIELD;
         f = strtok_r(NULL, " \n", &save))
        fields[n++] = f;
    if (n < 2)
        return;
    unsigned long long vsz = n > VSIZE_FIELD ? strtoull(fields[VSIZE_FIELD], NULL, 10) / 1024 : 0;
    unsigned long long rss = n > RSS_FIELD ? strtoull(fields[RSS_FIELD], NULL, 10) * PAGE_KIB : 0;
    snprintf(path, sizeof path, "/proc/%s/cmdline", pid);
    int len = read_small(path, cmd, sizeof cmd);
    if (len > 0) {
        for (int i = 0; i < len; i++)
            if (!cmd[i])
                cmd[i] = ' ';
        while (len > 0 && cmd[len - 1] == ' ')
            cmd[--len] = 0;
    } else {
        snprintf(cmd, sizeof cmd, "[%s]", comm);
    }
    printf("%5s %5s %c %8llu %6llu %s\n", pid, fields[1], fields[0][0], vsz, rss, cmd);
}

static int by_number(const void *a, const void *b) {
    return atoi(*(char *const *)a) - atoi(*(char *const *)b);
}

int main(void) {
    DIR *d = opendir("/proc");
    if (!d)
        err(1, "cannot open /proc (is procfs mounted?)");
    char **pids = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!isdigit((unsigned char)e->d_name[0]))
            continue;
        if (n == cap && !(pids = realloc(pids, (cap = cap ? cap * 2 : 64) * sizeof *pids)))
            errx(1, "out of memory");
        pids[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(pids, n, sizeof *pids, by_number);
    printf("%5s %5s %c %8s %6s %s\n", "PID", "PPID", 'S', "VSZ", "RSS", "CMD");
    for (size_t i = 0; i < n; i++) {
        show(pids[i]);
        free(pids[i]);
    }
    free(pids);
    return 0;
}
