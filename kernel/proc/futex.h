/* Futexes: threads sleep on a user word, keyed by (address space, user address), until
 * another thread of the same memory wakes that key. One global table of waiters, one
 * slot per task. */
#ifndef PROC_FUTEX_H
#define PROC_FUTEX_H
#include <stdint.h>
struct mm;

#define FUTEX_BITSET_MATCH_ANY 0xffffffffu

/* Sleeps on (mm, uaddr) if the word there still holds val: 0 once woken, -EAGAIN if it
 * differs, -EFAULT, -EINTR on a signal, -ETIMEDOUT past deadline (monotonic ns; 0 for
 * none). A wake only reaches this waiter if its bitset shares a bit with bitset. */
int futex_wait(struct mm *mm, uint32_t uaddr, uint32_t val, uint32_t bitset,
               uint64_t deadline);
/* Wakes at most n waiters on (mm, uaddr) whose bitset meets bitset; how many woke. */
int futex_wake(struct mm *mm, uint32_t uaddr, uint32_t n, uint32_t bitset);
#endif
