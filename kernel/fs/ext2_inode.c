/* ext2 inodes: where they live in the inode tables, reading and writing them, creating
 * new ones and releasing the ones whose last link is gone. */
#include "fs/ext2_priv.h"

/* The block and byte offset holding inode ino; -EIO for an impossible number. */
static int locate(const struct ext2_fs *fs, uint32_t ino, uint32_t *blk, uint32_t *off) {
    if (ino == 0 || ino > fs->sb.s_inodes_count)
        return -EIO;
    uint32_t idx = (ino - 1) % fs->sb.s_inodes_per_group;
    uint64_t byte = (uint64_t)idx * fs->inode_size;
    *blk = fs->gd[ext2_group_of_ino(fs, ino)].bg_inode_table + (uint32_t)(byte / fs->block_size);
    *off = (uint32_t)(byte % fs->block_size);
    return 0;
}

/* The inode-table block holding inode ino (number *blk, the inode at byte *off), read
 * into a new block buffer the caller frees; NULL with *err set when that fails. */
static uint8_t *read_inode_block(struct ext2_fs *fs, uint32_t ino, uint32_t *blk,
                                 uint32_t *off, int *err) {
    if ((*err = locate(fs, ino, blk, off)))
        return NULL;
    uint8_t *buf = ext2_blkbuf(fs);
    if (!buf) {
        *err = -ENOMEM;
        return NULL;
    }
    if ((*err = ext2_bread(fs, *blk, buf))) {
        ext2_mfree(fs, buf);
        return NULL;
    }
    return buf;
}

int ext2_read_inode(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *out) {
    uint32_t blk, off;
    int err;
    uint8_t *buf = read_inode_block(fs, ino, &blk, &off, &err);
    if (!buf)
        return err;
    memcpy(out, buf + off, sizeof *out);
    ext2_mfree(fs, buf);
    return 0;
}

/* Writes the 128-byte inode; for a fresh inode also initializes the large-inode tail
 * (zeroed, i_extra_isize as the superblock wants, creation time now). */
static int put_inode(struct ext2_fs *fs, uint32_t ino, const struct ext2_inode *in, bool fresh) {
    uint32_t blk, off;
    int err;
    uint8_t *buf = read_inode_block(fs, ino, &blk, &off, &err);
    if (!buf)
        return err;
    memcpy(buf + off, in, sizeof *in);
    uint32_t extra = fs->inode_size - EXT2_GOOD_OLD_INODE_SIZE;
    if (fresh && extra) {
        struct ext2_inode_large_tail tail = {0};
        uint16_t want = fs->sb.s_want_extra_isize;
        if (want < fs->sb.s_min_extra_isize)
            want = fs->sb.s_min_extra_isize;
        if (want >= sizeof tail && want <= extra && !(want % 4)) {
            tail.i_extra_isize = want;
            tail.i_crtime = in->i_ctime;
        }
        memset(buf + off + EXT2_GOOD_OLD_INODE_SIZE, 0, extra);
        memcpy(buf + off + EXT2_GOOD_OLD_INODE_SIZE, &tail,
               extra < sizeof tail ? extra : sizeof tail);
    }
    err = ext2_bwrite(fs, blk, buf);
    ext2_mfree(fs, buf);
    return err;
}

int ext2_write_inode(struct ext2_fs *fs, uint32_t ino, const struct ext2_inode *in) {
    return put_inode(fs, ino, in, false);
}

uint64_t ext2_size(const struct ext2_inode *in) {
    if ((in->i_mode & EXT2_S_IFMT) == EXT2_S_IFREG)
        return in->i_size | (uint64_t)in->i_size_high << 32;
    return in->i_size;
}

void ext2_set_size(struct ext2_fs *fs, struct ext2_inode *in, uint64_t size) {
    (void)fs;
    in->i_size = (uint32_t)size;
    if ((in->i_mode & EXT2_S_IFMT) == EXT2_S_IFREG)
        in->i_size_high = (uint32_t)(size >> 32);
}

/* Sectors an inode's extended-attribute block accounts for in i_blocks. */
static uint32_t xattr_sectors(const struct ext2_fs *fs, const struct ext2_inode *in) {
    return in->i_file_acl ? fs->block_size / EXT2_SECTOR_SIZE : 0;
}

