/* ext2 internals shared by the ext2_*.c files: the mounted file system and the helpers
 * one layer offers the next (bitmaps -> inodes -> block maps -> directories -> names). */
#ifndef FS_EXT2_PRIV_H
#define FS_EXT2_PRIV_H
#include "fs/ext2.h"
#include "lib/errno.h"

struct ext2_fs {
    struct ext2_dev dev;
    struct ext2_env env;
    struct ext2_super sb;            /* in-memory copy, written by ext2_sync */
    struct ext2_group_desc *gd;      /* all descriptors: gd_blocks whole blocks */
    uint32_t block_size;
    uint32_t ngroups;
    uint32_t gd_blocks;
    uint32_t inode_size;
    uint32_t first_ino;              /* first inode number for files */
    uint32_t addr_per_block;         /* block pointers per indirect block */
    uint32_t alloc_hint;             /* where the last block allocation ended */
    bool readonly;
    bool filetype;                   /* directory entries carry a file type */
    bool large_file;                 /* i_size_high holds the high bits of file sizes */
    bool was_clean;
    bool sb_dirty;
};

/* Allocation shims. */
static inline void *ext2_zalloc(struct ext2_fs *fs, size_t n) {
    void *p = fs->env.alloc(n);
    if (p)
        memset(p, 0, n);
    return p;
}
static inline void ext2_mfree(struct ext2_fs *fs, void *p) {
    if (p)
        fs->env.free(p);
}
static inline void *ext2_blkbuf(struct ext2_fs *fs) { return fs->env.alloc(fs->block_size); }

/* Block I/O with a range check: a block number outside the data area is -EIO. */
int ext2_bread(struct ext2_fs *fs, uint32_t blk, void *buf);
int ext2_bwrite(struct ext2_fs *fs, uint32_t blk, const void *buf);
bool ext2_block_valid(const struct ext2_fs *fs, uint32_t blk);
int ext2_write_gd(struct ext2_fs *fs, uint32_t group);

/* ext2_balloc.c: bitmaps, group descriptor and superblock counts. */
int ext2_alloc_block(struct ext2_fs *fs, uint32_t goal, uint32_t *out);
int ext2_free_block(struct ext2_fs *fs, uint32_t blk);
int ext2_alloc_ino(struct ext2_fs *fs, uint32_t parent, bool dir, uint32_t *out);
int ext2_free_ino(struct ext2_fs *fs, uint32_t ino, bool dir);

/* ext2_inode.c */
int ext2_write_inode(struct ext2_fs *fs, uint32_t ino, const struct ext2_inode *in);
int ext2_new_inode(struct ext2_fs *fs, uint32_t parent, uint16_t mode, uint16_t uid,
                   uint16_t gid, uint32_t *ino, struct ext2_inode *in);
int ext2_drop_link(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in);
void ext2_set_size(struct ext2_fs *fs, struct ext2_inode *in, uint64_t size);
bool ext2_has_blocks(const struct ext2_fs *fs, const struct ext2_inode *in);
uint8_t ext2_ftype(uint16_t mode);

/* ext2_bmap.c: file block -> disk block, and freeing the tail of a file. */
int ext2_bmap(struct ext2_fs *fs, struct ext2_inode *in, uint32_t lbn, bool create,
              uint32_t *blk, bool *fresh);
uint8_t *ext2_new_first_block(struct ext2_fs *fs, struct ext2_inode *in, uint32_t *blk,
                              int *err);
int ext2_free_from(struct ext2_fs *fs, struct ext2_inode *in, uint32_t first_lbn);
uint64_t ext2_max_size(const struct ext2_fs *fs);

/* ext2_dir.c: entries of one directory. A slot names where an entry lives. */
struct ext2_slot {
    uint32_t lbn, blk;               /* directory block: file index, disk number */
    uint32_t off, prev;              /* entry offset; previous entry's, or UINT32_MAX */
    uint32_t ino;
    uint8_t ftype;
};
int ext2_dir_find(struct ext2_fs *fs, struct ext2_inode *dir, const char *name, size_t len,
                  struct ext2_slot *slot);
int ext2_dir_add(struct ext2_fs *fs, uint32_t dino, struct ext2_inode *dir, const char *name,
                 size_t len, uint32_t ino, uint8_t ftype);
int ext2_dir_remove(struct ext2_fs *fs, const struct ext2_slot *slot);
int ext2_dir_retarget(struct ext2_fs *fs, const struct ext2_slot *slot, uint32_t ino,
                      uint8_t ftype);
int ext2_dir_empty(struct ext2_fs *fs, struct ext2_inode *dir);
int ext2_dir_init(struct ext2_fs *fs, struct ext2_inode *in, uint32_t self, uint32_t parent);
void ext2_touch_dir(struct ext2_fs *fs, struct ext2_inode *dir);

static inline uint32_t ext2_group_of_ino(const struct ext2_fs *fs, uint32_t ino) {
    return (ino - 1) / fs->sb.s_inodes_per_group;
}
static inline uint32_t ext2_group_of_block(const struct ext2_fs *fs, uint32_t blk) {
    return (blk - fs->sb.s_first_data_block) / fs->sb.s_blocks_per_group;
}
static inline uint32_t ext2_now(const struct ext2_fs *fs) { return fs->env.now(); }
#endif
