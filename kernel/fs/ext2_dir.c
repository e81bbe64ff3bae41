/* ext2 directories: blocks of variable-length entries chained by rec_len, each block
 * covered exactly. Every entry read from disk is checked before use (a corrupt chain
 * is -EIO). A directory we modify loses its hashed index (EXT2_INDEX_FL): we keep the
 * linear format valid, which is what ext2 readers without htree support do. */
#include "fs/ext2_priv.h"
#include "abi/dirent.h"

#define NO_PREV UINT32_MAX

static uint32_t name_len(const struct ext2_fs *fs, const struct ext2_dirent *de) {
    return fs->filetype ? de->name_len : de->name_len | (uint32_t)de->file_type << 8;
}

/* The entry at off in a block, or NULL if it breaks the format. */
static struct ext2_dirent *entry_at(const struct ext2_fs *fs, uint8_t *blk, uint32_t off) {
    if (off + EXT2_DIRENT_HEADER > fs->block_size)
        return NULL;
    struct ext2_dirent *de = (struct ext2_dirent *)(blk + off);
    if (de->rec_len < EXT2_DIRENT_HEADER || de->rec_len % EXT2_DIRENT_ALIGN ||
        off + de->rec_len > fs->block_size)
        return NULL;
    if (de->inode && (de->inode > fs->sb.s_inodes_count ||
                      EXT2_DIRENT_HEADER + name_len(fs, de) > de->rec_len))
        return NULL;
    return de;
}

/* Fills an entry's inode, name and type, keeping its rec_len. */
static void set_entry(const struct ext2_fs *fs, struct ext2_dirent *de, uint32_t ino,
                      const char *name, size_t len, uint8_t ftype) {
    de->inode = ino;
    de->name_len = (uint8_t)len;
    de->file_type = fs->filetype ? ftype : 0;
    memcpy(de->name, name, len);
}

/* Reads directory block lbn; a hole in a directory is corruption. */
static int read_dir_block(struct ext2_fs *fs, struct ext2_inode *dir, uint32_t lbn,
                          uint8_t *buf, uint32_t *blk) {
    bool fresh;
    int err = ext2_bmap(fs, dir, lbn, false, blk, &fresh);
    if (!err && !*blk)
        err = -EIO;
    return err ? err : ext2_bread(fs, *blk, buf);
}

static uint32_t dir_blocks(const struct ext2_fs *fs, const struct ext2_inode *dir) {
    return dir->i_size / fs->block_size;
}

int ext2_dir_find(struct ext2_fs *fs, struct ext2_inode *dir, const char *name, size_t len,
                  struct ext2_slot *slot) {
    uint8_t *buf = ext2_blkbuf(fs);
    if (!buf)
        return -ENOMEM;
    int err = -ENOENT;
    for (uint32_t lbn = 0; err == -ENOENT && lbn < dir_blocks(fs, dir); lbn++) {
        uint32_t blk, prev = NO_PREV;
        int rerr = read_dir_block(fs, dir, lbn, buf, &blk);
        if (rerr) {
            err = rerr;
            break;
        }
        for (uint32_t off = 0; off < fs->block_size;) {
            struct ext2_dirent *de = entry_at(fs, buf, off);
            if (!de) {
                err = -EIO;
                break;
            }
            if (de->inode && name_len(fs, de) == len && !memcmp(de->name, name, len)) {
                *slot = (struct ext2_slot){lbn, blk, off, prev, de->inode,
                                           fs->filetype ? de->file_type : EXT2_FT_UNKNOWN};
                err = 0;
                break;
            }
            prev = off;
            off += de->rec_len;
        }
    }
    ext2_mfree(fs, buf);
    return err;
}

/* Looks for room for a record of `need` bytes in one block: an unused entry or the slack
 * after a used one (split off). Returns the offset of the record to fill, or NO_PREV. */
static uint32_t make_room(struct ext2_fs *fs, uint8_t *buf, uint32_t need, int *err) {
    for (uint32_t off = 0; off < fs->block_size;) {
        struct ext2_dirent *de = entry_at(fs, buf, off);
        if (!de) {
            *err = -EIO;
            return NO_PREV;
        }
        uint32_t used = de->inode ? EXT2_DIRENT_LEN(name_len(fs, de)) : 0;
        if (de->rec_len - used >= need) {
            if (!used)
                return off;
            struct ext2_dirent *nde = (struct ext2_dirent *)(buf + off + used);
            nde->rec_len = (uint16_t)(de->rec_len - used);
            de->rec_len = (uint16_t)used;
            return off + used;
        }
        off += de->rec_len;
    }
    return NO_PREV;
}

