/* 16550 UARTs: COM1 is the primary console, COM2 carries the kernel log in quiet mode. */
#ifndef DRIVERS_SERIAL_H
#define DRIVERS_SERIAL_H
#include <stdint.h>
#include <stdbool.h>
#define COM1 0x3F8
#define COM2 0x2F8
void serial_init(uint16_t port);
void serial_putc(uint16_t port, char c);
bool serial_can_read(uint16_t port);
int serial_getc(uint16_t port);  /* -1 when nothing is waiting */
#endif
