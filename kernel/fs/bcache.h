/* The buffer cache: recently used disk blocks of any block device in kmalloc'd buffers,
 * found by (device, block number, block size), reused least-recently-used first, with
 * dirty buffers written back when evicted or on bcache_sync. At most BCACHE_MAX_BUFS
 * buffers exist. Not reentrant (callers serialize, as for the file systems above it).
 *
 *   struct buf *b = bread(dev, blockno, 4096, &err);   read (or find) a block
 *   ... b->data ...; bdirty(b);                          change it
 *   brelse(b);                                           let go of it                */
#ifndef FS_BCACHE_H
#define FS_BCACHE_H
#include "fs/blkdev.h"
#include "lib/list.h"
#include <stdbool.h>

#define BCACHE_MAX_BUFS 512
#define BCACHE_BUCKETS  64

struct buf {
    struct list_head hash, lru;
    struct blkdev *dev;
    uint32_t blockno, size;          /* block blockno of `size` bytes (a sector multiple) */
    uint8_t *data;
    int refcnt;
    bool valid, dirty;
};

/* The block, read from the device unless cached; NULL with *err = -EIO/-ENOMEM. */
struct buf *bread(struct blkdev *dev, uint32_t blockno, uint32_t size, int *err);
/* The block without reading it: for a caller about to overwrite all of b->data. */
struct buf *bget(struct blkdev *dev, uint32_t blockno, uint32_t size, int *err);
void bdirty(struct buf *b);          /* b->data changed: write it back later */
int bwrite(struct buf *b);           /* writes b now if dirty; 0 or -EIO */
void brelse(struct buf *b);          /* drops the reference bread/bget took */
/* Writes back every dirty buffer of dev (all devices if NULL) and flushes the device. */
int bcache_sync(struct blkdev *dev);
/* bcache_sync(dev), then forgets dev's unreferenced buffers (after a block-size change). */
int bcache_invalidate(struct blkdev *dev);

struct bcache_stats {
    uint32_t hits, misses, reads, writes, evictions, write_errors;
    uint32_t nbufs, ndirty, bytes;
};
void bcache_get_stats(struct bcache_stats *out);
#endif
