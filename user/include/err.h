/* BSD-style diagnostics: "PROG: message: strerror(errno)" on stderr; err*() then exit. */
#ifndef _ERR_H
#define _ERR_H
#include <features.h>
#include <stdarg.h>
__BEGIN_DECLS
__printflike(1, 2) void warn(const char *fmt, ...);
__printflike(1, 2) void warnx(const char *fmt, ...);
__noreturn __printflike(2, 3) void err(int status, const char *fmt, ...);
__noreturn __printflike(2, 3) void errx(int status, const char *fmt, ...);
__printflike(1, 0) void vwarn(const char *fmt, va_list ap);
__printflike(1, 0) void vwarnx(const char *fmt, va_list ap);
__END_DECLS
#endif
