/* The in-kernel test runner (see ktest.h). */
#include "test/ktest.h"
#include "arch/i386/qemu.h"
#include "lib/string.h"
#include "fs/vfs.h"
#include <stdbool.h>

extern const struct ktest __ktests_start[], __ktests_end[];
int ktest_failures;

/* True when name is "all" or appears in the comma-separated spec. */
static bool selected(const char *spec, const char *name) {
    if (!strcmp(spec, "all"))
        return true;
    size_t n = strlen(name);
    for (const char *p = spec; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (len == n && !strncmp(p, name, n))
            return true;
        p += len + (comma ? 1 : 0);
    }
    return false;
}

void ktest_run(const char *spec) {
    int passed = 0, failed = 0;
    for (const struct ktest *t = __ktests_start; t < __ktests_end; t++) {
        if (!selected(spec, t->name))
            continue;
        ktest_failures = 0;
        t->fn();
        if (ktest_failures) {
            failed++;
            kprintf("ktest: FAIL %s\n", t->name);
        } else {
            passed++;
            kprintf("ktest: ok   %s\n", t->name);
        }
    }
    if (!passed && !failed) {
        kprintf("ktest: no test matches '%s'\n", spec);
        failed = 1;
    }
    kprintf("ktest: %d passed, %d failed\n", passed, failed);
    vfs_shutdown();              /* a disk the tests wrote is left clean */
    qemu_exit(failed ? QEMU_EXIT_FAIL : QEMU_EXIT_PASS);
}
