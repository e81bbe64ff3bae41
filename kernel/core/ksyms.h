/* The kernel's own function symbols for backtraces, generated from a first link
 * (scripts/gen-ksyms.sh) and placed in the .ksyms section of the final image. */
#ifndef CORE_KSYMS_H
#define CORE_KSYMS_H
#include <stdint.h>
struct ksym {
    uint32_t addr;
    const char *name;
};
/* The function containing addr and the offset into it; NULL when unknown. */
const char *ksym_lookup(uint32_t addr, uint32_t *offset);
#endif
