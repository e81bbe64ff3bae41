#include "proc/sigframe.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/exit.h"
#include "arch/i386/trap.h"
#include "arch/i386/gdt.h"
#include "mm/uaccess.h"
#include "lib/string.h"

#define NR_SIGRETURN 119
#define NR_RT_SIGRETURN 173
#define FRAME_ALIGN 16
#define FPSTATE_32_SIZE 624        /* struct _fpstate_32: space kept, never filled */
#define SIGINFO_SIZE 128
#define SI_KERNEL 0x80
#define SEGV_MAPERR 1
#define EFLAGS_USER_CHANGEABLE 0x00044dd5   /* CF PF AF ZF SF TF DF OF NT AC: Linux's FIX_EFLAGS */

struct sigcontext32 {
    uint32_t gs, fs, es, ds, edi, esi, ebp, esp, ebx, edx, ecx, eax;
    uint32_t trapno, err, eip, cs, eflags, esp_at_signal, ss, fpstate, oldmask, cr2;
};

struct siginfo32 {
    int32_t si_signo, si_errno, si_code;
    uint32_t si_addr;                    /* the union's first field for faults */
    uint8_t rest[SIGINFO_SIZE - 16];
};

struct ucontext32 {
    uint32_t uc_flags, uc_link;
    uint32_t ss_sp, ss_flags, ss_size;
    struct sigcontext32 uc_mcontext;
    uint64_t uc_sigmask;
};

struct sigframe32 {
    uint32_t pretcode;
    int32_t sig;
    struct sigcontext32 sc;
    uint8_t fpstate_unused[FPSTATE_32_SIZE];
    uint32_t extramask;
    uint8_t retcode[8];
};

struct rt_sigframe32 {
    uint32_t pretcode;
    int32_t sig;
    uint32_t pinfo, puc;
    struct siginfo32 info;
    struct ucontext32 uc;
    uint8_t retcode[8];
};

static void save_context(struct sigcontext32 *sc, const struct trapframe *tf, uint64_t mask,
                         uint32_t cr2) {
    *sc = (struct sigcontext32){
        tf->gs, tf->fs, tf->es, tf->ds, tf->edi, tf->esi, tf->ebp, tf->esp, tf->ebx,
        tf->edx, tf->ecx, tf->eax, tf->vector, tf->err, tf->eip, tf->cs, tf->eflags,
        tf->esp, tf->ss, 0, (uint32_t)mask, cr2};
}

/* "mov $nr, %eax; int $0x80": the return trampoline for handlers without a restorer. */
static void put_retcode(uint8_t *code, uint32_t nr) {
    const uint8_t tmpl[8] = {0xb8, (uint8_t)nr, (uint8_t)(nr >> 8), 0, 0, 0xcd, 0x80, 0};
    memcpy(code, tmpl, sizeof tmpl);
}

/* The frame's user address: below the interrupted esp, aligned so that the handler
 * sees esp + 4 on a 16-byte boundary, as after a call. */
static uint32_t frame_address(const struct trapframe *tf, const struct k_sigaction *ka,
                              uint32_t size) {
    uint32_t top = tf->esp;
    if ((ka->flags & SA_ONSTACK) && current->sas_size && !on_sigaltstack(current, tf->esp))
        top = current->sas_sp + current->sas_size;   /* sigaltstack(2) */
    return ((top - size + 4) & ~(uint32_t)(FRAME_ALIGN - 1)) - 4;
}

static void enter_handler(struct trapframe *tf, uint32_t sp, uint32_t handler) {
    tf->esp = sp;
    tf->eip = handler;
    tf->cs = SEL_UCODE;
    tf->ds = tf->es = tf->ss = SEL_UDATA;
    tf->eflags &= ~0x100u;     /* TF: the handler does not single-step */
}

