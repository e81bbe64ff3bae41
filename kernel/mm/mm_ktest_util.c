/* The mm in-kernel tests' shared set-up (mm_ktest_util.h). */
#include "mm/mm_ktest_util.h"
#include "mm/mm.h"
#include "mm/buddy.h"
#include "mm/kheap.h"
#include "mm/uaccess.h"

static uint32_t free_before;
static struct mm *prev_mm;

void ktest_leak_start(void) {
    kheap_shrink();
    free_before = buddy_nr_free();
}

uint32_t ktest_leaked(void) {
    kheap_shrink();
    return free_before - buddy_nr_free();
}

struct mm *ktest_mm_begin(void) {
    ktest_leak_start();
    prev_mm = mm_active;
    struct mm *mm = mm_create();
    mm_activate(mm);
    return mm;
}

uint32_t ktest_mm_end(struct mm *mm) {
    mm_activate(prev_mm);
    mm_destroy(mm);
    return ktest_leaked();
}

void ktest_poke(uint32_t va, uint32_t v) { (void)copy_to_user((void *)va, &v, sizeof v); }

uint32_t ktest_peek(uint32_t va) {
    uint32_t v;
    return copy_from_user(&v, (const void *)va, sizeof v) ? KTEST_NO_VALUE : v;
}
