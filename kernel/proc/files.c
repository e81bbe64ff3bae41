#include "proc/files.h"
#include "proc/proc.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/string.h"

int fd_install(struct proc *p, struct file *f, int min, bool cloexec) {
    struct files *fl = p->files;
    for (int fd = min < 0 ? 0 : min; fd < NOFILE; fd++) {
        if (!fl->fd[fd]) {
            fl->fd[fd] = f;
            fd_set_cloexec(p, fd, cloexec);
            return fd;
        }
    }
    return -EMFILE;
}

struct file *fd_file(struct proc *p, int fd) {
    return fd >= 0 && fd < NOFILE && p->files ? p->files->fd[fd] : NULL;
}

bool fd_cloexec(struct proc *p, int fd) { return (p->files->cloexec >> fd) & 1; }

void fd_set_cloexec(struct proc *p, int fd, bool on) {
    if (on)
        p->files->cloexec |= 1ull << fd;
    else
        p->files->cloexec &= ~(1ull << fd);
}

int fd_close(struct proc *p, int fd) {
    struct file *f = fd_file(p, fd);
    if (!f)
        return -EBADF;
    p->files->fd[fd] = NULL;
    fd_set_cloexec(p, fd, false);
    file_put(f);
    return 0;
}

/* A private copy of fl: every open file gets one more reference. */
static struct files *files_copy(const struct files *fl) {
    struct files *n = kmalloc(sizeof *n);
    if (!n)
        return NULL;
    memset(n, 0, sizeof *n);
    n->ref = 1;
    for (int fd = 0; fd < NOFILE; fd++)
        if (fl && fl->fd[fd])
            n->fd[fd] = file_get(fl->fd[fd]);
    n->cloexec = fl ? fl->cloexec : 0;
    return n;
}

static struct fs_info *fs_copy(const struct fs_info *fs) {
    struct fs_info *n = kmalloc(sizeof *n);
    if (!n)
        return NULL;
    memset(n, 0, sizeof *n);
    n->ref = 1;
    if (fs) {
        n->cwd = fs->cwd ? igrab(fs->cwd) : NULL;
        memcpy(n->cwd_path, fs->cwd_path, sizeof n->cwd_path);
    }
    return n;
}

int files_new(struct proc *p) {
    p->files = files_copy(NULL);
    p->fs = fs_copy(NULL);
    if (p->files && p->fs)
        return 0;
    files_put(p);
    fs_put(p);
    return -ENOMEM;
}

int files_fork(struct proc *parent, struct proc *child, bool share_files, bool share_fs) {
    if (share_files) {
        child->files = parent->files;
        child->files->ref++;
    } else {
        child->files = files_copy(parent->files);
    }
    if (share_fs) {
        child->fs = parent->fs;
        child->fs->ref++;
    } else {
        child->fs = fs_copy(parent->fs);
    }
    if (child->files && child->fs)
        return 0;
    files_put(child);
    fs_put(child);
    return -ENOMEM;
}

void files_exec(struct proc *p) {
    if (p->files->ref > 1) {
        struct files *n = files_copy(p->files);
        if (n) {
            files_put(p);
            p->files = n;
        }
    }
    for (int fd = 0; fd < NOFILE; fd++)
        if (fd_cloexec(p, fd))
            fd_close(p, fd);
}

void files_put(struct proc *p) {
    struct files *fl = p->files;
    if (!fl)
        return;
    if (--fl->ref == 0) {
        for (int fd = 0; fd < NOFILE; fd++)
            if (fl->fd[fd])
                fd_close(p, fd);
        kfree(fl);
    }
    p->files = NULL;
}

void fs_put(struct proc *p) {
    struct fs_info *fs = p->fs;
    if (!fs)
        return;
    if (--fs->ref == 0) {
        if (fs->cwd)
            iput(fs->cwd);
        kfree(fs);
    }
    p->fs = NULL;
}
