/* File-descriptor system calls that need no path: read, write and their vector forms,
 * close, dup family, fcntl, ioctl, lseek. User buffers are bounced through a kernel
 * page, chunk by chunk; a short transfer ends the loop as it does on Linux. */
#include "syscall/syscall.h"
#include "proc/proc.h"
#include "proc/files.h"
#include "fs/file.h"
#include "mm/uaccess.h"
#include "mm/kheap.h"
#include "mm/page.h"
#include "lib/errno.h"
#include "lib/string.h"

#define IOV_MAX 1024
#define RW_MAX 0x7ffff000u      /* Linux's MAX_RW_COUNT */

struct iovec32 {
    uint32_t base, len;
};

/* Moves up to len bytes between the file and user memory at ubuf. */
static long transfer(struct file *f, uint32_t ubuf, size_t len, bool write) {
    if (len > RW_MAX)
        len = RW_MAX;
    if (!access_ok((void *)ubuf, len))
        return -EFAULT;
    char *k = kmalloc(PAGE_SIZE);
    if (!k)
        return -ENOMEM;
    long total = 0;
    while ((size_t)total < len) {
        size_t chunk = len - total < PAGE_SIZE ? len - total : PAGE_SIZE;
        long n;
        if (write) {
            n = copy_from_user(k, (void *)(ubuf + total), chunk) ? -EFAULT : f->ops->write(f, k, chunk);
        } else {
            n = f->ops->read(f, k, chunk);
            if (n > 0 && copy_to_user((void *)(ubuf + total), k, (size_t)n))
                n = -EFAULT;
        }
        if (n < 0) {
            if (!total)
                total = n;
            break;
        }
        total += n;
        if ((size_t)n < chunk)
            break;
    }
    kfree(k);
    return total;
}

static long rw(u32 fd, u32 ubuf, u32 len, bool write) {
    struct file *f = fd_file(current, (int)fd);
    if (!f)
        return -EBADF;
    if (write ? !file_writable(f) : !file_readable(f))
        return -EBADF;
    if (write ? !f->ops->write : !f->ops->read)
        return f->ops->getdents ? -EISDIR : -EINVAL;
    if (!len)
        return 0;
    return transfer(f, ubuf, len, write);
}

long sys_read(u32 fd, u32 buf, u32 len) { return rw(fd, buf, len, false); }
long sys_write(u32 fd, u32 buf, u32 len) { return rw(fd, buf, len, true); }

/* pread64/pwrite64 (i386: the offset in two registers): a transfer at an offset that
 * leaves the file position alone. Only seekable files; O_APPEND writes still append,
 * as on Linux. */
static long prw(u32 fd, u32 ubuf, u32 len, u32 lo, u32 hi, bool write) {
    struct file *f = fd_file(current, (int)fd);
    if (!f)
        return -EBADF;
    if (!f->ops->lseek)
        return -ESPIPE;
    int64_t off = (int64_t)(((uint64_t)hi << 32) | lo);
    if (off < 0)
        return -EINVAL;
    uint64_t saved = f->pos;
    f->pos = (uint64_t)off;
    long r = rw(fd, ubuf, len, write);
    f->pos = saved;
    return r;
}

long sys_pread64(u32 fd, u32 buf, u32 len, u32 lo, u32 hi) { return prw(fd, buf, len, lo, hi, false); }
long sys_pwrite64(u32 fd, u32 buf, u32 len, u32 lo, u32 hi) { return prw(fd, buf, len, lo, hi, true); }

static long rwv(u32 fd, u32 uiov, u32 cnt, bool write) {
    if (cnt > IOV_MAX)
        return -EINVAL;
    long total = 0;
    for (u32 i = 0; i < cnt; i++) {
        struct iovec32 v;
        if (copy_from_user(&v, (void *)(uiov + i * sizeof v), sizeof v))
            return total ? total : -EFAULT;
        if (!v.len)
            continue;
        long n = rw(fd, v.base, v.len, write);
        if (n < 0)
            return total ? total : n;
        total += n;
        if ((u32)n < v.len)
            break;
    }
    return total;
}

