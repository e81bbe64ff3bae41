#include "arch/i386/qemu.h"
#include "arch/i386/cpu.h"

#define ACPI_PM1A_QEMU   0x604   /* QEMU's PIIX4 PM1a control (i440fx "pc" machine) */
#define ACPI_PM1A_BOCHS  0xB004  /* older QEMU and Bochs */
#define ACPI_SLP_S5      0x2000  /* SLP_EN with sleep type 0 (S5) */

/* Exits QEMU through debug-exit; if that device is absent, halts forever. */
void qemu_exit(int value) {
    outb(QEMU_DEBUG_EXIT_PORT, (uint8_t)value);
    cli();
    for (;;)
        hlt();
}

void machine_poweroff(void) { machine_poweroff_status(0); }

void machine_poweroff_status(int status) {
    int value = status < 0 || status > QEMU_EXIT_MAX ? QEMU_EXIT_MAX : status;
    outb(QEMU_DEBUG_EXIT_PORT, (uint8_t)value);
    outw(ACPI_PM1A_QEMU, ACPI_SLP_S5);
    outw(ACPI_PM1A_BOCHS, ACPI_SLP_S5);
    qemu_exit(value);
}
