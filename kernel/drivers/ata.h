/* ATA PIO driver for the IDE disks of a PC (QEMU -machine pc: -drive if=ide,index=N).
 * Index 0 is the primary master (the root disk), 1 the primary slave (swap), 2 and 3 the
 * secondary channel. 28-bit LBA, polled: no interrupts (nIEN is set), every wait is
 * bounded and a timeout or device error is -EIO. */
#ifndef DRIVERS_ATA_H
#define DRIVERS_ATA_H
#include "fs/blkdev.h"

#define ATA_MAX_DRIVES 4
#define ATA_ROOT_DISK  0
#define ATA_SWAP_DISK  1

/* Probes the four positions with IDENTIFY and prints one line per disk found. */
void ata_init(void);
/* The disk at index, or NULL if there is none. */
struct blkdev *ata_disk(int index);
#endif
