/* Directories (issue 6), in a fresh directory under $TMPDIR or /tmp: mkdir, rmdir,
 * listing with readdir (getdents64), chdir/getcwd, renaming directories, link counts,
 * and Linux's errors. */
#include "testlib.h"

static int is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int err_of(int rc) { return rc == -1 ? errno : 0; }

TEST(mkdir_and_rmdir) {
    CHECK_EQ(mkdir(t_path("d"), 0755), 0);
    CHECK(is_dir(t_path("d")));
    struct stat st;
    CHECK_EQ(stat(t_path("d"), &st), 0);
    CHECK_EQ(st.st_mode & 0777, 0755);
    CHECK_EQ(st.st_nlink, 2);
    CHECK_EQ(rmdir(t_path("d")), 0);
    errno = 0;
    CHECK_EQ(stat(t_path("d"), &st), -1);
    CHECK_EQ(errno, ENOENT);
}

TEST(directory_link_counts_follow_subdirectories) {
    struct stat st, parent0;
    CHECK_EQ(stat(t_dir, &parent0), 0);
    CHECK_EQ(mkdir(t_path("p"), 0755), 0);
    CHECK_EQ(stat(t_dir, &st), 0);
    CHECK_EQ(st.st_nlink, parent0.st_nlink + 1); /* p's ".." */
    CHECK_EQ(mkdir(t_path("p/c1"), 0755), 0);
    CHECK_EQ(mkdir(t_path("p/c2"), 0755), 0);
    CHECK_EQ(t_write_file(t_path("p/file"), "f", 1, 0644), 0);
    CHECK_EQ(stat(t_path("p"), &st), 0);
    CHECK_EQ(st.st_nlink, 4); /* ".", its name, and two ".." */
    struct stat dotdot, p;
    CHECK_EQ(stat(t_path("p/c1/.."), &dotdot), 0);
    CHECK_EQ(stat(t_path("p"), &p), 0);
    CHECK_EQ(dotdot.st_ino, p.st_ino);
    CHECK_EQ(rmdir(t_path("p/c1")), 0);
    CHECK_EQ(stat(t_path("p"), &st), 0);
    CHECK_EQ(st.st_nlink, 3);
    CHECK_EQ(t_rmtree(t_path("p")), 0);
    CHECK_EQ(stat(t_dir, &st), 0);
    CHECK_EQ(st.st_nlink, parent0.st_nlink);
}

TEST(directory_errors) {
    CHECK_EQ(mkdir(t_path("e"), 0755), 0);
    CHECK_EQ(t_write_file(t_path("e/f"), "x", 1, 0644), 0);
    CHECK_EQ(err_of(mkdir(t_path("e"), 0755)), EEXIST);
    CHECK_EQ(err_of(mkdir(t_path("e/f"), 0755)), EEXIST);
    CHECK_EQ(err_of(mkdir(t_path("missing/sub"), 0755)), ENOENT);
    CHECK_EQ(err_of(mkdir(t_path("e/f/sub"), 0755)), ENOTDIR);
    CHECK_EQ(err_of(rmdir(t_path("e"))), ENOTEMPTY);
    CHECK_EQ(err_of(rmdir(t_path("e/f"))), ENOTDIR);
    CHECK_EQ(err_of(rmdir(t_path("nothing"))), ENOENT);
    CHECK_EQ(err_of(rmdir(t_path("e/."))), EINVAL);
    CHECK_EQ(err_of(unlink(t_path("e"))), EISDIR);
    CHECK_EQ(err_of(chdir(t_path("e/f"))), ENOTDIR);
    CHECK_EQ(err_of(chdir(t_path("nothing"))), ENOENT);
    CHECK(opendir(t_path("e/f")) == NULL);
    CHECK_EQ(errno, ENOTDIR);
    CHECK(opendir(t_path("nothing")) == NULL);
    CHECK_EQ(errno, ENOENT);
    static char name[256];
    memset(name, 'd', 255);
    CHECK_EQ(mkdir(t_path(name), 0755), 0); /* 255 bytes is the longest name */
    CHECK(is_dir(t_path(name)));
    CHECK_EQ(rmdir(t_path(name)), 0);
    static char longer[257];
    memset(longer, 'd', 256);
    CHECK_EQ(err_of(mkdir(t_path(longer), 0755)), ENAMETOOLONG);
    CHECK_EQ(t_rmtree(t_path("e")), 0);
}

