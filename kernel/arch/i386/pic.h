/* The two 8259A PICs, remapped so IRQ 0..15 arrive as vectors 32..47. */
#ifndef ARCH_PIC_H
#define ARCH_PIC_H
#include <stdbool.h>
void pic_init(void);
void pic_unmask(int irq);
void pic_mask(int irq);
void pic_eoi(int irq);
bool pic_spurious(int irq);
#endif
