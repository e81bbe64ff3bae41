/* poweroff: syncs the disks and powers the machine off (reboot(88), LINUX_REBOOT_CMD_POWER_OFF). */
#include <err.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void) {
    sync();
    reboot(RB_POWER_OFF);
    err(1, "reboot");
}
