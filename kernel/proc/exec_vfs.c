/* execve's file side: the executable is opened through the VFS and read by offset. */
#include "proc/exec.h"
#include "proc/proc.h"
#include "fs/vfs.h"
#include "lib/errno.h"

#define EXEC_BITS 0111

static long file_pread(void *ctx, uint32_t off, void *buf, uint32_t len) {
    struct file *f = ctx;
    f->pos = off;
    long total = 0;
    while ((uint32_t)total < len) {
        long n = f->ops->read(f, (char *)buf + total, len - (uint32_t)total);
        if (n <= 0)
            return total ? total : n;
        total += n;
    }
    return total;
}

/* Opens path, which must be a regular file with an execute bit (EACCES otherwise, as
 * for root on Linux), and loads it. */
int do_execve(const char *path, struct exec_args *args) {
    struct file *f;
    int err = vfs_open(current->cwd, path, O_RDONLY, 0, &f);
    if (err)
        return err;
    struct kstat st;
    err = f->ops->stat ? f->ops->stat(f, &st) : -EACCES;
    if (!err && (!S_ISREG(st.mode) || !(st.mode & EXEC_BITS)))
        err = -EACCES;
    if (!err && !f->ops->read)
        err = -EACCES;
    if (!err) {
        struct exec_source src = {f, st.dev, st.ino, file_pread};
        err = exec_load(path, &src, args);
    }
    file_put(f);
    return err;
}
