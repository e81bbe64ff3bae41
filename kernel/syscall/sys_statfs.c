/* statfs64/fstatfs64 (i386: the struct size is an argument and must be 84) and the old
 * 32-bit statfs/fstatfs (Linux's struct statfs64 and struct statfs for i386,
 * arch/x86/include/uapi/asm/statfs.h via asm-generic). */
#include "syscall/syscall.h"
#include "syscall/upath.h"
#include "syscall/sys_decls.h"
#include "proc/proc.h"
#include "proc/files.h"
#include "fs/vfs.h"
#include "mm/uaccess.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/string.h"

struct statfs64_abi {
    uint32_t f_type, f_bsize;
    uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
};
_Static_assert(sizeof(struct statfs64_abi) == 84, "struct statfs64 is 84 bytes on i386");

struct statfs_abi {
    uint32_t f_type, f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    uint32_t f_namelen, f_frsize, f_flags, f_spare[4];
};

static uint32_t clamp32(uint64_t v) { return v > 0xffffffffu ? 0xffffffffu : (uint32_t)v; }

static long put_statfs(const struct kstatfs *k, u32 ubuf, bool wide) {
    if (wide) {
        struct statfs64_abi s = {k->type, k->bsize, k->blocks, k->bfree, k->bavail, k->files,
                                 k->ffree, {0, 0}, k->namelen, k->bsize, 0, {0}};
        return copy_to_user((void *)ubuf, &s, sizeof s);
    }
    struct statfs_abi s = {k->type, k->bsize, clamp32(k->blocks), clamp32(k->bfree),
                           clamp32(k->bavail), clamp32(k->files), clamp32(k->ffree),
                           {0, 0}, k->namelen, k->bsize, 0, {0}};
    return copy_to_user((void *)ubuf, &s, sizeof s);
}

static long statfs_path(u32 upath, u32 ubuf, bool wide) {
    char *path = kmalloc(PATH_MAX);
    if (!path)
        return -ENOMEM;
    struct inode *base;
    struct kstatfs st;
    int err = upath_copy(upath, path);
    if (!err)
        err = upath_base(AT_FDCWD, path, &base);
    if (!err)
        err = vfs_statfs(base, path, &st);
    kfree(path);
    return err ? err : put_statfs(&st, ubuf, wide);
}

static long statfs_fd(u32 fd, u32 ubuf, bool wide) {
    struct file *f = fd_file(current, (int)fd);
    if (!f)
        return -EBADF;
    struct kstatfs st;
    int err = vfs_fstatfs(f, &st);
    return err ? err : put_statfs(&st, ubuf, wide);
}

long sys_statfs64(u32 upath, u32 size, u32 ubuf) {
    return size == sizeof(struct statfs64_abi) ? statfs_path(upath, ubuf, true) : -EINVAL;
}
long sys_fstatfs64(u32 fd, u32 size, u32 ubuf) {
    return size == sizeof(struct statfs64_abi) ? statfs_fd(fd, ubuf, true) : -EINVAL;
}
long sys_statfs(u32 upath, u32 ubuf) { return statfs_path(upath, ubuf, false); }
long sys_fstatfs(u32 fd, u32 ubuf) { return statfs_fd(fd, ubuf, false); }
