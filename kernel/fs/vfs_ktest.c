/* In-kernel tests of the VFS on the root disk. They need the test image the boot tests
 * attach (scripts/mkimage.sh of a stage holding ktest/known.txt, the lines "1".."20000");
 * without a root file system they pass with a note. They leave /ktest/written.txt (the
 * lines "written 0".."written 999") for the host to check after e2fsck. */
#include "test/ktest.h"
#include "fs/vfs.h"
#include "fs/vfs_ext2.h"
#include "fs/ext2_priv.h"
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

/* Fast and slow symbolic links: lstat sees the link, stat and open follow it. */
KTEST(vfs_symlinks) {
    if (!have_root())
        return;
    char slow[128] = "/ktest";
    for (int i = 0; i < 40; i++)
        strlcpy(slow + strlen(slow), "/.", sizeof slow - strlen(slow));
    strlcpy(slow + strlen(slow), "/known.txt", sizeof slow - strlen(slow)); /* 96 bytes */
    KCHECK_EQ(vfs_symlink(NULL, "known.txt", "/ktest/fast"), 0);
    KCHECK_EQ(vfs_symlink(NULL, slow, "/ktest/slow"), 0);
    struct kstat st, known;
    KCHECK_EQ(vfs_stat(NULL, "/ktest/known.txt", false, &known), 0);
    KCHECK(vfs_stat(NULL, "/ktest/fast", true, &st) == 0 && st.mode == (S_IFLNK | 0777) &&
           st.size == 9 && st.blocks == 0);
    KCHECK(vfs_stat(NULL, "/ktest/slow", true, &st) == 0 && S_ISLNK(st.mode) &&
           st.size == strlen(slow) && st.blocks > 0);
    KCHECK(vfs_stat(NULL, "/ktest/fast", false, &st) == 0 && st.ino == known.ino);
    char buf[128];
    KCHECK(vfs_readlink(NULL, "/ktest/fast", buf, sizeof buf) == 9 && !memcmp(buf, "known.txt", 9));
    KCHECK(vfs_readlink(NULL, "/ktest/slow", buf, sizeof buf) == (long)strlen(slow) &&
           !memcmp(buf, slow, strlen(slow)));
    char *data = NULL;
    long n = slurp("/ktest/slow", &data, 256 * 1024);
    KCHECK(n > 0 && lines_match(data, n, "", 1, KNOWN_LINES));
    kfree(data);
    struct file *f;
    KCHECK_EQ(vfs_open(NULL, "/ktest/fast", O_RDONLY | O_NOFOLLOW, 0, &f), -ELOOP);
    KCHECK_EQ(vfs_symlink(NULL, "x", "/ktest/fast"), -EEXIST);
    KCHECK_EQ(vfs_symlink(NULL, "x", "/ktest/nodir/"), -ENOENT);
    KCHECK_EQ(vfs_symlink(NULL, "x", "/ktest/"), -EEXIST);
    KCHECK_EQ(vfs_symlink(NULL, "", "/ktest/empty"), -ENOENT);
    KCHECK_EQ(vfs_symlink(NULL, "loop2", "/ktest/loop1"), 0);
    KCHECK_EQ(vfs_symlink(NULL, "loop1", "/ktest/loop2"), 0);
    KCHECK_EQ(vfs_stat(NULL, "/ktest/loop1", false, &st), -ELOOP);
    const char *links[] = {"/ktest/fast", "/ktest/slow", "/ktest/loop1", "/ktest/loop2"};
    for (unsigned i = 0; i < sizeof links / sizeof links[0]; i++)
        KCHECK_EQ(vfs_unlink(NULL, links[i]), 0);
    KCHECK(vfs_stat(NULL, "/ktest/known.txt", false, &st) == 0 && st.nlink == 1);
    KCHECK_EQ(vfs_sync_all(), 0);
}

