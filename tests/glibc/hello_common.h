/* What the glibc hello programs (hello.c, dyn_hello.c) both do: small blocks from the
 * brk heap, a large one from mmap, written and read back. 0 when malloc worked. */
#ifndef TESTS_GLIBC_HELLO_COMMON_H
#define TESTS_GLIBC_HELLO_COMMON_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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
/* Forks a child that says so and then either execs self with the argument "exec" (self
 * not NULL) or exits 3; the parent reports the child's exit status. 0 when all worked. */
static int fork_check(char *self) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        printf("child: running\n");
        fflush(stdout);
        if (self)
            execl(self, self, "exec", (char *)NULL);
        _exit(self ? 99 : 3);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid) {
        perror("waitpid");
        return 1;
    }
    printf("parent: child exited with status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}
#endif
