/* chmod, chown and utimes in the VFS: Linux's rule for set-ID bits on chown, the inode
 * cache's copy of the mode, and routing by path (/dev to devfs, /proc refuses). Everyone
 * is root in LingOS, so there are no ownership checks to make. */
#include "fs/vfs.h"
#include "fs/devfs.h"
#include "lib/errno.h"

#define S_IPERM  07777

/* Linux (notify_change, setattr_should_drop_sgid): chown of anything but a directory
 * drops set-user-ID, and set-group-ID when the group may execute (without group execute
 * it is a locking mark and stays). */
void vattr_prepare(uint32_t mode, struct vattr *a) {
    if (!(a->valid & VA_KILL_SUID))
        return;
    a->valid &= ~VA_KILL_SUID;
    if (S_ISDIR(mode))
        return;
    uint32_t m = (a->valid & VA_MODE ? a->mode : mode) & S_IPERM;
    uint32_t kill = S_ISUID | ((m & S_IXGRP) ? S_ISGID : 0);
    if (m & kill) {
        a->mode = m & ~kill;
        a->valid |= VA_MODE;
    }
}

int inode_setattr(struct inode *ip, const struct vattr *va) {
    if (!ip->sb->ops->setattr)
        return -EPERM;
    struct vattr a = *va;
    if (a.valid & VA_KILL_SUID) {
        struct kstat st;
        int err = ip->sb->ops->stat(ip, &st);
        if (err)
            return err;
        vattr_prepare(st.mode, &a);
    }
    int err = ip->sb->ops->setattr(ip, &a);
    if (!err && (a.valid & VA_MODE))
        ip->mode = (ip->mode & S_IFMT) | (a.mode & S_IPERM);
    return err;
}

int vfs_setattr(struct inode *cwd, const char *path, bool nofollow, const struct vattr *a) {
    const char *dev = vfs_dev_path(path);
    if (dev)
        return devfs_setattr(dev, a);
    if (vfs_proc_path(path))
        return -EPERM;
    struct inode *ip;
    int err = vfs_lookup(cwd, path, nofollow, &ip);
    if (err)
        return err;
    err = inode_setattr(ip, a);
    iput(ip);
    return err;
}
