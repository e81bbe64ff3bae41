#include "proc/random.h"
#include "arch/i386/cpu.h"

static uint64_t state;

static uint64_t next(void) {
    if (!state)
        state = rdtsc() | 1;
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

void random_bytes(void *buf, size_t len) {
    uint8_t *p = buf;
    for (size_t i = 0; i < len; i++) {
        if (i % 8 == 0)
            state ^= rdtsc();
        p[i] = (uint8_t)(next() >> 24);
    }
}
