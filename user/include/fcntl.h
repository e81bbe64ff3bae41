/* File control: open flags (octal, asm-generic/fcntl.h), fcntl commands, *at() flags. */
#ifndef _FCNTL_H
#define _FCNTL_H
#include <features.h>
#include <sys/types.h>

#include "abi/fcntl.h"

__BEGIN_DECLS
int open(const char *path, int flags, ...);
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);
__END_DECLS
#endif
