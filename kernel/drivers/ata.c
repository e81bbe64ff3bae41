/* ATA PIO, 28-bit LBA, polled (see ata.h). Register layout and protocol from the ATA/ATAPI
 * command set (ATA-6): task-file registers at the channel's base port, device control
 * and alternate status at its control port. */
#include "drivers/ata.h"
#include "arch/i386/cpu.h"
#include "arch/i386/clock.h"
#include "lib/errno.h"
#include "lib/printf.h"
#include "lib/panic.h"
#include <stdbool.h>

#define ATA_PRIMARY_BASE    0x1F0
#define ATA_PRIMARY_CTRL    0x3F6
#define ATA_SECONDARY_BASE  0x170
#define ATA_SECONDARY_CTRL  0x376

/* task-file register offsets */
#define REG_DATA     0
#define REG_ERROR    1
#define REG_SECCOUNT 2
#define REG_LBA0     3
#define REG_LBA1     4
#define REG_LBA2     5
#define REG_DRIVE    6
#define REG_STATUS   7               /* read */
#define REG_COMMAND  7               /* write */

#define ST_ERR  0x01
#define ST_DRQ  0x08
#define ST_DF   0x20
#define ST_BSY  0x80
#define ST_FLOATING 0xFF             /* no controller on the channel */

#define CTRL_NIEN 0x02               /* no interrupts from the device */

#define DRIVE_LBA    0xE0            /* LBA mode; bits 0-3: LBA 24..27 */
#define DRIVE_CHS    0xA0
#define DRIVE_SLAVE  0x10

#define CMD_READ_SECTORS  0x20
#define CMD_WRITE_SECTORS 0x30
#define CMD_CACHE_FLUSH   0xE7
#define CMD_IDENTIFY      0xEC

#define ID_WORDS          256
#define ID_CAPABILITIES   49
#define ID_CAP_LBA        0x0200
#define ID_LBA28_SECTORS  60         /* words 60-61 */
#define ID_MODEL          27         /* words 27-46, two characters a word, swapped */
#define ID_MODEL_WORDS    20

#define LBA28_LIMIT      (1u << 28)
#define MAX_PER_COMMAND  128         /* sectors per READ/WRITE SECTORS */
#define POLL_LIMIT       2000000     /* status reads while probing for a drive */
#define ATA_TIMEOUT_NS   (30ull * 1000000000ull)  /* a command's time limit (Linux's ATA_TMOUT_INTERNAL is 30 s) */
#define POLL_HARD_LIMIT  (1u << 30)  /* a last resort should the clock stand still */

struct ata_drive {
    struct blkdev dev;
    uint16_t base, ctrl;
    bool slave, present;
    char name[4];
    char model[ID_MODEL_WORDS * 2 + 1];
};

static struct ata_drive drives[ATA_MAX_DRIVES];
static bool busy; /* the driver is not reentrant; a nested call is a bug */

/* Reading the alternate status four times gives the 400 ns a device needs to post
 * its status after a select or a command. */
static void delay400(const struct ata_drive *d) {
    for (int i = 0; i < 4; i++)
        inb(d->ctrl);
}

/* Waits until BSY clears; then, if want_drq, until DRQ sets. -EIO on ERR, DF or timeout.
 * The limit is a time, not a number of reads: an emulated disk can stall for long
 * stretches while the host writes, and giving up early would lose data. */
static int wait_ready(const struct ata_drive *d, bool want_drq) {
    uint64_t deadline = clock_monotonic_ns() + ATA_TIMEOUT_NS;
    for (uint32_t i = 0; i < POLL_HARD_LIMIT; i++) {
        if ((i & 0xffff) == 0xffff && clock_monotonic_ns() > deadline)
            return -EIO;
        uint8_t st = inb(d->base + REG_STATUS);
        if (st == ST_FLOATING)
            return -EIO;
        if (st & ST_BSY)
            continue;
        if (st & (ST_ERR | ST_DF))
            return -EIO;
        if (!want_drq || (st & ST_DRQ))
            return 0;
    }
    return -EIO;
}

static void select_lba(const struct ata_drive *d, uint32_t lba, uint32_t count) {
    outb(d->base + REG_DRIVE, (uint8_t)(DRIVE_LBA | (d->slave ? DRIVE_SLAVE : 0) | ((lba >> 24) & 0x0F)));
    delay400(d);
    outb(d->base + REG_SECCOUNT, (uint8_t)count); /* 0 would mean 256 */
    outb(d->base + REG_LBA0, (uint8_t)lba);
    outb(d->base + REG_LBA1, (uint8_t)(lba >> 8));
    outb(d->base + REG_LBA2, (uint8_t)(lba >> 16));
}

/* One READ or WRITE SECTORS command of 1..MAX_PER_COMMAND sectors. */
static int transfer(struct ata_drive *d, uint32_t lba, uint32_t count, uint16_t *buf, bool write) {
    int err = wait_ready(d, false);
    if (err)
        return err;
    select_lba(d, lba, count);
    outb(d->base + REG_COMMAND, write ? CMD_WRITE_SECTORS : CMD_READ_SECTORS);
    delay400(d);
    for (uint32_t s = 0; s < count; s++) {
        if ((err = wait_ready(d, true)))
            return err;
        uint16_t *p = buf + s * (SECTOR_SIZE / 2);
        for (int w = 0; w < SECTOR_SIZE / 2; w++) {
            if (write)
                outw(d->base + REG_DATA, p[w]);
            else
                p[w] = inw(d->base + REG_DATA);
        }
        delay400(d);
    }
    return write ? wait_ready(d, false) : 0;
}

