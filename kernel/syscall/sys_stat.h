#ifndef SYSCALL_SYS_STAT_H
#define SYSCALL_SYS_STAT_H
#include "syscall/syscall.h"
struct kstat;
struct file;
int stat_to_user64(const struct kstat *k, u32 ubuf);
int stat_to_statx(const struct kstat *k, u32 ubuf);
int file_stat(struct file *f, struct kstat *st);
#endif
