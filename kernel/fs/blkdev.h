/* A block device: an array of 512-byte sectors with synchronous read and write. The
 * ATA driver provides them; the buffer cache and the swap area use them. */
#ifndef FS_BLKDEV_H
#define FS_BLKDEV_H
#include <stdint.h>

#define SECTOR_SIZE 512

struct blkdev {
    const char *name;                /* "hda", "hdb", ... */
    uint32_t id;                     /* small number, unique per device (stat's st_dev) */
    uint32_t nsectors;
    /* Move count sectors at lba to/from buf; 0 or -EIO. */
    int (*read)(struct blkdev *dev, uint32_t lba, uint32_t count, void *buf);
    int (*write)(struct blkdev *dev, uint32_t lba, uint32_t count, const void *buf);
    int (*flush)(struct blkdev *dev);  /* the device's write cache to the medium */
    void *priv;
};
#endif
