/* Linux i386 ABI facts: reboot(88)'s magic numbers and commands, from Linux's
 * include/uapi/linux/reboot.h. Pure preprocessor definitions, shared by the kernel
 * (kernel/syscall/sys_reboot.c) and the user library (user/include/sys/reboot.h). */
#ifndef ABI_REBOOT_H
#define ABI_REBOOT_H
#define LINUX_REBOOT_MAGIC1  0xfee1dead
#define LINUX_REBOOT_MAGIC2  672274793
#define LINUX_REBOOT_MAGIC2A 85072278
#define LINUX_REBOOT_MAGIC2B 369367448
#define LINUX_REBOOT_MAGIC2C 537993216

#define LINUX_REBOOT_CMD_RESTART   0x01234567
#define LINUX_REBOOT_CMD_HALT      0xcdef0123
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc
#endif
