/* malloc_demo: the textbook's user-space malloc test (part 14, section 6): a small
 * allocation (brk heap) and a 1 MiB one (its own mapping), written and read back. */
#include <stdio.h>
#include <stdlib.h>

#define SMALL_COUNT 1024
#define BIG_BYTES (1024 * 1024)

int main(void) {
    int *arr = malloc(SMALL_COUNT * sizeof(int));
    if (!arr) {
        perror("malloc_demo: small alloc");
        return 1;
    }
    for (int i = 0; i < SMALL_COUNT; i++)
        arr[i] = i;
    printf("Small alloc: arr[100] = %d\n", arr[100]);

    char *big = malloc(BIG_BYTES);
    if (!big) {
        perror("malloc_demo: big alloc");
        return 1;
    }
    big[0] = 'A';
    big[BIG_BYTES - 1] = 'Z';
    printf("Big alloc: %c ... %c\n", big[0], big[BIG_BYTES - 1]);
    free(arr);
    free(big);
    return 0;
}
