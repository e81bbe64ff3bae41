/* ext2 file data: reading and writing at byte offsets, truncation, symlink targets.
 * Invariant kept here: bytes past i_size inside allocated blocks are zero, so growing a
 * file (by a write past the end or by truncate) shows zeros in between. */
#include "fs/ext2_priv.h"

#define RELATIME_SECONDS (24 * 60 * 60)

/* Linux's relatime: update atime only when it is older than mtime/ctime or a day old,
 * so reading does not write the inode every time. */
static void touch_atime(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in) {
    uint32_t now = ext2_now(fs);
    if (fs->readonly || (in->i_atime > in->i_mtime && in->i_atime > in->i_ctime &&
                         now - in->i_atime < RELATIME_SECONDS))
        return;
    in->i_atime = now;
    ext2_write_inode(fs, ino, in);
}

/* One block's part of a transfer: chunk bytes at in_blk of file block lbn, to or from
 * data; blkbuf is a block-sized scratch buffer. Returns 0 or a negative errno. */
typedef int (*block_io_t)(struct ext2_fs *fs, struct ext2_inode *in, uint32_t lbn,
                          uint32_t in_blk, uint8_t *data, size_t chunk, uint8_t *blkbuf);

/* Runs io over the bytes [off, off + n) of the file, a block at a time, until the first
 * error, which it returns; *done is the bytes transferred before it. */
static int for_each_block(struct ext2_fs *fs, struct ext2_inode *in, uint64_t off,
                          uint8_t *buf, size_t n, uint8_t *blkbuf, block_io_t io,
                          size_t *done) {
    uint32_t bs = fs->block_size;
    for (*done = 0; *done < n;) {
        uint64_t pos = off + *done;
        uint32_t in_blk = (uint32_t)(pos % bs);
        size_t chunk = bs - in_blk < n - *done ? bs - in_blk : n - *done;
        int err = io(fs, in, (uint32_t)(pos / bs), in_blk, buf + *done, chunk, blkbuf);
        if (err)
            return err;
        *done += chunk;
    }
    return 0;
}

/* Reads chunk bytes at in_blk of file block lbn into dst (zeros for a hole). */
static int read_block(struct ext2_fs *fs, struct ext2_inode *in, uint32_t lbn, uint32_t in_blk,
                      uint8_t *dst, size_t chunk, uint8_t *blkbuf) {
    uint32_t blk;
    bool fresh;
    int err = ext2_bmap(fs, in, lbn, false, &blk, &fresh);
    if (err)
        return err;
    if (!blk) {
        memset(dst, 0, chunk);
        return 0;
    }
    if ((err = ext2_bread(fs, blk, blkbuf)))
        return err;
    memcpy(dst, blkbuf + in_blk, chunk);
    return 0;
}

long ext2_read(struct ext2_fs *fs, uint32_t ino, uint64_t off, void *buf, size_t n) {
    struct ext2_inode in;
    int err = ext2_read_inode(fs, ino, &in);
    if (err)
        return err;
    if (ext2_is_dir(&in))
        return -EISDIR;
    uint64_t size = ext2_size(&in);
    if (off >= size || n == 0)
        return 0;
    if (n > size - off)
        n = (size_t)(size - off);
    uint8_t *blkbuf = ext2_blkbuf(fs);
    if (!blkbuf)
        return -ENOMEM;
    size_t done;
    err = for_each_block(fs, &in, off, buf, n, blkbuf, read_block, &done);
    ext2_mfree(fs, blkbuf);
    if (done)
        touch_atime(fs, ino, &in);
    return done ? (long)done : err;
}

/* Writes chunk bytes from src at in_blk of file block lbn, allocating it if need be. */
static int write_block(struct ext2_fs *fs, struct ext2_inode *in, uint32_t lbn, uint32_t in_blk,
                       uint8_t *src, size_t chunk, uint8_t *blkbuf) {
    uint32_t blk;
    bool fresh;
    int err = ext2_bmap(fs, in, lbn, true, &blk, &fresh);
    if (err)
        return err;
    if (chunk == fs->block_size)
        return ext2_bwrite(fs, blk, src);
    if (fresh)
        memset(blkbuf, 0, fs->block_size);
    else if ((err = ext2_bread(fs, blk, blkbuf)))
        return err;
    memcpy(blkbuf + in_blk, src, chunk);
    return ext2_bwrite(fs, blk, blkbuf);
}

