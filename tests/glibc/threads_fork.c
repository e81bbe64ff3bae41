/* fork and exec from a process whose other threads keep running: each child is a
 * one-thread copy (copy-on-write) that can allocate and exit, and a child can exec;
 * the spinning threads are joined afterwards. Same output natively and on LingOS. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
#include <stdlib.h>
static volatile int stop;
static long spins[3];
static void *spin(void *a) { long i = (long)a; while (!stop) spins[i]++; return NULL; }
int main(void) {
    pthread_t t[3];
    for (long i = 0; i < 3; i++) pthread_create(&t[i], NULL, spin, (void *)i);
    int bad = 0;
    for (int k = 0; k < 20; k++) {
        fflush(stdout);
        pid_t p = fork();
        if (p == 0) { char *m = malloc(1000); m[0] = 1; _exit(k); }
        int st; waitpid(p, &st, 0);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != k) bad++;
    }
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) { execl("/bin/echo", "echo", "exec from a threaded parent's child", (char *)0); _exit(99); }
    int st; waitpid(p, &st, 0);
    stop = 1;
    for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
    printf("forks ok: %d, spins > 0: %d\n", bad == 0, spins[0] > 0 && spins[1] > 0 && spins[2] > 0);
    return 0;
}
