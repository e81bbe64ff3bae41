/* ls [-l] [-a] [-1] [FILE...]: lists directories (sorted by name) and files. -l shows
 * mode, links, owner, group, size, modification time (UTC) and symlink targets, after a
 * "total" line in 1 KiB blocks; -a includes dot files. On a terminal, names go in columns. */
#include <dirent.h>
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_COLUMNS 80
#define COLUMN_GAP 2
#define SIX_MONTHS (60L * 60 * 24 * 365 / 2)
#define ID_NAME_MAX 32
static const char PASSWD_FILE[] = "/etc/passwd", GROUP_FILE[] = "/etc/group";

struct entry {
    char *name;
    char *path; /* for stat and readlink */
    struct stat st;
    int stat_ok;
};

static int opt_long, opt_all, opt_one;

static int by_name(const void *a, const void *b) {
    return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* The name of id in /etc/passwd or /etc/group (field 3), or the number; remembered, so
 * each file is read once per id. */
#define ID_CACHE 16
static const char *id_name(const char *file, unsigned id, char *buf) {
    static struct { const char *file; unsigned id; char name[ID_NAME_MAX]; } cache[ID_CACHE];
    static int cached;
    for (int i = 0; i < cached; i++)
        if (cache[i].file == file && cache[i].id == id)
            return strcpy(buf, cache[i].name);
    snprintf(buf, ID_NAME_MAX, "%u", id);
    FILE *f = fopen(file, "r");
    if (f) {
        char line[256];
        while (fgets(line, sizeof line, f)) {
            char *save, *name = strtok_r(line, ":", &save);
            strtok_r(NULL, ":", &save);
            char *num = strtok_r(NULL, ":", &save);
            if (name && num && (unsigned)atoi(num) == id) {
                snprintf(buf, ID_NAME_MAX, "%s", name);
                break;
            }
        }
        fclose(f);
    }
    if (cached < ID_CACHE) {
        cache[cached].file = file;
        cache[cached].id = id;
        strcpy(cache[cached++].name, buf);
    }
    return buf;
}

static void mode_string(mode_t m, char *s) {
    static const char types[] = "?pc?d?b?-?l?s???";
    s[0] = types[(m >> 12) & 0xf];
    const char *rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++)
        s[1 + i] = (m & (1u << (8 - i))) ? rwx[i] : '-';
    if (m & S_ISUID) s[3] = (m & S_IXUSR) ? 's' : 'S';
    if (m & S_ISGID) s[6] = (m & S_IXGRP) ? 's' : 'S';
    if (m & S_ISVTX) s[9] = (m & S_IXOTH) ? 't' : 'T';
    s[10] = 0;
}

static int digits(long long v) {
    int n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

static void print_long(struct entry *e, int n, int with_total) {
    int wlinks = 1, wsize = 1, wuser = 1, wgroup = 1;
    char user[ID_NAME_MAX], group[ID_NAME_MAX];
    long long blocks = 0;
    for (int i = 0; i < n; i++) {
        if (!e[i].stat_ok)
            continue;
        int w;
        if ((w = digits(e[i].st.st_nlink)) > wlinks) wlinks = w;
        if ((w = digits(e[i].st.st_size)) > wsize) wsize = w;
        if ((w = (int)strlen(id_name(PASSWD_FILE, e[i].st.st_uid, user))) > wuser) wuser = w;
        if ((w = (int)strlen(id_name(GROUP_FILE, e[i].st.st_gid, group))) > wgroup) wgroup = w;
        blocks += e[i].st.st_blocks;
    }
    if (with_total)
        printf("total %lld\n", blocks / 2);
    time_t now = time(NULL);
    for (int i = 0; i < n; i++) {
        if (!e[i].stat_ok)
            continue;
        struct stat *st = &e[i].st;
        char mode[11], when[32];
        mode_string(st->st_mode, mode);
        struct tm tm;
        time_t mt = st->st_mtime;
        gmtime_r(&mt, &tm);
        int recent = mt <= now && now - mt < SIX_MONTHS;
        strftime(when, sizeof when, recent ? "%b %e %H:%M" : "%b %e  %Y", &tm);
        printf("%s %*lu %-*s %-*s %*lld %s %s", mode, wlinks, (unsigned long)st->st_nlink, wuser,
               id_name(PASSWD_FILE, st->st_uid, user), wgroup,
               id_name(GROUP_FILE, st->st_gid, group), wsize, (long long)st->st_size, when,
               e[i].name);
        if (S_ISLNK(st->st_mode)) {
            char target[PATH_MAX];
            ssize_t len = readlink(e[i].path, target, sizeof target - 1);
            if (len >= 0) {
                target[len] = 0;
                printf(" -> %s", target);
            }
        }
        putchar('\n');
    }
}

/* Names in as many columns as fit the terminal, filled down each column first. */
static void print_columns(struct entry *e, int n) {
    struct winsize ws;
    int width = ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col ? ws.ws_col : DEFAULT_COLUMNS;
    int maxlen = 1;
    for (int i = 0; i < n; i++)
        if ((int)strlen(e[i].name) > maxlen)
            maxlen = (int)strlen(e[i].name);
    int colw = maxlen + COLUMN_GAP;
    int cols = width / colw ? width / colw : 1;
    int rows = (n + cols - 1) / cols;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            int i = c * rows + r;
            if (i >= n)
                break;
            if ((c + 1) * rows + r >= n) { /* the last name on this row: no padding */
                fputs(e[i].name, stdout);
                break;
            }
            printf("%-*s", colw, e[i].name);
        }
        putchar('\n');
    }
}

