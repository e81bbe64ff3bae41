/* 16550 UART driver: 115200 8N1, polled output, receive interrupts enabled for the tty. */
#include "drivers/serial.h"
#include "arch/i386/cpu.h"

#define UART_DATA 0
#define UART_IER  1
#define UART_FCR  2
#define UART_LCR  3
#define UART_MCR  4
#define UART_LSR  5
#define LCR_DLAB  0x80
#define LCR_8N1   0x03
#define LSR_DR    0x01   /* data ready */
#define LSR_THRE  0x20   /* transmitter holding register empty */
#define UART_CLOCK 115200
#define BAUD      115200
#define SPIN_LIMIT 100000 /* a missing UART must not hang output */

void serial_init(uint16_t port) {
    uint16_t div = UART_CLOCK / BAUD;
    outb(port + UART_IER, 0);
    outb(port + UART_LCR, LCR_DLAB);
    outb(port + UART_DATA, div & 0xFF);
    outb(port + UART_IER, div >> 8);
    outb(port + UART_LCR, LCR_8N1);
    /* No FIFO: switching the FIFO on clears the receive buffer, and a byte that
     * arrived while we booted (piped input) would be lost. One byte per interrupt is
     * plenty for a console. */
    outb(port + UART_FCR, 0);
    outb(port + UART_MCR, 0x0B);      /* DTR, RTS, OUT2 (routes the IRQ) */
}

void serial_putc(uint16_t port, char c) {
    for (int i = 0; i < SPIN_LIMIT && !(inb(port + UART_LSR) & LSR_THRE); i++)
        ;
    outb(port + UART_DATA, (uint8_t)c);
}

bool serial_can_read(uint16_t port) { return inb(port + UART_LSR) & LSR_DR; }

int serial_getc(uint16_t port) {
    return serial_can_read(port) ? inb(port + UART_DATA) : -1;
}
