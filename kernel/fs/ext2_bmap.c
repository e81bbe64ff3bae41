/* ext2 block maps: file block numbers to disk blocks through i_block's 12 direct
 * pointers and its single, double and triple indirect trees; and freeing a file's
 * blocks from some file block on (truncate, delete). */
#include "fs/ext2_priv.h"

#define MAX_FILE_NO_LARGE 0x7FFFFFFFull   /* without LARGE_FILE sizes stay below 2 GiB */
#define MAX_FILE_LARGE    0xFFFFFFFFull   /* our own limit: 32-bit file offsets */

/* Splits lbn into the i_block slot (idx[0]) and the index at each indirect level
 * (idx[1..depth]); returns the depth (0 = direct) or -EFBIG past the triple tree. */
static int path_of(const struct ext2_fs *fs, uint32_t lbn, uint32_t idx[EXT2_MAX_DEPTH + 1]) {
    uint64_t apb = fs->addr_per_block, n = lbn, span = 1;
    if (n < EXT2_NDIR_BLOCKS) {
        idx[0] = (uint32_t)n;
        return 0;
    }
    n -= EXT2_NDIR_BLOCKS;
    for (int depth = 1; depth <= EXT2_MAX_DEPTH; depth++) {
        span *= apb;
        if (n < span) {
            idx[0] = EXT2_IND_BLOCK + depth - 1;
            for (int k = depth; k >= 1; k--) {
                idx[k] = (uint32_t)(n % apb);
                n /= apb;
            }
            return depth;
        }
        n -= span;
    }
    return -EFBIG;
}

uint64_t ext2_max_size(const struct ext2_fs *fs) {
    uint64_t apb = fs->addr_per_block;
    uint64_t blocks = EXT2_NDIR_BLOCKS + apb + apb * apb + apb * apb * apb;
    uint64_t limit = fs->large_file ? MAX_FILE_LARGE : MAX_FILE_NO_LARGE;
    return blocks * fs->block_size < limit ? blocks * fs->block_size : limit;
}

/* Allocates a block for in near the last allocation and counts it in i_blocks; an
 * indirect block is zeroed on disk before anything points at it. */
static int get_block(struct ext2_fs *fs, struct ext2_inode *in, bool indirect, uint8_t *zero,
                     uint32_t *out) {
    int err = ext2_alloc_block(fs, fs->alloc_hint, out);
    if (err)
        return err;
    if (indirect) {
        memset(zero, 0, fs->block_size);
        err = ext2_bwrite(fs, *out, zero);
        if (err) {
            ext2_free_block(fs, *out);
            return err;
        }
    }
    in->i_blocks += fs->block_size / EXT2_SECTOR_SIZE;
    return 0;
}

/* Maps file block lbn of in to a disk block (*blk = 0 for a hole). With create, fills
 * holes on the way: *fresh then says the data block is new (its contents are garbage:
 * the caller writes all of it). i_block and i_blocks change in *in only; the caller
 * writes the inode back, also after an error (blocks may have been added). */
int ext2_bmap(struct ext2_fs *fs, struct ext2_inode *in, uint32_t lbn, bool create,
              uint32_t *blk, bool *fresh) {
    uint32_t idx[EXT2_MAX_DEPTH + 1];
    int depth = path_of(fs, lbn, idx);
    if (depth < 0)
        return depth;
    *fresh = false;
    *blk = 0;
    uint32_t *buf = ext2_blkbuf(fs);
    if (!buf)
        return -ENOMEM;
    int err = 0;
    uint32_t cur = in->i_block[idx[0]];
    bool is_new = false;
    if (!cur && create) {
        err = get_block(fs, in, depth > 0, (uint8_t *)buf, &cur);
        if (!err)
            in->i_block[idx[0]] = cur;
        is_new = true;
    }
    for (int level = 1; !err && cur && level <= depth; level++) {
        if (!ext2_block_valid(fs, cur) || ext2_bread(fs, cur, buf)) {
            err = -EIO;
            break;
        }
        uint32_t next = buf[idx[level]];
        is_new = false;
        if (!next && create) {
            err = get_block(fs, in, level < depth, (uint8_t *)buf, &next);
            if (err)
                break;
            if (ext2_bread(fs, cur, buf) == 0) {
                buf[idx[level]] = next;
                err = ext2_bwrite(fs, cur, buf);
            } else {
                err = -EIO;
            }
            is_new = true;
        }
        cur = next;
    }
    ext2_mfree(fs, buf);
    if (err)
        return err;
    if (cur && !ext2_block_valid(fs, cur))
        return -EIO;
    *blk = cur;
    *fresh = is_new;
    return 0;
}

