/* /dev (see devfs.h): a fixed table of device nodes, the memory devices' file kind and
 * the directory listing. */
#include "fs/devfs.h"
#include "fs/vfs.h"
#include "fs/dirent.h"
#include "drivers/tty.h"
#include "proc/random.h"
#include "arch/i386/clock.h"
#include "lib/errno.h"
#include "lib/string.h"

#define DEVFS_DEV      5             /* st_dev of /dev and its nodes: anonymous 0:5 */
#define DEVFS_ROOT_INO 1
#define DEVFS_BLKSIZE  4096
#define TTY_GID        5             /* the "tty" group owns the terminals, as on Linux */

enum dev_kind { DEV_NULL, DEV_ZERO, DEV_FULL, DEV_RANDOM, DEV_TTY };

struct dev_node {
    const char *name;
    uint32_t major, minor;
    enum dev_kind kind;
    struct kstat st;                 /* what stat shows; chmod, chown, touch change it */
};

#define NODE(name_, maj, min, kind_, perm, gid_) \
    {name_, maj, min, kind_, {.mode = S_IFCHR | (perm), .gid = (gid_)}}
static struct dev_node nodes[] = {
    NODE("null", 1, 3, DEV_NULL, 0666, 0),     NODE("zero", 1, 5, DEV_ZERO, 0666, 0),
    NODE("full", 1, 7, DEV_FULL, 0666, 0),     NODE("random", 1, 8, DEV_RANDOM, 0666, 0),
    NODE("urandom", 1, 9, DEV_RANDOM, 0666, 0), NODE("tty", 5, 0, DEV_TTY, 0666, TTY_GID),
    NODE("console", 5, 1, DEV_TTY, 0620, TTY_GID),
};
#define NNODES (sizeof nodes / sizeof nodes[0])
static struct kstat dir_st = {.mode = S_IFDIR | 0755};

void devfs_init(void) {
    uint32_t now = clock_seconds();
    dir_st.dev = DEVFS_DEV;
    dir_st.ino = DEVFS_ROOT_INO;
    dir_st.nlink = 2;
    dir_st.blksize = DEVFS_BLKSIZE;
    dir_st.atime = dir_st.mtime = dir_st.ctime = now;
    for (unsigned i = 0; i < NNODES; i++) {
        struct kstat *st = &nodes[i].st;
        st->dev = DEVFS_DEV;
        st->ino = DEVFS_ROOT_INO + 1 + i;
        st->nlink = 1;
        st->rdev = vfs_mkdev(nodes[i].major, nodes[i].minor);
        st->blksize = DEVFS_BLKSIZE;
        st->atime = st->mtime = st->ctime = now;
    }
    vfs_chrdev_open = devfs_open_rdev;
}

/* The node rel names (*out NULL for /dev itself). */
static int lookup(const char *rel, struct dev_node **out) {
    *out = NULL;
    if (!*rel)
        return 0;
    size_t n = 0;
    while (rel[n] && rel[n] != '/')
        n++;
    for (unsigned i = 0; i < NNODES; i++)
        if (strlen(nodes[i].name) == n && !strncmp(nodes[i].name, rel, n)) {
            *out = &nodes[i];
            return rel[n] ? -ENOTDIR : 0;
        }
    return -ENOENT;
}

/* The memory devices: null reads EOF, zero and full read zeros, random and urandom read
 * random_bytes; writes vanish, except full's (ENOSPC). They do not seek: position 0. */
static long mem_read(struct file *f, void *buf, size_t n) {
    struct dev_node *d = f->priv;
    if (d->kind == DEV_NULL)
        return 0;
    if (d->kind == DEV_RANDOM)
        random_bytes(buf, n);
    else
        memset(buf, 0, n);
    return (long)n;
}

static long mem_write(struct file *f, const void *buf, size_t n) {
    (void)buf;
    return ((struct dev_node *)f->priv)->kind == DEV_FULL ? -ENOSPC : (long)n;
}

static long long mem_lseek(struct file *f, long long off, int whence) {
    (void)off, (void)whence;
    f->pos = 0;
    return 0;
}

static int node_stat(struct file *f, struct kstat *st) {
    *st = f->priv ? ((struct dev_node *)f->priv)->st : dir_st;
    return 0;
}

