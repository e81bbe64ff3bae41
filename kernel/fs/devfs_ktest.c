/* In-kernel tests of /dev through the VFS (no disk needed): stat with Linux's numbers,
 * what each memory device reads and writes, the listing, the refusals, chmod. */
#include "test/ktest.h"
#include "fs/vfs.h"
#include "fs/devfs.h"
#include "fs/dirent.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/string.h"

static const struct { const char *path; uint32_t major, minor, perm; } devices[] = {
    {"/dev/null", 1, 3, 0666}, {"/dev/zero", 1, 5, 0666}, {"/dev/full", 1, 7, 0666},
    {"/dev/random", 1, 8, 0666}, {"/dev/urandom", 1, 9, 0666}, {"/dev/tty", 5, 0, 0666},
    {"/dev/console", 5, 1, 0620},
};
#define NDEVICES (sizeof devices / sizeof devices[0])

KTEST(devfs_stat_shows_linux_device_numbers) {
    struct kstat st;
    for (unsigned i = 0; i < NDEVICES; i++) {
        KCHECK_EQ(vfs_stat(NULL, devices[i].path, false, &st), 0);
        KCHECK_EQ(st.mode, S_IFCHR | devices[i].perm);
        KCHECK_EQ(vfs_dev_major(st.rdev), devices[i].major);
        KCHECK_EQ(vfs_dev_minor(st.rdev), devices[i].minor);
    }
    KCHECK(vfs_stat(NULL, "//dev/", false, &st) == 0 && S_ISDIR(st.mode) && st.nlink == 2);
    KCHECK_EQ(vfs_stat(NULL, "/dev/nope", false, &st), -ENOENT);
    KCHECK_EQ(vfs_stat(NULL, "/dev/null/x", false, &st), -ENOTDIR);
    KCHECK_EQ(vfs_stat(NULL, "/device", false, &st), -ENOENT);   /* not under /dev */
}

/* Opens path, then reads or writes n bytes once; the result. */
static long once(const char *path, bool write, void *buf, size_t n) {
    struct file *f;
    int err = vfs_open(NULL, path, write ? O_WRONLY : O_RDONLY, 0, &f);
    if (err)
        return err;
    long r = write ? f->ops->write(f, buf, n) : f->ops->read(f, buf, n);
    file_put(f);
    return r;
}

KTEST(devfs_memory_devices) {
    uint8_t *buf = kmalloc(512);
    memset(buf, 0xaa, 512);
    KCHECK_EQ(once("/dev/null", false, buf, 512), 0);            /* EOF */
    KCHECK_EQ(once("/dev/null", true, buf, 512), 512);           /* vanishes */
    KCHECK_EQ(once("/dev/zero", false, buf, 512), 512);
    KCHECK(buf[0] == 0 && buf[511] == 0);
    KCHECK_EQ(once("/dev/zero", true, buf, 512), 512);
    KCHECK_EQ(once("/dev/full", true, buf, 512), -ENOSPC);
    memset(buf, 0xaa, 512);
    KCHECK(once("/dev/full", false, buf, 512) == 512 && buf[100] == 0);
    memset(buf, 0, 512);
    KCHECK_EQ(once("/dev/urandom", false, buf, 512), 512);
    int nonzero = 0;
    for (int i = 0; i < 512; i++)
        nonzero += buf[i] != 0;
    KCHECK(nonzero > 400);                                       /* random, not zeros */
    KCHECK_EQ(once("/dev/random", false, buf, 16), 16);
    KCHECK_EQ(once("/dev/random", true, buf, 16), 16);
    struct file *f;                                               /* the console tty */
    KCHECK_EQ(vfs_open(NULL, "/dev/tty", O_RDWR | O_NOCTTY, 0, &f), 0);
    struct kstat st;
    KCHECK(f->ops->stat(f, &st) == 0 && S_ISCHR(st.mode) && vfs_dev_major(st.rdev) == 5);
    KCHECK(f->ops->ioctl != NULL);
    file_put(f);
    KCHECK_EQ(devfs_open_rdev(vfs_mkdev(1, 5), O_RDONLY, &f), 0); /* a node on disk */
    KCHECK(f->ops->read(f, buf, 8) == 8 && buf[0] == 0);
    file_put(f);
    KCHECK_EQ(devfs_open_rdev(vfs_mkdev(9, 9), O_RDONLY, &f), -ENXIO);
    kfree(buf);
}

