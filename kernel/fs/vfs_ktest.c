/* In-kernel tests of the VFS on the root disk. They need the test image the boot tests
 * attach (scripts/mkimage.sh of a stage holding ktest/known.txt, the lines "1".."20000");
 * without a root file system they pass with a note. They leave /ktest/written.txt (the
 * lines "written 0".."written 999") for the host to check after e2fsck. */
#include "test/ktest.h"
#include "fs/vfs.h"
#include "drivers/ata.h"
#include "fs/bcache.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/printf.h"
#include "lib/string.h"

#define KNOWN_LINES   20000
#define WRITTEN_LINES 1000
#define EXT2_MAGIC_OFFSET 56            /* in the superblock */
#define EXT2_SB_SECTOR    2

static bool have_root(void) {
    struct inode *root = vfs_root();
    if (!root) {
        kprintf("  note: no root file system: skipped\n");
        return false;
    }
    iput(root);
    return true;
}

/* Reads all of path (at most max bytes) into a kmalloc'd buffer; the length or -errno. */
static long slurp(const char *path, char **out, size_t max) {
    struct file *f;
    int err = vfs_open(NULL, path, O_RDONLY, 0, &f);
    if (err)
        return err;
    char *buf = kmalloc(max);
    long total = 0, n = 1;
    while (buf && n > 0 && (size_t)total < max) {
        n = f->ops->read(f, buf + total, max - (size_t)total);
        if (n > 0)
            total += n;
    }
    file_put(f);
    if (!buf || n < 0) {
        kfree(buf);
        return buf ? n : -ENOMEM;
    }
    *out = buf;
    return total;
}

/* Whether buf holds exactly the lines "<prefix>first" .. "<prefix>last". */
static bool lines_match(const char *buf, long len, const char *prefix, int first, int last) {
    char line[32];
    long off = 0;
    for (int i = first; i <= last; i++) {
        int n = snprintf(line, sizeof line, "%s%d\n", prefix, i);
        if (off + n > len || memcmp(buf + off, line, (size_t)n))
            return false;
        off += n;
    }
    return off == len;
}

KTEST(ata_root_disk_reads) {
    struct blkdev *d = ata_disk(ATA_ROOT_DISK);
    if (!d) {
        kprintf("  note: no disk on the primary master: skipped\n");
        return;
    }
    uint8_t *sec = kmalloc(SECTOR_SIZE);
    KCHECK(sec && d->read(d, EXT2_SB_SECTOR, 1, sec) == 0);
    struct inode *root = vfs_root();
    if (sec && root) /* mounted: the disk holds the superblock the VFS read */
        KCHECK_EQ(sec[EXT2_MAGIC_OFFSET] | sec[EXT2_MAGIC_OFFSET + 1] << 8, 0xEF53);
    iput(root);
    KCHECK_EQ(d->read(d, d->nsectors, 1, sec), -EIO);  /* past the end */
    kfree(sec);
}

KTEST(vfs_reads_known_file) {
    if (!have_root())
        return;
    char *buf = NULL;
    long n = slurp("/ktest/known.txt", &buf, 256 * 1024);
    KCHECK(n > 0 && lines_match(buf, n, "", 1, KNOWN_LINES));
    kfree(buf);
    struct kstat st;
    KCHECK_EQ(vfs_stat(NULL, "//ktest/./../ktest//known.txt", false, &st), 0);
    KCHECK(S_ISREG(st.mode) && st.size == (uint64_t)n && st.nlink == 1 && st.uid == 0);
}

