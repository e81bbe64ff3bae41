/* execve's file side: the executable (and its interpreter) is opened through the VFS and
 * read by offset. */
#include "proc/exec.h"
#include "proc/proc.h"
#include "fs/vfs.h"
#include "lib/errno.h"

#define EXEC_BITS 0111

static long source_read(void *ctx, uint32_t off, void *buf, uint32_t len) {
    return file_pread(ctx, off, buf, len);
}

int exec_open(const char *path, struct exec_source *src) {
    struct file *f;
    int err = vfs_open(current->fs->cwd, path, O_RDONLY, 0, &f);
    if (err)
        return err;
    struct kstat st;
    err = f->ops->stat ? f->ops->stat(f, &st) : -EACCES;
    if (!err && (!S_ISREG(st.mode) || !(st.mode & EXEC_BITS)))
        err = -EACCES;
    if (!err && !f->ops->read)
        err = -EACCES;
    if (err) {
        file_put(f);
        return err;
    }
    *src = (struct exec_source){f, st.dev, st.ino, source_read};
    return 0;
}

void exec_close(struct exec_source *src) { file_put(src->ctx); }

int do_execve(const char *path, struct exec_args *args) {
    struct exec_source src;
    int err = exec_open(path, &src);
    if (err)
        return err;
    err = exec_load(path, &src, args);
    exec_close(&src);
    return err;
}
