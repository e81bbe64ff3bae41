/* ext2 block and inode allocation: one bitmap block per group for each, with the free
 * counts of the group descriptor and the superblock kept in step with every bit. */
#include "fs/ext2_priv.h"

static bool bit_test(const uint8_t *map, uint32_t i) { return map[i / 8] & (1u << (i % 8)); }
static void bit_set(uint8_t *map, uint32_t i) { map[i / 8] |= (uint8_t)(1u << (i % 8)); }
static void bit_clear(uint8_t *map, uint32_t i) { map[i / 8] &= (uint8_t)~(1u << (i % 8)); }

/* First clear bit in [from, n), then in [lo, from); UINT32_MAX if none. */
static uint32_t scan(const uint8_t *map, uint32_t from, uint32_t n) {
    for (uint32_t i = from; i < n; i++) {
        if (!(i % 8) && i + 8 <= n && map[i / 8] == 0xFF)
            i += 7; /* a full byte */
        else if (!bit_test(map, i))
            return i;
    }
    return UINT32_MAX;
}
static uint32_t find_clear(const uint8_t *map, uint32_t lo, uint32_t n, uint32_t from) {
    if (from < lo || from >= n)
        from = lo;
    uint32_t i = scan(map, from, n);
    return i != UINT32_MAX ? i : scan(map, lo, from);
}

static uint32_t blocks_in_group(const struct ext2_fs *fs, uint32_t g) {
    uint32_t start = fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group;
    uint32_t left = fs->sb.s_blocks_count - start;
    return left < fs->sb.s_blocks_per_group ? left : fs->sb.s_blocks_per_group;
}

/* Takes a clear bit of bitmap block map_blk among bits [lo, n), searching from `from`,
 * writes the bitmap back and returns the bit; -ENOSPC if every bit is set. */
static int take_bit(struct ext2_fs *fs, uint32_t map_blk, uint32_t lo, uint32_t n,
                    uint32_t from, uint32_t *bit) {
    uint8_t *map = ext2_blkbuf(fs);
    if (!map)
        return -ENOMEM;
    int err = ext2_bread(fs, map_blk, map);
    if (!err) {
        uint32_t i = find_clear(map, lo, n, from);
        if (i == UINT32_MAX) {
            err = -ENOSPC;
        } else {
            bit_set(map, i);
            err = ext2_bwrite(fs, map_blk, map);
            *bit = i;
        }
    }
    ext2_mfree(fs, map);
    return err;
}

/* Clears bit i of bitmap block map_blk; -EIO if it was already clear (corruption). */
static int drop_bit(struct ext2_fs *fs, uint32_t map_blk, uint32_t i) {
    uint8_t *map = ext2_blkbuf(fs);
    if (!map)
        return -ENOMEM;
    int err = ext2_bread(fs, map_blk, map);
    if (!err && !bit_test(map, i))
        err = -EIO;
    if (!err) {
        bit_clear(map, i);
        err = ext2_bwrite(fs, map_blk, map);
    }
    ext2_mfree(fs, map);
    return err;
}

/* Allocates a block, preferring goal's group and the first free one after goal.
 * Returns -ENOSPC when the volume is full. The block's contents are not touched. */
int ext2_alloc_block(struct ext2_fs *fs, uint32_t goal, uint32_t *out) {
    if (fs->readonly)
        return -EROFS;
    if (!ext2_block_valid(fs, goal))
        goal = fs->sb.s_first_data_block;
    uint32_t g0 = ext2_group_of_block(fs, goal);
    uint32_t from = (goal - fs->sb.s_first_data_block) % fs->sb.s_blocks_per_group;
    for (uint32_t k = 0; k < fs->ngroups; k++) {
        uint32_t g = (g0 + k) % fs->ngroups;
        struct ext2_group_desc *d = &fs->gd[g];
        if (!d->bg_free_blocks_count)
            continue;
        uint32_t bit;
        int err = take_bit(fs, d->bg_block_bitmap, 0, blocks_in_group(fs, g), k ? 0 : from, &bit);
        if (err == -ENOSPC)
            continue; /* the count was stale; look elsewhere */
        if (err)
            return err;
        d->bg_free_blocks_count--;
        fs->sb.s_free_blocks_count--;
        fs->sb_dirty = true;
        *out = fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group + bit;
        fs->alloc_hint = *out + 1;
        return ext2_write_gd(fs, g);
    }
    return -ENOSPC;
}

/* Returns blk to its group's bitmap. */
int ext2_free_block(struct ext2_fs *fs, uint32_t blk) {
    if (!ext2_block_valid(fs, blk))
        return -EIO;
    uint32_t g = ext2_group_of_block(fs, blk);
    int err = drop_bit(fs, fs->gd[g].bg_block_bitmap,
                       (blk - fs->sb.s_first_data_block) % fs->sb.s_blocks_per_group);
    if (err)
        return err;
    fs->gd[g].bg_free_blocks_count++;
    fs->sb.s_free_blocks_count++;
    fs->sb_dirty = true;
    return ext2_write_gd(fs, g);
}

/* Allocates an inode number >= first_ino, preferring the parent's group; counts a
 * directory in bg_used_dirs_count. -ENOSPC when no inode is free. */
int ext2_alloc_ino(struct ext2_fs *fs, uint32_t parent, bool dir, uint32_t *out) {
    if (fs->readonly)
        return -EROFS;
    uint32_t ipg = fs->sb.s_inodes_per_group;
    uint32_t g0 = parent ? ext2_group_of_ino(fs, parent) % fs->ngroups : 0;
    for (uint32_t k = 0; k < fs->ngroups; k++) {
        uint32_t g = (g0 + k) % fs->ngroups;
        struct ext2_group_desc *d = &fs->gd[g];
        if (!d->bg_free_inodes_count)
            continue;
        uint32_t base = g * ipg; /* inode base + 1 is bit 0 */
        uint32_t min = fs->first_ino > base + 1 ? fs->first_ino - 1 - base : 0;
        if (min >= ipg)
            continue;
        uint32_t bit;
        int err = take_bit(fs, d->bg_inode_bitmap, min, ipg, min, &bit);
        if (err == -ENOSPC)
            continue;
        if (err)
            return err;
        d->bg_free_inodes_count--;
        if (dir)
            d->bg_used_dirs_count++;
        fs->sb.s_free_inodes_count--;
        fs->sb_dirty = true;
        *out = base + bit + 1;
        return ext2_write_gd(fs, g);
    }
    return -ENOSPC;
}

/* Returns ino to its group's bitmap. */
int ext2_free_ino(struct ext2_fs *fs, uint32_t ino, bool dir) {
    if (ino < fs->first_ino || ino > fs->sb.s_inodes_count)
        return -EIO;
    uint32_t g = ext2_group_of_ino(fs, ino);
    int err = drop_bit(fs, fs->gd[g].bg_inode_bitmap, (ino - 1) % fs->sb.s_inodes_per_group);
    if (err)
        return err;
    struct ext2_group_desc *d = &fs->gd[g];
    d->bg_free_inodes_count++;
    if (dir && d->bg_used_dirs_count)
        d->bg_used_dirs_count--;
    fs->sb.s_free_inodes_count++;
    fs->sb_dirty = true;
    return ext2_write_gd(fs, g);
}
