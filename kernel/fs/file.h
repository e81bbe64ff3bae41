/* struct file: one open file description, shared by every fd (and every process) that
 * dup/fork gave it to. What it refers to is behind its ops: an inode of a mounted file
 * system (fs/vfs.c), a pipe, the tty, a /proc entry. The fd table (proc/files.c) and the
 * file syscalls only ever speak to this interface.
 *
 * Buffers passed to read/write are kernel buffers; the syscall layer copies to and from
 * user memory. Every op returns a count or a negative Linux errno; a NULL op means the
 * operation does not apply (the syscall answers EINVAL, ESPIPE, ENOTTY... as Linux). */
#ifndef FS_FILE_H
#define FS_FILE_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "abi/fcntl.h"          /* the O_* flags of struct file */

struct file;
struct kstat;
struct vattr;

struct file_ops {
    long (*read)(struct file *f, void *buf, size_t len);
    long (*write)(struct file *f, const void *buf, size_t len);
    long long (*lseek)(struct file *f, long long off, int whence);
    long (*getdents)(struct file *f, void *buf, size_t len); /* linux_dirent64 records */
    int (*stat)(struct file *f, struct kstat *st);
    long (*ioctl)(struct file *f, uint32_t cmd, uint32_t arg);
    int (*truncate)(struct file *f, uint64_t len);
    int (*fsync)(struct file *f);
    int (*setattr)(struct file *f, const struct vattr *a); /* fchmod, fchown, futimens */
    void (*release)(struct file *f);   /* the last reference is gone */
    /* Readiness for poll/select: POLLIN/POLLOUT/POLLHUP/POLLERR bits; NULL means always
     * readable and writable (regular files, devices that never block). */
    uint32_t (*poll)(struct file *f);
};

struct file {
    const struct file_ops *ops;
    uint32_t refcount;
    uint32_t flags;             /* O_ACCMODE, O_APPEND, O_NONBLOCK ... as opened */
    uint64_t pos;
    void *priv;                 /* the kind's own state (inode, pipe end ...) */
};

#define SEEK_SET 0                   /* lseek whence */
#define SEEK_CUR 1
#define SEEK_END 2

/* The flags that act at open and are not kept in struct file. */
#define O_OPEN_ONLY (O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)

/* A new file with one reference, or NULL when out of memory. */
struct file *file_alloc(const struct file_ops *ops, uint32_t flags, void *priv);
struct file *file_get(struct file *f);   /* one more reference; returns f */
void file_put(struct file *f);           /* drops one; the last calls ops->release */
/* Reads up to len bytes at off through f->ops->read (which must exist), looping over short
 * reads until len or end of file; f->pos is left as it was. Returns the count (0 at end
 * of file) or -errno. exec and mmap read files this way. */
long file_pread(struct file *f, uint64_t off, void *buf, size_t len);
static inline bool file_readable(const struct file *f) { return (f->flags & O_ACCMODE) != O_WRONLY; }
static inline bool file_writable(const struct file *f) { return (f->flags & O_ACCMODE) != O_RDONLY; }

/* What stat64/statx report, filled by a file kind's stat op. */
struct kstat {
    uint32_t dev, ino, mode, nlink, uid, gid, rdev;
    uint64_t size, blocks;          /* blocks in 512-byte units */
    uint32_t blksize;
    uint32_t atime, mtime, ctime;   /* seconds since 1970 */
};

/* What chmod, chown and utimensat change: the fields named in valid (setattr ops). */
#define VA_MODE      0x1            /* the permission bits (07777); the type stays */
#define VA_UID       0x2
#define VA_GID       0x4
#define VA_ATIME     0x8
#define VA_MTIME     0x10
#define VA_KILL_SUID 0x20           /* chown: a non-directory loses set-user/group-ID */
struct vattr {
    uint32_t valid;
    uint32_t mode, uid, gid;
    int64_t atime, mtime;           /* seconds since 1970 */
};
#endif
