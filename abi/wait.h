/* Linux i386 ABI facts: wait4's options, from Linux's include/uapi/linux/wait.h. Pure
 * preprocessor definitions, shared by the kernel (kernel/proc/exit.h) and the user
 * library (user/include/sys/wait.h). */
#ifndef ABI_WAIT_H
#define ABI_WAIT_H
#define WNOHANG    0x00000001
#define WUNTRACED  0x00000002
#define WSTOPPED   WUNTRACED
#define WEXITED    0x00000004
#define WCONTINUED 0x00000008
#define __WALL     0x40000000
#endif
