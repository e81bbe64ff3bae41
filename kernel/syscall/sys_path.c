/* System calls that name files by path: open, stat, mkdir, unlink, rename, link,
 * symlink, readlink, access, truncate, and their *at forms (chmod, chown and the utime
 * family are in sys_attr.c). Paths are copied in once (upath.c) and handed to the VFS
 * with kernel buffers. */
#include "syscall/syscall.h"
#include "syscall/upath.h"
#include "syscall/stat_abi.h"
#include "syscall/sys_stat.h"
#include "proc/proc.h"
#include "proc/files.h"
#include "fs/vfs.h"
#include "mm/uaccess.h"
#include "mm/kheap.h"
#include "lib/errno.h"

#define X_OK 1
#define ACCESS_MODES 7
#define EXEC_BITS 0111

/* A path argument in kernel memory; PATH_MAX is too big for the kernel stack. */
struct kpath {
    char *s;
};

static int kpath_get(struct kpath *p, u32 upath) {
    p->s = kmalloc(PATH_MAX);
    if (!p->s)
        return -ENOMEM;
    int err = upath_copy(upath, p->s);
    if (err)
        kfree(p->s);
    return err;
}

static void kpath_put(struct kpath *p) { kfree(p->s); }

/* Runs op on one path argument resolved from dirfd. */
#define WITH_PATH(upath, dirfd, body)                                           \
    do {                                                                       \
        struct kpath kp;                                                       \
        struct inode *base;                                                    \
        int err_ = kpath_get(&kp, (upath));                                    \
        if (err_)                                                              \
            return err_;                                                       \
        err_ = upath_base((int)(dirfd), kp.s, &base);                          \
        long r_ = err_ ? err_ : (body);                                        \
        kpath_put(&kp);                                                        \
        return r_;                                                             \
    } while (0)

static long open_in(struct inode *base, const char *path, u32 flags, u32 mode) {
    struct file *f;
    int err = vfs_open(base, path, flags, mode & ~current->umask & 07777, &f);
    if (err)
        return err;
    int fd = fd_install(current, f, 0, flags & O_CLOEXEC);
    if (fd < 0)
        file_put(f);
    return fd;
}

long sys_openat(u32 dirfd, u32 upath, u32 flags, u32 mode) {
    WITH_PATH(upath, dirfd, open_in(base, kp.s, flags, mode));
}
long sys_open(u32 upath, u32 flags, u32 mode) { return sys_openat((u32)AT_FDCWD, upath, flags, mode); }
long sys_creat(u32 upath, u32 mode) { return sys_open(upath, O_CREAT | O_WRONLY | O_TRUNC, mode); }

static long stat_in(struct inode *base, const char *path, bool nofollow, u32 ubuf, bool statx) {
    struct kstat st;
    int err = vfs_stat(base, path, nofollow, &st);
    if (err)
        return err;
    return statx ? stat_to_statx(&st, ubuf) : stat_to_user64(&st, ubuf);
}

/* fstatat64/statx with AT_EMPTY_PATH and "": the file dirfd itself. */
static long stat_fd(u32 fd, u32 ubuf, bool statx) {
    if ((int)fd == AT_FDCWD) {
        struct kstat st;
        int err = vfs_stat(current->fs->cwd, ".", false, &st);
        return err ? err : statx ? stat_to_statx(&st, ubuf) : stat_to_user64(&st, ubuf);
    }
    struct file *f = fd_file(current, (int)fd);
    if (!f)
        return -EBADF;
    struct kstat st;
    int err = file_stat(f, &st);
    return err ? err : statx ? stat_to_statx(&st, ubuf) : stat_to_user64(&st, ubuf);
}

static bool empty_user_path(u32 upath) {
    char c;
    return upath && !copy_from_user(&c, (void *)upath, 1) && c == 0;
}