long sys_readv(u32 fd, u32 iov, u32 cnt) { return rwv(fd, iov, cnt, false); }
long sys_writev(u32 fd, u32 iov, u32 cnt) { return rwv(fd, iov, cnt, true); }

long sys_close(u32 fd) { return fd_close(current, (int)fd); }

long sys_dup(u32 fd) {
    struct file *f = fd_file(current, (int)fd);
    if (!f)
        return -EBADF;
    int nfd = fd_install(current, file_get(f), 0, false);
    if (nfd < 0)
        file_put(f);
    return nfd;
}

/* dup3's core: newfd is closed first if open; same fd is allowed only for dup2. */
static long dup_to(u32 oldfd, u32 newfd, bool cloexec, bool is_dup3) {
    struct file *f = fd_file(current, (int)oldfd);
    if (!f)
        return -EBADF;
    if (newfd >= NOFILE)
        return -EBADF;
    if (oldfd == newfd)
        return is_dup3 ? -EINVAL : (long)newfd;
    file_get(f);
    if (fd_file(current, (int)newfd))
        fd_close(current, (int)newfd);
    return fd_install(current, f, (int)newfd, cloexec);
}

long sys_dup2(u32 oldfd, u32 newfd) { return dup_to(oldfd, newfd, false, false); }
long sys_dup3(u32 oldfd, u32 newfd, u32 flags) {
    if (flags & ~O_CLOEXEC)
        return -EINVAL;
    return dup_to(oldfd, newfd, flags & O_CLOEXEC, true);
}

#define SETFL_MASK (O_APPEND | O_NONBLOCK)

long sys_fcntl(u32 fd, u32 cmd, u32 arg) {
    struct file *f = fd_file(current, (int)fd);
    if (!f)
        return -EBADF;
    int nfd;
    switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        if (arg >= NOFILE)
            return -EINVAL;
        nfd = fd_install(current, file_get(f), (int)arg, cmd == F_DUPFD_CLOEXEC);
        if (nfd < 0)
            file_put(f);
        return nfd;
    case F_GETFD:
        return fd_cloexec(current, (int)fd) ? FD_CLOEXEC : 0;
    case F_SETFD:
        fd_set_cloexec(current, (int)fd, arg & FD_CLOEXEC);
        return 0;
    case F_GETFL:
        return f->flags & ~O_CLOEXEC;
    case F_SETFL:
        f->flags = (f->flags & ~SETFL_MASK) | (arg & SETFL_MASK);
        return 0;
    default:
        return -EINVAL;
    }
}

long sys_ioctl(u32 fd, u32 cmd, u32 arg) {
    struct file *f = fd_file(current, (int)fd);
    if (!f)
        return -EBADF;
    return f->ops->ioctl ? f->ops->ioctl(f, cmd, arg) : -ENOTTY;
}

long sys_lseek(u32 fd, u32 off, u32 whence) {
    struct file *f = fd_file(current, (int)fd);
    if (!f)
        return -EBADF;
    if (!f->ops->lseek)
        return -ESPIPE;
    if (whence > SEEK_END)
        return -EINVAL;
    long long r = f->ops->lseek(f, (long long)(int32_t)off, (int)whence);
    if (r > 0x7fffffffLL)
        return -EOVERFLOW;
    return (long)r;
}

long sys_llseek(u32 fd, u32 hi, u32 lo, u32 uresult, u32 whence) {
    struct file *f = fd_file(current, (int)fd);
    if (!f)
        return -EBADF;
    if (!f->ops->lseek)
        return -ESPIPE;
    if (whence > SEEK_END)
        return -EINVAL;
    long long r = f->ops->lseek(f, (long long)(((uint64_t)hi << 32) | lo), (int)whence);
    if (r < 0)
        return (long)r;
    return copy_to_user((void *)uresult, &r, sizeof r);
}
