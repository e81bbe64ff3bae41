/* Error numbers: Linux's values (abi/errno.h). errno is a plain int (LingOS processes
 * are single-threaded). */
#ifndef _ERRNO_H
#define _ERRNO_H
#include "abi/errno.h"

extern int errno;

/* The name the program was started as (argv[0]), for messages. */
extern char *program_invocation_name;
extern char *program_invocation_short_name;
#endif
