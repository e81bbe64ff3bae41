/* Path arguments of system calls: copied from user memory with Linux's limits and
 * resolved against a directory fd or the cwd. */
#ifndef SYSCALL_UPATH_H
#define SYSCALL_UPATH_H
#include "syscall/syscall.h"
struct inode;
/* Copies the user path into buf (PATH_MAX bytes): -EFAULT, -ENAMETOOLONG, -ENOENT for "". */
int upath_copy(u32 upath, char *buf);
/* The directory a relative path starts from: cwd for AT_FDCWD, else dirfd's inode
 * (-EBADF, -ENOTDIR). No reference is taken. */
int upath_base(int dirfd, const char *path, struct inode **base);
#endif
