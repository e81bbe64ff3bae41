/* /dev: the character devices programs expect, with Linux's numbers — null (1:3), zero
 * (1:5), full (1:7), random (1:8), urandom (1:9), tty (5:0) and console (5:1), the last
 * two the console tty. The VFS routes absolute paths under /dev here (like /proc); the
 * same devices open for character-device inodes on disk (vfs_chrdev_open). The nodes are
 * fixed; their mode, owner and times live in memory and chmod, chown and touch change
 * them. */
#ifndef FS_DEVFS_H
#define FS_DEVFS_H
#include <stdint.h>
struct file;
struct kstat;
struct vattr;

void devfs_init(void);               /* stamps the nodes and sets vfs_chrdev_open */
/* rel: the path below /dev ("" for /dev itself). flags are open(2)'s, all of them. */
int devfs_open(const char *rel, uint32_t flags, struct file **out);
int devfs_stat(const char *rel, struct kstat *st);
int devfs_setattr(const char *rel, const struct vattr *a);
/* The device with number rdev (vfs_mkdev form); -ENXIO when there is none. */
int devfs_open_rdev(uint32_t rdev, uint32_t flags, struct file **out);
#endif
