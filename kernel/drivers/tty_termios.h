/* Linux's termios for i386: struct termios and its flags (abi/termios.h), the terminal
 * ioctls and struct winsize (abi/ioctls.h). */
#ifndef DRIVERS_TTY_TERMIOS_H
#define DRIVERS_TTY_TERMIOS_H
#include "abi/termios.h"
#include "abi/ioctls.h"
#endif
