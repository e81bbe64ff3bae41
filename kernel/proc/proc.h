/* Processes: the table, the current process, and the life cycle states.
 * One CPU; the kernel is not preemptible (a timer tick only switches tasks when it
 * interrupts user mode), so kernel data needs irq_save() only against IRQ handlers. */
#ifndef PROC_PROC_H
#define PROC_PROC_H
#include <stdint.h>
#include <stdbool.h>
#include "lib/list.h"
#include "arch/i386/gdt.h"
#include "arch/i386/fpu.h"

#define NPROC        64      /* process limit: fork beyond it fails with EAGAIN */
#define PROC_NAME_MAX 16
#define NOFILE       64      /* open files per process: beyond it EMFILE */
#define NSIG         64
#define KSTACK_CANARY 0x57ac4ca7u   /* the lowest word of every kernel stack */
#define PROC_EXE_MAX 256
#define PROC_CWD_MAX 512       /* getcwd text; chdir deeper fails with ENAMETOOLONG */
#define PROC_CMDLINE_MAX 4096  /* /proc/PID/cmdline shows at most this much */

enum proc_state { P_UNUSED, P_EMBRYO, P_RUNNABLE, P_RUNNING, P_SLEEPING, P_ZOMBIE };

struct mm;
struct file;
struct inode;
struct trapframe;

struct k_sigaction {
    uint32_t handler;        /* SIG_DFL 0, SIG_IGN 1, or a user address */
    uint32_t flags;
    uint32_t restorer;
    uint64_t mask;
};

/* The signal dispositions, shared by the threads of a group (CLONE_SIGHAND). */
struct sighand {
    int ref;
    struct k_sigaction action[NSIG];
};

/* The open files: fds and their close-on-exec bits, shared under CLONE_FILES. */
struct files {
    int ref;
    struct file *fd[NOFILE];
    uint64_t cloexec;            /* bit n: fd n closes on exec */
};

/* The working directory, shared under CLONE_FS. */
struct fs_info {
    int ref;
    struct inode *cwd;
    char cwd_path[PROC_CWD_MAX]; /* absolute text of cwd ("" means "/") */
};

/* One schedulable task: a process, or one thread of a thread group. The group leader
 * has tgid == pid; while any thread lives the leader's slot stays (a zombie if it left
 * first) and holds what belongs to the whole group (group_exiting, the exit status). */
struct proc {
    struct fpu_state fpu;        /* x87/SSE registers while switched out */
    int pid;                     /* the thread id (gettid) */
    int tgid;                    /* the thread group (getpid): the leader's pid */
    bool autoreap;               /* a non-leader thread: freed once it has switched away */
    bool group_exiting;          /* leader: exit_group, a fatal signal or exec kills all */
    int pgid, sid;               /* process group and session (job control is minimal) */
    enum proc_state state;
    char name[PROC_NAME_MAX];
    struct proc *parent;
    struct mm *mm;
    uint8_t *kstack;             /* KSTACK_SIZE bytes from kmalloc */
    uint32_t ctx_esp;            /* saved kernel esp while switched out (swtch) */
    struct trapframe *tf;        /* the user frame at the top of kstack */
    void *wait_chan;             /* what a sleeping process waits for */
    int exit_status;             /* Linux wait status once P_ZOMBIE */
    uint64_t sig_pending, sig_blocked;
    uint64_t sig_forced;         /* pending because of a fault: delivered even if blocked */
    uint64_t saved_mask;         /* rt_sigsuspend: the mask to restore after the handler */
    bool saved_mask_valid;
    uint32_t sas_sp, sas_size;   /* sigaltstack: the alternate signal stack (size 0: none) */
    uint64_t alarm_at;           /* alarm(): monotonic ns of SIGALRM, 0 for none */
    struct sighand *sighand;
    struct files *files;
    struct fs_info *fs;
    uint32_t umask;
    struct gdt_desc tls[GDT_TLS_ENTRIES];
    uint32_t clear_child_tid;    /* set_tid_address / CLONE_CHILD_CLEARTID */
    bool vfork_done;             /* exec'd: a CLONE_VFORK parent may go on */
    uint32_t fault_addr;         /* CR2 of the fault behind a forced SIGSEGV */
    uint32_t syscall_nr;         /* eax at the last int 0x80, for SA_RESTART */
    char exe[PROC_EXE_MAX];      /* the executed path (/proc/PID/exe) */
    char *cmdline;               /* argv, NUL-separated (/proc/PID/cmdline), kmalloc'd */
    uint32_t cmdline_len;
    uint32_t start_jiffies;
    uint64_t utime, stime;       /* ticks spent in user and kernel mode */
    uint64_t cutime, cstime;     /* the same of reaped children (and theirs), on the leader */
};

extern struct proc proc_table[NPROC];
extern struct proc *current;
extern struct proc *init_proc;

void proc_init(void);
/* A new process slot in P_EMBRYO with a kernel stack and a pid, or NULL (table full or
 * no memory). */
struct proc *proc_alloc(void);
/* Frees what proc_alloc and the process's life left (kernel stack); slot back to UNUSED. */
void proc_free(struct proc *p);
struct proc *proc_find(int pid);
/* The leader of p's thread group (p itself for a single-threaded process). */
struct proc *proc_leader(struct proc *p);
/* Threads of p's group other than p that have not exited yet. */
int proc_group_others(struct proc *p);
void proc_set_name(struct proc *p, const char *path);
/* True when sp lies on p's alternate signal stack. */
static inline bool on_sigaltstack(const struct proc *p, uint32_t sp) {
    return p->sas_size && sp - p->sas_sp < p->sas_size;
}
/* Records what /proc/PID/exe and /proc/PID/cmdline show (args: argv, NUL-separated). */
void proc_set_cmdline(struct proc *p, const char *path, const char *args, uint32_t len);
#endif
