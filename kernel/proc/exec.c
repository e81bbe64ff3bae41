/* exec_load: build the new image completely, then switch the process over to it. */
#include "proc/exec_internal.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/files.h"
#include "proc/switch.h"
#include "proc/sched.h"
#include "proc/exit.h"
#include "arch/i386/trap.h"
#include "arch/i386/gdt.h"
#include "arch/i386/fpu.h"
#include "mm/mm.h"
#include "lib/string.h"
#include "lib/errno.h"
#include "lib/printf.h"

#define EFLAGS_USER 0x202        /* IF set, reserved bit 1 */

/* The register state a new program starts with: everything zero but the segments,
 * eip, esp and eflags (edx = 0 means "no atexit function from the loader"). */
static void start_registers(struct trapframe *tf, uint32_t entry, uint32_t sp) {
    memset(tf, 0, sizeof *tf);
    tf->cs = SEL_UCODE;
    tf->ds = tf->es = tf->ss = SEL_UDATA;
    tf->eip = entry;
    tf->esp = sp;
    tf->eflags = EFLAGS_USER;
}

/* Bytes of the argv strings at the start of args->buf. */
static uint32_t argv_bytes(const struct exec_args *args) {
    const char *s = args->buf;
    for (uint32_t i = 0; i < args->argc; i++)
        s += strlen(s) + 1;
    return (uint32_t)(s - args->buf);
}

/* Names the image in mm by its absolute path (relative ones are joined to the cwd). */
static int set_exe(struct mm *mm, const char *path, const struct exec_source *src) {
    if (path[0] == '/')
        return mm_set_exe(mm, path, src->dev, src->ino);
    char abs[PROC_EXE_MAX];
    const char *cwd = current->fs->cwd_path[0] ? current->fs->cwd_path : "/";
    snprintf(abs, sizeof abs, "%s%s%s", cwd, cwd[1] ? "/" : "", path);
    return mm_set_exe(mm, abs, src->dev, src->ino);
}

int exec_load(const char *path, struct exec_source *src, struct exec_args *args) {
    struct mm *mm = mm_create();
    if (!mm)
        return -ENOMEM;
    struct elf_image img;
    uint32_t sp = 0;
    int err = elf_load(mm, src, &img);
    if (!err)
        err = set_exe(mm, path, src);
    if (!err)
        err = exec_build_stack(mm, path, args, &img, &sp);
    if (err) {
        mm_put(mm);
        return err;
    }
    mm->brk_start = mm->brk = img.brk;

    proc_de_thread();            /* the point of no return: the other threads go */
    struct proc *p = current;
    struct mm *old = p->mm;
    p->mm = mm;
    mm_activate(mm);
    if (old)
        mm_put(old);
    files_exec(p);
    signal_exec_reset(p);
    memset(p->tls, 0, sizeof p->tls);
    p->clear_child_tid = 0;      /* the address belonged to the old image (Linux does the same) */
    p->sas_sp = p->sas_size = 0;   /* and so did the alternate signal stack */
    load_tls(p);
    proc_set_name(p, path);
    proc_set_cmdline(p, path, args->buf, argv_bytes(args));
    start_registers(p->tf, img.start, sp);
    fpu_reset_state(&p->fpu);
    fpu_restore(&p->fpu);
    p->vfork_done = true;
    wakeup(p);
    return 0;
}