/* Splits a request into commands; refuses sectors past the end of the disk. */
static int rw(struct blkdev *dev, uint32_t lba, uint32_t count, void *buf, bool write) {
    struct ata_drive *d = dev->priv;
    if (lba >= dev->nsectors || count > dev->nsectors - lba)
        return -EIO;
    KASSERT(!busy, "ata: reentered");
    busy = true;
    int err = 0;
    while (count && !err) {
        uint32_t n = count < MAX_PER_COMMAND ? count : MAX_PER_COMMAND;
        err = transfer(d, lba, n, buf, write);
        lba += n;
        count -= n;
        buf = (uint8_t *)buf + n * SECTOR_SIZE;
    }
    busy = false;
    return err;
}

static int ata_read(struct blkdev *dev, uint32_t lba, uint32_t count, void *buf) {
    return rw(dev, lba, count, buf, false);
}

static int ata_write(struct blkdev *dev, uint32_t lba, uint32_t count, const void *buf) {
    return rw(dev, lba, count, (void *)buf, true);
}

static int ata_flush(struct blkdev *dev) {
    struct ata_drive *d = dev->priv;
    int err = wait_ready(d, false);
    if (err)
        return err;
    outb(d->base + REG_DRIVE, (uint8_t)(DRIVE_LBA | (d->slave ? DRIVE_SLAVE : 0)));
    delay400(d);
    outb(d->base + REG_COMMAND, CMD_CACHE_FLUSH);
    delay400(d);
    return wait_ready(d, false);
}

/* Copies IDENTIFY's model string (byte-swapped words, space-padded) into d->model. */
static void take_model(struct ata_drive *d, const uint16_t *id) {
    int n = 0;
    for (int w = 0; w < ID_MODEL_WORDS; w++) {
        d->model[n++] = (char)(id[ID_MODEL + w] >> 8);
        d->model[n++] = (char)id[ID_MODEL + w];
    }
    while (n > 0 && d->model[n - 1] == ' ')
        n--;
    d->model[n] = 0;
}

/* IDENTIFY DEVICE: true if an ATA disk with LBA answers at d's position. */
static bool identify(struct ata_drive *d) {
    uint16_t id[ID_WORDS];
    outb(d->ctrl, CTRL_NIEN);
    if (inb(d->base + REG_STATUS) == ST_FLOATING)
        return false;
    outb(d->base + REG_DRIVE, (uint8_t)(DRIVE_CHS | (d->slave ? DRIVE_SLAVE : 0)));
    delay400(d);
    outb(d->base + REG_SECCOUNT, 0);
    outb(d->base + REG_LBA0, 0);
    outb(d->base + REG_LBA1, 0);
    outb(d->base + REG_LBA2, 0);
    outb(d->base + REG_COMMAND, CMD_IDENTIFY);
    delay400(d);
    if (inb(d->base + REG_STATUS) == 0)
        return false; /* no device */
    for (uint32_t i = 0; i < POLL_LIMIT && (inb(d->base + REG_STATUS) & ST_BSY); i++)
        ;
    if (inb(d->base + REG_LBA1) || inb(d->base + REG_LBA2))
        return false; /* ATAPI or SATA signature: not a PATA disk */
    if (wait_ready(d, true))
        return false;
    for (int w = 0; w < ID_WORDS; w++)
        id[w] = inw(d->base + REG_DATA);
    if (!(id[ID_CAPABILITIES] & ID_CAP_LBA))
        return false;
    uint32_t sectors = id[ID_LBA28_SECTORS] | (uint32_t)id[ID_LBA28_SECTORS + 1] << 16;
    d->dev.nsectors = sectors < LBA28_LIMIT ? sectors : LBA28_LIMIT - 1;
    take_model(d, id);
    return d->dev.nsectors > 0;
}

void ata_init(void) {
    for (int i = 0; i < ATA_MAX_DRIVES; i++) {
        struct ata_drive *d = &drives[i];
        d->base = i < 2 ? ATA_PRIMARY_BASE : ATA_SECONDARY_BASE;
        d->ctrl = i < 2 ? ATA_PRIMARY_CTRL : ATA_SECONDARY_CTRL;
        d->slave = i & 1;
        d->name[0] = 'h';
        d->name[1] = 'd';
        d->name[2] = (char)('a' + i);
        d->dev = (struct blkdev){d->name, (uint32_t)i + 1, 0, ata_read, ata_write, ata_flush, d};
        d->present = identify(d);
        if (d->present)
            kprintf("ata: %s: %u sectors (%u MiB) \"%s\"\n", d->name, d->dev.nsectors,
                    d->dev.nsectors / (1024 * 1024 / SECTOR_SIZE), d->model);
    }
}

struct blkdev *ata_disk(int index) {
    if (index < 0 || index >= ATA_MAX_DRIVES || !drives[index].present)
        return NULL;
    return &drives[index].dev;
}
