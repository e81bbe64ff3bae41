/* reboot(88): glibc's names for the commands of abi/reboot.h. */
#ifndef _SYS_REBOOT_H
#define _SYS_REBOOT_H
#include <features.h>
#include "abi/reboot.h"
#define RB_AUTOBOOT LINUX_REBOOT_CMD_RESTART
#define RB_HALT_SYSTEM LINUX_REBOOT_CMD_HALT
#define RB_POWER_OFF LINUX_REBOOT_CMD_POWER_OFF
__BEGIN_DECLS
/* Calls reboot(88) with both magic numbers. */
int reboot(int cmd);
__END_DECLS
#endif
