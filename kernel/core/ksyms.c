#include "core/ksyms.h"
#include <stddef.h>

/* Provided by the generated table; the first link sees the empty table. */
extern const struct ksym ksym_table[];
extern const uint32_t ksym_count;

/* Binary search over the address-sorted table for the last symbol <= addr. */
const char *ksym_lookup(uint32_t addr, uint32_t *offset) {
    uint32_t lo = 0, hi = ksym_count;
    if (!hi || addr < ksym_table[0].addr)
        return NULL;
    while (hi - lo > 1) {
        uint32_t mid = (lo + hi) / 2;
        if (ksym_table[mid].addr <= addr)
            lo = mid;
        else
            hi = mid;
    }
    *offset = addr - ksym_table[lo].addr;
    return ksym_table[lo].name;
}
