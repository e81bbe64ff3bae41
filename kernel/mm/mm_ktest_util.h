/* What the mm in-kernel tests share. Leak checks: ktest_leak_start() notes the buddy
 * allocator's free count, ktest_leaked() returns how many pages are missing since (both
 * shrink the kernel heap first, so its cached slabs do not count). A test that runs in
 * an address space of its own brackets its work with ktest_mm_begin(), which starts the
 * leak check and makes a fresh mm active, and ktest_mm_end(), which reactivates the
 * previous mm, destroys the test one and returns the pages leaked. Not nestable.
 * ktest_poke and ktest_peek write and read a word of the active mm as a user access
 * would (faulting pages in); a peek that faults returns KTEST_NO_VALUE. */
#ifndef MM_MM_KTEST_UTIL_H
#define MM_MM_KTEST_UTIL_H
#include <stdint.h>
struct mm;

void ktest_leak_start(void);
uint32_t ktest_leaked(void);
struct mm *ktest_mm_begin(void);
uint32_t ktest_mm_end(struct mm *mm);

#define KTEST_NO_VALUE 0xDEADDEADu
void ktest_poke(uint32_t va, uint32_t v);
uint32_t ktest_peek(uint32_t va);
#endif
