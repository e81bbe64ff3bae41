/* Non-local jumps. jmp_buf holds ebx esi edi ebp esp eip (user/lib/setjmp.S); the
 * signal mask is not saved (sigsetjmp's savemask is accepted and ignored). */
#ifndef _SETJMP_H
#define _SETJMP_H
#include <features.h>

typedef unsigned long jmp_buf[6];
typedef unsigned long sigjmp_buf[6];

__BEGIN_DECLS
int setjmp(jmp_buf env) __attribute__((returns_twice));
__noreturn void longjmp(jmp_buf env, int val);
int _setjmp(jmp_buf env) __attribute__((returns_twice));
__noreturn void _longjmp(jmp_buf env, int val);
__END_DECLS
#define sigsetjmp(env, savemask) setjmp(env)
#define siglongjmp(env, val) longjmp(env, val)
#endif
