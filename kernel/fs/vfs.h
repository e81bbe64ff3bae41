/* The VFS: in-memory inodes shared by everyone who uses them, path resolution, mounts,
 * and opening files of a file system as a struct file (fs/file.h). The system-call layer
 * calls the vfs_* functions below with KERNEL buffers and paths (it copies from and to
 * user memory itself); they return 0 or a count on success and a negative Linux errno.
 * Files vfs_open returns are used through their file_ops like any other struct file.
 *
 * A file system provides struct fs_ops and mounts a struct super_block (fs/ext2_vfs.c is
 * the ext2 one). Absolute paths under /proc go to procfs, under /dev to devfs
 * (fs/devfs.h); names cannot be added or removed there (-EPERM). Not reentrant: callers
 * serialize (one kernel thread in the file layer at a time). */
#ifndef FS_VFS_H
#define FS_VFS_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "abi/stat.h"                /* the S_IF* mode bits */
#include "fs/file.h"
#include "lib/list.h"

#define PATH_MAX 4096                /* including the NUL */
#define NAME_MAX 255
#define SYMLOOP_MAX 8


/* Device numbers as stat's st_rdev carries them (Linux's new_encode_dev, which glibc's
 * major() and minor() decode). */
static inline uint32_t vfs_mkdev(uint32_t major, uint32_t minor) {
    return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}
static inline uint32_t vfs_dev_major(uint32_t dev) { return (dev >> 8) & 0xfff; }
static inline uint32_t vfs_dev_minor(uint32_t dev) { return (dev & 0xff) | ((dev >> 12) & 0xfff00); }

struct inode;
struct super_block;

/* What statfs reports of a file system (Linux's struct statfs64, by field). */
struct kstatfs {
    uint32_t type, bsize, namelen;
    uint64_t blocks, bfree, bavail, files, ffree;
};

/* Called per directory entry; nonzero stops the listing (that entry is not consumed). */
typedef int (*vfs_filldir_t)(void *ctx, const char *name, size_t len, uint32_t ino,
                             unsigned type, uint64_t next);

/* A file system's operations, on inodes of its super_block. Names are (ptr, len). */
struct fs_ops {
    int (*lookup)(struct inode *dir, const char *name, size_t len, uint32_t *ino);
    int (*getmode)(struct super_block *sb, uint32_t ino, uint32_t *mode); /* at iget */
    int (*create)(struct inode *dir, const char *name, size_t len, uint32_t mode, uint32_t *ino);
    int (*mkdir)(struct inode *dir, const char *name, size_t len, uint32_t mode);
    int (*unlink)(struct inode *dir, const char *name, size_t len);
    int (*rmdir)(struct inode *dir, const char *name, size_t len);
    int (*link)(struct inode *src, struct inode *dir, const char *name, size_t len);
    int (*rename)(struct inode *od, const char *on, size_t ol, struct inode *nd,
                  const char *nn, size_t nl);
    int (*truncate)(struct inode *ip, uint64_t size);
    int (*stat)(struct inode *ip, struct kstat *st);
    long (*read)(struct inode *ip, uint64_t off, void *buf, size_t n);
    long (*write)(struct inode *ip, uint64_t off, const void *buf, size_t n);
    long (*readlink)(struct inode *ip, char *buf, size_t n);
    int (*readdir)(struct inode *dir, uint64_t *pos, vfs_filldir_t fill, void *ctx);
    void (*evict)(struct inode *ip);  /* the last reference is gone */
    int (*sync)(struct super_block *sb);
    int (*setattr)(struct inode *ip, const struct vattr *a); /* ctime becomes now */
    int (*symlink)(struct inode *dir, const char *name, size_t len, const char *target,
                   size_t tlen);
    int (*unmount)(struct super_block *sb);  /* clean on disk, then freed (vfs_shutdown) */
    int (*statfs)(struct super_block *sb, struct kstatfs *st);
};

struct super_block {
    const struct fs_ops *ops;
    void *fs;                        /* the file system's own state */
    uint32_t dev;                    /* st_dev of its files */
    uint32_t root_ino;
    struct inode *root;              /* held while mounted */
    struct inode *covered;           /* the directory it is mounted on; NULL for "/" */
    struct list_head mounts;
};

struct inode {
    struct super_block *sb;
    uint32_t ino;
    uint32_t mode;                   /* type and permissions when first looked up */
    int refcount;
    struct super_block *mounted;     /* a file system mounted on this directory */
    struct list_head hash;
};

