/* The buffer cache (see bcache.h): a hash of buffers by (device, block), and one LRU
 * list of all buffers, most recently used first. */
#include "fs/bcache.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/panic.h"
#include "lib/string.h"

static struct list_head buckets[BCACHE_BUCKETS];
static struct list_head lru = LIST_HEAD_INIT(lru);
static struct bcache_stats stats;
static bool ready;

static struct list_head *bucket(const struct blkdev *dev, uint32_t blockno) {
    if (!ready) {
        for (int i = 0; i < BCACHE_BUCKETS; i++)
            list_init(&buckets[i]);
        ready = true;
    }
    return &buckets[(blockno * 31 + dev->id) % BCACHE_BUCKETS];
}

static struct buf *lookup(struct blkdev *dev, uint32_t blockno, uint32_t size) {
    struct list_head *head = bucket(dev, blockno), *p;
    list_for_each(p, head) {
        struct buf *b = list_entry(p, struct buf, hash);
        if (b->dev == dev && b->blockno == blockno && b->size == size)
            return b;
    }
    return NULL;
}

/* Writes a dirty buffer to its sectors. */
static int writeback(struct buf *b) {
    uint32_t spb = b->size / SECTOR_SIZE;
    if (b->dev->write(b->dev, b->blockno * spb, spb, b->data) < 0) {
        stats.write_errors++;
        return -EIO;
    }
    b->dirty = false;
    stats.ndirty--;
    stats.writes++;
    return 0;
}

static void destroy(struct buf *b) {
    list_del(&b->hash);
    list_del(&b->lru);
    if (b->dirty)
        stats.ndirty--;
    stats.nbufs--;
    stats.bytes -= b->size;
    kfree(b->data);
    kfree(b);
}

/* Frees the least recently used idle buffer (written back first if dirty); false if
 * every buffer is in use or fails to write. */
static bool evict_one(void) {
    for (struct list_head *p = lru.prev; p != &lru; p = p->prev) {
        struct buf *b = list_entry(p, struct buf, lru);
        if (b->refcnt || (b->dirty && writeback(b)))
            continue;
        destroy(b);
        stats.evictions++;
        return true;
    }
    return false;
}

/* A new, invalid buffer for the block, making room first if the cache is full. */
static struct buf *create(struct blkdev *dev, uint32_t blockno, uint32_t size, int *err) {
    if (stats.nbufs >= BCACHE_MAX_BUFS && !evict_one()) {
        *err = -ENOMEM;
        return NULL;
    }
    struct buf *b = kzalloc(sizeof *b);
    uint8_t *data = kmalloc(size);
    while ((!b || !data) && evict_one()) {
        if (!b)
            b = kzalloc(sizeof *b);
        if (!data)
            data = kmalloc(size);
    }
    if (!b || !data) {
        kfree(b);
        kfree(data);
        *err = -ENOMEM;
        return NULL;
    }
    b->dev = dev;
    b->blockno = blockno;
    b->size = size;
    b->data = data;
    list_add(&b->hash, bucket(dev, blockno));
    list_add(&b->lru, &lru);
    stats.nbufs++;
    stats.bytes += size;
    return b;
}

/* The cached buffer (referenced, moved to the LRU front) or a new invalid one. */
static struct buf *getblk(struct blkdev *dev, uint32_t blockno, uint32_t size, int *err) {
    if (!size || size % SECTOR_SIZE ||
        ((uint64_t)blockno + 1) * (size / SECTOR_SIZE) > dev->nsectors) {
        *err = -EIO;
        return NULL;
    }
    struct buf *b = lookup(dev, blockno, size);
    if (b) {
        stats.hits++;
        list_del(&b->lru);
        list_add(&b->lru, &lru);
    } else {
        stats.misses++;
        b = create(dev, blockno, size, err);
        if (!b)
            return NULL;
    }
    b->refcnt++;
    return b;
}

struct buf *bread(struct blkdev *dev, uint32_t blockno, uint32_t size, int *err) {
    struct buf *b = getblk(dev, blockno, size, err);
    if (!b || b->valid)
        return b;
    uint32_t spb = size / SECTOR_SIZE;
    stats.reads++;
    if (dev->read(dev, blockno * spb, spb, b->data) < 0) {
        destroy(b);
        *err = -EIO;
        return NULL;
    }
    b->valid = true;
    return b;
}

struct buf *bget(struct blkdev *dev, uint32_t blockno, uint32_t size, int *err) {
    struct buf *b = getblk(dev, blockno, size, err);
    if (b)
        b->valid = true; /* the caller fills all of it */
    return b;
}

void bdirty(struct buf *b) {
    KASSERT(b->refcnt > 0, "bdirty of an unreferenced buffer");
    if (!b->dirty)
        stats.ndirty++;
    b->dirty = true;
}

int bwrite(struct buf *b) { return b->dirty ? writeback(b) : 0; }

void brelse(struct buf *b) {
    KASSERT(b->refcnt > 0, "brelse of an unreferenced buffer (block %u)", b->blockno);
    b->refcnt--;
}

int bcache_sync(struct blkdev *dev) {
    int err = 0;
    struct list_head *p;
    list_for_each(p, &lru) {
        struct buf *b = list_entry(p, struct buf, lru);
        if ((!dev || b->dev == dev) && b->dirty && writeback(b))
            err = -EIO;
    }
    if (dev && dev->flush && dev->flush(dev))
        err = -EIO;
    return err;
}

int bcache_invalidate(struct blkdev *dev) {
    int err = bcache_sync(dev);
    struct list_head *p, *t;
    list_for_each_safe(p, t, &lru) {
        struct buf *b = list_entry(p, struct buf, lru);
        if (b->dev == dev && !b->refcnt && !b->dirty)
            destroy(b);
    }
    return err;
}

void bcache_get_stats(struct bcache_stats *out) { *out = stats; }
