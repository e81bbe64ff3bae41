/* Mounting ext2 from a block device through the buffer cache, for the VFS. */
#ifndef FS_VFS_EXT2_H
#define FS_VFS_EXT2_H
#include "fs/vfs.h"
#include "fs/blkdev.h"

extern const struct fs_ops ext2_fs_ops;

/* A super_block for the ext2 file system on dev (EXT2_MOUNT_RDONLY in flags for a
 * read-only mount); not yet attached anywhere (see vfs_mount). -errno on failure. */
int vfs_ext2_mount(struct blkdev *dev, int flags, struct super_block **out);
/* Writes the file system and its cached blocks back to the device. */
int vfs_ext2_sync(struct super_block *sb);
/* Unmounts a super_block vfs_ext2_mount made and that nothing uses any more. */
int vfs_ext2_unmount(struct super_block *sb);
/* The file system behind sb (for tests and statistics). */
struct ext2_fs *vfs_ext2_fs(struct super_block *sb);
#endif
