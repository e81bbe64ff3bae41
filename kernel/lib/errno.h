/* Linux's errno values, which the i386 system-call ABI returns negated in eax: the
 * kernel's name for abi/errno.h. */
#ifndef LIB_ERRNO_H
#define LIB_ERRNO_H
#include "abi/errno.h"
#endif
