/* chdir and getcwd. The cwd is an inode reference (for resolving) plus its absolute
 * path (for getcwd), kept normalized as the process changes directory. */
#include "syscall/syscall.h"
#include "syscall/upath.h"
#include "proc/proc.h"
#include "proc/cwdpath.h"
#include "fs/vfs.h"
#include "mm/uaccess.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/string.h"

long sys_chdir(u32 upath) {
    char *path = kmalloc(PATH_MAX);
    if (!path)
        return -ENOMEM;
    int err = upath_copy(upath, path);
    struct inode *dir = NULL;
    if (!err)
        err = vfs_chdir(current->fs->cwd, path, &dir);
    if (!err)
        err = cwdpath_change(current, path);
    if (!err) {
        iput(current->fs->cwd);
        current->fs->cwd = dir;
    } else {
        iput(dir);
    }
    kfree(path);
    return err;
}

/* getcwd returns the length including the NUL, as Linux's system call does. */
long sys_getcwd(u32 ubuf, u32 size) {
    const char *cwd = current->fs->cwd_path[0] ? current->fs->cwd_path : "/";
    size_t len = strlen(cwd) + 1;
    if (size < len)
        return -ERANGE;
    return copy_to_user((void *)ubuf, cwd, len) ? -EFAULT : (long)len;
}
