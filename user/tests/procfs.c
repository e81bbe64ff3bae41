/* /proc in Linux's formats (issue 6), parsed the way tools such as free, ps and pmap
 * read them: meminfo, buddyinfo, self/status, self/maps, self/cmdline, self/exe. */
#include "testlib.h"

extern char **environ;
static const char *self;
static char text[65536];

/* Reads a whole /proc file into text; returns its length or -1. */
static long slurp(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    long n = t_read_full(fd, text, sizeof text - 1);
    close(fd);
    if (n >= 0)
        text[n] = 0;
    return n;
}

/* The line of text starting with key followed by ':', or NULL. */
static const char *find_line(const char *key) {
    size_t n = strlen(key);
    for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
        if (!strncmp(l, key, n) && l[n] == ':')
            return l;
    return NULL;
}

/* Parses "Key:   N kB" as meminfo and status lines are written; -1 on a bad line. */
static long kb_value(const char *key) {
    const char *l = find_line(key);
    if (!l)
        return -1;
    l += strlen(key) + 1;
    if (*l != ' ' && *l != '\t')
        return -1;
    char *end;
    long v = strtol(l, &end, 10);
    if (end == l || strncmp(end, " kB\n", 4))
        return -1;
    return v;
}

TEST(meminfo_has_the_fields_free_reads) {
    CHECK(slurp("/proc/meminfo") > 0);
    static const char *keys[] = {"MemTotal", "MemFree", "MemAvailable", "Cached",
                                 "SwapTotal", "SwapFree", "AnonPages", "PageTables"};
    for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        long v = kb_value(keys[i]);
        if (v < 0)
            printf("  meminfo: no well-formed %s line\n", keys[i]);
        CHECK(v >= 0);
    }
    long total = kb_value("MemTotal"), free_kb = kb_value("MemFree");
    CHECK(total > 16 * 1024); /* at least 16 MiB */
    CHECK(free_kb > 0 && free_kb <= total);
    CHECK(kb_value("MemAvailable") <= total);
    CHECK(kb_value("SwapFree") <= kb_value("SwapTotal"));
    CHECK(!strncmp(text, "MemTotal:", 9)); /* the first line, as free(1) expects */
}

/* Each line: "Node N, zone NAME c0 c1 ... c10" with eleven counts. */
TEST(buddyinfo_lines_have_eleven_orders) {
    CHECK(slurp("/proc/buddyinfo") > 0);
    int lines = 0, good = 0;
    for (char *l = text; *l;) {
        char *nl = strchr(l, '\n');
        if (!nl)
            break;
        *nl = 0;
        lines++;
        char *z = strstr(l, ", zone");
        if (!strncmp(l, "Node ", 5) && z) {
            char *p = z + 6;
            while (*p == ' ')
                p++;
            while (*p && *p != ' ')
                p++; /* the zone name */
            int counts = 0;
            for (;;) {
                char *end;
                strtol(p, &end, 10);
                if (end == p)
                    break;
                counts++;
                p = end;
            }
            while (*p == ' ') /* Linux ends each line with a space */
                p++;
            good += counts == 11 && *p == 0;
        }
        l = nl + 1;
    }
    CHECK(lines >= 1);
    CHECK_EQ(good, lines);
}

TEST(status_describes_this_process) {
    CHECK(slurp("/proc/self/status") > 0);
    const char *l = find_line("Pid");
    CHECK(l && strtol(l + 4, NULL, 10) == getpid());
    l = find_line("PPid");
    CHECK(l && strtol(l + 5, NULL, 10) == getppid());
    l = find_line("Name");
    const char *base = strrchr(self, '/') ? strrchr(self, '/') + 1 : self;
    CHECK(l && !strncmp(l + 5, "\t", 1) && !strncmp(l + 6, base, strlen(base) > 15 ? 15 : strlen(base)));
    long size = kb_value("VmSize"), rss = kb_value("VmRSS");
    CHECK(size > 0);
    CHECK(rss > 0 && rss <= size);
    l = find_line("State");
    CHECK(l && strchr("RS", l[7]) != NULL); /* "State:\tR (running)" */
}

