/* File attributes: chmod, chown (32- and 16-bit ids) and the utime family, by path, by
 * fd and by (dirfd, path). Each becomes one struct vattr for the VFS (fs/vfs_attr.c).
 * Everyone is root: no ownership or permission checks. Timestamps keep whole seconds
 * (ext2's granularity); ctime becomes now on every change. */
#include "syscall/syscall.h"
#include "syscall/upath.h"
#include "syscall/stat_abi.h"
#include "syscall/sys_decls.h"
#include "proc/proc.h"
#include "proc/files.h"
#include "fs/vfs.h"
#include "mm/uaccess.h"
#include "mm/kheap.h"
#include "arch/i386/clock.h"
#include "lib/errno.h"

#define USEC_PER_SEC 1000000l
#define NSEC_PER_USEC 1000l
#define ID_UNCHANGED 0xffffffffu        /* chown's -1 */
#define ID16_UNCHANGED 0xffffu

/* Applies a to the file fd refers to; -EPERM for kinds without attributes (pipes,
 * the console opened at boot, /proc). */
static long attr_fd(u32 fd, const struct vattr *a) {
    struct file *f = fd_file(current, (int)fd);
    if (!f)
        return -EBADF;
    return f->ops->setattr ? f->ops->setattr(f, a) : -EPERM;
}

/* Applies a to the file at upath from dirfd; with AT_EMPTY_PATH an empty path means
 * dirfd itself (the cwd for AT_FDCWD). */
static long attr_at(u32 dirfd, u32 upath, u32 flags, const struct vattr *a) {
    char *path = kmalloc(PATH_MAX);
    if (!path)
        return -ENOMEM;
    struct inode *base;
    int err = upath_copy(upath, path);    /* -ENOENT only for "" */
    if (err == -ENOENT && (flags & AT_EMPTY_PATH)) {
        kfree(path);
        if ((int)dirfd != AT_FDCWD)
            return attr_fd(dirfd, a);
        return current->fs->cwd ? inode_setattr(current->fs->cwd, a) : -ENOENT;
    }
    if (!err)
        err = upath_base((int)dirfd, path, &base);
    if (!err)
        err = vfs_setattr(base, path, flags & AT_SYMLINK_NOFOLLOW, a);
    kfree(path);
    return err;
}

static struct vattr chmod_attr(u32 mode) {
    return (struct vattr){.valid = VA_MODE, .mode = mode & 07777};
}

long sys_fchmodat(u32 dirfd, u32 upath, u32 mode) {
    struct vattr a = chmod_attr(mode);
    return attr_at(dirfd, upath, 0, &a);
}
long sys_chmod(u32 upath, u32 mode) { return sys_fchmodat((u32)AT_FDCWD, upath, mode); }
long sys_fchmod(u32 fd, u32 mode) {
    struct vattr a = chmod_attr(mode);
    return attr_fd(fd, &a);
}

/* chown's attributes: -1 leaves an id alone; set-ID bits may drop (vattr_prepare). */
static struct vattr chown_attr(u32 uid, u32 gid) {
    return (struct vattr){
        .valid = VA_KILL_SUID | (uid != ID_UNCHANGED ? VA_UID : 0) |
                 (gid != ID_UNCHANGED ? VA_GID : 0),
        .uid = uid, .gid = gid};
}

long sys_fchownat(u32 dirfd, u32 upath, u32 uid, u32 gid, u32 flags) {
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    struct vattr a = chown_attr(uid, gid);
    return attr_at(dirfd, upath, flags, &a);
}
long sys_chown32(u32 upath, u32 uid, u32 gid) {
    return sys_fchownat((u32)AT_FDCWD, upath, uid, gid, 0);
}
long sys_lchown32(u32 upath, u32 uid, u32 gid) {
    return sys_fchownat((u32)AT_FDCWD, upath, uid, gid, AT_SYMLINK_NOFOLLOW);
}
long sys_fchown32(u32 fd, u32 uid, u32 gid) {
    struct vattr a = chown_attr(uid, gid);
    return attr_fd(fd, &a);
}

/* The old calls take 16-bit ids, with 0xffff for -1 (Linux's low2highuid). */
static u32 id16(u32 id) {
    id &= 0xffff;
    return id == ID16_UNCHANGED ? ID_UNCHANGED : id;
}
long sys_chown16(u32 upath, u32 uid, u32 gid) { return sys_chown32(upath, id16(uid), id16(gid)); }
long sys_lchown16(u32 upath, u32 uid, u32 gid) { return sys_lchown32(upath, id16(uid), id16(gid)); }
long sys_fchown16(u32 fd, u32 uid, u32 gid) { return sys_fchown32(fd, id16(uid), id16(gid)); }

