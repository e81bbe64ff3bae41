/* The VFS inode cache and the mount table. An inode lives in memory while someone holds
 * a reference (an open file, a cwd, a path walk in progress, a mount); the last iput
 * tells its file system (evict), which frees the inode on disk if it has no links. */
#include "fs/vfs.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/panic.h"

#define ICACHE_BUCKETS 64

static struct list_head icache[ICACHE_BUCKETS];
static bool icache_ready;
static struct super_block *root_sb;
static struct list_head supers = LIST_HEAD_INIT(supers);

static struct list_head *ibucket(const struct super_block *sb, uint32_t ino) {
    if (!icache_ready) {
        for (int i = 0; i < ICACHE_BUCKETS; i++)
            list_init(&icache[i]);
        icache_ready = true;
    }
    return &icache[(ino + (uintptr_t)sb / sizeof(void *)) % ICACHE_BUCKETS];
}

struct inode *inode_find(struct super_block *sb, uint32_t ino) {
    struct list_head *head = ibucket(sb, ino), *p;
    list_for_each(p, head) {
        struct inode *ip = list_entry(p, struct inode, hash);
        if (ip->sb == sb && ip->ino == ino)
            return ip;
    }
    return NULL;
}



int iget(struct super_block *sb, uint32_t ino, struct inode **out) {
    struct inode *ip = inode_find(sb, ino);
    if (ip) {
        *out = igrab(ip);
        return 0;
    }
    uint32_t mode;
    int err = sb->ops->getmode(sb, ino, &mode);
    if (err)
        return err;
    ip = kzalloc(sizeof *ip);
    if (!ip)
        return -ENOMEM;
    ip->sb = sb;
    ip->ino = ino;
    ip->mode = mode;
    ip->refcount = 1;
    list_add(&ip->hash, ibucket(sb, ino));
    *out = ip;
    return 0;
}

struct inode *igrab(struct inode *ip) {
    KASSERT(ip->refcount > 0, "igrab of a dead inode %u", ip->ino);
    ip->refcount++;
    return ip;
}

void iput(struct inode *ip) {
    if (!ip)
        return;
    KASSERT(ip->refcount > 0, "iput of a dead inode %u", ip->ino);
    if (--ip->refcount)
        return;
    list_del(&ip->hash);
    if (ip->sb && ip->sb->ops->evict)
        ip->sb->ops->evict(ip);
    kfree(ip);
}

struct inode *vfs_root(void) {
    return root_sb ? igrab(root_sb->root) : NULL;
}

/* Takes the root inode of sb for as long as it is mounted. */
static int attach_root(struct super_block *sb) {
    int err = iget(sb, sb->root_ino, &sb->root);
    if (!err && !S_ISDIR(sb->root->mode)) {
        iput(sb->root);
        err = -ENOTDIR;
    }
    return err;
}

int vfs_mount(struct inode *cwd, const char *path, struct super_block *sb) {
    if (!root_sb) {
        int err = attach_root(sb);
        if (!err) {
            root_sb = sb;
            list_add_tail(&sb->mounts, &supers);
        }
        return err;
    }
    struct inode *dir;
    int err = vfs_lookup(cwd, path, false, &dir);
    if (err)
        return err;
    if (!S_ISDIR(dir->mode) || dir->mounted || dir == dir->sb->root) {
        err = S_ISDIR(dir->mode) ? -EBUSY : -ENOTDIR;
        iput(dir);
        return err;
    }
    err = attach_root(sb);
    if (err) {
        iput(dir);
        return err;
    }
    sb->covered = dir; /* the reference from the lookup keeps it */
    dir->mounted = sb;
    list_add_tail(&sb->mounts, &supers);
    return 0;
}

int vfs_sync_all(void) {
    int err = 0;
    struct list_head *p;
    list_for_each(p, &supers) {
        struct super_block *sb = list_entry(p, struct super_block, mounts);
        if (sb->ops->sync && sb->ops->sync(sb))
            err = -EIO;
    }
    return err;
}

/* Calls fn on every cached inode of sb (fn may unhash the inode it is given). */
static void for_each_inode(struct super_block *sb, void (*fn)(struct inode *)) {
    for (int i = 0; i < ICACHE_BUCKETS && icache_ready; i++) {
        struct list_head *p, *t;
        list_for_each_safe(p, t, &icache[i]) {
            struct inode *ip = list_entry(p, struct inode, hash);
            if (ip->sb == sb)
                fn(ip);
        }
    }
}

/* An open file whose last name is gone is freed now: nothing will close it any more. */
static void evict_orphan(struct inode *ip) {
    if (ip->sb->ops->evict)
        ip->sb->ops->evict(ip);
}

/* Cuts a still-referenced inode loose from its unmounted file system. */
static void detach(struct inode *ip) {
    list_del(&ip->hash);
    ip->sb = NULL;
    ip->mounted = NULL;
}

/* Takes sb (the last mounted) out of the tree and unmounts it. */
static int unmount_one(struct super_block *sb) {
    for_each_inode(sb, evict_orphan);
    int err = sb->ops->sync ? sb->ops->sync(sb) : 0;
    if (sb->covered) {
        sb->covered->mounted = NULL;
        iput(sb->covered);
    }
    iput(sb->root);
    for_each_inode(sb, detach);
    list_del(&sb->mounts);
    int uerr = sb->ops->unmount ? sb->ops->unmount(sb) : 0;
    return err ? err : uerr;
}

int vfs_shutdown(void) {
    int err = 0;
    while (!list_empty(&supers)) { /* the newest mount first: the root goes last */
        struct super_block *sb = list_entry(supers.prev, struct super_block, mounts);
        if (unmount_one(sb))
            err = -EIO;
    }
    root_sb = NULL;
    return err;
}