/* Whether i_block holds block pointers (not a fast symlink's target or a device number). */
bool ext2_has_blocks(const struct ext2_fs *fs, const struct ext2_inode *in) {
    switch (in->i_mode & EXT2_S_IFMT) {
    case EXT2_S_IFREG:
    case EXT2_S_IFDIR:
        return true;
    case EXT2_S_IFLNK:
        return in->i_blocks > xattr_sectors(fs, in);
    default:
        return false;
    }
}

uint8_t ext2_ftype(uint16_t mode) {
    switch (mode & EXT2_S_IFMT) {
    case EXT2_S_IFREG: return EXT2_FT_REG_FILE;
    case EXT2_S_IFDIR: return EXT2_FT_DIR;
    case EXT2_S_IFCHR: return EXT2_FT_CHRDEV;
    case EXT2_S_IFBLK: return EXT2_FT_BLKDEV;
    case EXT2_S_IFIFO: return EXT2_FT_FIFO;
    case EXT2_S_IFSOCK: return EXT2_FT_SOCK;
    case EXT2_S_IFLNK: return EXT2_FT_SYMLINK;
    default: return EXT2_FT_UNKNOWN;
    }
}

/* Allocates and writes a new inode with one link (mkdir sets two). */
int ext2_new_inode(struct ext2_fs *fs, uint32_t parent, uint16_t mode, uint16_t uid,
                   uint16_t gid, uint32_t *ino, struct ext2_inode *in) {
    bool dir = (mode & EXT2_S_IFMT) == EXT2_S_IFDIR;
    int err = ext2_alloc_ino(fs, parent, dir, ino);
    if (err)
        return err;
    uint32_t now = ext2_now(fs);
    memset(in, 0, sizeof *in);
    in->i_mode = mode;
    in->i_uid = uid;
    in->i_gid = gid;
    in->i_links_count = 1;
    in->i_atime = in->i_ctime = in->i_mtime = now;
    in->i_generation = now ^ *ino;
    err = put_inode(fs, *ino, in, true);
    if (err)
        ext2_free_ino(fs, *ino, dir);
    return err;
}

/* Drops the inode's extended-attribute block reference (freeing an unshared block). */
static int drop_xattr(struct ext2_fs *fs, struct ext2_inode *in) {
    if (!in->i_file_acl)
        return 0;
    uint8_t *buf = ext2_blkbuf(fs);
    if (!buf)
        return -ENOMEM;
    int err = ext2_block_valid(fs, in->i_file_acl) ? ext2_bread(fs, in->i_file_acl, buf) : -EIO;
    struct ext2_xattr_header *h = (struct ext2_xattr_header *)buf;
    if (!err && h->h_magic == EXT2_XATTR_MAGIC && h->h_refcount > 1) {
        h->h_refcount--;
        err = ext2_bwrite(fs, in->i_file_acl, buf);
    } else if (!err) {
        err = ext2_free_block(fs, in->i_file_acl);
    }
    ext2_mfree(fs, buf);
    if (!err) {
        in->i_blocks -= xattr_sectors(fs, in);
        in->i_file_acl = 0;
    }
    return err;
}

/* Frees an unlinked inode: its blocks, its attribute block, its bitmap bit. */
static int release(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in) {
    int err = 0;
    if (ext2_has_blocks(fs, in))
        err = ext2_free_from(fs, in, 0);
    if (!err)
        err = drop_xattr(fs, in);
    if (err)
        return err;
    ext2_set_size(fs, in, 0);
    in->i_dtime = ext2_now(fs);
    err = ext2_write_inode(fs, ino, in);
    return err ? err : ext2_free_ino(fs, ino, ext2_is_dir(in));
}

/* Removes one link from in (read by the caller); releases the inode when none are left
 * and nobody has it open, else writes it back. */
int ext2_drop_link(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in) {
    if (in->i_links_count)
        in->i_links_count--;
    in->i_ctime = ext2_now(fs);
    if (in->i_links_count == 0 && !(fs->env.in_use && fs->env.in_use(fs->env.in_use_ctx, ino)))
        return release(fs, ino, in);
    return ext2_write_inode(fs, ino, in);
}

int ext2_evict(struct ext2_fs *fs, uint32_t ino) {
    if (fs->readonly)
        return 0;
    struct ext2_inode in;
    int err = ext2_read_inode(fs, ino, &in);
    if (err || in.i_links_count || in.i_dtime || ino < fs->first_ino)
        return err;
    return release(fs, ino, &in);
}