static uint32_t mode_of(const char *path, bool nofollow) {
    struct kstat st;
    return vfs_stat(NULL, path, nofollow, &st) ? 0 : st.mode;
}

/* chmod, chown (and the set-ID bits it drops), times; by path and through a file. */
KTEST(vfs_chmod_chown_utimes) {
    if (!have_root())
        return;
    struct file *f;
    KCHECK_EQ(vfs_open(NULL, "/ktest/attr", O_CREAT | O_RDWR, 0644, &f), 0);
    struct vattr a = {.valid = VA_MODE, .mode = 04755};
    KCHECK_EQ(vfs_setattr(NULL, "/ktest/attr", false, &a), 0);
    KCHECK_EQ(mode_of("/ktest/attr", false), S_IFREG | 04755);
    KCHECK_EQ(file_inode(f)->mode, S_IFREG | 04755);             /* the cached copy too */
    a = (struct vattr){.valid = VA_UID | VA_GID | VA_KILL_SUID, .uid = 100000, .gid = 100};
    KCHECK_EQ(vfs_setattr(NULL, "/ktest/attr", false, &a), 0);
    struct kstat st;
    KCHECK(vfs_stat(NULL, "/ktest/attr", false, &st) == 0 && st.uid == 100000 && st.gid == 100);
    KCHECK_EQ(st.mode, S_IFREG | 0755);                          /* set-uid dropped */
    struct vattr sgid = {.valid = VA_MODE, .mode = 02775}, keep = {.valid = VA_MODE, .mode = 02745};
    struct vattr chown_none = {.valid = VA_KILL_SUID};
    KCHECK(f->ops->setattr(f, &sgid) == 0 && f->ops->setattr(f, &chown_none) == 0);
    KCHECK_EQ(mode_of("/ktest/attr", false), S_IFREG | 0775);   /* set-gid with g+x dropped */
    KCHECK(f->ops->setattr(f, &keep) == 0 && f->ops->setattr(f, &chown_none) == 0);
    KCHECK_EQ(mode_of("/ktest/attr", false), S_IFREG | 02745);  /* a locking mark stays */
    a = (struct vattr){.valid = VA_ATIME | VA_MTIME, .atime = 100, .mtime = 200};
    KCHECK_EQ(f->ops->setattr(f, &a), 0);
    KCHECK(f->ops->stat(f, &st) == 0 && st.atime == 100 && st.mtime == 200 && st.ctime > 200);
    file_put(f);
    KCHECK_EQ(vfs_symlink(NULL, "attr", "/ktest/attrlink"), 0);  /* lchown: the link itself */
    a = (struct vattr){.valid = VA_UID, .uid = 5};
    KCHECK_EQ(vfs_setattr(NULL, "/ktest/attrlink", true, &a), 0);
    KCHECK(vfs_stat(NULL, "/ktest/attrlink", true, &st) == 0 && st.uid == 5 && S_ISLNK(st.mode));
    KCHECK(vfs_stat(NULL, "/ktest/attrlink", false, &st) == 0 && st.uid == 100000);
    KCHECK_EQ(vfs_mkdir(NULL, "/ktest/attrdir", 02755), 0);      /* directories keep set-gid */
    KCHECK_EQ(vfs_setattr(NULL, "/ktest/attrdir", false, &chown_none), 0);
    KCHECK_EQ(mode_of("/ktest/attrdir", false), S_IFDIR | 02755);
    KCHECK_EQ(vfs_setattr(NULL, "/ktest/none", false, &a), -ENOENT);
    KCHECK_EQ(vfs_rmdir(NULL, "/ktest/attrdir"), 0);
    KCHECK_EQ(vfs_unlink(NULL, "/ktest/attrlink"), 0);
    KCHECK_EQ(vfs_unlink(NULL, "/ktest/attr"), 0);
    KCHECK_EQ(vfs_sync_all(), 0);
}

