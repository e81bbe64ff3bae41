/* statfs: the numbers of the file system behind a path or an open file. /proc and /dev
 * are not mounted file systems of their own (the VFS routes them by path), so they
 * report Linux's magic numbers for procfs and devtmpfs with no blocks. */
#include "fs/vfs.h"
#include "lib/errno.h"
#include "lib/string.h"

#define PROC_SUPER_MAGIC 0x9fa0      /* include/uapi/linux/magic.h */
#define TMPFS_MAGIC 0x01021994       /* devtmpfs reports tmpfs's */
#define PSEUDO_NAMELEN 255
#define PSEUDO_BSIZE 4096

static bool under(const char *path, const char *dir) {
    size_t n = strlen(dir);
    return !strncmp(path, dir, n) && (path[n] == 0 || path[n] == '/');
}

static int inode_statfs(struct inode *ip, struct kstatfs *st) {
    struct super_block *sb = ip->sb;
    if (!sb || !sb->ops->statfs)
        return -ENOSYS;
    return sb->ops->statfs(sb, st);
}

int vfs_statfs(struct inode *cwd, const char *path, struct kstatfs *st) {
    if (under(path, "/proc") || under(path, "/dev")) {
        struct kstat ks;
        int err = vfs_stat(cwd, path, false, &ks);
        if (err)
            return err;
        *st = (struct kstatfs){under(path, "/proc") ? PROC_SUPER_MAGIC : TMPFS_MAGIC,
                               PSEUDO_BSIZE, PSEUDO_NAMELEN, 0, 0, 0, 0, 0};
        return 0;
    }
    struct inode *ip;
    int err = vfs_lookup(cwd, path, false, &ip);
    if (err)
        return err;
    err = inode_statfs(ip, st);
    iput(ip);
    return err;
}

int vfs_fstatfs(struct file *f, struct kstatfs *st) {
    struct inode *ip = file_inode(f);
    if (!ip) {   /* pipes, the tty, /proc and /dev files */
        *st = (struct kstatfs){TMPFS_MAGIC, PSEUDO_BSIZE, PSEUDO_NAMELEN, 0, 0, 0, 0, 0};
        return 0;
    }
    return inode_statfs(ip, st);
}
