/* reboot(2) with Linux's magic numbers (include/uapi/linux/reboot.h): POWER_OFF and
 * HALT power the machine off; RESTART is refused (QEMU runs with -no-reboot). */
#include "syscall/syscall.h"
#include "arch/i386/qemu.h"
#include "fs/vfs.h"
#include "lib/errno.h"
#include "lib/printf.h"

#define REBOOT_MAGIC1 0xfee1deadu
#define REBOOT_MAGIC2 672274793u
#define REBOOT_MAGIC2A 85072278u
#define REBOOT_MAGIC2B 369367448u
#define REBOOT_MAGIC2C 537993216u
#define REBOOT_CMD_POWER_OFF 0x4321fedcu
#define REBOOT_CMD_HALT 0xcdef0123u

long sys_reboot(u32 magic1, u32 magic2, u32 cmd) {
    if (magic1 != REBOOT_MAGIC1 || (magic2 != REBOOT_MAGIC2 && magic2 != REBOOT_MAGIC2A &&
                                    magic2 != REBOOT_MAGIC2B && magic2 != REBOOT_MAGIC2C))
        return -EINVAL;
    if (cmd != REBOOT_CMD_POWER_OFF && cmd != REBOOT_CMD_HALT)
        return -EINVAL;
    vfs_shutdown(); /* the volumes are left clean */
    kprintf("reboot: power down\n");
    machine_poweroff();
}
