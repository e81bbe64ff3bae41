/* The system-call layer: Linux's i386 convention (number in eax; arguments in ebx, ecx,
 * edx, esi, edi, ebp; the result or -errno back in eax). Handlers take their arguments
 * as 32-bit words and return long; the table lives in table.c. */
#ifndef SYSCALL_SYSCALL_H
#define SYSCALL_SYSCALL_H
#include <stdint.h>
typedef uint32_t u32;
typedef long (*syscall_fn)(u32, u32, u32, u32, u32, u32);
void syscall_init(void);
extern const syscall_fn syscall_table[];
#define SYSCALL(fn) ((syscall_fn)(void (*)(void))(fn))
#endif
