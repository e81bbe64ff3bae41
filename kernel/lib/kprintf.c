/* kprintf: formatted kernel messages to the consoles. */
#include "lib/printf.h"

/* Formats into a bounded stack buffer and hands it to the consoles; longer messages
 * are truncated (kernel messages are lines, not documents). */
int vkprintf(const char *fmt, va_list ap) {
    char buf[512];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    kputs_raw(buf, n < (int)sizeof buf ? (size_t)n : sizeof buf - 1);
    return n;
}

int kprintf(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vkprintf(fmt, ap);
    va_end(ap);
    return n;
}
