/* QEMU's isa-debug-exit device (iobase 0xf4): writing v makes QEMU exit with status
 * (v << 1) | 1, so a kernel can report a result to the test harness. Without the
 * device the write is ignored and the caller falls back to halting. */
#ifndef ARCH_QEMU_H
#define ARCH_QEMU_H

#define QEMU_DEBUG_EXIT_PORT 0xf4
#define QEMU_EXIT_PASS  0   /* QEMU status 1 */
#define QEMU_EXIT_FAIL  1   /* QEMU status 3 */
#define QEMU_EXIT_PANIC 2   /* QEMU status 5 */

__attribute__((noreturn)) void qemu_exit(int value);
/* Powers the machine off (debug-exit with PASS, then the ACPI ports QEMU and Bochs use). */
__attribute__((noreturn)) void machine_poweroff(void);
/* Powers off reporting a program's exit status: QEMU_EXIT_PASS for 0, else FAIL (the exact
 * status is on the kernel log, since QEMU's exit code keeps only a few bits). */
__attribute__((noreturn)) void machine_poweroff_status(int status);
#endif