KTEST(vfs_path_errors) {
    if (!have_root())
        return;
    struct kstat st;
    struct inode *dir;
    KCHECK_EQ(vfs_stat(NULL, "/no/such", false, &st), -ENOENT);
    KCHECK_EQ(vfs_stat(NULL, "/ktest/known.txt/x", false, &st), -ENOTDIR);
    KCHECK_EQ(vfs_stat(NULL, "", false, &st), -ENOENT);
    char *longp = kmalloc(PATH_MAX + 2);
    memset(longp, 'a', PATH_MAX + 1);
    longp[0] = '/';
    longp[PATH_MAX + 1] = 0;
    KCHECK_EQ(vfs_stat(NULL, longp, false, &st), -ENAMETOOLONG);
    longp[NAME_MAX + 2] = 0;                          /* one name of 256 bytes */
    KCHECK_EQ(vfs_stat(NULL, longp, false, &st), -ENAMETOOLONG);
    kfree(longp);
    KCHECK_EQ(vfs_chdir(NULL, "/ktest", &dir), 0);     /* relative to a cwd */
    KCHECK_EQ(vfs_stat(dir, "known.txt", false, &st), 0);
    KCHECK_EQ(vfs_stat(dir, "../ktest/known.txt", false, &st), 0);
    KCHECK_EQ(vfs_stat(dir, "/../../ktest/known.txt", false, &st), 0);
    struct inode *bad;
    KCHECK_EQ(vfs_chdir(dir, "known.txt", &bad), -ENOTDIR);
    iput(dir);
}

