/* The PS/2 keyboard (IRQ 1), so the VGA console can be typed at: scancodes (set 1, as
 * the 8042 translates by default) become characters for the tty. */
#ifndef DRIVERS_KBD_H
#define DRIVERS_KBD_H
void kbd_init(void);
#endif