long sys_fstatat64(u32 dirfd, u32 upath, u32 ubuf, u32 flags) {
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    if ((flags & AT_EMPTY_PATH) && empty_user_path(upath))
        return stat_fd(dirfd, ubuf, false);
    WITH_PATH(upath, dirfd, stat_in(base, kp.s, flags & AT_SYMLINK_NOFOLLOW, ubuf, false));
}
long sys_stat64(u32 upath, u32 ubuf) { return sys_fstatat64((u32)AT_FDCWD, upath, ubuf, 0); }
long sys_lstat64(u32 upath, u32 ubuf) {
    return sys_fstatat64((u32)AT_FDCWD, upath, ubuf, AT_SYMLINK_NOFOLLOW);
}

long sys_statx(u32 dirfd, u32 upath, u32 flags, u32 mask, u32 ubuf) {
    (void)mask;
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE | AT_NO_AUTOMOUNT))
        return -EINVAL;
    if ((flags & AT_EMPTY_PATH) && empty_user_path(upath))
        return stat_fd(dirfd, ubuf, true);
    WITH_PATH(upath, dirfd, stat_in(base, kp.s, flags & AT_SYMLINK_NOFOLLOW, ubuf, true));
}

long sys_mkdirat(u32 dirfd, u32 upath, u32 mode) {
    WITH_PATH(upath, dirfd, vfs_mkdir(base, kp.s, mode & ~current->umask & 07777));
}
long sys_mkdir(u32 upath, u32 mode) { return sys_mkdirat((u32)AT_FDCWD, upath, mode); }
long sys_rmdir(u32 upath) { WITH_PATH(upath, AT_FDCWD, vfs_rmdir(base, kp.s)); }

long sys_unlinkat(u32 dirfd, u32 upath, u32 flags) {
    if (flags & ~AT_REMOVEDIR)
        return -EINVAL;
    WITH_PATH(upath, dirfd, flags & AT_REMOVEDIR ? vfs_rmdir(base, kp.s) : vfs_unlink(base, kp.s));
}
long sys_unlink(u32 upath) { return sys_unlinkat((u32)AT_FDCWD, upath, 0); }

/* Two-path calls (rename, link). The VFS resolves both from one base: a relative path
 * is resolved from its own dirfd when the other path is absolute or shares that base;
 * two relative paths from two different directories are not supported (-EINVAL). */
static long two_paths(u32 olddir, u32 uold, u32 newdir, u32 unew,
                      int (*op)(struct inode *, const char *, const char *)) {
    struct kpath a, b;
    int err = kpath_get(&a, uold);
    if (err)
        return err;
    err = kpath_get(&b, unew);
    if (err) {
        kpath_put(&a);
        return err;
    }
    struct inode *ba, *bb;
    err = upath_base((int)olddir, a.s, &ba);
    if (!err)
        err = upath_base((int)newdir, b.s, &bb);
    if (!err && a.s[0] != '/' && b.s[0] != '/' && ba != bb)
        err = -EINVAL;
    if (!err)
        err = op(a.s[0] == '/' ? bb : ba, a.s, b.s);
    kpath_put(&a);
    kpath_put(&b);
    return err;
}

static int rename_op(struct inode *base, const char *a, const char *b) { return vfs_rename(base, a, b); }
static int link_op(struct inode *base, const char *a, const char *b) { return vfs_link(base, a, b); }

long sys_renameat(u32 od, u32 uo, u32 nd, u32 un) { return two_paths(od, uo, nd, un, rename_op); }
long sys_rename(u32 uo, u32 un) { return two_paths((u32)AT_FDCWD, uo, (u32)AT_FDCWD, un, rename_op); }
long sys_link(u32 uo, u32 un) { return two_paths((u32)AT_FDCWD, uo, (u32)AT_FDCWD, un, link_op); }

/* access: LingOS runs everything as root, so only existence and, for X_OK, an
 * execute bit somewhere in the mode (as root's access(2) on Linux) are checked. */
static long access_in(struct inode *base, const char *path, u32 mode) {
    struct kstat st;
    int err = vfs_stat(base, path, false, &st);
    if (err)
        return err;
    if ((mode & X_OK) && !S_ISDIR(st.mode) && !(st.mode & EXEC_BITS))
        return -EACCES;
    return 0;
}

