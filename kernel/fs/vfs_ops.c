/* The VFS operations by path: each resolves the directory that holds the last name,
 * checks what the VFS can (mount points, devices, trailing slashes) and hands the name
 * to the file system. */
#include "fs/vfs.h"
#include "fs/devfs.h"
#include "fs/proc/procfs.h"
#include "lib/errno.h"
#include "lib/string.h"

/* A path split into its directory (referenced) and last name. */
struct target {
    struct inode *dir;
    const char *name;
    size_t len;
    bool must_dir;
};

/* /proc and /dev have a fixed set of names: adding or removing one is -EPERM (Linux's
 * answer for a directory without the operation). */
static int target_of(struct inode *cwd, const char *path, struct target *t) {
    if (vfs_proc_path(path) || vfs_dev_path(path))
        return -EPERM;
    return vfs_lookup_parent(cwd, path, &t->dir, &t->name, &t->len, &t->must_dir);
}

int vfs_stat(struct inode *cwd, const char *path, bool nofollow, struct kstat *st) {
    const char *proc = vfs_proc_path(path), *dev = vfs_dev_path(path);
    if (proc)
        return procfs_stat(proc, st);
    if (dev)
        return devfs_stat(dev, st);
    struct inode *ip;
    int err = vfs_lookup(cwd, path, nofollow, &ip);
    if (err)
        return err;
    err = ip->sb->ops->stat(ip, st);
    iput(ip);
    return err;
}

int vfs_mkdir(struct inode *cwd, const char *path, uint32_t mode) {
    struct target t;
    int err = target_of(cwd, path, &t);
    if (err)
        return err;
    err = t.len ? t.dir->sb->ops->mkdir(t.dir, t.name, t.len, mode & 07777) : -EEXIST;
    iput(t.dir);
    return err;
}

/* -EBUSY if the name in t is a directory something is mounted on. */
static int check_not_mountpoint(struct target *t) {
    uint32_t ino;
    if (t->dir->sb->ops->lookup(t->dir, t->name, t->len, &ino))
        return 0; /* the file system reports the error itself */
    struct inode *ip = inode_find(t->dir->sb, ino);
    return ip && (ip->mounted || ip == ip->sb->root) ? -EBUSY : 0;
}

int vfs_rmdir(struct inode *cwd, const char *path) {
    struct target t;
    int err = target_of(cwd, path, &t);
    if (err)
        return err;
    err = t.len ? check_not_mountpoint(&t) : -EBUSY;
    if (!err)
        err = t.dir->sb->ops->rmdir(t.dir, t.name, t.len);
    iput(t.dir);
    return err;
}

int vfs_unlink(struct inode *cwd, const char *path) {
    struct target t;
    int err = target_of(cwd, path, &t);
    if (err)
        return err;
    uint32_t ino, mode;
    if (!t.len)
        err = -EISDIR;
    else if (t.must_dir && !t.dir->sb->ops->lookup(t.dir, t.name, t.len, &ino) &&
             !t.dir->sb->ops->getmode(t.dir->sb, ino, &mode) && !S_ISDIR(mode))
        err = -ENOTDIR; /* "file/" */
    else
        err = t.dir->sb->ops->unlink(t.dir, t.name, t.len);
    iput(t.dir);
    return err;
}

int vfs_link(struct inode *cwd, const char *oldpath, const char *newpath) {
    struct inode *src;
    struct target t;
    int err = vfs_lookup(cwd, oldpath, true, &src);
    if (err)
        return err;
    err = S_ISDIR(src->mode) ? -EPERM : target_of(cwd, newpath, &t);
    if (!err) {
        err = !t.len ? -EEXIST : t.dir->sb != src->sb ? -EXDEV
                                : t.dir->sb->ops->link(src, t.dir, t.name, t.len);
        iput(t.dir);
    }
    iput(src);
    return err;
}

int vfs_rename(struct inode *cwd, const char *oldpath, const char *newpath) {
    struct target from, to;
    int err = target_of(cwd, oldpath, &from);
    if (err)
        return err;
    err = target_of(cwd, newpath, &to);
    if (err) {
        iput(from.dir);
        return err;
    }
    if (!from.len || !to.len)
        err = -EBUSY;
    else if (from.dir->sb != to.dir->sb)
        err = -EXDEV;
    else if (!(err = check_not_mountpoint(&from)) && !(err = check_not_mountpoint(&to)))
        err = from.dir->sb->ops->rename(from.dir, from.name, from.len, to.dir, to.name, to.len);
    iput(from.dir);
    iput(to.dir);
    return err;
}

int vfs_truncate(struct inode *cwd, const char *path, uint64_t size) {
    const char *dev = vfs_dev_path(path);
    struct kstat st;
    if (dev) {
        int err = devfs_stat(dev, &st);
        return err ? err : S_ISDIR(st.mode) ? -EISDIR : -EINVAL;
    }
    struct inode *ip;
    int err = vfs_lookup(cwd, path, false, &ip);
    if (err)
        return err;
    err = S_ISDIR(ip->mode) ? -EISDIR : !S_ISREG(ip->mode) ? -EINVAL
                                       : ip->sb->ops->truncate(ip, size);
    iput(ip);
    return err;
}

long vfs_readlink(struct inode *cwd, const char *path, char *buf, size_t n) {
    const char *proc = vfs_proc_path(path), *dev = vfs_dev_path(path);
    struct kstat st;
    if (proc)
        return procfs_readlink(proc, buf, n);
    if (dev) {
        int err = devfs_stat(dev, &st);
        return err ? err : -EINVAL;  /* no symbolic links in /dev */
    }
    struct inode *ip;
    long err = vfs_lookup(cwd, path, true, &ip);
    if (err)
        return err;
    err = !S_ISLNK(ip->mode) || !ip->sb->ops->readlink ? -EINVAL
                                                         : ip->sb->ops->readlink(ip, buf, n);
    iput(ip);
    return err;
}

int vfs_symlink(struct inode *cwd, const char *target, const char *path) {
    struct target t;
    int err = target_of(cwd, path, &t);
    if (err)
        return err;
    uint32_t ino;
    if (!t.len)
        err = -EEXIST;
    else if (t.must_dir) /* "link/": Linux creates no symlink with a trailing slash */
        err = t.dir->sb->ops->lookup(t.dir, t.name, t.len, &ino) == 0 ? -EEXIST : -ENOENT;
    else
        err = !t.dir->sb->ops->symlink ? -EPERM
              : t.dir->sb->ops->symlink(t.dir, t.name, t.len, target, strlen(target));
    iput(t.dir);
    return err;
}

int vfs_chdir(struct inode *cwd, const char *path, struct inode **out) {
    struct inode *ip;
    int err = vfs_lookup(cwd, path, false, &ip);
    if (err)
        return err;
    if (!S_ISDIR(ip->mode)) {
        iput(ip);
        return -ENOTDIR;
    }
    *out = ip;
    return 0;
}
