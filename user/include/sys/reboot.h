/* reboot(88): the command values of Linux's include/uapi/linux/reboot.h. */
#ifndef _SYS_REBOOT_H
#define _SYS_REBOOT_H
#include <features.h>
#define RB_AUTOBOOT 0x01234567
#define RB_HALT_SYSTEM 0xcdef0123
#define RB_POWER_OFF 0x4321fedc
#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
__BEGIN_DECLS
/* Calls reboot(88) with both magic numbers. */
int reboot(int cmd);
__END_DECLS
#endif
