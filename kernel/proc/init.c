#include "proc/init.h"
#include "proc/proc.h"
#include "proc/fork.h"
#include "proc/exec.h"
#include "proc/exit.h"
#include "proc/files.h"
#include "proc/signal.h"
#include "core/cmdline.h"
#include "drivers/tty.h"
#include "fs/file.h"
#include "fs/vfs.h"
#include "arch/i386/qemu.h"
#include "arch/i386/fpu.h"
#include "lib/printf.h"
#include "lib/string.h"
#include "lib/panic.h"

#define INIT_ARGS_MAX 16
#define DEFAULT_INIT "/bin/init"
#define FALLBACK_INIT "/bin/sh"

static const char *const init_env[] = {"HOME=/", "PATH=/bin:/usr/bin:/host", "TERM=vt100", NULL};
static char init_args_buf[256];

/* init's argv: the program, then the words after `--` on the command line. */
static int init_argv(const char *path, const char **argv) {
    int argc = 0;
    argv[argc++] = path;
    const char *rest = cmdline_rest();
    strlcpy(init_args_buf, rest ? rest : "", sizeof init_args_buf);
    for (char *p = init_args_buf; *p && argc < INIT_ARGS_MAX - 1;) {
        while (*p == ' ')
            *p++ = 0;
        if (!*p)
            break;
        argv[argc++] = p;
        while (*p && *p != ' ')
            p++;
    }
    argv[argc] = NULL;
    return argc;
}

static void init_exited(int status) {
    bool signaled = (status & 0x7f) != 0;
    int code = signaled ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
    kprintf("init: exited with status %d%s\n", code, signaled ? " (killed by a signal)" : "");
    vfs_shutdown(); /* sync and unmount: the volumes are left clean */
    machine_poweroff_status(code);
}

static int try_exec(const char *path) {
    const char *argv[INIT_ARGS_MAX];
    init_argv(path, argv);
    struct exec_args args;
    int err = exec_args_from_kernel(&args, argv, init_env);
    if (!err) {
        err = do_execve(path, &args);
        exec_args_free(&args);
    }
    return err;
}

/* Runs in init's own context on its first switch-in: stdin, stdout and stderr on the
 * console tty, the root as cwd, then exec. */
static void init_main(void) {
    for (int fd = 0; fd < 3; fd++) {
        struct file *f = tty_open(O_RDWR);
        KASSERT(f && fd_install(current, f, fd, false) == fd, "init: no console fd %d", fd);
    }
    current->fs->cwd = vfs_root();
    const char *path = cmdline_get("init");
    int err = try_exec(path && *path ? path : DEFAULT_INIT);
    if (err && !(path && *path)) {
        kprintf("init: %s: error %d, trying %s\n", DEFAULT_INIT, err, FALLBACK_INIT);
        err = try_exec(FALLBACK_INIT);
    }
    if (err) {
        kprintf("init: cannot run %s: error %d\n", path && *path ? path : FALLBACK_INIT, err);
        machine_poweroff_status(127);
    }
}

void init_start(void) {
    struct proc *p = proc_alloc();
    KASSERT(p, "no process slot for init");
    KASSERT(!files_new(p) && !sighand_new(p), "no memory for init");
    init_proc = p;
    p->pgid = p->sid = p->pid;
    proc_set_name(p, "init");
    fpu_reset_state(&p->fpu);
    proc_prepare_stack(p, init_main);
    init_exit_hook = init_exited;
    p->state = P_RUNNABLE;
}
