/* fork, vfork and clone. */
#ifndef PROC_FORK_H
#define PROC_FORK_H
#include <stdint.h>
/* Linux clone flags (include/uapi/linux/sched.h). */
#define CSIGNAL              0x000000ff
#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_VFORK          0x00004000
#define CLONE_PARENT         0x00008000
#define CLONE_THREAD         0x00010000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID   0x01000000

/* Creates a child that is a copy of current, or (CLONE_THREAD) a new thread of current's
 * group sharing what the flags say, and returns its pid/tid (in the child the same
 * system call returns 0): -EAGAIN when the process table is full, -ENOMEM, -EINVAL for
 * flag combinations Linux refuses (CLONE_THREAD without CLONE_SIGHAND, CLONE_SIGHAND
 * without CLONE_VM) or a bad CLONE_SETTLS descriptor, -EFAULT for an unreadable one. */
long do_clone(uint32_t flags, uint32_t newsp, uint32_t parent_tid, uint32_t tls,
              uint32_t child_tid);
/* Prepares a new process's kernel stack so that its first switch-in runs fn in kernel
 * mode and then returns to user mode through p->tf (fn 0: straight to user mode). */
struct proc;
void proc_prepare_stack(struct proc *p, void (*fn)(void));
#endif
