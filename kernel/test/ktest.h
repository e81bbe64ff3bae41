/* In-kernel tests: code that only the kernel can exercise (interrupts, paging,
 * allocators on real RAM). Each KTEST lands in the .ktests section; `ktest=all` or
 * `ktest=NAME[,NAME...]` on the kernel command line runs them after boot, prints
 * "ok NAME"/"FAIL NAME" lines and "N passed, N failed", and exits QEMU through the
 * debug-exit port with the result.
 *
 *   KTEST(buddy_all_pages) { KCHECK(buddy_nr_free() > 0); }                        */
#ifndef TEST_KTEST_H
#define TEST_KTEST_H
#include "lib/printf.h"

struct ktest {
    const char *name;
    void (*fn)(void);
};

extern int ktest_failures; /* failed checks in the running test */

#define KTEST(name_)                                                               \
    static void ktest_fn_##name_(void);                                            \
    static const struct ktest ktest_desc_##name_                                   \
        __attribute__((section(".ktests"), used, aligned(4))) = {#name_, ktest_fn_##name_}; \
    static void ktest_fn_##name_(void)

#define KCHECK(cond)                                                               \
    do {                                                                           \
        if (!(cond)) {                                                             \
            kprintf("  FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);              \
            ktest_failures++;                                                      \
        }                                                                          \
    } while (0)

#define KCHECK_EQ(a, b)                                                            \
    do {                                                                           \
        long long ka_ = (long long)(a), kb_ = (long long)(b);                      \
        if (ka_ != kb_) {                                                          \
            kprintf("  FAIL %s:%d: %s == %s (%lld != %lld)\n", __FILE__, __LINE__,  \
                    #a, #b, ka_, kb_);                                             \
            ktest_failures++;                                                      \
        }                                                                          \
    } while (0)

void ktest_run(const char *spec); /* runs the selected tests and exits QEMU */
#endif
