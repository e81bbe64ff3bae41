/* Formatted output: vsnprintf/snprintf with the C contract (returns the length the full
 * output would have), and kprintf to the kernel consoles.
 * Supports %d %i %u %x %X %o %c %s %p %% with flags "-0+ #", width, precision,
 * and the length modifiers hh h l ll z. */
#ifndef LIB_PRINTF_H
#define LIB_PRINTF_H
#include <stdarg.h>
#include <stddef.h>

__attribute__((format(printf, 3, 0))) int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
__attribute__((format(printf, 3, 4))) int snprintf(char *buf, size_t size, const char *fmt, ...);
__attribute__((format(printf, 1, 2))) int kprintf(const char *fmt, ...);
__attribute__((format(printf, 1, 0))) int vkprintf(const char *fmt, va_list ap);

/* Where kprintf's text goes: set by the console layer. */
void kputs_raw(const char *s, size_t len);
#endif