static bool setup_plain(struct trapframe *tf, int sig, const struct k_sigaction *ka,
                        uint64_t mask, uint32_t cr2) {
    struct sigframe32 f;
    memset(&f, 0, sizeof f);
    uint32_t sp = frame_address(tf, ka, sizeof f);
    f.sig = sig;
    save_context(&f.sc, tf, mask, cr2);
    f.extramask = (uint32_t)(mask >> 32);
    put_retcode(f.retcode, NR_SIGRETURN);
    f.pretcode = (ka->flags & SA_RESTORER) ? ka->restorer : sp + offsetof(struct sigframe32, retcode);
    if (copy_to_user((void *)sp, &f, sizeof f))
        return false;
    enter_handler(tf, sp, ka->handler);
    tf->eax = (uint32_t)sig;
    tf->edx = tf->ecx = 0;
    return true;
}

static bool setup_rt(struct trapframe *tf, int sig, const struct k_sigaction *ka,
                     uint64_t mask, uint32_t cr2) {
    struct rt_sigframe32 f;
    memset(&f, 0, sizeof f);
    uint32_t sp = frame_address(tf, ka, sizeof f);
    f.sig = sig;
    f.pinfo = sp + offsetof(struct rt_sigframe32, info);
    f.puc = sp + offsetof(struct rt_sigframe32, uc);
    f.info.si_signo = sig;
    f.info.si_code = cr2 ? SEGV_MAPERR : SI_KERNEL;
    f.info.si_addr = cr2;
    save_context(&f.uc.uc_mcontext, tf, mask, cr2);
    f.uc.uc_sigmask = mask;
    put_retcode(f.retcode, NR_RT_SIGRETURN);
    f.pretcode = (ka->flags & SA_RESTORER) ? ka->restorer : sp + offsetof(struct rt_sigframe32, retcode);
    if (copy_to_user((void *)sp, &f, sizeof f))
        return false;
    enter_handler(tf, sp, ka->handler);
    tf->eax = (uint32_t)sig;
    tf->edx = f.pinfo;
    tf->ecx = f.puc;
    return true;
}

bool sigframe_setup(struct trapframe *tf, int sig, const struct k_sigaction *ka,
                    uint64_t old_mask, uint32_t fault_addr) {
    return ka->flags & SA_SIGINFO ? setup_rt(tf, sig, ka, old_mask, fault_addr)
                                  : setup_plain(tf, sig, ka, old_mask, fault_addr);
}

/* Puts saved registers back, keeping the privilege-relevant ones user-safe. */
static void restore_context(struct trapframe *tf, const struct sigcontext32 *sc) {
    tf->edi = sc->edi, tf->esi = sc->esi, tf->ebp = sc->ebp, tf->esp = sc->esp;
    tf->ebx = sc->ebx, tf->edx = sc->edx, tf->ecx = sc->ecx, tf->eax = sc->eax;
    tf->eip = sc->eip;
    tf->eflags = (tf->eflags & ~EFLAGS_USER_CHANGEABLE) | (sc->eflags & EFLAGS_USER_CHANGEABLE);
    tf->cs = SEL_UCODE;
    tf->ss = tf->ds = tf->es = SEL_UDATA;
    tf->fs = sc->fs & 0xffff;
    tf->gs = sc->gs & 0xffff;
    if ((tf->fs & 3) != 3) tf->fs = 0;   /* only ring-3 selectors (or null) */
    if ((tf->gs & 3) != 3) tf->gs = 0;
}

long sigframe_return(struct trapframe *tf, bool rt) {
    uint64_t mask;
    if (rt) {
        struct rt_sigframe32 f;
        if (copy_from_user(&f, (void *)(tf->esp - 4), sizeof f))
            proc_exit_signal(SIGSEGV);
        restore_context(tf, &f.uc.uc_mcontext);
        mask = f.uc.uc_sigmask;
    } else {
        struct sigframe32 f;
        if (copy_from_user(&f, (void *)(tf->esp - 8), sizeof f))
            proc_exit_signal(SIGSEGV);
        restore_context(tf, &f.sc);
        mask = f.sc.oldmask | ((uint64_t)f.extramask << 32);
    }
    current->sig_blocked = mask & ~(sigbit(SIGKILL) | sigbit(SIGSTOP));
    return (long)tf->eax;
}
