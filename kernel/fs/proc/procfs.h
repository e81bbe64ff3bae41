/* /proc in Linux's formats: meminfo, buddyinfo, uptime, memmap (LingOS's picture of
 * physical memory for /bin/memmap), self, and per process PID/{maps,status,stat,cmdline,
 * exe}. Every file's text is generated when it is opened (a snapshot, like Linux's
 * seq_file) and read from that buffer. The VFS routes every path under /proc here. */
#ifndef FS_PROC_PROCFS_H
#define FS_PROC_PROCFS_H
#include <stddef.h>
#include <stdint.h>
struct file;
struct kstat;
/* rel: the path below /proc ("" for /proc itself, "meminfo", "self/maps", ...). */
int procfs_open(const char *rel, uint32_t flags, struct file **out);
int procfs_stat(const char *rel, struct kstat *st);
long procfs_readlink(const char *rel, char *buf, size_t len);
#endif
