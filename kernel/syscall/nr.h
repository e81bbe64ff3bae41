/* Linux i386 system-call numbers (abi/syscalls.h: SYS_name) and the size of the kernel's
 * table, which must exceed the largest of them. */
#ifndef SYSCALL_NR_H
#define SYSCALL_NR_H
#include "abi/syscalls.h"
#define NR_MAX 450
#endif
