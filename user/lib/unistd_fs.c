/* Path system calls: open, stat, mkdir, unlink, rename, links, cwd, permissions. */
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sys.h"

/* The mode argument exists only with O_CREAT (or O_TMPFILE, unsupported here). */
static mode_t open_mode(int flags, va_list ap) {
    return (flags & O_CREAT) ? va_arg(ap, mode_t) : 0;
}

int open(const char *path, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    return sys_ret(sys3(SYS_open, (long)path, flags | O_LARGEFILE, mode));
}

int openat(int dirfd, const char *path, int flags, ...) {
    va_list ap;
    va_start(ap, flags);
    mode_t mode = open_mode(flags, ap);
    va_end(ap);
    return sys_ret(sys4(SYS_openat, dirfd, (long)path, flags | O_LARGEFILE, mode));
}

int creat(const char *path, mode_t mode) { return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode); }

int stat(const char *path, struct stat *st) { return sys_ret(sys2(SYS_stat64, (long)path, (long)st)); }
int lstat(const char *path, struct stat *st) { return sys_ret(sys2(SYS_lstat64, (long)path, (long)st)); }
int fstat(int fd, struct stat *st) { return sys_ret(sys2(SYS_fstat64, fd, (long)st)); }
int fstatat(int dirfd, const char *path, struct stat *st, int flags) {
    return sys_ret(sys4(SYS_fstatat64, dirfd, (long)path, (long)st, flags));
}

int mkdir(const char *path, mode_t mode) { return sys_ret(sys2(SYS_mkdir, (long)path, mode)); }
int rmdir(const char *path) { return sys_ret(sys1(SYS_rmdir, (long)path)); }
int unlink(const char *path) { return sys_ret(sys1(SYS_unlink, (long)path)); }
int rename(const char *from, const char *to) { return sys_ret(sys2(SYS_rename, (long)from, (long)to)); }
int link(const char *from, const char *to) { return sys_ret(sys2(SYS_link, (long)from, (long)to)); }
int symlink(const char *target, const char *path) {
    return sys_ret(sys2(SYS_symlink, (long)target, (long)path));
}
ssize_t readlink(const char *path, char *buf, size_t size) {
    return sys_ret(sys3(SYS_readlink, (long)path, (long)buf, size));
}
int chdir(const char *path) { return sys_ret(sys1(SYS_chdir, (long)path)); }
int access(const char *path, int mode) { return sys_ret(sys2(SYS_access, (long)path, mode)); }
mode_t umask(mode_t mask) { return (mode_t)sys1(SYS_umask, mask); }
int chmod(const char *path, mode_t mode) { return sys_ret(sys2(SYS_chmod, (long)path, mode)); }
int fchmod(int fd, mode_t mode) { return sys_ret(sys2(SYS_fchmod, fd, mode)); }
int chown(const char *path, uid_t uid, gid_t gid) {
    return sys_ret(sys3(SYS_chown32, (long)path, uid, gid));
}
int mknod(const char *path, mode_t mode, dev_t dev) {
    return sys_ret(sys3(SYS_mknod, (long)path, mode, (long)dev));
}
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags) {
    return sys_ret(sys4(SYS_utimensat, dirfd, (long)path, (long)times, flags));
}
int futimens(int fd, const struct timespec times[2]) { return utimensat(fd, NULL, times, 0); }

/* getcwd(NULL, 0) allocates a PATH_MAX buffer, as glibc does. */
char *getcwd(char *buf, size_t size) {
    char *mine = NULL;
    if (!buf) {
        size = size ? size : PATH_MAX;
        buf = mine = malloc(size);
        if (!buf)
            return NULL;
    }
    if (sys_ret(sys2(SYS_getcwd, (long)buf, size)) < 0) {
        free(mine);
        return NULL;
    }
    return buf;
}

/* remove: unlink a file, or (when it is a directory: EISDIR) rmdir it. */
int remove(const char *path) {
    if (unlink(path) == 0)
        return 0;
    return errno == EISDIR ? rmdir(path) : -1;
}
