/* rm [-r] [-f] FILE...: removes files; -r removes directories and their contents; -f
 * ignores missing files and never fails for them. */
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive, force;

static int remove_path(const char *path);

/* The names in dir except . and .., as a malloc'ed NULL-terminated array (NULL on error). */
static char **list_dir(const char *dir) {
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    size_t n = 0, cap = 16;
    char **names = malloc(cap * sizeof *names);
    struct dirent *e;
    while (names && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (n + 2 > cap)
            names = realloc(names, (cap *= 2) * sizeof *names);
        if (names)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (names)
        names[n] = NULL;
    return names;
}

/* Removes everything inside dir (listed first, so removal does not disturb the reading),
 * then dir. */
static int remove_tree(const char *dir) {
    char **names = list_dir(dir);
    if (!names) {
        warn("cannot open '%s'", dir);
        return 1;
    }
    int status = 0;
    for (char **name = names; *name; name++) {
        char child[PATH_MAX];
        if (snprintf(child, sizeof child, "%s/%s", dir, *name) >= (int)sizeof child) {
            warnx("path too long: %s/%s", dir, *name);
            status = 1;
        } else {
            status |= remove_path(child);
        }
        free(*name);
    }
    free(names);
    if (rmdir(dir) < 0) {
        warn("cannot remove '%s'", dir);
        return 1;
    }
    return status;
}

static int remove_path(const char *path) {
    struct stat st;
    if (lstat(path, &st) < 0) {
        if (force && errno == ENOENT)
            return 0;
        warn("cannot remove '%s'", path);
        return 1;
    }
    if (S_ISDIR(st.st_mode)) {
        if (!recursive) {
            warnx("cannot remove '%s': Is a directory", path);
            return 1;
        }
        return remove_tree(path);
    }
    if (unlink(path) < 0) {
        warn("cannot remove '%s'", path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    int c;
    while ((c = getopt(argc, argv, "rRf")) != -1) {
        if (c == 'f')
            force = 1;
        else if (c == 'r' || c == 'R')
            recursive = 1;
        else
            return 1;
    }
    if (optind == argc && !force)
        errx(1, "missing operand");
    int status = 0;
    for (int i = optind; i < argc; i++)
        status |= remove_path(argv[i]);
    return status;
}
