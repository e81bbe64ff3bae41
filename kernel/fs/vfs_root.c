/* The root file system: ext2 on the primary master, reached through the buffer cache;
 * and vfs_init, the VFS's part of the boot (devfs, the disks, the root). */
#include "fs/vfs_ext2.h"
#include "fs/ext2.h"
#include "fs/bcache.h"
#include "fs/devfs.h"
#include "drivers/ata.h"
#include "arch/i386/clock.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/printf.h"
#include "lib/string.h"

/* An ext2 volume on a block device: the super_block and the device glue together. */
struct ext2_mount {
    struct super_block sb;
    struct blkdev *bd;
    uint32_t block_size;
    struct ext2_dev dev;
};

static int dev_set_block_size(void *ctx, uint32_t size) {
    struct ext2_mount *m = ctx;
    if (size != m->block_size) {
        bcache_invalidate(m->bd); /* buffers of the old size would alias the new ones */
        m->block_size = size;
    }
    return 0;
}

static int dev_read(void *ctx, uint32_t blockno, void *buf) {
    struct ext2_mount *m = ctx;
    int err;
    struct buf *b = bread(m->bd, blockno, m->block_size, &err);
    if (!b)
        return err;
    memcpy(buf, b->data, m->block_size);
    brelse(b);
    return 0;
}

static int dev_write(void *ctx, uint32_t blockno, const void *buf) {
    struct ext2_mount *m = ctx;
    int err;
    struct buf *b = bget(m->bd, blockno, m->block_size, &err);
    if (!b)
        return err;
    memcpy(b->data, buf, m->block_size);
    bdirty(b);
    brelse(b);
    return 0;
}

/* ext2's in_use hook: is the inode held by anyone (an open file, a cwd)? */
static bool in_use(void *ctx, uint32_t ino) { return inode_find(ctx, ino) != NULL; }

static void *ext2_kmalloc(size_t n) { return kmalloc(n); }

int vfs_ext2_mount(struct blkdev *bd, int flags, struct super_block **out) {
    struct ext2_mount *m = kzalloc(sizeof *m);
    if (!m)
        return -ENOMEM;
    m->bd = bd;
    m->dev = (struct ext2_dev){m, (uint64_t)bd->nsectors * SECTOR_SIZE, dev_set_block_size,
                               dev_read, dev_write};
    struct ext2_env env = {ext2_kmalloc, kfree, clock_seconds, in_use, &m->sb};
    struct ext2_fs *fs;
    int err = ext2_mount(&m->dev, &env, flags, &fs);
    if (err) {
        bcache_invalidate(bd);
        kfree(m);
        return err;
    }
    m->sb.ops = &ext2_fs_ops;
    m->sb.fs = fs;
    m->sb.dev = bd->id;
    m->sb.root_ino = EXT2_ROOT_INO;
    list_init(&m->sb.mounts);
    *out = &m->sb;
    return 0;
}

int vfs_ext2_sync(struct super_block *sb) {
    struct ext2_mount *m = (struct ext2_mount *)sb;
    int err = ext2_sync(sb->fs);
    int berr = bcache_sync(m->bd);
    return err ? err : berr;
}

int vfs_ext2_unmount(struct super_block *sb) {
    struct ext2_mount *m = (struct ext2_mount *)sb;
    int err = ext2_unmount(sb->fs);
    int berr = bcache_invalidate(m->bd);
    kfree(m);
    return err ? err : berr;
}

struct ext2_fs *vfs_ext2_fs(struct super_block *sb) { return sb->fs; }

bool vfs_mount_root(void) {
    struct blkdev *bd = ata_disk(ATA_ROOT_DISK);
    if (!bd) {
        kprintf("vfs: no root disk (primary master); running without a root file system\n");
        return false;
    }
    struct super_block *sb;
    int err = vfs_ext2_mount(bd, 0, &sb);
    if (err) {
        kprintf("vfs: %s: no usable ext2 file system (%s, error %d); running without a root\n",
                bd->name, err == -EINVAL ? "bad, truncated or unsupported superblock"
                                          : err == -ENOMEM ? "out of memory" : "I/O error", err);
        return false;
    }
    struct ext2_fs *fs = sb->fs;
    err = vfs_mount(NULL, "/", sb);
    if (err) {
        kprintf("vfs: %s: root directory unusable (error %d)\n", bd->name, err);
        vfs_ext2_unmount(sb);
        return false;
    }
    const struct ext2_super *s = ext2_super(fs);
    kprintf("vfs: mounted %s on / (ext2 rev %u, %u-byte blocks, %u of %u blocks free%s%s)\n",
            bd->name, s->s_rev_level, ext2_block_size(fs), s->s_free_blocks_count,
            s->s_blocks_count, ext2_readonly(fs) ? ", read-only" : "",
            ext2_was_clean(fs) ? "" : ", was not cleanly unmounted");
    return true;
}

void vfs_init(void) {
    devfs_init();
    ata_init();
    vfs_mount_root();
}
