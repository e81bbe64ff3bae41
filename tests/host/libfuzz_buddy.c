/* libFuzzer target for the buddy allocator (clang -fsanitize=fuzzer,address,undefined).
 *
 * Input bytes: [0..1] first pfn, [2..3] map size, [4] seed of the random layout of ranges
 * and holes (with the header: model_random_ranges), then one op per byte: the top two bits pick alloc / free / bad free / full check,
 * the low six bits are the argument. Every answer is checked against buddy_model.h; a
 * mismatch or an unexpected panic aborts, which libFuzzer reports with the input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "buddy_model.h"

#define HEADER_BYTES 5
#define OP_ALLOC 0
#define OP_FREE 1
#define OP_BAD_FREE 2

static struct model m;
static jmp_buf *panic_jmp;
static char panic_msg[256];

void panic(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(panic_msg, sizeof panic_msg, fmt, ap);
    va_end(ap);
    if (panic_jmp)
        longjmp(*panic_jmp, 1);
    fprintf(stderr, "libfuzz_buddy: unexpected panic: %s\n", panic_msg);
    abort();
}

static void check(bool ok) {
    if (!ok) {
        fprintf(stderr, "libfuzz_buddy: model mismatch: %s\n", m.err);
        abort();
    }
}

static void bad_free(uint8_t arg) {
    void *addr;
    int order;
    volatile int panicked = 0;
    jmp_buf jb;
    model_bad_free(&m, model_rng() ^ arg, &addr, &order);
    panic_jmp = &jb;
    if (setjmp(jb) == 0)
        buddy_free(addr, order);
    else
        panicked = 1;
    panic_jmp = NULL;
    if (!panicked) {
        fprintf(stderr, "libfuzz_buddy: bad free %p order %d did not panic\n", addr, order);
        abort();
    }
    check(model_check_counts(&m));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static uint32_t ranges[MODEL_MAX_RANGES][2];
    if (size < HEADER_BYTES)
        return 0;
    uint32_t first = (uint32_t)(data[0] | data[1] << 8);
    uint32_t npages = 1 + (uint32_t)(data[2] | data[3] << 8) % MODEL_MAX_PAGES;
    model_seed(first ^ npages << 16 ^ (uint64_t)data[4] << 32);
    int nranges = model_random_ranges(first, npages, ranges);
    check(model_setup(&m, first, npages, (const uint32_t(*)[2])ranges, nranges));
    for (size_t i = HEADER_BYTES; i < size; i++) {
        uint8_t op = data[i] >> 6, arg = data[i] & 63;
        if (op == OP_ALLOC)
            check(model_alloc(&m, arg % NR_ORDERS));
        else if (op == OP_FREE && m.nlive)
            check(model_free(&m, arg % m.nlive));
        else if (op == OP_BAD_FREE)
            bad_free(arg);
        else
            check(model_check_lists(&m));
    }
    check(model_free_all(&m));
    return 0;
}
