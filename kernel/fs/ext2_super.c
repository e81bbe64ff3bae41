/* ext2 mount, validation of the superblock and group descriptors, sync and unmount. */
#include "fs/ext2_priv.h"

bool ext2_block_valid(const struct ext2_fs *fs, uint32_t blk) {
    return blk >= fs->sb.s_first_data_block && blk < fs->sb.s_blocks_count;
}

/* Reads block blk of the volume into buf (block_size bytes); -EIO if out of range. */
int ext2_bread(struct ext2_fs *fs, uint32_t blk, void *buf) {
    if (blk >= fs->sb.s_blocks_count)
        return -EIO;
    return fs->dev.read(fs->dev.ctx, blk, buf) < 0 ? -EIO : 0;
}

/* Writes buf to block blk; never outside the volume, never on a read-only mount. */
int ext2_bwrite(struct ext2_fs *fs, uint32_t blk, const void *buf) {
    if (fs->readonly)
        return -EROFS;
    if (blk >= fs->sb.s_blocks_count)
        return -EIO;
    return fs->dev.write(fs->dev.ctx, blk, buf) < 0 ? -EIO : 0;
}

/* The block holding byte 1024 of the volume, and the superblock's offset in it. */
static uint32_t super_block_no(uint32_t bs) { return EXT2_SUPER_OFFSET / bs; }
static uint32_t super_offset(uint32_t bs) { return EXT2_SUPER_OFFSET % bs; }

/* Writes the descriptor block that holds group's descriptor. */
int ext2_write_gd(struct ext2_fs *fs, uint32_t group) {
    uint32_t per_block = fs->block_size / EXT2_GROUP_DESC_SIZE;
    uint32_t i = group / per_block;
    return ext2_bwrite(fs, fs->sb.s_first_data_block + 1 + i,
                       (uint8_t *)fs->gd + (size_t)i * fs->block_size);
}

/* Writes the in-memory superblock into its block (read-modify-write when the block is
 * larger than the superblock). */
static int write_super(struct ext2_fs *fs) {
    uint8_t *buf = ext2_blkbuf(fs);
    if (!buf)
        return -ENOMEM;
    uint32_t blk = super_block_no(fs->block_size);
    int err = fs->block_size > EXT2_SUPER_SIZE ? ext2_bread(fs, blk, buf) : 0;
    if (!err) {
        fs->sb.s_wtime = ext2_now(fs);
        memcpy(buf + super_offset(fs->block_size), &fs->sb, sizeof fs->sb);
        err = ext2_bwrite(fs, blk, buf);
    }
    ext2_mfree(fs, buf);
    if (!err)
        fs->sb_dirty = false;
    return err;
}

/* Checks the superblock's own fields; fills the derived geometry of fs. */
static int check_super(struct ext2_fs *fs, int flags) {
    struct ext2_super *s = &fs->sb;
    if (s->s_magic != EXT2_MAGIC || s->s_log_block_size > EXT2_MAX_LOG_BLOCK ||
        s->s_rev_level > EXT2_DYNAMIC_REV)
        return -EINVAL;
    uint32_t bs = 1024u << s->s_log_block_size;
    fs->block_size = bs;
    fs->addr_per_block = bs / sizeof(uint32_t);
    if (s->s_first_data_block != (bs == 1024 ? 1u : 0u) ||
        s->s_blocks_count <= s->s_first_data_block + 2 ||
        s->s_blocks_per_group == 0 || s->s_blocks_per_group > 8 * bs ||
        s->s_inodes_per_group == 0 || s->s_inodes_per_group > 8 * bs)
        return -EINVAL;
    fs->ngroups = (s->s_blocks_count - s->s_first_data_block + s->s_blocks_per_group - 1) /
                  s->s_blocks_per_group;
    if ((uint64_t)fs->ngroups * s->s_inodes_per_group != s->s_inodes_count)
        return -EINVAL;
    if (s->s_rev_level == EXT2_GOOD_OLD_REV) {
        fs->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
        fs->first_ino = EXT2_GOOD_OLD_FIRST_INO;
    } else {
        fs->inode_size = s->s_inode_size;
        fs->first_ino = s->s_first_ino;
        if (fs->inode_size < EXT2_GOOD_OLD_INODE_SIZE || fs->inode_size > bs ||
            (fs->inode_size & (fs->inode_size - 1)))
            return -EINVAL;
        if (s->s_feature_incompat & ~EXT2_INCOMPAT_SUPPORTED)
            return -EINVAL;
        if (s->s_feature_ro_compat & ~EXT2_RO_COMPAT_SUPPORTED)
            flags |= EXT2_MOUNT_RDONLY;
        fs->filetype = s->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE;
        fs->large_file = s->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
    }
    if (fs->first_ino <= EXT2_ROOT_INO || fs->first_ino > s->s_inodes_count)
        return -EINVAL;
    if (fs->dev.size_bytes && (uint64_t)s->s_blocks_count * bs > fs->dev.size_bytes)
        return -EINVAL; /* truncated image */
    fs->gd_blocks = (fs->ngroups * EXT2_GROUP_DESC_SIZE + bs - 1) / bs;
    if (s->s_first_data_block + 1 + fs->gd_blocks > s->s_blocks_count)
        return -EINVAL;
    fs->readonly = flags & EXT2_MOUNT_RDONLY;
    fs->was_clean = (s->s_state & EXT2_VALID_FS) && !(s->s_state & EXT2_ERROR_FS);
    return 0;
}