/* chmod, chown and utimes of a node (or of /dev itself): in memory. */
static int set_attr(struct kstat *st, const struct vattr *va) {
    struct vattr a = *va;
    vattr_prepare(st->mode, &a);
    if (a.valid & VA_MODE)
        st->mode = (st->mode & S_IFMT) | (a.mode & 07777);
    if (a.valid & VA_UID)
        st->uid = a.uid;
    if (a.valid & VA_GID)
        st->gid = a.gid;
    if (a.valid & VA_ATIME)
        st->atime = (uint32_t)a.atime;
    if (a.valid & VA_MTIME)
        st->mtime = (uint32_t)a.mtime;
    st->ctime = clock_seconds();
    return 0;
}

static int node_setattr(struct file *f, const struct vattr *a) {
    return set_attr(f->priv ? &((struct dev_node *)f->priv)->st : &dir_st, a);
}

static const struct file_ops mem_ops = {
    .read = mem_read, .write = mem_write, .lseek = mem_lseek, .stat = node_stat,
    .setattr = node_setattr,
};

/* The listing of /dev; f->pos counts the entries already returned. */
static long dir_getdents(struct file *f, void *buf, size_t len) {
    struct dirent_writer w;
    dirent_writer_init(&w, buf, len);
    for (uint32_t idx = (uint32_t)f->pos; idx < NNODES + 2; idx++) {
        const char *name = idx == 0 ? "." : idx == 1 ? ".." : nodes[idx - 2].name;
        uint32_t ino = idx < 2 ? DEVFS_ROOT_INO : nodes[idx - 2].st.ino;
        if (!dirent_emit(&w, ino, name, idx < 2 ? DT_DIR : DT_CHR, idx + 1))
            break;
        f->pos = idx + 1;
    }
    return dirent_writer_result(&w);
}

static long long dir_lseek(struct file *f, long long off, int whence) {
    long long base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (long long)f->pos : -1;
    if (base < 0 || base + off < 0)
        return -EINVAL;
    f->pos = (uint64_t)(base + off);
    return (long long)f->pos;
}

static const struct file_ops dir_ops = {
    .getdents = dir_getdents, .lseek = dir_lseek, .stat = node_stat, .setattr = node_setattr,
};

/* A new open file on node d (flags as kept in struct file). */
static int open_node(struct dev_node *d, uint32_t flags, struct file **out) {
    struct file *f = d->kind == DEV_TTY ? tty_open(flags) : file_alloc(&mem_ops, flags, d);
    if (!f)
        return -ENOMEM;
    *out = f;
    return 0;
}

int devfs_open(const char *rel, uint32_t flags, struct file **out) {
    struct dev_node *d;
    int err = lookup(rel, &d);
    if (err == -ENOENT && (flags & O_CREAT) && !strchr(rel, '/'))
        return -EACCES;              /* no new names in /dev (Linux: a dir without create) */
    if (err)
        return err;
    if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
        return -EEXIST;
    uint32_t kept = flags & ~O_OPEN_ONLY;
    if (!d) {
        if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT))
            return -EISDIR;
        struct file *f = file_alloc(&dir_ops, kept, NULL);
        if (!f)
            return -ENOMEM;
        *out = f;
        return 0;
    }
    if (flags & O_DIRECTORY)
        return -ENOTDIR;
    return open_node(d, kept, out);
}

int devfs_stat(const char *rel, struct kstat *st) {
    struct dev_node *d;
    int err = lookup(rel, &d);
    if (!err)
        *st = d ? d->st : dir_st;
    return err;
}

int devfs_setattr(const char *rel, const struct vattr *a) {
    struct dev_node *d;
    int err = lookup(rel, &d);
    return err ? err : set_attr(d ? &d->st : &dir_st, a);
}

int devfs_open_rdev(uint32_t rdev, uint32_t flags, struct file **out) {
    for (unsigned i = 0; i < NNODES; i++)
        if (nodes[i].major == vfs_dev_major(rdev) && nodes[i].minor == vfs_dev_minor(rdev))
            return open_node(&nodes[i], flags & ~O_OPEN_ONLY, out);
    return -ENXIO;
}