/* Lists path with readdir: fills seen[i] for names "entry-<i>-<padding>" and counts
 * "." and ".."; returns the number of other names, or -1. */
#define NENTRIES 300
static const char pad[] = "-a-name-long-enough-to-fill-several-blocks";
static int list_dir(const char *path, unsigned char *seen, int *dots) {
    DIR *d = opendir(path);
    if (!d)
        return -1;
    int other = 0;
    *dots = 0;
    memset(seen, 0, NENTRIES);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) {
            (*dots)++;
            continue;
        }
        char *end;
        long i = strncmp(e->d_name, "entry-", 6) ? -1 : strtol(e->d_name + 6, &end, 10);
        if (i >= 0 && i < NENTRIES && !strcmp(end, pad))
            seen[i]++;
        else
            other++;
    }
    closedir(d);
    return other;
}

static const char *entry_path(int i) {
    char name[96];
    snprintf(name, sizeof name, "list/entry-%d%s", i, pad);
    return t_path(name);
}

TEST(readdir_lists_every_entry_once) {
    static unsigned char seen[NENTRIES];
    int dots = 0, bad = 0;
    CHECK_EQ(mkdir(t_path("list"), 0755), 0);
    CHECK_EQ(list_dir(t_path("list"), seen, &dots), 0);
    CHECK_EQ(dots, 2);
    for (int i = 0; i < NENTRIES; i++)
        if (i % 10 == 9)
            bad += mkdir(entry_path(i), 0755) != 0;
        else
            bad += t_write_file(entry_path(i), &i, sizeof i, 0644) != 0;
    CHECK_EQ(bad, 0);
    CHECK_EQ(list_dir(t_path("list"), seen, &dots), 0);
    CHECK_EQ(dots, 2);
    int once = 0;
    for (int i = 0; i < NENTRIES; i++)
        once += seen[i] == 1;
    CHECK_EQ(once, NENTRIES);
    /* Remove every other entry; the listing follows, and freed slots are reused. */
    for (int i = 0; i < NENTRIES; i += 2)
        bad += (i % 10 == 9 ? rmdir(entry_path(i)) : unlink(entry_path(i))) != 0;
    CHECK_EQ(bad, 0);
    CHECK_EQ(list_dir(t_path("list"), seen, &dots), 0);
    int right = 0;
    for (int i = 0; i < NENTRIES; i++)
        right += seen[i] == (i % 2 ? 1 : 0);
    CHECK_EQ(right, NENTRIES);
    for (int i = 0; i < NENTRIES; i += 4)
        bad += t_write_file(entry_path(i), "again", 5, 0644) != 0;
    CHECK_EQ(bad, 0);
    CHECK_EQ(list_dir(t_path("list"), seen, &dots), 0);
    right = 0;
    for (int i = 0; i < NENTRIES; i++)
        right += seen[i] == (i % 2 || i % 4 == 0 ? 1 : 0);
    CHECK_EQ(right, NENTRIES);
    CHECK_EQ(t_rmtree(t_path("list")), 0);
}

TEST(chdir_and_getcwd) {
    char saved[512], cwd[512];
    CHECK(getcwd(saved, sizeof saved) != NULL);
    CHECK_EQ(mkdir(t_path("cd"), 0755), 0);
    CHECK_EQ(chdir(t_path("cd")), 0);
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    const char *tail = strrchr(t_dir, '/');
    size_t n = strlen(cwd), tl = strlen(tail);
    CHECK(n >= tl + 3 && !strcmp(cwd + n - 3, "/cd") && !strncmp(cwd + n - 3 - tl, tail, tl));
    struct stat here, there;
    CHECK_EQ(stat(".", &here), 0);
    CHECK_EQ(stat(t_path("cd"), &there), 0);
    CHECK_EQ(here.st_ino, there.st_ino);
    /* Relative paths start at the new cwd. */
    CHECK_EQ(t_write_file("rel.txt", "relative", 8, 0644), 0);
    CHECK_EQ(stat(t_path("cd/rel.txt"), &there), 0);
    CHECK_EQ(mkdir("sub", 0755), 0);
    CHECK_EQ(chdir("sub"), 0);
    CHECK_EQ(stat("../rel.txt", &there), 0);
    CHECK_EQ(chdir("../.."), 0);
    CHECK_EQ(stat(".", &here), 0);
    CHECK_EQ(stat(t_dir, &there), 0);
    CHECK_EQ(here.st_ino, there.st_ino);
    CHECK_EQ(err_of(getcwd(cwd, 2) ? 0 : -1), ERANGE);
    /* A child's chdir is its own. */
    pid_t pid = t_fork();
    if (pid == 0)
        _exit(chdir("/") == 0 ? 0 : 1);
    int st;
    waitpid(pid, &st, 0);
    CHECK_EQ(stat(".", &here), 0);
    CHECK_EQ(here.st_ino, there.st_ino);
    CHECK_EQ(chdir(saved), 0);
    CHECK_EQ(t_rmtree(t_path("cd")), 0);
}

