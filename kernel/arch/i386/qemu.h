/* QEMU's isa-debug-exit device (iobase 0xf4): writing v makes QEMU exit with status
 * (v << 1) | 1, so a kernel can report a result to the test harness. Without the
 * device the write is ignored and the caller falls back to halting. */
#ifndef ARCH_QEMU_H
#define ARCH_QEMU_H

#define QEMU_DEBUG_EXIT_PORT 0xf4
#define QEMU_EXIT_PASS  0   /* QEMU status 1 */
#define QEMU_EXIT_FAIL  1   /* QEMU status 3 */
#define QEMU_EXIT_PANIC 125 /* QEMU status 251 (125: osrun's "the kernel failed") */
#define QEMU_EXIT_MAX   127 /* QEMU's 8-bit status holds (v << 1) | 1 for v <= 127 */

__attribute__((noreturn)) void qemu_exit(int value);
/* Powers the machine off (debug-exit with PASS, then the ACPI ports QEMU and Bochs use). */
__attribute__((noreturn)) void machine_poweroff(void);
/* Powers off reporting a program's exit status through debug-exit: QEMU then exits with
 * (status << 1) | 1, statuses from 127 up (128 + signal) all as 127. The exact status
 * is on the kernel log ("init: exited with status N"), which scripts/osrun reads. */
__attribute__((noreturn)) void machine_poweroff_status(int status);
#endif
