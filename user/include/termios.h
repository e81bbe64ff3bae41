/* Terminal attributes: the kernel's struct termios (NCCS 19, abi/termios.h), via
 * TCGETS/TCSETS*. */
#ifndef _TERMIOS_H
#define _TERMIOS_H
#include <features.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include "abi/termios.h"

typedef unsigned char cc_t;  /* the types of struct termios's fields */
typedef unsigned int speed_t;
typedef unsigned int tcflag_t;

__BEGIN_DECLS
int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int when, const struct termios *t);
void cfmakeraw(struct termios *t);
__END_DECLS
#endif
