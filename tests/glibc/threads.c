/* POSIX threads on glibc (static, -pthread): clone(CLONE_THREAD ...), futexes, TLS,
 * exit_group semantics and a fault in one thread killing the process. Its output must
 * be the same natively and on LingOS. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define NTHREADS 4
#define ROUNDS 10000

static int passed, failed;
static void check(int ok, const char *what) {
    if (ok)
        passed++;
    else
        failed++;
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
}

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static __thread int tls_var = 7;
static pid_t thread_pid[NTHREADS], thread_tid[NTHREADS];
static int tls_seen[NTHREADS];

static void *adder(void *arg) {
    int i = (int)(long)arg;
    thread_pid[i] = getpid();
    thread_tid[i] = (pid_t)syscall(SYS_gettid);
    tls_var += i;                 /* each thread starts from its own 7 */
    for (int n = 0; n < ROUNDS; n++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
        if (n % 1000 == 0)
            sched_yield();
    }
    tls_seen[i] = tls_var;
    return (void *)(long)(i * 10);
}

static void test_counter(void) {
    pthread_t t[NTHREADS];
    int created = 1;
    for (int i = 0; i < NTHREADS; i++)
        created &= pthread_create(&t[i], NULL, adder, (void *)(long)i) == 0;
    check(created, "pthread_create x4");
    int rets = 1;
    for (int i = 0; i < NTHREADS; i++) {
        void *r;
        rets &= pthread_join(t[i], &r) == 0 && r == (void *)(long)(i * 10);
    }
    check(rets, "pthread_join returns each thread's value");
    check(counter == NTHREADS * ROUNDS, "mutex-protected counter is 40000");
    int same_pid = 1, distinct = 1, tls_ok = 1;
    pid_t me = (pid_t)syscall(SYS_gettid);
    for (int i = 0; i < NTHREADS; i++) {
        same_pid &= thread_pid[i] == getpid();
        distinct &= thread_tid[i] != me && thread_tid[i] != getpid();
        for (int j = 0; j < i; j++)
            distinct &= thread_tid[i] != thread_tid[j];
        tls_ok &= tls_seen[i] == 7 + i;
    }
    check(same_pid, "getpid() is the same in every thread");
    check(distinct, "gettid() differs between threads");
    check(tls_ok && tls_var == 7, "__thread variables are per thread");
}

static pthread_mutex_t cmu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int stage;
static volatile int shared_word;

static void *ponger(void *arg) {
    (void)arg;
    pthread_mutex_lock(&cmu);
    while (stage != 1)
        pthread_cond_wait(&cv, &cmu);
    shared_word = shared_word * 2 + 1;   /* sees the main thread's write */
    stage = 2;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&cmu);
    return NULL;
}

static void test_cond(void) {
    pthread_t t;
    pthread_create(&t, NULL, ponger, NULL);
    pthread_mutex_lock(&cmu);
    shared_word = 20;
    stage = 1;
    pthread_cond_signal(&cv);
    while (stage != 2)
        pthread_cond_wait(&cv, &cmu);
    pthread_mutex_unlock(&cmu);
    pthread_join(t, NULL);
    check(shared_word == 41, "pthread_cond wait/signal and shared writes");
}

static void *spinner(void *arg) {
    (void)arg;
    for (;;)
        sched_yield();
    return NULL;
}

static void *crasher(void *arg) {
    (void)arg;
    usleep(10000);
    volatile int *volatile bad = 0;
    *bad = 1;
    return NULL;
}

/* Runs fn in a child and returns its wait status. */
static int in_child(void (*fn)(void)) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        fn();
        _exit(99);
    }
    int st = -1;
    waitpid(pid, &st, 0);
    return st;
}

static void exit_while_running(void) {
    pthread_t t;
    for (int i = 0; i < 3; i++)
        pthread_create(&t, NULL, spinner, NULL);
    usleep(20000);
    exit(42);
}

static void segv_in_thread(void) {
    pthread_t t;
    pthread_create(&t, NULL, spinner, NULL);
    pthread_create(&t, NULL, crasher, NULL);
    pthread_join(t, NULL);
}

static char *self_path;

static void *execer(void *arg) {
    (void)arg;
    char *argv[] = {self_path, "--exec-child", NULL};
    execv(self_path, argv);
    _exit(98);
}

static void exec_from_thread(void) {
    pthread_t t;
    pthread_create(&t, NULL, spinner, NULL);
    pthread_create(&t, NULL, execer, NULL);
    pthread_join(t, NULL);
}

int main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "--exec-child"))
        return 33;
    self_path = argv[0];
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_counter();
    test_cond();
    int st = in_child(exit_while_running);
    check(WIFEXITED(st) && WEXITSTATUS(st) == 42, "exit() in main ends every thread with its status");
    st = in_child(segv_in_thread);
    check(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "a segfault in one thread kills the process");
    st = in_child(exec_from_thread);
    check(WIFEXITED(st) && WEXITSTATUS(st) == 33, "execve from a thread replaces the whole process");
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