/* Requested access and modification times; nsec may be UTIME_NOW or UTIME_OMIT. */
struct times_req {
    int64_t sec[2];
    long nsec[2];
};

static bool nsec_valid(long nsec) {
    return nsec == UTIME_NOW || nsec == UTIME_OMIT || (nsec >= 0 && nsec < (long)NSEC_PER_SEC);
}

/* Linux's do_utimes: t NULL sets both times to now; a NULL path names dirfd itself. */
static long set_times(u32 dirfd, u32 upath, const struct times_req *t, u32 flags) {
    if (t && (!nsec_valid(t->nsec[0]) || !nsec_valid(t->nsec[1])))
        return -EINVAL;
    int64_t now = clock_seconds();
    struct vattr a = {.valid = VA_ATIME | VA_MTIME, .atime = now, .mtime = now};
    if (t) {
        if (t->nsec[0] == UTIME_OMIT)
            a.valid &= ~VA_ATIME;
        else if (t->nsec[0] != UTIME_NOW)
            a.atime = t->sec[0];
        if (t->nsec[1] == UTIME_OMIT)
            a.valid &= ~VA_MTIME;
        else if (t->nsec[1] != UTIME_NOW)
            a.mtime = t->sec[1];
    }
    if (!upath && (int)dirfd != AT_FDCWD)
        return flags ? -EINVAL : attr_fd(dirfd, &a);
    if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
        return -EINVAL;
    return upath ? attr_at(dirfd, upath, flags, &a) : -EFAULT;
}

/* utimensat's two struct timespec; both UTIME_OMIT does nothing, not even the lookup. */
static long utimensat_req(u32 dirfd, u32 upath, const struct times_req *t, u32 flags) {
    if (t && t->nsec[0] == UTIME_OMIT && t->nsec[1] == UTIME_OMIT)
        return 0;
    return set_times(dirfd, upath, t, flags);
}

struct timespec32_abi { int32_t sec, nsec; };
struct timespec64_abi { int64_t sec; int64_t nsec; };  /* __kernel_timespec */
struct timeval32_abi { int32_t sec, usec; };
struct utimbuf32_abi { int32_t actime, modtime; };

long sys_utimensat(u32 dirfd, u32 upath, u32 utimes, u32 flags) {
    struct timespec32_abi ts[2] = {{0, 0}, {0, 0}};
    if (utimes && copy_from_user(ts, (void *)utimes, sizeof ts))
        return -EFAULT;
    struct times_req t = {{ts[0].sec, ts[1].sec}, {ts[0].nsec, ts[1].nsec}};
    return utimensat_req(dirfd, upath, utimes ? &t : NULL, flags);
}

long sys_utimensat_time64(u32 dirfd, u32 upath, u32 utimes, u32 flags) {
    struct timespec64_abi ts[2] = {{0, 0}, {0, 0}};
    if (utimes && copy_from_user(ts, (void *)utimes, sizeof ts))
        return -EFAULT;
    /* A 32-bit kernel keeps tv_nsec's low half (Linux's get_timespec64). */
    struct times_req t = {{ts[0].sec, ts[1].sec}, {(int32_t)ts[0].nsec, (int32_t)ts[1].nsec}};
    return utimensat_req(dirfd, upath, utimes ? &t : NULL, flags);
}

long sys_futimesat(u32 dirfd, u32 upath, u32 utimes) {
    struct timeval32_abi tv[2] = {{0, 0}, {0, 0}};
    if (utimes && copy_from_user(tv, (void *)utimes, sizeof tv))
        return -EFAULT;
    for (int i = 0; utimes && i < 2; i++)
        if (tv[i].usec < 0 || tv[i].usec >= USEC_PER_SEC)
            return -EINVAL;
    struct times_req t = {{tv[0].sec, tv[1].sec},
                          {tv[0].usec * NSEC_PER_USEC, tv[1].usec * NSEC_PER_USEC}};
    return set_times(dirfd, upath, utimes ? &t : NULL, 0);
}
long sys_utimes(u32 upath, u32 utimes) { return sys_futimesat((u32)AT_FDCWD, upath, utimes); }

long sys_utime(u32 upath, u32 utimbuf) {
    struct utimbuf32_abi b = {0, 0};
    if (utimbuf && copy_from_user(&b, (void *)utimbuf, sizeof b))
        return -EFAULT;
    struct times_req t = {{b.actime, b.modtime}, {0, 0}};
    return set_times((u32)AT_FDCWD, upath, utimbuf ? &t : NULL, 0);
}
