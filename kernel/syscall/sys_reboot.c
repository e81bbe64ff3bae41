/* reboot(2) with Linux's magic numbers (abi/reboot.h): POWER_OFF and
 * HALT power the machine off; RESTART is refused (QEMU runs with -no-reboot). */
#include "syscall/syscall.h"
#include "arch/i386/qemu.h"
#include "fs/vfs.h"
#include "lib/errno.h"
#include "lib/printf.h"
#include "abi/reboot.h"

long sys_reboot(u32 magic1, u32 magic2, u32 cmd) {
    if (magic1 != LINUX_REBOOT_MAGIC1 ||
        (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
         magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
        return -EINVAL;
    if (cmd != LINUX_REBOOT_CMD_POWER_OFF && cmd != LINUX_REBOOT_CMD_HALT)
        return -EINVAL;
    vfs_shutdown(); /* the volumes are left clean */
    kprintf("reboot: power down\n");
    machine_poweroff();
}
