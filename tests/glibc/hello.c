/* The glibc leg of the guest tests (issue 5, "done when"): an unmodified static glibc
 * program (gcc -m32 -static) that prints, allocates, forks and waits. Its output must be
 * the same natively and on LingOS (`scripts/osrun -f build/glibc/hello -- /host/hello`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    printf("hello, world\n");

    /* Small blocks from the brk heap, a large one from mmap. */
    char *small = malloc(100), *big = malloc(1 << 20);
    if (!small || !big) {
        printf("malloc failed\n");
        return 1;
    }
    strcpy(small, "small block");
    memset(big, 'b', 1 << 20);
    printf("malloc: %s, big[%d] = %c\n", small, (1 << 20) - 1, big[(1 << 20) - 1]);
    free(big);
    free(small);

    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        return 1;
    }
    if (pid == 0) {
        printf("child: running\n");
        fflush(stdout);
        _exit(3);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid) {
        perror("waitpid");
        return 1;
    }
    printf("parent: child exited with status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return 0;
}
