/* The 8253/8254 PIT on IRQ 0: the kernel's tick. */
#ifndef ARCH_PIT_H
#define ARCH_PIT_H
#include <stdint.h>
#define HZ 100
void pit_init(void);
extern volatile uint32_t jiffies;  /* ticks since boot */
/* Called on every tick after jiffies advances (the scheduler hooks in here). */
extern void (*tick_hook)(void *tf);
#endif
