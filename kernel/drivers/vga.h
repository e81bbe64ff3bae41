/* VGA text mode (80x25 at physical 0xB8000). */
#ifndef DRIVERS_VGA_H
#define DRIVERS_VGA_H
void vga_init(void);
void vga_putc(char c);
#endif
