/* Kernel randomness for AT_RANDOM and getrandom: a xorshift generator seeded from the
 * time stamp counter. Unpredictable enough for stack canaries; not cryptographic. */
#ifndef PROC_RANDOM_H
#define PROC_RANDOM_H
#include <stddef.h>
void random_bytes(void *buf, size_t len);
#endif
