/* The set_thread_area core, shared with clone's CLONE_SETTLS. */
#ifndef SYSCALL_SYS_TLS_H
#define SYSCALL_SYS_TLS_H
#include <stdint.h>
struct proc;
/* Installs the struct user_desc at the user address uinfo (current's memory) in p's TLS
 * slots; entry_number -1 picks a free slot and writes its number back. 0, -EFAULT,
 * -EINVAL (a slot outside GDT_TLS_MIN.., a bad descriptor) or -ESRCH (no free slot). */
int tls_set_from_user(struct proc *p, uint32_t uinfo);
#endif