TEST(renaming_directories) {
    CHECK_EQ(mkdir(t_path("r"), 0755), 0);
    CHECK_EQ(mkdir(t_path("r/a"), 0755), 0);
    CHECK_EQ(t_write_file(t_path("r/a/f"), "in a", 4, 0644), 0);
    CHECK_EQ(rename(t_path("r/a"), t_path("r/b")), 0);
    CHECK(is_dir(t_path("r/b")));
    CHECK(!is_dir(t_path("r/a")));
    struct stat st;
    CHECK_EQ(stat(t_path("r/b/f"), &st), 0);
    /* Moving into another directory updates "..". */
    CHECK_EQ(mkdir(t_path("r/other"), 0755), 0);
    CHECK_EQ(rename(t_path("r/b"), t_path("r/other/b")), 0);
    struct stat dd, other;
    CHECK_EQ(stat(t_path("r/other/b/.."), &dd), 0);
    CHECK_EQ(stat(t_path("r/other"), &other), 0);
    CHECK_EQ(dd.st_ino, other.st_ino);
    CHECK_EQ(other.st_nlink, 3);
    CHECK_EQ(err_of(rename(t_path("r/other"), t_path("r/other/b/inside"))), EINVAL);
    CHECK_EQ(t_write_file(t_path("r/file"), "f", 1, 0644), 0);
    CHECK_EQ(err_of(rename(t_path("r/file"), t_path("r/other"))), EISDIR);
    CHECK_EQ(err_of(rename(t_path("r/other"), t_path("r/file"))), ENOTDIR);
    CHECK_EQ(mkdir(t_path("r/empty"), 0755), 0);
    CHECK_EQ(err_of(rename(t_path("r/empty"), t_path("r/other"))), ENOTEMPTY);
    CHECK_EQ(rename(t_path("r/other/b"), t_path("r/empty")), 0); /* over an empty dir */
    CHECK_EQ(stat(t_path("r/empty/f"), &st), 0);
    CHECK_EQ(t_rmtree(t_path("r")), 0);
}

TEST(deep_nesting) {
    char path[512];
    snprintf(path, sizeof path, "%s", t_path("n"));
    int ok = mkdir(path, 0755) == 0;
    for (int i = 0; i < 30 && ok; i++) {
        size_t n = strlen(path);
        snprintf(path + n, sizeof path - n, "/level%d", i);
        ok &= mkdir(path, 0755) == 0;
    }
    CHECK(ok);
    size_t n = strlen(path);
    snprintf(path + n, sizeof path - n, "/leaf");
    CHECK_EQ(t_write_file(path, "deep", 4, 0644), 0);
    struct stat st;
    CHECK_EQ(stat(path, &st), 0);
    CHECK_EQ(st.st_size, 4);
    CHECK_EQ(t_rmtree(t_path("n")), 0);
}

TEST(the_root_directory) {
    struct stat root, dotdot;
    CHECK_EQ(stat("/", &root), 0);
    CHECK(S_ISDIR(root.st_mode));
    CHECK_EQ(stat("/..", &dotdot), 0); /* the root is its own parent */
    CHECK_EQ(dotdot.st_ino, root.st_ino);
    CHECK_EQ(stat("//./", &dotdot), 0);
    CHECK_EQ(dotdot.st_ino, root.st_ino);
}

TEST(cleanup_removes_everything) {
    CHECK_EQ(t_rmtree(t_dir), 0);
    CHECK(!is_dir(t_dir));
}

int main(void) {
    umask(022);
    if (!t_make_tmpdir("dirs"))
        return 1;
    RUN(mkdir_and_rmdir);
    RUN(directory_link_counts_follow_subdirectories);
    RUN(directory_errors);
    RUN(readdir_lists_every_entry_once);
    RUN(chdir_and_getcwd);
    RUN(renaming_directories);
    RUN(deep_nesting);
    RUN(the_root_directory);
    RUN(cleanup_removes_everything);
    return check_summary();
}
