/* fstat64 and the fd form of statx: converting a file's kstat to the ABI layouts.
 * The path forms (stat64, lstat64, fstatat64, statx with a path) are in sys_path.c. */
#include "syscall/syscall.h"
#include "syscall/stat_abi.h"
#include "syscall/sys_stat.h"
#include "proc/proc.h"
#include "proc/files.h"
#include "fs/file.h"
#include "mm/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"

#define DEV_MAJOR(d) (((d) >> 8) & 0xfff)
#define DEV_MINOR(d) ((d) & 0xff)

int stat_to_user64(const struct kstat *k, u32 ubuf) {
    struct stat64_abi s;
    memset(&s, 0, sizeof s);
    s.st_dev = k->dev;
    s.st_ino32 = k->ino;
    s.st_ino = k->ino;
    s.st_mode = k->mode;
    s.st_nlink = k->nlink;
    s.st_uid = k->uid;
    s.st_gid = k->gid;
    s.st_rdev = k->rdev;
    s.st_size = (int64_t)k->size;
    s.st_blksize = k->blksize;
    s.st_blocks = k->blocks;
    s.st_atime = k->atime;
    s.st_mtime = k->mtime;
    s.st_ctime = k->ctime;
    return copy_to_user((void *)ubuf, &s, sizeof s);
}

int stat_to_statx(const struct kstat *k, u32 ubuf) {
    struct statx_abi x;
    memset(&x, 0, sizeof x);
    x.stx_mask = STATX_BASIC_STATS;
    x.stx_blksize = k->blksize;
    x.stx_nlink = k->nlink;
    x.stx_uid = k->uid;
    x.stx_gid = k->gid;
    x.stx_mode = (uint16_t)k->mode;
    x.stx_ino = k->ino;
    x.stx_size = k->size;
    x.stx_blocks = k->blocks;
    x.stx_atime.tv_sec = k->atime;
    x.stx_mtime.tv_sec = k->mtime;
    x.stx_ctime.tv_sec = k->ctime;
    x.stx_rdev_major = DEV_MAJOR(k->rdev);
    x.stx_rdev_minor = DEV_MINOR(k->rdev);
    x.stx_dev_major = DEV_MAJOR(k->dev);
    x.stx_dev_minor = DEV_MINOR(k->dev);
    return copy_to_user((void *)ubuf, &x, sizeof x);
}

int file_stat(struct file *f, struct kstat *st) {
    if (!f->ops->stat)
        return -EINVAL;
    return f->ops->stat(f, st);
}

long sys_fstat64(u32 fd, u32 ubuf) {
    struct file *f = fd_file(current, (int)fd);
    if (!f)
        return -EBADF;
    struct kstat st;
    int err = file_stat(f, &st);
    return err ? err : stat_to_user64(&st, ubuf);
}
