/* Path resolution: absolute or relative to a cwd inode; ".", "..", repeated slashes,
 * mount points in both directions, symbolic links (at most SYMLOOP_MAX deep), and the
 * limits PATH_MAX and NAME_MAX. */
#include "fs/vfs.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/string.h"

static bool is_global_root(struct inode *ip) {
    struct inode *root = vfs_root();
    iput(root);
    return ip == root;
}

/* The inode a lookup of name in directory dir lands on, with a new reference:
 * ".." climbs out of mounted file systems, a mount point leads into its file system. */
static int step(struct inode *dir, const char *name, size_t len, struct inode **out) {
    if (len == 1 && name[0] == '.') {
        *out = igrab(dir);
        return 0;
    }
    bool dotdot = len == 2 && name[0] == '.' && name[1] == '.';
    if (dotdot) {
        if (is_global_root(dir)) {
            *out = igrab(dir);
            return 0;
        }
        while (dir == dir->sb->root && dir->sb->covered)
            dir = dir->sb->covered;
    }
    uint32_t ino;
    int err = dir->sb->ops->lookup(dir, name, len, &ino);
    if (!err)
        err = iget(dir->sb, ino, out);
    while (!err && (*out)->mounted) {
        struct inode *root = igrab((*out)->mounted->root);
        iput(*out);
        *out = root;
    }
    return err;
}

static int walk(struct inode *cur, const char *p, int depth, bool parent, bool nofollow,
                struct inode **out, const char **last, size_t *lastlen, bool *must_dir);

/* Replaces *ip, a symbolic link found in directory dir, by what it points to. */
static int follow(struct inode *dir, struct inode **ip, int depth) {
    if (depth >= SYMLOOP_MAX)
        return -ELOOP;
    char *target = kmalloc(PATH_MAX);
    if (!target)
        return -ENOMEM;
    long n = (*ip)->sb->ops->readlink ? (*ip)->sb->ops->readlink(*ip, target, PATH_MAX - 1) : -EINVAL;
    int err = n < 0 ? (int)n : n == 0 ? -ENOENT : 0;
    if (!err) {
        target[n] = 0;
        struct inode *start = target[0] == '/' ? vfs_root() : igrab(dir);
        struct inode *dest;
        err = walk(start, target, depth + 1, false, false, &dest, NULL, NULL, NULL);
        if (!err) {
            iput(*ip);
            *ip = dest;
        }
    }
    kfree(target);
    return err;
}

/* Resolves p from cur (whose reference it consumes). In parent mode it stops before the
 * last component and reports it in last, lastlen and must_dir. */
static int walk(struct inode *cur, const char *p, int depth, bool parent, bool nofollow,
                struct inode **out, const char **last, size_t *lastlen, bool *must_dir) {
    if (!cur)
        return -ENOENT;
    for (;;) {
        while (*p == '/')
            p++;
        if (!*p) {
            if (parent) {
                *last = p;
                *lastlen = 0;
                *must_dir = true;
            }
            *out = cur;
            return 0;
        }
        const char *name = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - name);
        const char *rest = p;
        while (*rest == '/')
            rest++;
        bool is_last = !*rest;
        int err = len > NAME_MAX ? -ENAMETOOLONG : !S_ISDIR(cur->mode) ? -ENOTDIR : 0;
        if (!err && parent && is_last) {
            *out = cur;
            *last = name;
            *lastlen = len;
            *must_dir = *p == '/';
            return 0;
        }
        struct inode *next = NULL;
        if (!err)
            err = step(cur, name, len, &next);
        if (!err && S_ISLNK(next->mode) && (!is_last || !nofollow))
            err = follow(cur, &next, depth);
        if (!err && is_last && *p == '/' && !S_ISDIR(next->mode))
            err = -ENOTDIR;
        if (err) {
            iput(next);
            iput(cur);
            return err;
        }
        iput(cur);
        cur = next;
    }
}

/* For an absolute path naming dir (one component below the root) or something in it,
 * the part below dir; else NULL. */
static const char *below_top_dir(const char *path, const char *dir) {
    if (path[0] != '/')
        return NULL;
    while (*path == '/')
        path++;
    size_t n = strlen(dir);
    if (strncmp(path, dir, n) || (path[n] && path[n] != '/'))
        return NULL;
    path += n;
    while (*path == '/')
        path++;
    return path;
}

const char *vfs_proc_path(const char *path) { return below_top_dir(path, "proc"); }
const char *vfs_dev_path(const char *path) { return below_top_dir(path, "dev"); }

/* The starting point and checks shared by both lookups. */
static int start_of(struct inode *cwd, const char *path, struct inode **start) {
    size_t n = strnlen(path, PATH_MAX);
    if (n >= PATH_MAX)
        return -ENAMETOOLONG;
    if (n == 0)
        return -ENOENT;
    *start = path[0] == '/' || !cwd ? vfs_root() : igrab(cwd);
    return *start ? 0 : -ENOENT;
}

int vfs_lookup(struct inode *cwd, const char *path, bool nofollow, struct inode **out) {
    struct inode *start;
    int err = start_of(cwd, path, &start);
    return err ? err : walk(start, path, 0, false, nofollow, out, NULL, NULL, NULL);
}

int vfs_lookup_parent(struct inode *cwd, const char *path, struct inode **dir,
                      const char **name, size_t *len, bool *must_dir) {
    struct inode *start;
    int err = start_of(cwd, path, &start);
    return err ? err : walk(start, path, 0, true, false, dir, name, len, must_dir);
}