void ext2_touch_dir(struct ext2_fs *fs, struct ext2_inode *dir) {
    dir->i_mtime = dir->i_ctime = ext2_now(fs);
    dir->i_flags &= ~EXT2_INDEX_FL;
}

/* Appends a block holding one unused entry that covers it; grows i_size. */
static int grow_dir(struct ext2_fs *fs, struct ext2_inode *dir, uint8_t *buf, uint32_t *blk) {
    uint32_t lbn = dir_blocks(fs, dir);
    bool fresh;
    int err = ext2_bmap(fs, dir, lbn, true, blk, &fresh);
    if (err)
        return err;
    memset(buf, 0, fs->block_size);
    ((struct ext2_dirent *)buf)->rec_len = (uint16_t)fs->block_size;
    dir->i_size = (lbn + 1) * fs->block_size;
    return 0;
}

/* Adds name -> ino to directory dino (whose inode is *dir); writes the directory inode
 * (times, and size when it grew). The caller has checked that name is absent. */
int ext2_dir_add(struct ext2_fs *fs, uint32_t dino, struct ext2_inode *dir, const char *name,
                 size_t len, uint32_t ino, uint8_t ftype) {
    uint8_t *buf = ext2_blkbuf(fs);
    if (!buf)
        return -ENOMEM;
    uint32_t need = EXT2_DIRENT_LEN(len), off = NO_PREV, blk = 0;
    int err = 0;
    for (uint32_t lbn = 0; !err && off == NO_PREV && lbn < dir_blocks(fs, dir); lbn++) {
        err = read_dir_block(fs, dir, lbn, buf, &blk);
        if (!err)
            off = make_room(fs, buf, need, &err);
    }
    if (!err && off == NO_PREV) {
        err = grow_dir(fs, dir, buf, &blk);
        off = 0;
    }
    if (!err) {
        set_entry(fs, (struct ext2_dirent *)(buf + off), ino, name, len, ftype);
        err = ext2_bwrite(fs, blk, buf);
    }
    ext2_mfree(fs, buf);
    ext2_touch_dir(fs, dir);
    int werr = ext2_write_inode(fs, dino, dir); /* also after errors: it may have grown */
    return err ? err : werr;
}

/* Edits the entry in slot: removes it (merged into the previous record, or marked
 * unused when first in its block) or points it at another inode. */
static int edit_slot(struct ext2_fs *fs, const struct ext2_slot *slot, bool remove,
                     uint32_t ino, uint8_t ftype) {
    uint8_t *buf = ext2_blkbuf(fs);
    if (!buf)
        return -ENOMEM;
    int err = ext2_bread(fs, slot->blk, buf);
    struct ext2_dirent *de = err ? NULL : entry_at(fs, buf, slot->off);
    struct ext2_dirent *prev = slot->prev == NO_PREV || !de ? NULL : entry_at(fs, buf, slot->prev);
    if (!err && (!de || (slot->prev != NO_PREV && !prev) || de->inode != slot->ino))
        err = -EIO;
    if (!err) {
        if (!remove) {
            de->inode = ino;
            de->file_type = fs->filetype ? ftype : de->file_type;
        } else if (prev) {
            prev->rec_len = (uint16_t)(prev->rec_len + de->rec_len);
        } else {
            de->inode = 0;
        }
        err = ext2_bwrite(fs, slot->blk, buf);
    }
    ext2_mfree(fs, buf);
    return err;
}

int ext2_dir_remove(struct ext2_fs *fs, const struct ext2_slot *slot) {
    return edit_slot(fs, slot, true, 0, 0);
}

int ext2_dir_retarget(struct ext2_fs *fs, const struct ext2_slot *slot, uint32_t ino,
                      uint8_t ftype) {
    return edit_slot(fs, slot, false, ino, ftype);
}

static bool is_dot_or_dotdot(const struct ext2_fs *fs, const struct ext2_dirent *de) {
    uint32_t n = name_len(fs, de);
    return (n == 1 && de->name[0] == '.') || (n == 2 && de->name[0] == '.' && de->name[1] == '.');
}

