/* What the glibc hello programs (hello.c, dyn_hello.c) both do: small blocks from the
 * brk heap, a large one from mmap, written and read back. 0 when malloc worked. */
#ifndef TESTS_GLIBC_HELLO_COMMON_H
#define TESTS_GLIBC_HELLO_COMMON_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BIG_BLOCK (1 << 20)

static int malloc_check(void) {
    char *small = malloc(100), *big = malloc(BIG_BLOCK);
    if (!small || !big) {
        printf("malloc failed\n");
        return 1;
    }
    strcpy(small, "small block");
    memset(big, 'b', BIG_BLOCK);
    printf("malloc: %s, big[%d] = %c\n", small, BIG_BLOCK - 1, big[BIG_BLOCK - 1]);
    free(big);
    free(small);
    return 0;
}
#endif