/* Blocks in group g (the last group may be short). */
static uint32_t group_blocks(const struct ext2_fs *fs, uint32_t g) {
    uint32_t start = fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group;
    uint32_t left = fs->sb.s_blocks_count - start;
    return left < fs->sb.s_blocks_per_group ? left : fs->sb.s_blocks_per_group;
}

/* Reads the group descriptors, checks that each points inside the volume, and derives
 * the superblock's free counts from them (as Linux does). */
static int load_groups(struct ext2_fs *fs) {
    fs->gd = ext2_zalloc(fs, (size_t)fs->gd_blocks * fs->block_size);
    if (!fs->gd)
        return -ENOMEM;
    for (uint32_t i = 0; i < fs->gd_blocks; i++)
        if (ext2_bread(fs, fs->sb.s_first_data_block + 1 + i,
                       (uint8_t *)fs->gd + (size_t)i * fs->block_size))
            return -EIO;
    uint32_t itable_blocks =
        (fs->sb.s_inodes_per_group * fs->inode_size + fs->block_size - 1) / fs->block_size;
    uint32_t free_blocks = 0, free_inodes = 0;
    for (uint32_t g = 0; g < fs->ngroups; g++) {
        const struct ext2_group_desc *d = &fs->gd[g];
        if (!ext2_block_valid(fs, d->bg_block_bitmap) || !ext2_block_valid(fs, d->bg_inode_bitmap) ||
            !ext2_block_valid(fs, d->bg_inode_table) ||
            (uint64_t)d->bg_inode_table + itable_blocks > fs->sb.s_blocks_count ||
            d->bg_free_blocks_count > group_blocks(fs, g) ||
            d->bg_free_inodes_count > fs->sb.s_inodes_per_group)
            return -EINVAL;
        free_blocks += d->bg_free_blocks_count;
        free_inodes += d->bg_free_inodes_count;
    }
    fs->sb.s_free_blocks_count = free_blocks;
    fs->sb.s_free_inodes_count = free_inodes;
    return 0;
}

/* Reads and checks the superblock at byte 1024 with 1 KiB device blocks. */
static int read_super(struct ext2_fs *fs, int flags) {
    uint8_t *buf = fs->env.alloc(EXT2_SUPER_SIZE);
    if (!buf)
        return -ENOMEM;
    int err = -EIO;
    if (fs->dev.set_block_size(fs->dev.ctx, EXT2_SUPER_SIZE) == 0 &&
        (!fs->dev.size_bytes || fs->dev.size_bytes >= EXT2_SUPER_OFFSET + EXT2_SUPER_SIZE) &&
        fs->dev.read(fs->dev.ctx, EXT2_SUPER_OFFSET / EXT2_SUPER_SIZE, buf) == 0) {
        memcpy(&fs->sb, buf, sizeof fs->sb);
        err = check_super(fs, flags);
    }
    fs->env.free(buf);
    if (!err && fs->dev.set_block_size(fs->dev.ctx, fs->block_size) < 0)
        err = -EIO;
    return err;
}

/* The root must be a live directory. */
static int check_root(struct ext2_fs *fs) {
    struct ext2_inode root;
    int err = ext2_read_inode(fs, EXT2_ROOT_INO, &root);
    if (err)
        return err;
    return ext2_is_dir(&root) && root.i_links_count >= 2 ? 0 : -EINVAL;
}

static void free_fs(struct ext2_fs *fs) {
    ext2_mfree(fs, fs->gd);
    fs->env.free(fs);
}

int ext2_mount(const struct ext2_dev *dev, const struct ext2_env *env, int flags,
               struct ext2_fs **out) {
    struct ext2_fs *fs = env->alloc(sizeof *fs);
    if (!fs)
        return -ENOMEM;
    memset(fs, 0, sizeof *fs);
    fs->dev = *dev;
    fs->env = *env;
    int err = read_super(fs, flags);
    if (!err)
        err = load_groups(fs);
    if (!err)
        err = check_root(fs);
    if (!err && !fs->readonly) {
        fs->sb.s_state &= ~EXT2_VALID_FS;
        fs->sb.s_mnt_count++;
        fs->sb.s_mtime = ext2_now(fs);
        err = write_super(fs);
    }
    if (err) {
        free_fs(fs);
        return err;
    }
    fs->alloc_hint = fs->sb.s_first_data_block;
    *out = fs;
    return 0;
}

int ext2_sync(struct ext2_fs *fs) {
    if (fs->readonly)
        return 0;
    int err = 0;
    for (uint32_t g = 0; g < fs->ngroups; g += fs->block_size / EXT2_GROUP_DESC_SIZE)
        if (ext2_write_gd(fs, g))
            err = -EIO;
    if (write_super(fs))
        err = -EIO;
    return err;
}

int ext2_unmount(struct ext2_fs *fs) {
    int err = 0;
    if (!fs->readonly) {
        if (fs->was_clean)
            fs->sb.s_state |= EXT2_VALID_FS;
        err = ext2_sync(fs);
    }
    free_fs(fs);
    return err;
}

bool ext2_readonly(const struct ext2_fs *fs) { return fs->readonly; }
bool ext2_was_clean(const struct ext2_fs *fs) { return fs->was_clean; }
uint32_t ext2_block_size(const struct ext2_fs *fs) { return fs->block_size; }
const struct ext2_super *ext2_super(const struct ext2_fs *fs) { return &fs->sb; }
