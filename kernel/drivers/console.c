#include "drivers/console.h"
#include "drivers/serial.h"
#include "drivers/vga.h"
#include "lib/printf.h"

static bool quiet;

void console_init(void) {
    serial_init(COM1);
    serial_init(COM2);
    vga_init();
}

void console_set_quiet(bool q) { quiet = q; }

/* Kernel messages: COM2 is a log file and gets plain \n; the COM1 terminal wants \r\n. */
void kputs_raw(const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        serial_putc(COM2, c);
        if (quiet)
            continue;
        if (c == '\n')
            serial_putc(COM1, '\r');
        serial_putc(COM1, c);
        vga_putc(c);
    }
}

void console_write_user(const char *s, size_t len, bool onlcr) {
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n' && onlcr)
            serial_putc(COM1, '\r');
        serial_putc(COM1, s[i]);
        vga_putc(s[i]);
    }
}
