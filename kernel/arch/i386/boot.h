/* The boot-path steps kmain calls, in order. */
#ifndef ARCH_BOOT_H
#define ARCH_BOOT_H
#include <stdint.h>
void multiboot_parse(uint32_t magic, uint32_t mbi_phys);
#endif