/* 1 if the directory holds nothing but "." and "..", 0 if it holds more, or -errno. */
int ext2_dir_empty(struct ext2_fs *fs, struct ext2_inode *dir) {
    uint8_t *buf = ext2_blkbuf(fs);
    if (!buf)
        return -ENOMEM;
    int res = 1;
    for (uint32_t lbn = 0; res == 1 && lbn < dir_blocks(fs, dir); lbn++) {
        uint32_t blk;
        int err = read_dir_block(fs, dir, lbn, buf, &blk);
        for (uint32_t off = 0; !err && res == 1 && off < fs->block_size;) {
            struct ext2_dirent *de = entry_at(fs, buf, off);
            if (!de)
                err = -EIO;
            else if (de->inode && !is_dot_or_dotdot(fs, de))
                res = 0;
            else
                off += de->rec_len;
        }
        if (err)
            res = err;
    }
    ext2_mfree(fs, buf);
    return res;
}

/* Gives a new directory inode its first block with "." and ".."; sets i_size. */
int ext2_dir_init(struct ext2_fs *fs, struct ext2_inode *in, uint32_t self, uint32_t parent) {
    uint32_t blk;
    int err;
    uint8_t *buf = ext2_new_first_block(fs, in, &blk, &err);
    if (!buf)
        return err;
    struct ext2_dirent *dot = (struct ext2_dirent *)buf;
    dot->rec_len = EXT2_DIRENT_LEN(1);
    set_entry(fs, dot, self, ".", 1, EXT2_FT_DIR);
    struct ext2_dirent *dotdot = (struct ext2_dirent *)(buf + dot->rec_len);
    dotdot->rec_len = (uint16_t)(fs->block_size - dot->rec_len);
    set_entry(fs, dotdot, parent, "..", 2, EXT2_FT_DIR);
    in->i_size = fs->block_size;
    err = ext2_bwrite(fs, blk, buf);
    ext2_mfree(fs, buf);
    return err;
}

/* The DT_* type of an entry: from the entry with FILETYPE, else from its inode. */
static unsigned entry_type(struct ext2_fs *fs, const struct ext2_dirent *de) {
    static const uint8_t dt[] = {[EXT2_FT_UNKNOWN] = DT_UNKNOWN, [EXT2_FT_REG_FILE] = DT_REG,
                                 [EXT2_FT_DIR] = DT_DIR,         [EXT2_FT_CHRDEV] = DT_CHR,
                                 [EXT2_FT_BLKDEV] = DT_BLK,      [EXT2_FT_FIFO] = DT_FIFO,
                                 [EXT2_FT_SOCK] = DT_SOCK,       [EXT2_FT_SYMLINK] = DT_LNK};
    uint8_t ft = de->file_type;
    if (!fs->filetype) {
        struct ext2_inode in;
        ft = ext2_read_inode(fs, de->inode, &in) ? EXT2_FT_UNKNOWN : ext2_ftype(in.i_mode);
    }
    return ft < sizeof dt ? dt[ft] : DT_UNKNOWN;
}

int ext2_readdir(struct ext2_fs *fs, uint32_t dino, uint64_t *pos, ext2_filldir_t fill,
                 void *ctx) {
    struct ext2_inode dir;
    int err = ext2_read_inode(fs, dino, &dir);
    if (err)
        return err;
    if (!ext2_is_dir(&dir))
        return -ENOTDIR;
    uint8_t *buf = ext2_blkbuf(fs);
    if (!buf)
        return -ENOMEM;
    uint32_t bs = fs->block_size;
    bool stop = false;
    for (uint32_t lbn = (uint32_t)(*pos / bs); !err && !stop && lbn < dir_blocks(fs, &dir); lbn++) {
        uint32_t blk;
        err = read_dir_block(fs, &dir, lbn, buf, &blk);
        for (uint32_t off = 0; !err && !stop && off < bs;) {
            struct ext2_dirent *de = entry_at(fs, buf, off);
            if (!de) {
                err = -EIO;
                break;
            }
            uint64_t here = (uint64_t)lbn * bs + off;
            if (here >= *pos && de->inode) {
                stop = fill(ctx, de->name, name_len(fs, de), de->inode, entry_type(fs, de),
                            here + de->rec_len) != 0;
                if (stop)
                    break;
            }
            off += de->rec_len;
            if (here >= *pos)
                *pos = here + de->rec_len;
        }
    }
    if (!err && !stop)
        *pos = (uint64_t)dir_blocks(fs, &dir) * bs;
    ext2_mfree(fs, buf);
    return err;
}