/* Reads inode ino for a change of its data: -EROFS on a read-only volume, -EISDIR for a
 * directory, -EINVAL for anything but a regular file (a symlink's target or a device
 * number is not file data). */
static int read_regular_for_write(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in) {
    if (fs->readonly)
        return -EROFS;
    int err = ext2_read_inode(fs, ino, in);
    if (err)
        return err;
    if (ext2_is_dir(in))
        return -EISDIR;
    if ((in->i_mode & EXT2_S_IFMT) != EXT2_S_IFREG)
        return -EINVAL;
    return 0;
}

long ext2_write(struct ext2_fs *fs, uint32_t ino, uint64_t off, const void *buf, size_t n) {
    struct ext2_inode in;
    int err = read_regular_for_write(fs, ino, &in);
    if (err)
        return err;
    uint64_t max = ext2_max_size(fs);
    if (off >= max)
        return n ? -EFBIG : 0;
    if (n > max - off)
        n = (size_t)(max - off);
    uint8_t *blkbuf = ext2_blkbuf(fs);
    if (!blkbuf)
        return -ENOMEM;
    size_t done;   /* write_block only reads its data: casting away const is safe */
    err = for_each_block(fs, &in, off, (uint8_t *)buf, n, blkbuf, write_block, &done);
    ext2_mfree(fs, blkbuf);
    if (off + done > ext2_size(&in))
        ext2_set_size(fs, &in, off + done);
    if (done)
        in.i_mtime = in.i_ctime = ext2_now(fs);
    int werr = ext2_write_inode(fs, ino, &in); /* also after errors: blocks may be new */
    if (done)
        return werr ? werr : (long)done;
    return err ? err : werr;
}

/* Zeroes the bytes of the block holding `size` past size, so they read as zero if the
 * file grows again. */
static int zero_tail(struct ext2_fs *fs, struct ext2_inode *in, uint64_t size) {
    uint32_t in_blk = (uint32_t)(size % fs->block_size);
    uint32_t blk;
    bool fresh;
    if (!in_blk)
        return 0;
    int err = ext2_bmap(fs, in, (uint32_t)(size / fs->block_size), false, &blk, &fresh);
    if (err || !blk)
        return err;
    uint8_t *buf = ext2_blkbuf(fs);
    if (!buf)
        return -ENOMEM;
    err = ext2_bread(fs, blk, buf);
    if (!err) {
        memset(buf + in_blk, 0, fs->block_size - in_blk);
        err = ext2_bwrite(fs, blk, buf);
    }
    ext2_mfree(fs, buf);
    return err;
}

int ext2_truncate(struct ext2_fs *fs, uint32_t ino, uint64_t size) {
    struct ext2_inode in;
    int err = read_regular_for_write(fs, ino, &in);
    if (err)
        return err;
    if (size > ext2_max_size(fs))
        return -EFBIG;
    if (size < ext2_size(&in)) {
        uint64_t keep = (size + fs->block_size - 1) / fs->block_size;
        err = zero_tail(fs, &in, size);
        if (!err)
            err = ext2_free_from(fs, &in, (uint32_t)keep);
    }
    if (!err)
        ext2_set_size(fs, &in, size);
    in.i_mtime = in.i_ctime = ext2_now(fs);
    int werr = ext2_write_inode(fs, ino, &in);
    return err ? err : werr;
}

long ext2_readlink(struct ext2_fs *fs, uint32_t ino, char *buf, size_t n) {
    struct ext2_inode in;
    int err = ext2_read_inode(fs, ino, &in);
    if (err)
        return err;
    if ((in.i_mode & EXT2_S_IFMT) != EXT2_S_IFLNK)
        return -EINVAL;
    size_t len = in.i_size < n ? in.i_size : n;
    if (ext2_has_blocks(fs, &in)) {
        if (in.i_size > fs->block_size)
            return -EIO;
        uint8_t *blk = ext2_blkbuf(fs);
        if (!blk)
            return -ENOMEM;
        uint32_t b = in.i_block[0];
        err = ext2_block_valid(fs, b) ? ext2_bread(fs, b, blk) : -EIO;
        if (!err)
            memcpy(buf, blk, len);
        ext2_mfree(fs, blk);
        return err ? err : (long)len;
    }
    if (in.i_size > EXT2_FAST_SYMLINK_MAX)
        return -EIO;
    memcpy(buf, in.i_block, len);
    return (long)len;
}