/* Writes /ktest/written.txt in odd-sized pieces, checks it, appends, seeks, truncates. */
KTEST(vfs_create_write_append) {
    if (!have_root())
        return;
    struct file *f;
    KCHECK_EQ(vfs_open(NULL, "/ktest/written.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644, &f), 0);
    char line[32];
    for (int i = 0; i < WRITTEN_LINES / 2; i++) {
        int n = snprintf(line, sizeof line, "written %d\n", i);
        KCHECK_EQ(f->ops->write(f, line, (size_t)n), n);
    }
    file_put(f);
    KCHECK_EQ(vfs_open(NULL, "/ktest/written.txt", O_WRONLY | O_APPEND, 0, &f), 0);
    for (int i = WRITTEN_LINES / 2; i < WRITTEN_LINES; i++) {
        int n = snprintf(line, sizeof line, "written %d\n", i);
        f->ops->lseek(f, 0, SEEK_SET);                /* O_APPEND wins */
        KCHECK_EQ(f->ops->write(f, line, (size_t)n), n);
    }
    file_put(f);
    char *buf = NULL;
    long n = slurp("/ktest/written.txt", &buf, 64 * 1024);
    KCHECK(n > 0 && lines_match(buf, n, "written ", 0, WRITTEN_LINES - 1));
    kfree(buf);
    KCHECK_EQ(vfs_open(NULL, "/ktest/written.txt", O_CREAT | O_EXCL | O_RDWR, 0644, &f), -EEXIST);
    KCHECK_EQ(vfs_open(NULL, "/ktest", O_RDWR, 0, &f), -EISDIR);
    KCHECK_EQ(vfs_open(NULL, "/ktest/known.txt", O_RDONLY | O_DIRECTORY, 0, &f), -ENOTDIR);
    KCHECK_EQ(vfs_open(NULL, "/ktest/scratch", O_RDWR | O_CREAT, 0600, &f), 0);
    KCHECK_EQ(f->ops->write(f, "0123456789", 10), 10);
    KCHECK_EQ(f->ops->lseek(f, 100000, SEEK_SET), 100000);
    KCHECK_EQ(f->ops->write(f, "end", 3), 3);          /* a hole in between */
    KCHECK_EQ(f->ops->lseek(f, 50000, SEEK_SET), 50000);
    char z[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    KCHECK(f->ops->read(f, z, 8) == 8 && !z[0] && !z[7]);
    KCHECK_EQ(f->ops->lseek(f, 0, SEEK_END), 100003);
    KCHECK_EQ(f->ops->truncate(f, 5), 0);
    struct kstat st;
    KCHECK(f->ops->stat(f, &st) == 0 && st.size == 5);
    file_put(f);
    KCHECK_EQ(vfs_unlink(NULL, "/ktest/scratch"), 0);
    KCHECK_EQ(vfs_sync_all(), 0);
}

struct names {
    int count;
    bool saw_known, saw_dot;
};

KTEST(vfs_directories_and_rename) {
    if (!have_root())
        return;
    KCHECK_EQ(vfs_mkdir(NULL, "/ktest/d1", 0755), 0);
    KCHECK_EQ(vfs_mkdir(NULL, "/ktest/d1/", 0755), -EEXIST);
    KCHECK_EQ(vfs_mkdir(NULL, "/ktest/d1/d2", 0755), 0);
    struct file *f;
    KCHECK_EQ(vfs_open(NULL, "/ktest/d1/d2/f", O_CREAT | O_WRONLY, 0644, &f), 0);
    file_put(f);
    KCHECK_EQ(vfs_rmdir(NULL, "/ktest/d1"), -ENOTEMPTY);
    KCHECK_EQ(vfs_unlink(NULL, "/ktest/d1"), -EISDIR);
    KCHECK_EQ(vfs_unlink(NULL, "/ktest/d1/d2/f/"), -ENOTDIR);
    KCHECK_EQ(vfs_link(NULL, "/ktest/d1/d2/f", "/ktest/d1/g"), 0);
    KCHECK_EQ(vfs_rename(NULL, "/ktest/d1/d2", "/ktest/d3"), 0);
    KCHECK_EQ(vfs_rename(NULL, "/ktest/d3", "/ktest/d3/inside"), -EINVAL);
    struct kstat st;
    KCHECK(vfs_stat(NULL, "/ktest/d1/g", false, &st) == 0 && st.nlink == 2);
    KCHECK_EQ(vfs_unlink(NULL, "/ktest/d3/f"), 0);
    KCHECK(vfs_stat(NULL, "/ktest/d1/g", false, &st) == 0 && st.nlink == 1);
    KCHECK_EQ(vfs_rmdir(NULL, "/ktest/d3"), 0);
    KCHECK_EQ(vfs_unlink(NULL, "/ktest/d1/g"), 0);
    KCHECK_EQ(vfs_rmdir(NULL, "/ktest/d1"), 0);
    KCHECK_EQ(vfs_rmdir(NULL, "/"), -EBUSY);
    /* getdents64 over /ktest */
    KCHECK_EQ(vfs_open(NULL, "/ktest", O_RDONLY | O_DIRECTORY, 0, &f), 0);
    char *buf = kmalloc(4096);
    struct names seen = {0};
    long n;
    while ((n = f->ops->getdents(f, buf, 4096)) > 0) {
        for (long off = 0; off < n;) {
            uint16_t reclen;
            memcpy(&reclen, buf + off + 16, sizeof reclen);
            const char *name = buf + off + 19;
            seen.count++;
            seen.saw_known |= !strcmp(name, "known.txt");
            seen.saw_dot |= !strcmp(name, ".");
            off += reclen;
        }
    }
    KCHECK_EQ(n, 0);
    KCHECK(seen.saw_known && seen.saw_dot && seen.count >= 3); /* ".", "..", known.txt */
    KCHECK_EQ(f->ops->getdents(f, buf, 8), 0);          /* at the end: nothing, no error */
    f->ops->lseek(f, 0, SEEK_SET);
    KCHECK_EQ(f->ops->getdents(f, buf, 8), -EINVAL);    /* too small for one record */
    kfree(buf);
    file_put(f);
    KCHECK_EQ(vfs_sync_all(), 0);
}

/* An unlinked file that is still open keeps its data until the last close. */
KTEST(vfs_unlinked_open_file) {
    if (!have_root())
        return;
    struct file *f;
    KCHECK_EQ(vfs_open(NULL, "/ktest/tmpfile", O_CREAT | O_RDWR, 0600, &f), 0);
    KCHECK_EQ(f->ops->write(f, "still here", 10), 10);
    KCHECK_EQ(vfs_unlink(NULL, "/ktest/tmpfile"), 0);
    struct kstat st;
    KCHECK_EQ(vfs_stat(NULL, "/ktest/tmpfile", false, &st), -ENOENT);
    char b[10];
    f->ops->lseek(f, 0, SEEK_SET);
    KCHECK(f->ops->read(f, b, 10) == 10 && !memcmp(b, "still here", 10));
    KCHECK(f->ops->stat(f, &st) == 0 && st.nlink == 0);
    file_put(f);                                        /* frees it on disk */
    KCHECK_EQ(vfs_sync_all(), 0);
}
