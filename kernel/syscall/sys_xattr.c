/* Extended attributes (setxattr ... fremovexattr, 226-237). LingOS's ext2 keeps none, so
 * the calls answer as Linux does for a file system without xattr support: once the file
 * is found (path or fd errors as for stat) and the name is valid (EFAULT; ERANGE when
 * empty or longer than XATTR_NAME_MAX), get, set and remove are EOPNOTSUPP and a list is
 * empty (0). Programs such as ls -l (ACLs, SELinux labels) take EOPNOTSUPP as "none";
 * ENOSYS would be reported as an error. */
#include "syscall/syscall.h"
#include "syscall/sys_decls.h"
#include "syscall/upath.h"
#include "proc/proc.h"
#include "proc/files.h"
#include "fs/vfs.h"
#include "mm/uaccess.h"
#include "mm/kheap.h"
#include "lib/errno.h"

#define XATTR_NAME_MAX 255

/* 0 when the user path names a file (following a last symbolic link unless nofollow). */
static int path_exists(u32 upath, bool nofollow) {
    char *p = kmalloc(PATH_MAX);
    if (!p)
        return -ENOMEM;
    int err = upath_copy(upath, p);
    struct kstat st;
    if (!err)
        err = vfs_stat(current->fs->cwd, p, nofollow, &st);
    kfree(p);
    return err;
}

static int fd_exists(u32 fd) { return fd_file(current, (int)fd) ? 0 : -EBADF; }

static int name_ok(u32 uname) {
    char name[XATTR_NAME_MAX + 1];
    long n = strncpy_from_user(name, (const char *)uname, sizeof name);
    if (n == -ENAMETOOLONG || n == 0)
        return -ERANGE;
    return n < 0 ? (int)n : 0;
}

/* The answer for a file found (err 0) with a valid name: EOPNOTSUPP, or 0 for a list. */
static long answer(int err, u32 uname, bool list) {
    if (!err && !list)
        err = name_ok(uname);
    return err ? err : list ? 0 : -EOPNOTSUPP;
}

long sys_setxattr(u32 p, u32 n, u32 v, u32 s, u32 f) { (void)v, (void)s, (void)f; return answer(path_exists(p, false), n, false); }
long sys_lsetxattr(u32 p, u32 n, u32 v, u32 s, u32 f) { (void)v, (void)s, (void)f; return answer(path_exists(p, true), n, false); }
long sys_fsetxattr(u32 fd, u32 n, u32 v, u32 s, u32 f) { (void)v, (void)s, (void)f; return answer(fd_exists(fd), n, false); }
long sys_getxattr(u32 p, u32 n, u32 v, u32 s) { (void)v, (void)s; return answer(path_exists(p, false), n, false); }
long sys_lgetxattr(u32 p, u32 n, u32 v, u32 s) { (void)v, (void)s; return answer(path_exists(p, true), n, false); }
long sys_fgetxattr(u32 fd, u32 n, u32 v, u32 s) { (void)v, (void)s; return answer(fd_exists(fd), n, false); }
long sys_listxattr(u32 p, u32 l, u32 s) { (void)l, (void)s; return answer(path_exists(p, false), 0, true); }
long sys_llistxattr(u32 p, u32 l, u32 s) { (void)l, (void)s; return answer(path_exists(p, true), 0, true); }
long sys_flistxattr(u32 fd, u32 l, u32 s) { (void)l, (void)s; return answer(fd_exists(fd), 0, true); }
long sys_removexattr(u32 p, u32 n) { return answer(path_exists(p, false), n, false); }
long sys_lremovexattr(u32 p, u32 n) { return answer(path_exists(p, true), n, false); }
long sys_fremovexattr(u32 fd, u32 n) { return answer(fd_exists(fd), n, false); }