/* Sets the device number of a device inode, in the old 16-bit or the new 32-bit form. */
static void set_rdev(struct ext2_fs *fs, uint32_t ino, uint32_t old, uint32_t nw) {
    struct ext2_inode in;
    KCHECK_EQ(ext2_read_inode(fs, ino, &in), 0);
    in.i_block[0] = old;
    in.i_block[1] = nw;
    KCHECK_EQ(ext2_write_inode(fs, ino, &in), 0);
}

/* A character-device inode on the disk opens the devfs device with its number. */
KTEST(vfs_char_device_on_disk) {
    if (!have_root())
        return;
    struct inode *dir;
    uint32_t ino;
    KCHECK_EQ(vfs_lookup(NULL, "/ktest", false, &dir), 0);
    KCHECK_EQ(dir->sb->ops->create(dir, "zero", 4, S_IFCHR | 0666, &ino), 0);
    struct ext2_fs *fs = vfs_ext2_fs(dir->sb);
    set_rdev(fs, ino, (1 << 8) | 5, 0);                           /* 1:5, old form */
    struct kstat st;
    KCHECK(vfs_stat(NULL, "/ktest/zero", false, &st) == 0 && S_ISCHR(st.mode) &&
           vfs_dev_major(st.rdev) == 1 && vfs_dev_minor(st.rdev) == 5);
    struct file *f;
    char b[4] = {1, 1, 1, 1};
    KCHECK_EQ(vfs_open(NULL, "/ktest/zero", O_RDWR, 0, &f), 0);
    KCHECK(f->ops->read(f, b, 4) == 4 && !b[0] && !b[3] && f->ops->write(f, b, 4) == 4);
    file_put(f);
    set_rdev(fs, ino, 0, vfs_mkdev(1, 3));                        /* 1:3, new form: null */
    KCHECK_EQ(vfs_open(NULL, "/ktest/zero", O_RDONLY, 0, &f), 0);
    KCHECK_EQ(f->ops->read(f, b, 4), 0);
    file_put(f);
    set_rdev(fs, ino, 0, vfs_mkdev(200, 300));                    /* no such driver */
    KCHECK_EQ(vfs_open(NULL, "/ktest/zero", O_RDONLY, 0, &f), -ENXIO);
    iput(dir);
    KCHECK_EQ(vfs_unlink(NULL, "/ktest/zero"), 0);
    KCHECK_EQ(vfs_sync_all(), 0);
}

/* vfs_shutdown frees an unlinked file still open, unmounts and leaves the volume clean
 * (the next mount finds it so); then the root is mounted again for the other tests. */
KTEST(vfs_shutdown_leaves_volume_clean) {
    if (!have_root())
        return;
    struct inode *root = vfs_root();
    uint32_t free_inodes = ext2_super(vfs_ext2_fs(root->sb))->s_free_inodes_count;
    iput(root);
    struct file *f;
    KCHECK_EQ(vfs_open(NULL, "/ktest/orphan", O_CREAT | O_RDWR, 0600, &f), 0);
    KCHECK_EQ(f->ops->write(f, "orphan", 6), 6);
    KCHECK_EQ(vfs_unlink(NULL, "/ktest/orphan"), 0);
    KCHECK_EQ(vfs_shutdown(), 0);
    KCHECK(vfs_root() == NULL);
    struct kstat st;
    KCHECK_EQ(vfs_stat(NULL, "/ktest/known.txt", false, &st), -ENOENT);
    file_put(f);                               /* its inode was cut loose: goes quietly */
    KCHECK(vfs_mount_root());
    root = vfs_root();
    KCHECK(root != NULL);
    if (!root)
        return;
    struct ext2_fs *fs = vfs_ext2_fs(root->sb);
    KCHECK(ext2_was_clean(fs));
    KCHECK_EQ(ext2_super(fs)->s_free_inodes_count, free_inodes);
    iput(root);
    KCHECK(vfs_stat(NULL, "/ktest/known.txt", false, &st) == 0 && S_ISREG(st.mode));
}
