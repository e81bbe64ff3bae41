/* What a pure module (one that builds both into the kernel and for the host) may use:
 * fixed-width types, memset/memcpy/strlen, snprintf, and panic(). In the kernel these
 * come from kernel/lib; on the host (HOST_BUILD) from the C library. */
#ifndef LIB_PURE_H
#define LIB_PURE_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>
#ifdef HOST_BUILD
#include <string.h>
#include <stdio.h>
#else
#include "lib/string.h"
#include "lib/printf.h"
#endif
#include "lib/panic.h"
#endif
