/* Opening files: open(2)'s flag semantics, and the file_ops of files that live in a file
 * system (f->priv is the inode, referenced until release). */
#include "fs/vfs.h"
#include "fs/dirent.h"
#include "fs/devfs.h"
#include "fs/proc/procfs.h"
#include "lib/errno.h"

int (*vfs_chrdev_open)(uint32_t rdev, uint32_t flags, struct file **out);

static const struct file_ops inode_file_ops, dir_file_ops;

struct inode *file_inode(struct file *f) {
    return f->ops == &inode_file_ops || f->ops == &dir_file_ops ? f->priv : NULL;
}

static long ifile_read(struct file *f, void *buf, size_t n) {
    struct inode *ip = f->priv;
    long got = ip->sb->ops->read(ip, f->pos, buf, n);
    if (got > 0)
        f->pos += (uint64_t)got;
    return got;
}

static long ifile_write(struct file *f, const void *buf, size_t n) {
    struct inode *ip = f->priv;
    if (f->flags & O_APPEND) {
        struct kstat st;
        int err = ip->sb->ops->stat(ip, &st);
        if (err)
            return err;
        f->pos = st.size;
    }
    long put = ip->sb->ops->write(ip, f->pos, buf, n);
    if (put > 0)
        f->pos += (uint64_t)put;
    return put;
}

static long long ifile_lseek(struct file *f, long long off, int whence) {
    struct inode *ip = f->priv;
    long long base;
    struct kstat st;
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = (long long)f->pos; break;
    case SEEK_END: {
        int err = ip->sb->ops->stat(ip, &st);
        if (err)
            return err;
        base = (long long)st.size;
        break;
    }
    default: return -EINVAL;
    }
    if (base + off < 0)
        return -EINVAL;
    f->pos = (uint64_t)(base + off);
    return (long long)f->pos;
}

static int put_dirent(void *ctx, const char *name, size_t len, uint32_t ino, unsigned type,
                      uint64_t next) {
    return dirent_emit_n(ctx, ino, name, len, (uint8_t)type, (int64_t)next) ? 0 : 1;
}

static long ifile_getdents(struct file *f, void *buf, size_t n) {
    struct inode *ip = f->priv;
    struct dirent_writer w;
    dirent_writer_init(&w, buf, n);
    int err = ip->sb->ops->readdir(ip, &f->pos, put_dirent, &w);
    return err ? err : dirent_writer_result(&w);
}

static int ifile_stat(struct file *f, struct kstat *st) {
    struct inode *ip = f->priv;
    return ip->sb->ops->stat(ip, st);
}

static int ifile_truncate(struct file *f, uint64_t len) {
    struct inode *ip = f->priv;
    if (!S_ISREG(ip->mode) || !file_writable(f))
        return -EINVAL;
    return ip->sb->ops->truncate(ip, len);
}

static int ifile_fsync(struct file *f) {
    struct inode *ip = f->priv;
    return ip->sb->ops->sync ? ip->sb->ops->sync(ip->sb) : 0;
}

static int ifile_setattr(struct file *f, const struct vattr *a) {
    return inode_setattr(f->priv, a);
}

static void ifile_release(struct file *f) { iput(f->priv); }

/* Regular files (FIFOs and sockets found on disk are opened as such too). */
static const struct file_ops inode_file_ops = {
    .read = ifile_read,
    .write = ifile_write,
    .lseek = ifile_lseek,
    .stat = ifile_stat,
    .truncate = ifile_truncate,
    .fsync = ifile_fsync,
    .setattr = ifile_setattr,
    .release = ifile_release,
};

/* Directories: getdents, no read or write (read(2) answers EISDIR); a regular file has
 * no getdents (getdents64 answers ENOTDIR). */
static const struct file_ops dir_file_ops = {
    .lseek = ifile_lseek,
    .getdents = ifile_getdents,
    .stat = ifile_stat,
    .fsync = ifile_fsync,
    .setattr = ifile_setattr,
    .release = ifile_release,
};

/* The inode open(2) refers to, created when O_CREAT asks and it is missing. */
static int open_inode(struct inode *cwd, const char *path, uint32_t flags, uint32_t mode,
                      struct inode **out) {
    if (!(flags & O_CREAT))
        return vfs_lookup(cwd, path, flags & O_NOFOLLOW, out);
    struct inode *dir;
    const char *name;
    size_t len;
    bool must_dir;
    int err = vfs_lookup_parent(cwd, path, &dir, &name, &len, &must_dir);
    if (err)
        return err;
    uint32_t ino;
    err = len ? dir->sb->ops->lookup(dir, name, len, &ino) : 0;
    if (len == 0 || !err) {
        iput(dir);
        return flags & O_EXCL ? -EEXIST : vfs_lookup(cwd, path, flags & O_NOFOLLOW, out);
    }
    if (err == -ENOENT)
        err = must_dir ? -EISDIR : dir->sb->ops->create(dir, name, len, (mode & 07777) | S_IFREG, &ino);
    if (!err)
        err = iget(dir->sb, ino, out);
    iput(dir);
    return err;
}

/* Whether ip may be opened with flags; truncates for O_TRUNC. */
static int check_open(struct inode *ip, uint32_t flags) {
    uint32_t acc = flags & O_ACCMODE;
    if ((flags & O_DIRECTORY) && !S_ISDIR(ip->mode))
        return -ENOTDIR;
    if (S_ISDIR(ip->mode) && acc != O_RDONLY)
        return -EISDIR;
    if (S_ISLNK(ip->mode))
        return -ELOOP; /* O_NOFOLLOW on a link */
    if ((flags & O_TRUNC) && acc != O_RDONLY && S_ISREG(ip->mode))
        return ip->sb->ops->truncate(ip, 0);
    return 0;
}

/* A device node: the driver makes the file. */
static int open_chrdev(struct inode *ip, uint32_t flags, struct file **out) {
    struct kstat st;
    int err = ip->sb->ops->stat(ip, &st);
    if (err)
        return err;
    return vfs_chrdev_open ? vfs_chrdev_open(st.rdev, flags & ~O_OPEN_ONLY, out) : -ENXIO;
}

int vfs_open(struct inode *cwd, const char *path, uint32_t flags, uint32_t mode,
             struct file **out) {
    if ((flags & O_ACCMODE) == O_ACCMODE)
        return -EINVAL;
    const char *proc = vfs_proc_path(path), *dev = vfs_dev_path(path);
    if (proc)
        return procfs_open(proc, flags & ~O_OPEN_ONLY, out);
    if (dev)
        return devfs_open(dev, flags, out);
    struct inode *ip;
    int err = open_inode(cwd, path, flags, mode, &ip);
    if (err)
        return err;
    err = check_open(ip, flags);
    if (!err && S_ISCHR(ip->mode)) {
        err = open_chrdev(ip, flags, out);
    } else if (!err) {
        struct file *f = file_alloc(S_ISDIR(ip->mode) ? &dir_file_ops : &inode_file_ops,
                                    flags & ~O_OPEN_ONLY, ip);
        if (f) {
            *out = f;
            return 0; /* the file keeps the reference */
        }
        err = -ENOMEM;
    }
    iput(ip);
    return err;
}
