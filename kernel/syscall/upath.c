#include "syscall/upath.h"
#include "syscall/stat_abi.h"
#include "proc/proc.h"
#include "proc/files.h"
#include "fs/vfs.h"
#include "mm/uaccess.h"
#include "lib/errno.h"

int upath_copy(u32 upath, char *buf) {
    long n = strncpy_from_user(buf, (const char *)upath, PATH_MAX);
    if (n < 0)
        return (int)n;
    return n ? 0 : -ENOENT;
}

int upath_base(int dirfd, const char *path, struct inode **base) {
    if (path[0] == '/' || dirfd == AT_FDCWD) {
        *base = current->fs->cwd;
        return 0;
    }
    struct file *f = fd_file(current, dirfd);
    if (!f)
        return -EBADF;
    struct inode *ip = file_inode(f);
    if (!ip || !S_ISDIR(ip->mode))
        return -ENOTDIR;
    *base = ip;
    return 0;
}
