/* Linux i386 system-call numbers (SYS_name), for syscall(): abi/syscalls.h. */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H
#include "abi/syscalls.h"
#endif
