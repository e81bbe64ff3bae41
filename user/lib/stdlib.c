/* Small stdlib pieces: abs/div, a linear-congruential rand, bsearch. */
#include <stdlib.h>

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }
div_t div(int num, int den) { return (div_t){num / den, num % den}; }
ldiv_t ldiv(long num, long den) { return (ldiv_t){num / den, num % den}; }

/* The POSIX.1 example generator, widened to 31 bits by combining two steps. */
static unsigned long long rand_state = 1;
#define RAND_MUL 6364136223846793005ULL
#define RAND_INC 1442695040888963407ULL

int rand(void) {
    rand_state = rand_state * RAND_MUL + RAND_INC;
    return (int)(rand_state >> 33);
}

void srand(unsigned seed) { rand_state = seed; }

void *bsearch(const void *key, const void *base, size_t n, size_t size,
              int (*cmp)(const void *, const void *)) {
    const char *lo = base;
    while (n) {
        const char *mid = lo + (n / 2) * size;
        int c = cmp(key, mid);
        if (c == 0)
            return (void *)mid;
        if (c > 0) {
            lo = mid + size;
            n -= n / 2 + 1;
        } else {
            n /= 2;
        }
    }
    return NULL;
}
