/* The x87/SSE register state. User programs (glibc picks SSE2 routines when CPUID offers
 * them) need CR4.OSFXSR set, or SSE instructions fault with #UD; and each process must
 * keep its own registers: the state is saved when a process is switched out and
 * restored when it is switched in (the kernel itself is built without FP/SSE code). */
#ifndef ARCH_FPU_H
#define ARCH_FPU_H
#include <stdint.h>
#define FPU_STATE_SIZE 512      /* the FXSAVE area (Intel SDM vol. 1, 10.5.1) */
struct fpu_state {
    uint8_t bytes[FPU_STATE_SIZE];
} __attribute__((aligned(16)));
void fpu_init(void);
void fpu_save(struct fpu_state *s);
void fpu_restore(const struct fpu_state *s);
/* The state a new program starts with (after FNINIT, MXCSR default). */
void fpu_reset_state(struct fpu_state *s);
#endif