/* --- boot --- */
void vfs_init(void);                 /* ata_init(), then vfs_mount_root() */
/* Mounts ext2 from the primary master as "/": false (with a message) when there is no
 * disk or no valid file system on it; the kernel then runs without a root. */
bool vfs_mount_root(void);

/* --- inodes and mounts (vfs_inode.c) --- */
/* The cached inode (sb, ino) with a new reference; read from the file system if new. */
int iget(struct super_block *sb, uint32_t ino, struct inode **out);
struct inode *igrab(struct inode *ip);   /* one more reference */
void iput(struct inode *ip);             /* NULL is a no-op */
/* The cached inode (sb, ino) without taking a reference, or NULL if nobody holds it. */
struct inode *inode_find(struct super_block *sb, uint32_t ino);
struct inode *vfs_root(void);            /* the root directory (a new reference), or NULL */
/* Makes sb the root file system, or mounts it on the directory at path. */
int vfs_mount(struct inode *cwd, const char *path, struct super_block *sb);
int vfs_sync_all(void);                  /* every mounted file system to its disk */
/* Before power-off: frees unlinked files still open, syncs and unmounts every file system
 * (ext2 marks its volume clean), leaving no root. Inodes still referenced are cut loose
 * from their file system: nothing may use them but iput. */
int vfs_shutdown(void);

/* --- paths (vfs_path.c) --- */
/* The inode at path (relative to cwd unless absolute; cwd NULL means the root). Symbolic
 * links are followed, the last one too unless nofollow. */
int vfs_lookup(struct inode *cwd, const char *path, bool nofollow, struct inode **out);
/* The directory holding path's last component, and that component (pointing into path;
 * len 0 for "/"). *must_dir is set when the path ends in '/'. */
int vfs_lookup_parent(struct inode *cwd, const char *path, struct inode **dir,
                      const char **name, size_t *len, bool *must_dir);
/* For an absolute path under /proc, the part below it ("" for /proc itself); else NULL. */
const char *vfs_proc_path(const char *path);
/* The same for /dev (devfs). */
const char *vfs_dev_path(const char *path);

/* --- open files (vfs_file.c) --- */
/* open(2): flags are Linux's O_* (O_CLOEXEC is the caller's: it belongs to the fd);
 * mode (already masked by the umask) is used by O_CREAT. */
int vfs_open(struct inode *cwd, const char *path, uint32_t flags, uint32_t mode,
             struct file **out);
/* The inode behind a file vfs_open made, or NULL for other kinds of file. */
struct inode *file_inode(struct file *f);
/* chmod/chown/utimes of an inode (vattr_prepare applied); -EPERM if its file system
 * cannot (vfs_attr.c). */
int inode_setattr(struct inode *ip, const struct vattr *a);
/* Opening a character-device inode (e.g. /dev/tty on the disk) asks this hook, set by
 * the driver layer, to fill in f->ops/f->priv; without it such opens fail with -ENXIO. */
extern int (*vfs_chrdev_open)(uint32_t rdev, uint32_t flags, struct file **out);

/* --- by path (vfs_ops.c) --- */
int vfs_stat(struct inode *cwd, const char *path, bool nofollow, struct kstat *st);
int vfs_mkdir(struct inode *cwd, const char *path, uint32_t mode);
int vfs_rmdir(struct inode *cwd, const char *path);
int vfs_unlink(struct inode *cwd, const char *path);
int vfs_link(struct inode *cwd, const char *oldpath, const char *newpath);
int vfs_rename(struct inode *cwd, const char *oldpath, const char *newpath);
int vfs_truncate(struct inode *cwd, const char *path, uint64_t size);
long vfs_readlink(struct inode *cwd, const char *path, char *buf, size_t n);
/* symlink(2): a link at path holding target (NUL-terminated). */
int vfs_symlink(struct inode *cwd, const char *target, const char *path);
/* chmod, chown, utimensat by path (the last link itself when nofollow). */
int vfs_setattr(struct inode *cwd, const char *path, bool nofollow, const struct vattr *a);
/* Turns VA_KILL_SUID into the VA_MODE change Linux makes for a file of mode `mode`. */
void vattr_prepare(uint32_t mode, struct vattr *a);
/* The directory for chdir (a new reference): -ENOTDIR unless path is one. */
int vfs_chdir(struct inode *cwd, const char *path, struct inode **out);
/* statfs of the file system holding path (/proc and /dev report their magic numbers). */
int vfs_statfs(struct inode *cwd, const char *path, struct kstatfs *st);
/* statfs of the file system an open file lives on. */
int vfs_fstatfs(struct file *f, struct kstatfs *st);
#endif
