/* 8259A programming (ICW1..ICW4 as in the Intel 8259A data sheet). */
#include "arch/i386/pic.h"
#include "arch/i386/cpu.h"
#include "arch/i386/trap.h"

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xA0
#define PIC2_DATA 0xA1
#define ICW1_INIT_ICW4 0x11
#define ICW4_8086 0x01
#define PIC_EOI   0x20
#define PIC_READ_ISR 0x0B
#define IRQ_CASCADE 2

static uint16_t irq_mask = 0xFFFF & ~(1 << IRQ_CASCADE);

static void pic_write_mask(void) {
    outb(PIC1_DATA, irq_mask & 0xFF);
    outb(PIC2_DATA, irq_mask >> 8);
}

/* Remaps both PICs to T_IRQ0.. and masks every line but the cascade. */
void pic_init(void) {
    outb(PIC1_CMD, ICW1_INIT_ICW4); io_wait();
    outb(PIC2_CMD, ICW1_INIT_ICW4); io_wait();
    outb(PIC1_DATA, T_IRQ0); io_wait();
    outb(PIC2_DATA, T_IRQ0 + 8); io_wait();
    outb(PIC1_DATA, 1 << IRQ_CASCADE); io_wait();
    outb(PIC2_DATA, IRQ_CASCADE); io_wait();
    outb(PIC1_DATA, ICW4_8086); io_wait();
    outb(PIC2_DATA, ICW4_8086); io_wait();
    pic_write_mask();
}

void pic_unmask(int irq) { irq_mask &= ~(1u << irq); pic_write_mask(); }
void pic_mask(int irq) { irq_mask |= 1u << irq; pic_write_mask(); }

void pic_eoi(int irq) {
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
}

/* IRQ 7 and 15 fire spuriously when a request vanishes before acknowledgement: the
 * in-service bit is then clear and no EOI is owed (except to the master for IRQ 15). */
bool pic_spurious(int irq) {
    if (irq != 7 && irq != 15)
        return false;
    uint16_t cmd = irq == 7 ? PIC1_CMD : PIC2_CMD;
    outb(cmd, PIC_READ_ISR);
    if (inb(cmd) & 0x80)
        return false;
    if (irq == 15)
        outb(PIC1_CMD, PIC_EOI);
    return true;
}
