#include "syscall/syscall.h"
#include "proc/proc.h"
#include "proc/files.h"
#include "fs/file.h"
#include "fs/pipe.h"
#include "mm/uaccess.h"
#include "lib/errno.h"

/* pipe2(fds, flags): two new fds, read end first; flags O_CLOEXEC and O_NONBLOCK. */
long sys_pipe2(u32 ufds, u32 flags) {
    if (flags & ~(O_CLOEXEC | O_NONBLOCK))
        return -EINVAL;
    struct file *r, *w;
    int err = pipe_create(&r, &w, flags);
    if (err)
        return err;
    int fds[2] = {fd_install(current, r, 0, flags & O_CLOEXEC), -1};
    if (fds[0] >= 0)
        fds[1] = fd_install(current, w, 0, flags & O_CLOEXEC);
    if (fds[1] < 0 || copy_to_user((void *)ufds, fds, sizeof fds)) {
        err = fds[1] < 0 ? -EMFILE : -EFAULT;
        if (fds[0] >= 0)
            fd_close(current, fds[0]);
        else
            file_put(r);
        if (fds[1] >= 0)
            fd_close(current, fds[1]);
        else
            file_put(w);
        return err;
    }
    return 0;
}

long sys_pipe(u32 ufds) { return sys_pipe2(ufds, 0); }
