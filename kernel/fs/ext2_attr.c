/* ext2 inode attributes: permission bits, owner, group and the timestamps that
 * chmod, chown and utimensat set. */
#include "fs/ext2_priv.h"

#define EXT2_TIME_MIN (-2147483647ll - 1) /* i_[amc]time are signed 32-bit on disk */
#define EXT2_TIME_MAX 2147483647ll

/* A time as ext2 stores it: clamped to the signed 32-bit range, as Linux does. */
static uint32_t disk_time(int64_t t) {
    if (t < EXT2_TIME_MIN)
        t = EXT2_TIME_MIN;
    if (t > EXT2_TIME_MAX)
        t = EXT2_TIME_MAX;
    return (uint32_t)(int32_t)t;
}

int ext2_setattr(struct ext2_fs *fs, uint32_t ino, const struct ext2_attr *a) {
    if (fs->readonly)
        return -EROFS;
    struct ext2_inode in;
    int err = ext2_read_inode(fs, ino, &in);
    if (err)
        return err;
    if (!in.i_mode)
        return -EIO; /* a free inode: the caller's reference is stale */
    if (a->valid & EXT2_ATTR_MODE)
        in.i_mode = (uint16_t)((in.i_mode & EXT2_S_IFMT) | (a->mode & EXT2_S_PERM));
    if (a->valid & EXT2_ATTR_UID) {
        in.i_uid = (uint16_t)a->uid;
        in.i_uid_high = (uint16_t)(a->uid >> 16);
    }
    if (a->valid & EXT2_ATTR_GID) {
        in.i_gid = (uint16_t)a->gid;
        in.i_gid_high = (uint16_t)(a->gid >> 16);
    }
    if (a->valid & EXT2_ATTR_ATIME)
        in.i_atime = disk_time(a->atime);
    if (a->valid & EXT2_ATTR_MTIME)
        in.i_mtime = disk_time(a->mtime);
    in.i_ctime = ext2_now(fs);
    return ext2_write_inode(fs, ino, &in);
}