TEST(status_of_another_process_by_pid) {
    int p[2];
    CHECK_EQ(pipe(p), 0);
    pid_t pid = t_fork();
    if (pid == 0) {
        char c;
        close(p[1]);
        read(p[0], &c, 1);
        _exit(0);
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    CHECK(slurp(path) > 0);
    const char *l = find_line("Pid");
    CHECK(l && strtol(l + 4, NULL, 10) == pid);
    l = find_line("PPid");
    CHECK(l && strtol(l + 5, NULL, 10) == getpid());
    close(p[0]);
    close(p[1]);
    int st;
    waitpid(pid, &st, 0);
    errno = 0;
    CHECK_EQ(open(path, O_RDONLY), -1); /* reaped: gone */
    CHECK_EQ(errno, ENOENT);
}

struct map_line {
    unsigned long start, end, offset, inode;
    char perms[5];
    const char *path; /* "" when anonymous */
};

/* Parses "08048000-08056000 r-xp 00000000 03:01 12345      /bin/prog"; 0 on success. */
static int parse_map_line(char *l, struct map_line *m) {
    char *end;
    m->start = strtoul(l, &end, 16);
    if (*end != '-')
        return -1;
    m->end = strtoul(end + 1, &end, 16);
    if (*end != ' ' || m->end <= m->start)
        return -1;
    memcpy(m->perms, end + 1, 4);
    m->perms[4] = 0;
    if (strspn(m->perms, "r-") < 1 || end[5] != ' ')
        return -1;
    m->offset = strtoul(end + 6, &end, 16);
    if (*end != ' ')
        return -1;
    char *dev = end + 1; /* "MM:mm" in hex */
    strtoul(dev, &end, 16);
    if (*end != ':')
        return -1;
    strtoul(end + 1, &end, 16);
    if (*end != ' ')
        return -1;
    m->inode = strtoul(end + 1, &end, 10);
    while (*end == ' ')
        end++;
    m->path = end;
    return 0;
}

/* Finds the mapping holding addr in /proc/self/maps; returns the line count or -1. */
static int maps_find(unsigned long addr, struct map_line *found, int *bad) {
    if (slurp("/proc/self/maps") <= 0)
        return -1;
    int lines = 0;
    *bad = 0;
    found->path = NULL;
    for (char *l = text; *l;) {
        char *nl = strchr(l, '\n');
        if (!nl)
            break;
        *nl = 0;
        struct map_line m;
        if (parse_map_line(l, &m) != 0)
            (*bad)++;
        else if (addr >= m.start && addr < m.end)
            *found = m;
        lines++;
        l = nl + 1;
    }
    return lines;
}

static int code_marker(void) { return 1; }

TEST(maps_show_code_heap_stack_and_mappings) {
    struct map_line m;
    int bad;
    const char *base = strrchr(self, '/') ? strrchr(self, '/') + 1 : self;
    CHECK(maps_find((unsigned long)&code_marker, &m, &bad) > 3);
    CHECK_EQ(bad, 0);
    CHECK(m.path && m.perms[0] == 'r' && m.perms[2] == 'x' && m.perms[3] == 'p');
    CHECK(m.path && strlen(m.path) >= strlen(base) &&
          !strcmp(m.path + strlen(m.path) - strlen(base), base));
    CHECK(m.path && m.inode != 0);
    int local = 0;
    CHECK(maps_find((unsigned long)&local, &m, &bad) > 0);
    CHECK(m.path && !strcmp(m.path, "[stack]"));
    CHECK(m.path && !strncmp(m.perms, "rw-p", 4));
    char *small = malloc(64);
    CHECK(maps_find((unsigned long)small, &m, &bad) > 0);
    CHECK(m.path && !strcmp(m.path, "[heap]"));
    free(small);

    char *p = mmap(NULL, 3 * T_PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK(p != MAP_FAILED);
    CHECK(maps_find((unsigned long)p, &m, &bad) > 0);
    CHECK(m.path && !strcmp(m.path, "") && !strncmp(m.perms, "rw-p", 4));
    CHECK(m.start <= (unsigned long)p && m.end >= (unsigned long)p + 3 * T_PAGE);
    /* A protection change in the middle splits the mapping in three. */
    CHECK_EQ(mprotect(p + T_PAGE, T_PAGE, PROT_READ), 0);
    CHECK(maps_find((unsigned long)p + T_PAGE, &m, &bad) > 0);
    CHECK(m.start == (unsigned long)p + T_PAGE && m.end == (unsigned long)p + 2 * T_PAGE);
    CHECK(!strncmp(m.perms, "r--p", 4));
    CHECK(maps_find((unsigned long)p + 2 * T_PAGE, &m, &bad) > 0);
    CHECK(m.start == (unsigned long)p + 2 * T_PAGE && !strncmp(m.perms, "rw-p", 4));
    munmap(p, 3 * T_PAGE);
    CHECK(maps_find((unsigned long)p + T_PAGE, &m, &bad) > 0);
    CHECK(m.path == NULL); /* gone */
}

TEST(cmdline_is_argv_with_nuls) {
    long n = slurp("/proc/self/cmdline");
    CHECK_EQ(n, (long)strlen(self) + 1 + 4 + 1); /* "<self>\0--go\0" */
    CHECK(n > 0 && !strcmp(text, self) && !strcmp(text + strlen(self) + 1, "--go"));
}

TEST(self_exe_names_this_program) {
    char buf[512];
    long n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    CHECK(n > 0);
    if (n <= 0)
        return;
    buf[n] = 0;
    const char *base = strrchr(self, '/') ? strrchr(self, '/') + 1 : self;
    CHECK(buf[0] == '/');
    CHECK(n >= (long)strlen(base) && !strcmp(buf + n - strlen(base), base));
}

int main(int argc, char **argv) {
    self = argv[0];
    /* Run again with one known argument, so /proc/self/cmdline has a known value. */
    if (argc != 2 || strcmp(argv[1], "--go")) {
        char *args[] = {argv[0], "--go", NULL};
        execve(argv[0], args, environ);
        printf("procfs: cannot re-exec %s: errno %d\n0 passed, 1 failed\n", argv[0], errno);
        return 1;
    }
    RUN(meminfo_has_the_fields_free_reads);
    RUN(buddyinfo_lines_have_eleven_orders);
    RUN(status_describes_this_process);
    RUN(status_of_another_process_by_pid);
    RUN(maps_show_code_heap_stack_and_mappings);
    RUN(cmdline_is_argv_with_nuls);
    RUN(self_exe_names_this_program);
    return check_summary();
}