/* with_total: a directory's listing (-l starts with its "total" line). */
static void print_entries(struct entry *e, int n, int with_total) {
    qsort(e, (size_t)n, sizeof *e, by_name);
    if (opt_long)
        print_long(e, n, with_total);
    else if (!opt_one && isatty(1))
        print_columns(e, n);
    else
        for (int i = 0; i < n; i++)
            puts(e[i].name);
}

static void fill(struct entry *e, const char *name, const char *path) {
    e->name = strdup(name);
    e->path = strdup(path);
    e->stat_ok = lstat(path, &e->st) == 0;
    if (!e->stat_ok && opt_long)
        warn("cannot access '%s'", path);
}

static void free_entries(struct entry *e, int n) {
    for (int i = 0; i < n; i++) {
        free(e[i].name);
        free(e[i].path);
    }
    free(e);
}

static int list_dir(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) {
        warn("cannot open directory '%s'", dir);
        return 1;
    }
    int n = 0, cap = 32;
    struct entry *e = malloc((size_t)cap * sizeof *e);
    struct dirent *de;
    while (e && (de = readdir(d))) {
        if (de->d_name[0] == '.' && !opt_all)
            continue;
        if (n == cap)
            e = realloc(e, (size_t)(cap *= 2) * sizeof *e);
        if (!e)
            break;
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (opt_long)
            fill(&e[n], de->d_name, path);
        else
            e[n] = (struct entry){strdup(de->d_name), NULL, {0}, 0};
        n++;
    }
    closedir(d);
    if (!e)
        errx(1, "out of memory");
    print_entries(e, n, 1);
    free_entries(e, n);
    return 0;
}

int main(int argc, char **argv) {
    int c;
    while ((c = getopt(argc, argv, "la1")) != -1) {
        if (c == 'l') opt_long = 1;
        else if (c == 'a') opt_all = 1;
        else if (c == '1') opt_one = 1;
        else return 2;
    }
    char *dot[] = {".", NULL};
    char **args = optind < argc ? argv + optind : dot;
    int nargs = optind < argc ? argc - optind : 1, status = 0;
    /* Files first (as one listing), then each directory. */
    struct entry *files = calloc((size_t)nargs, sizeof *files);
    int nfiles = 0, ndirs = 0;
    for (int i = 0; i < nargs; i++) {
        struct stat st;
        if (stat(args[i], &st) < 0 && lstat(args[i], &st) < 0) {
            warn("cannot access '%s'", args[i]);
            status = 2;
            args[i] = NULL;
        } else if (S_ISDIR(st.st_mode)) {
            ndirs++;
        } else {
            fill(&files[nfiles++], args[i], args[i]);
            args[i] = NULL;
        }
    }
    if (nfiles)
        print_entries(files, nfiles, 0);
    free_entries(files, nfiles);
    int shown = nfiles;
    for (int i = 0; i < nargs; i++) {
        if (!args[i])
            continue;
        if (nargs > 1)
            printf("%s%s:\n", shown++ ? "\n" : "", args[i]);
        status |= list_dir(args[i]);
    }
    return status;
}