long sys_faccessat(u32 dirfd, u32 upath, u32 mode, u32 flags) {
    if (mode & ~ACCESS_MODES)
        return -EINVAL;
    (void)flags;
    WITH_PATH(upath, dirfd, access_in(base, kp.s, mode));
}
long sys_access(u32 upath, u32 mode) { return sys_faccessat((u32)AT_FDCWD, upath, mode, 0); }

static long readlink_in(struct inode *base, const char *path, u32 ubuf, u32 size) {
    if ((int)size <= 0)
        return -EINVAL;
    char *k = kmalloc(PATH_MAX);
    if (!k)
        return -ENOMEM;
    long n = vfs_readlink(base, path, k, size < PATH_MAX ? size : PATH_MAX);
    if (n > 0 && copy_to_user((void *)ubuf, k, (size_t)n))
        n = -EFAULT;
    kfree(k);
    return n;
}
long sys_readlinkat(u32 dirfd, u32 upath, u32 ubuf, u32 size) {
    WITH_PATH(upath, dirfd, readlink_in(base, kp.s, ubuf, size));
}
long sys_readlink(u32 upath, u32 ubuf, u32 size) {
    return sys_readlinkat((u32)AT_FDCWD, upath, ubuf, size);
}

static long symlink_at(u32 dirfd, u32 upath, const char *target) {
    WITH_PATH(upath, dirfd, vfs_symlink(base, target, kp.s));
}

/* The target is copied like a path first (EFAULT, ENAMETOOLONG, ENOENT when empty). */
long sys_symlinkat(u32 utarget, u32 dirfd, u32 upath) {
    struct kpath target;
    int err = kpath_get(&target, utarget);
    if (err)
        return err;
    long r = symlink_at(dirfd, upath, target.s);
    kpath_put(&target);
    return r;
}
long sys_symlink(u32 utarget, u32 upath) { return sys_symlinkat(utarget, (u32)AT_FDCWD, upath); }

long sys_truncate64(u32 upath, u32 lo, u32 hi) {
    int64_t len = (int64_t)(((uint64_t)hi << 32) | lo);
    if (len < 0)
        return -EINVAL;
    WITH_PATH(upath, AT_FDCWD, vfs_truncate(base, kp.s, (uint64_t)len));
}
long sys_truncate(u32 upath, u32 len) { return sys_truncate64(upath, len, (int32_t)len < 0 ? ~0u : 0); }

long sys_ftruncate64(u32 fd, u32 lo, u32 hi) {
    int64_t len = (int64_t)(((uint64_t)hi << 32) | lo);
    struct file *f = fd_file(current, (int)fd);
    if (!f)
        return -EBADF;
    if (len < 0 || !file_writable(f) || !f->ops->truncate)
        return -EINVAL;
    return f->ops->truncate(f, (uint64_t)len);
}
long sys_ftruncate(u32 fd, u32 len) { return sys_ftruncate64(fd, len, (int32_t)len < 0 ? ~0u : 0); }

long sys_getdents64(u32 fd, u32 ubuf, u32 count) {
    struct file *f = fd_file(current, (int)fd);
    if (!f)
        return -EBADF;
    if (!f->ops->getdents)
        return -ENOTDIR;
    if (!access_ok((void *)ubuf, count))
        return -EFAULT;
    size_t n = count < PATH_MAX * 8 ? count : PATH_MAX * 8;
    char *k = kmalloc(n);
    if (!k)
        return -ENOMEM;
    long r = f->ops->getdents(f, k, n);
    if (r > 0 && copy_to_user((void *)ubuf, k, (size_t)r))
        r = -EFAULT;
    kfree(k);
    return r;
}

long sys_sync(void) {
    vfs_sync_all();
    return 0;
}

long sys_fsync(u32 fd) {
    struct file *f = fd_file(current, (int)fd);
    if (!f)
        return -EBADF;
    return f->ops->fsync ? f->ops->fsync(f) : 0;
}
