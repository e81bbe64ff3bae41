/* ext2, read and write, over an abstract block device. A pure module: it builds into
 * the kernel (over the buffer cache) and for the host (over an image file).
 *
 * Every function returns 0 (or a count) on success and a negative Linux errno on failure;
 * a corrupt image yields -EIO or -EINVAL, never a crash. Names are (pointer, length) pairs,
 * not NUL-terminated, because they come straight out of paths. Not reentrant: callers
 * serialize all calls on one file system.
 *
 * An inode whose last link goes away is freed at once unless the in_use hook says
 * someone still has it open; then ext2_evict() frees it when the last user is done. */
#ifndef FS_EXT2_H
#define FS_EXT2_H
#include "lib/pure.h"
#include "fs/ext2_disk.h"

/* The block device: the file system calls set_block_size (1024 to read the superblock,
 * then its own block size) before reading or writing blocks of that size. */
struct ext2_dev {
    void *ctx;
    uint64_t size_bytes;             /* the device's size; 0 if unknown */
    int (*set_block_size)(void *ctx, uint32_t size);
    int (*read)(void *ctx, uint32_t blockno, void *buf);        /* 0 or -EIO */
    int (*write)(void *ctx, uint32_t blockno, const void *buf); /* 0 or -EIO */
};

/* What the file system needs from its host: memory and the time of day. */
struct ext2_env {
    void *(*alloc)(size_t size);     /* NULL when out of memory */
    void (*free)(void *p);
    uint32_t (*now)(void);           /* seconds since 1970 */
    bool (*in_use)(void *ctx, uint32_t ino); /* optional: is ino open? (see above) */
    void *in_use_ctx;
};

struct ext2_fs;

#define EXT2_MOUNT_RDONLY 0x1

/* Validates the superblock and group descriptors and mounts. Incompatible features or a
 * bad or truncated image fail with -EINVAL (or -EIO); unknown read-only-compatible features
 * mount read-only. A read-write mount marks the volume not-clean until ext2_unmount. */
int ext2_mount(const struct ext2_dev *dev, const struct ext2_env *env, int flags,
               struct ext2_fs **out);
/* Writes the superblock and descriptors back (clean state) and frees fs. */
int ext2_unmount(struct ext2_fs *fs);
/* Writes the superblock and descriptors back; the volume stays mounted. */
int ext2_sync(struct ext2_fs *fs);
bool ext2_readonly(const struct ext2_fs *fs);
bool ext2_was_clean(const struct ext2_fs *fs);   /* the state found at mount */
uint32_t ext2_block_size(const struct ext2_fs *fs);
const struct ext2_super *ext2_super(const struct ext2_fs *fs);

/* Inodes. ext2_size() is the 64-bit size of regular files. */
int ext2_read_inode(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *out);
uint64_t ext2_size(const struct ext2_inode *in);
static inline bool ext2_is_dir(const struct ext2_inode *in) {
    return (in->i_mode & EXT2_S_IFMT) == EXT2_S_IFDIR;
}
/* Frees an inode with no links left (a no-op if it still has links): call it when the
 * last user of an inode the in_use hook reported open lets go. */
int ext2_evict(struct ext2_fs *fs, uint32_t ino);

/* File data. Reads past the end return 0 bytes; holes read as zeros. A write that runs
 * out of space returns the bytes written, or -ENOSPC if none were. */
long ext2_read(struct ext2_fs *fs, uint32_t ino, uint64_t off, void *buf, size_t n);
long ext2_write(struct ext2_fs *fs, uint32_t ino, uint64_t off, const void *buf, size_t n);
/* Sets the size; shrinking frees the blocks past it (indirect ones too). */
int ext2_truncate(struct ext2_fs *fs, uint32_t ino, uint64_t size);
/* Reads a symbolic link's target (not NUL-terminated); returns its length. */
long ext2_readlink(struct ext2_fs *fs, uint32_t ino, char *buf, size_t n);

/* Attributes (chmod, chown, utimes). Only the fields named in `valid` change; mode
 * replaces the permission bits (EXT2_S_PERM), never the type; times are seconds since
 * 1970, clamped to ext2's signed 32-bit range. ctime becomes now on every call. */
#define EXT2_ATTR_MODE  0x1
#define EXT2_ATTR_UID   0x2
#define EXT2_ATTR_GID   0x4
#define EXT2_ATTR_ATIME 0x8
#define EXT2_ATTR_MTIME 0x10
struct ext2_attr {
    uint32_t valid;
    uint16_t mode;
    uint32_t uid, gid;               /* 32 bits: the high halves live in i_uid_high/i_gid_high */
    int64_t atime, mtime;
};
int ext2_setattr(struct ext2_fs *fs, uint32_t ino, const struct ext2_attr *a);

/* Names. mode holds the type (EXT2_S_IF*, regular if none) and permission bits. */
int ext2_lookup(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len, uint32_t *ino);
int ext2_create(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len,
                uint16_t mode, uint16_t uid, uint16_t gid, uint32_t *ino);
int ext2_mkdir(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len,
               uint16_t mode, uint16_t uid, uint16_t gid, uint32_t *ino);
int ext2_unlink(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len);
int ext2_rmdir(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len);
int ext2_link(struct ext2_fs *fs, uint32_t ino, uint32_t dir, const char *name, size_t len);
/* A symbolic link (mode 0777) to target (tlen bytes, not NUL-terminated): a fast one in
 * i_block below EXT2_FAST_SYMLINK_MAX bytes, else one data block. An empty target is
 * -ENOENT, one that does not fit a block with its NUL -ENAMETOOLONG (as Linux). */
int ext2_symlink(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len,
                 const char *target, size_t tlen, uint16_t uid, uint16_t gid, uint32_t *ino);
/* Moves olddir/oldname to newdir/newname, replacing a target of the same kind (an empty
 * directory for a directory). Moving a directory into itself is -EINVAL. */
int ext2_rename(struct ext2_fs *fs, uint32_t olddir, const char *oldname, size_t oldlen,
                uint32_t newdir, const char *newname, size_t newlen);

/* Directory listing: calls fill for each entry from *pos on (including "." and "..")
 * until it returns nonzero (that entry is not consumed) or the directory ends (returns 0).
 * *pos is left after the last consumed entry; `next` is the position after this one.
 * type is a Linux DT_* value. */
typedef int (*ext2_filldir_t)(void *ctx, const char *name, size_t len, uint32_t ino,
                              unsigned type, uint64_t next);
int ext2_readdir(struct ext2_fs *fs, uint32_t dir, uint64_t *pos, ext2_filldir_t fill,
                 void *ctx);
#endif
