/* Linux i386 ABI facts: the terminal ioctl numbers, from Linux's
 * include/uapi/asm-generic/ioctls.h, and struct winsize, which TIOCGWINSZ and TIOCSWINSZ
 * carry (include/uapi/asm-generic/termios.h). Pure definitions over <stdint.h>, shared
 * by the kernel (kernel/drivers/tty_termios.h) and the user library
 * (user/include/sys/ioctl.h). */
#ifndef ABI_IOCTLS_H
#define ABI_IOCTLS_H
#include <stdint.h>

#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541B
#define FIONBIO 0x5421

struct winsize {
    uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};
#endif
