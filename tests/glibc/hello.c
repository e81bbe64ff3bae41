/* The glibc leg of the guest tests (issue 5, "done when"): an unmodified static glibc
 * program (gcc -m32 -static) that prints, allocates, forks and waits. Its output must be
 * the same natively and on LingOS (`scripts/osrun -f build/glibc/hello -- /host/hello`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "hello_common.h"

int main(void) {
    printf("hello, world\n");

    if (malloc_check())
        return 1;

    return fork_check(NULL);
}