/* A zeroed block buffer for a new inode's first data block, which it allocates (*blk);
 * the caller fills it, writes it to *blk and frees it. NULL with *err on failure. */
uint8_t *ext2_new_first_block(struct ext2_fs *fs, struct ext2_inode *in, uint32_t *blk,
                              int *err) {
    uint8_t *buf = ext2_blkbuf(fs);
    if (!buf) {
        *err = -ENOMEM;
        return NULL;
    }
    bool fresh;
    if ((*err = ext2_bmap(fs, in, 0, true, blk, &fresh))) {
        ext2_mfree(fs, buf);
        return NULL;
    }
    memset(buf, 0, fs->block_size);
    return buf;
}

/* Frees the subtree under *ptr, a block at `level` (0 = data), for the file blocks from
 * `from` on (relative to the subtree's first). A subtree freed whole is freed itself and
 * *ptr zeroed; a partly freed one is written back. bufs[] holds a buffer per level. */
static int free_tree(struct ext2_fs *fs, struct ext2_inode *in, uint32_t *ptr, int level,
                     uint64_t from, uint32_t **bufs) {
    uint32_t blk = *ptr;
    if (!blk)
        return 0;
    if (!ext2_block_valid(fs, blk))
        return -EIO;
    if (level > 0) {
        uint64_t span = 1;
        for (int k = 1; k < level; k++)
            span *= fs->addr_per_block;
        uint32_t *e = bufs[level - 1];
        int err = ext2_bread(fs, blk, e);
        for (uint32_t i = (uint32_t)(from / span); !err && i < fs->addr_per_block; i++) {
            uint64_t sub = from > (uint64_t)i * span ? from - (uint64_t)i * span : 0;
            err = free_tree(fs, in, &e[i], level - 1, sub, bufs);
        }
        if (from > 0 || err) /* partial (or failed): keep the block, save what was freed */
            return ext2_bwrite(fs, blk, e) ? -EIO : err;
    }
    int err = ext2_free_block(fs, blk);
    if (err)
        return err;
    in->i_blocks -= fs->block_size / EXT2_SECTOR_SIZE;
    *ptr = 0;
    return 0;
}

/* Frees every block of in that maps file blocks >= first_lbn, and the indirect blocks
 * left with nothing under them. Changes *in (the caller writes it back). */
int ext2_free_from(struct ext2_fs *fs, struct ext2_inode *in, uint32_t first_lbn) {
    uint32_t *bufs[EXT2_MAX_DEPTH] = {0};
    int err = 0;
    for (int k = 0; k < EXT2_MAX_DEPTH; k++)
        if (!(bufs[k] = ext2_blkbuf(fs)))
            err = -ENOMEM;
    for (uint32_t i = first_lbn; !err && i < EXT2_NDIR_BLOCKS; i++)
        err = free_tree(fs, in, &in->i_block[i], 0, 0, bufs);
    uint64_t start = EXT2_NDIR_BLOCKS, span = fs->addr_per_block;
    for (int depth = 1; !err && depth <= EXT2_MAX_DEPTH; depth++) {
        if (first_lbn < start + span) {
            uint64_t from = first_lbn > start ? first_lbn - start : 0;
            err = free_tree(fs, in, &in->i_block[EXT2_IND_BLOCK + depth - 1], depth, from, bufs);
        }
        start += span;
        span *= fs->addr_per_block;
    }
    for (int k = 0; k < EXT2_MAX_DEPTH; k++)
        ext2_mfree(fs, bufs[k]);
    return err;
}
