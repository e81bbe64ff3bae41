/* File status. struct stat is Linux i386's struct stat64 (96 bytes); stat() and friends
 * call stat64(195), lstat64(196), fstat64(197). */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H
#include <features.h>
#include <sys/types.h>
#include <time.h>

struct stat {
    dev_t st_dev;
    unsigned char __pad0[4];
    unsigned long __st_ino32;
    mode_t st_mode;
    nlink_t st_nlink;
    uid_t st_uid;
    gid_t st_gid;
    dev_t st_rdev;
    unsigned char __pad3[4];
    off_t st_size;
    blksize_t st_blksize;
    blkcnt_t st_blocks;
    struct timespec st_atim;
    struct timespec st_mtim;
    struct timespec st_ctim;
    ino_t st_ino;
};
#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

#include "abi/stat.h"

__BEGIN_DECLS
int stat(const char *path, struct stat *st);
int lstat(const char *path, struct stat *st);
int fstat(int fd, struct stat *st);
int fstatat(int dirfd, const char *path, struct stat *st, int flags);
int mkdir(const char *path, mode_t mode);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
mode_t umask(mode_t mask);
int mknod(const char *path, mode_t mode, dev_t dev);
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags);
int futimens(int fd, const struct timespec times[2]);
__END_DECLS
#endif
