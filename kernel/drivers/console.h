/* The kernel console: where kprintf text goes. Normally COM1 and VGA (and COM2, the log
 * port); in quiet mode (one-shot programs) only COM2, so COM1 carries just the program's
 * own output. */
#ifndef DRIVERS_CONSOLE_H
#define DRIVERS_CONSOLE_H
#include <stdbool.h>
#include <stddef.h>
void console_init(void);
void console_set_quiet(bool quiet);
/* Writes program output (the tty's) to COM1 and VGA, translating \n to \r\n when
 * onlcr is set, as a Linux tty does by default. */
void console_write_user(const char *s, size_t len, bool onlcr);
#endif
