/* PIT channel 0 in rate-generator mode at HZ. */
#include "arch/i386/pit.h"
#include "arch/i386/cpu.h"
#include "arch/i386/pic.h"
#include "arch/i386/trap.h"

#define PIT_FREQ    1193182   /* input clock in Hz */
#define PIT_CH0     0x40
#define PIT_CMD     0x43
#define PIT_MODE2   0x34      /* channel 0, lobyte/hibyte, mode 2 */
#define IRQ_TIMER   0

volatile uint32_t jiffies;
void (*tick_hook)(void *tf);

static void pit_irq(struct trapframe *tf) {
    jiffies++;
    if (tick_hook)
        tick_hook(tf);
}

void pit_init(void) {
    uint32_t divisor = PIT_FREQ / HZ;
    outb(PIT_CMD, PIT_MODE2);
    outb(PIT_CH0, divisor & 0xFF);
    outb(PIT_CH0, divisor >> 8);
    irq_register(IRQ_TIMER, pit_irq);
    pic_unmask(IRQ_TIMER);
}
