#include "proc/files.h"
#include "proc/proc.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "lib/errno.h"
#include "lib/string.h"

int fd_install(struct proc *p, struct file *f, int min, bool cloexec) {
    for (int fd = min < 0 ? 0 : min; fd < NOFILE; fd++) {
        if (!p->files[fd]) {
            p->files[fd] = f;
            if (cloexec)
                p->cloexec |= 1ull << fd;
            else
                p->cloexec &= ~(1ull << fd);
            return fd;
        }
    }
    return -EMFILE;
}

struct file *fd_file(struct proc *p, int fd) {
    return fd >= 0 && fd < NOFILE ? p->files[fd] : NULL;
}

int fd_close(struct proc *p, int fd) {
    struct file *f = fd_file(p, fd);
    if (!f)
        return -EBADF;
    p->files[fd] = NULL;
    p->cloexec &= ~(1ull << fd);
    file_put(f);
    return 0;
}

void files_fork(struct proc *parent, struct proc *child) {
    for (int fd = 0; fd < NOFILE; fd++)
        if (parent->files[fd])
            child->files[fd] = file_get(parent->files[fd]);
    child->cloexec = parent->cloexec;
    child->cwd = parent->cwd ? igrab(parent->cwd) : NULL;
    memcpy(child->cwd_path, parent->cwd_path, sizeof child->cwd_path);
}

void files_exec(struct proc *p) {
    for (int fd = 0; fd < NOFILE; fd++)
        if (p->cloexec & (1ull << fd))
            fd_close(p, fd);
}

void files_close_all(struct proc *p) {
    for (int fd = 0; fd < NOFILE; fd++)
        if (p->files[fd])
            fd_close(p, fd);
}

void files_put_cwd(struct proc *p) {
    iput(p->cwd);
    p->cwd = NULL;
}
