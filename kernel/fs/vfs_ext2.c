/* ext2 as a VFS file system: the fs_ops over the pure ext2 module, whose inode numbers
 * are the VFS's. (Named vfs_ext2.c so the host build of kernel/fs/ext2*.c leaves it out.) */
#include "fs/vfs_ext2.h"
#include "fs/ext2.h"
#include "lib/errno.h"

#define FS(ip) ((struct ext2_fs *)(ip)->sb->fs)

/* A device inode's number: old 16-bit form in i_block[0], else new 32-bit in i_block[1]. */
static uint32_t inode_rdev(const struct ext2_inode *in) {
    uint32_t old = in->i_block[0], nw = in->i_block[1];
    if (old)
        return vfs_mkdev((old >> 8) & 0xff, old & 0xff);
    return vfs_mkdev((nw & 0xfff00) >> 8, (nw & 0xff) | ((nw >> 12) & 0xfff00));
}

static int e_stat(struct inode *ip, struct kstat *st) {
    struct ext2_inode in;
    int err = ext2_read_inode(FS(ip), ip->ino, &in);
    if (err)
        return err;
    uint32_t type = in.i_mode & EXT2_S_IFMT;
    *st = (struct kstat){
        .dev = ip->sb->dev, .ino = ip->ino, .mode = in.i_mode, .nlink = in.i_links_count,
        .uid = in.i_uid | (uint32_t)in.i_uid_high << 16,
        .gid = in.i_gid | (uint32_t)in.i_gid_high << 16,
        .rdev = type == EXT2_S_IFCHR || type == EXT2_S_IFBLK ? inode_rdev(&in) : 0,
        .size = ext2_size(&in), .blocks = in.i_blocks, .blksize = ext2_block_size(FS(ip)),
        .atime = in.i_atime, .mtime = in.i_mtime, .ctime = in.i_ctime,
    };
    return 0;
}

static int e_getmode(struct super_block *sb, uint32_t ino, uint32_t *mode) {
    struct ext2_inode in;
    int err = ext2_read_inode(sb->fs, ino, &in);
    if (!err && (in.i_links_count == 0 && !inode_find(sb, ino)))
        err = -ENOENT; /* a stale directory entry */
    if (!err)
        *mode = in.i_mode;
    return err;
}

static int e_lookup(struct inode *dir, const char *name, size_t len, uint32_t *ino) {
    return ext2_lookup(FS(dir), dir->ino, name, len, ino);
}

static int e_create(struct inode *dir, const char *name, size_t len, uint32_t mode, uint32_t *ino) {
    return ext2_create(FS(dir), dir->ino, name, len, (uint16_t)mode, 0, 0, ino);
}

static int e_mkdir(struct inode *dir, const char *name, size_t len, uint32_t mode) {
    uint32_t ino;
    return ext2_mkdir(FS(dir), dir->ino, name, len, (uint16_t)mode, 0, 0, &ino);
}

static int e_unlink(struct inode *dir, const char *name, size_t len) {
    return ext2_unlink(FS(dir), dir->ino, name, len);
}

static int e_rmdir(struct inode *dir, const char *name, size_t len) {
    return ext2_rmdir(FS(dir), dir->ino, name, len);
}

static int e_link(struct inode *src, struct inode *dir, const char *name, size_t len) {
    return ext2_link(FS(dir), src->ino, dir->ino, name, len);
}

static int e_rename(struct inode *od, const char *on, size_t ol, struct inode *nd,
                    const char *nn, size_t nl) {
    return ext2_rename(FS(od), od->ino, on, ol, nd->ino, nn, nl);
}

static int e_truncate(struct inode *ip, uint64_t size) {
    return ext2_truncate(FS(ip), ip->ino, size);
}

static long e_read(struct inode *ip, uint64_t off, void *buf, size_t n) {
    return ext2_read(FS(ip), ip->ino, off, buf, n);
}

static long e_write(struct inode *ip, uint64_t off, const void *buf, size_t n) {
    return ext2_write(FS(ip), ip->ino, off, buf, n);
}

static long e_readlink(struct inode *ip, char *buf, size_t n) {
    return ext2_readlink(FS(ip), ip->ino, buf, n);
}

static int e_readdir(struct inode *dir, uint64_t *pos, vfs_filldir_t fill, void *ctx) {
    return ext2_readdir(FS(dir), dir->ino, pos, fill, ctx);
}

static void e_evict(struct inode *ip) { ext2_evict(FS(ip), ip->ino); }

static int e_sync(struct super_block *sb) { return vfs_ext2_sync(sb); }

static int e_unmount(struct super_block *sb) { return vfs_ext2_unmount(sb); }

static int e_setattr(struct inode *ip, const struct vattr *a) {
    uint32_t v = a->valid;
    struct ext2_attr ea = {
        (v & VA_MODE ? EXT2_ATTR_MODE : 0) | (v & VA_UID ? EXT2_ATTR_UID : 0) |
            (v & VA_GID ? EXT2_ATTR_GID : 0) | (v & VA_ATIME ? EXT2_ATTR_ATIME : 0) |
            (v & VA_MTIME ? EXT2_ATTR_MTIME : 0),
        (uint16_t)a->mode, a->uid, a->gid, a->atime, a->mtime};
    return ext2_setattr(FS(ip), ip->ino, &ea);
}

static int e_symlink(struct inode *dir, const char *name, size_t len, const char *target,
                     size_t tlen) {
    uint32_t ino;
    return ext2_symlink(FS(dir), dir->ino, name, len, target, tlen, 0, 0, &ino);
}

#define EXT2_NAME_LEN 255

/* Reserved blocks are free but not available to unprivileged users (f_bavail). */
static int e_statfs(struct super_block *sb, struct kstatfs *st) {
    const struct ext2_super *s = ext2_super(sb->fs);
    uint64_t free = s->s_free_blocks_count, reserved = s->s_r_blocks_count;
    *st = (struct kstatfs){EXT2_MAGIC, ext2_block_size(sb->fs), EXT2_NAME_LEN,
                           s->s_blocks_count, free, free > reserved ? free - reserved : 0,
                           s->s_inodes_count, s->s_free_inodes_count};
    return 0;
}

const struct fs_ops ext2_fs_ops = {
    .lookup = e_lookup,   .getmode = e_getmode, .create = e_create,     .mkdir = e_mkdir,
    .unlink = e_unlink,   .rmdir = e_rmdir,     .link = e_link,         .rename = e_rename,
    .truncate = e_truncate, .stat = e_stat,     .read = e_read,         .write = e_write,
    .readlink = e_readlink, .readdir = e_readdir, .evict = e_evict,     .sync = e_sync,
    .setattr = e_setattr, .symlink = e_symlink, .unmount = e_unmount,
    .statfs = e_statfs,
};
