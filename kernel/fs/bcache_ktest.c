/* In-kernel tests of the buffer cache over a RAM disk (no real disk needed): hits and
 * misses, write-back only on sync or eviction, eviction under the cap, I/O errors. */
#include "test/ktest.h"
#include "fs/bcache.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/string.h"

#define RAMDISK_SECTORS 2048            /* 1 MiB */
#define BLK 1024

struct ramdisk {
    struct blkdev dev;
    uint8_t *data;
    uint32_t reads, writes;
    bool fail;
};

static int rd_read(struct blkdev *d, uint32_t lba, uint32_t n, void *buf) {
    struct ramdisk *r = d->priv;
    if (r->fail)
        return -EIO;
    r->reads++;
    memcpy(buf, r->data + (size_t)lba * SECTOR_SIZE, (size_t)n * SECTOR_SIZE);
    return 0;
}

static int rd_write(struct blkdev *d, uint32_t lba, uint32_t n, const void *buf) {
    struct ramdisk *r = d->priv;
    if (r->fail)
        return -EIO;
    r->writes++;
    memcpy(r->data + (size_t)lba * SECTOR_SIZE, buf, (size_t)n * SECTOR_SIZE);
    return 0;
}

static bool rd_init(struct ramdisk *r) {
    memset(r, 0, sizeof *r);
    r->data = kzalloc(RAMDISK_SECTORS * SECTOR_SIZE);
    r->dev = (struct blkdev){"ram0", 99, RAMDISK_SECTORS, rd_read, rd_write, NULL, r};
    return r->data != NULL;
}

static void rd_done(struct ramdisk *r) {
    bcache_invalidate(&r->dev);
    kfree(r->data);
}

KTEST(bcache_hits_and_write_back) {
    struct ramdisk r;
    KCHECK(rd_init(&r));
    if (!r.data)
        return;
    r.data[5 * BLK + 3] = 0x5A;
    int err;
    struct buf *b = bread(&r.dev, 5, BLK, &err);
    KCHECK(b && b->data[3] == 0x5A);
    brelse(b);
    b = bread(&r.dev, 5, BLK, &err);                 /* a hit: no second read */
    KCHECK(b && r.reads == 1);
    b->data[3] = 0xA5;
    bdirty(b);
    brelse(b);
    KCHECK_EQ(r.writes, 0);                          /* write-back, not write-through */
    KCHECK_EQ(bcache_sync(&r.dev), 0);
    KCHECK(r.writes == 1 && r.data[5 * BLK + 3] == 0xA5);
    KCHECK(!bread(&r.dev, RAMDISK_SECTORS, BLK, &err) && err == -EIO); /* past the end */
    rd_done(&r);
}

KTEST(bcache_evicts_lru_and_writes_dirty_victims) {
    struct ramdisk r;
    KCHECK(rd_init(&r));
    if (!r.data)
        return;
    int err;
    uint32_t nblocks = RAMDISK_SECTORS * SECTOR_SIZE / BLK; /* 1024 > BCACHE_MAX_BUFS */
    for (uint32_t i = 0; i < nblocks; i++) {
        struct buf *b = bget(&r.dev, i, BLK, &err);
        KCHECK(b);
        if (!b)
            break;
        memset(b->data, (int)(i & 0xFF), BLK);
        bdirty(b);
        brelse(b);
    }
    struct bcache_stats st;
    bcache_get_stats(&st);
    KCHECK(st.nbufs <= BCACHE_MAX_BUFS);
    KCHECK(r.writes >= nblocks - BCACHE_MAX_BUFS);    /* victims were written back */
    KCHECK_EQ(bcache_sync(&r.dev), 0);
    bool same = true;
    for (uint32_t i = 0; i < nblocks; i++)
        same &= r.data[(size_t)i * BLK + 7] == (uint8_t)(i & 0xFF);
    KCHECK(same);
    KCHECK_EQ(bcache_invalidate(&r.dev), 0);
    r.fail = true;                                    /* a failing read is not cached */
    KCHECK(!bread(&r.dev, 0, BLK, &err) && err == -EIO);
    r.fail = false;
    uint32_t reads = r.reads;
    struct buf *b = bread(&r.dev, 0, BLK, &err);
    KCHECK(b && r.reads == reads + 1 && b->data[7] == 0);
    if (b)
        brelse(b);
    rd_done(&r);
}