struct seen {
    int count;
    bool null, console, dot;
};

KTEST(devfs_lists_and_refuses_changes) {
    struct file *f;
    KCHECK_EQ(vfs_open(NULL, "/dev", O_RDONLY | O_DIRECTORY, 0, &f), 0);
    char *buf = kmalloc(1024);
    struct seen s = {0};
    long n;
    while ((n = f->ops->getdents(f, buf, 64)) > 0)              /* a few records per call */
        for (long off = 0; off < n;) {
            uint16_t reclen;
            memcpy(&reclen, buf + off + 16, sizeof reclen);
            const char *name = buf + off + 19;
            s.count++;
            s.null |= !strcmp(name, "null") && buf[off + 18] == DT_CHR;
            s.console |= !strcmp(name, "console");
            s.dot |= !strcmp(name, ".");
            off += reclen;
        }
    KCHECK_EQ(n, 0);
    KCHECK(s.count == (int)NDEVICES + 2 && s.null && s.console && s.dot);
    KCHECK_EQ(f->ops->lseek(f, 0, SEEK_SET), 0);
    KCHECK(f->ops->getdents(f, buf, 1024) > 0);                  /* rewound */
    file_put(f);
    kfree(buf);
    KCHECK_EQ(vfs_open(NULL, "/dev", O_WRONLY, 0, &f), -EISDIR);
    KCHECK_EQ(vfs_open(NULL, "/dev/null", O_RDONLY | O_DIRECTORY, 0, &f), -ENOTDIR);
    KCHECK_EQ(vfs_open(NULL, "/dev/null", O_WRONLY | O_CREAT | O_EXCL, 0644, &f), -EEXIST);
    KCHECK_EQ(vfs_open(NULL, "/dev/newfile", O_WRONLY | O_CREAT, 0644, &f), -EACCES);
    KCHECK_EQ(vfs_open(NULL, "/dev/nope", O_RDONLY, 0, &f), -ENOENT);
    KCHECK_EQ(vfs_open(NULL, "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644, &f), 0); /* > /dev/null */
    file_put(f);
    KCHECK_EQ(vfs_mkdir(NULL, "/dev/d", 0755), -EPERM);
    KCHECK_EQ(vfs_unlink(NULL, "/dev/null"), -EPERM);
    KCHECK_EQ(vfs_rename(NULL, "/dev/zero", "/dev/zero2"), -EPERM);
    KCHECK_EQ(vfs_symlink(NULL, "x", "/dev/l"), -EPERM);
    KCHECK_EQ(vfs_truncate(NULL, "/dev/null", 0), -EINVAL);
    char c;
    KCHECK_EQ(vfs_readlink(NULL, "/dev/null", &c, 1), -EINVAL);
}

KTEST(devfs_chmod_chown_touch) {
    struct kstat st;
    struct vattr a = {.valid = VA_MODE | VA_UID | VA_MTIME, .mode = 04600, .uid = 7, .mtime = 1234};
    KCHECK_EQ(vfs_setattr(NULL, "/dev/zero", false, &a), 0);
    KCHECK(vfs_stat(NULL, "/dev/zero", false, &st) == 0 && st.mode == (S_IFCHR | 04600) &&
           st.uid == 7 && st.mtime == 1234);
    struct file *f;
    struct vattr chown = {.valid = VA_UID | VA_KILL_SUID, .uid = 0};
    KCHECK_EQ(vfs_open(NULL, "/dev/zero", O_RDONLY, 0, &f), 0);
    KCHECK(f->ops->setattr && f->ops->setattr(f, &chown) == 0);  /* fchown drops set-uid */
    file_put(f);
    KCHECK(vfs_stat(NULL, "/dev/zero", false, &st) == 0 && st.mode == (S_IFCHR | 0600) && st.uid == 0);
    struct vattr back = {.valid = VA_MODE, .mode = 0666};
    KCHECK_EQ(vfs_setattr(NULL, "/dev/zero", false, &back), 0);
    KCHECK_EQ(vfs_setattr(NULL, "/dev/nope", false, &back), -ENOENT);
    KCHECK_EQ(vfs_setattr(NULL, "/proc/meminfo", false, &back), -EPERM);
}
