/* Thread churn: many short-lived threads created and joined in waves (slots and kernel
 * stacks are reused), detached threads that exit on their own, and contended mutexes
 * and condition variables across 8 threads. Prints the same lines natively and on
 * LingOS; exits 0 when every count is right. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define WAVES 40
#define PER_WAVE 8
#define CONTENDERS 8
#define ROUNDS 2000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long counter, detached_done;

static void *short_lived(void *arg) { return (void *)((long)arg * 2); }

static void *detached(void *arg) {
    (void)arg;
    pthread_mutex_lock(&lock);
    detached_done++;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *contender(void *arg) {
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
        if (i % 256 == 0)
            sched_yield();
    }
    return NULL;
}

int main(void) {
    long sum = 0;
    for (int w = 0; w < WAVES; w++) {
        pthread_t t[PER_WAVE];
        for (long i = 0; i < PER_WAVE; i++)
            if (pthread_create(&t[i], NULL, short_lived, (void *)i) != 0)
                return printf("create failed in wave %d\n", w), 1;
        for (int i = 0; i < PER_WAVE; i++) {
            void *r;
            pthread_join(t[i], &r);
            sum += (long)r;
        }
    }
    printf("joined %d threads, sum %ld\n", WAVES * PER_WAVE, sum);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    for (int i = 0; i < 16; i++) {
        pthread_t t;
        if (pthread_create(&t, &attr, detached, NULL) != 0)
            return printf("detached create failed\n"), 1;
    }
    pthread_mutex_lock(&lock);
    while (detached_done < 16)
        pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    printf("detached threads done: %ld\n", detached_done);
    pthread_t c[CONTENDERS];
    for (int i = 0; i < CONTENDERS; i++)
        pthread_create(&c[i], NULL, contender, NULL);
    for (int i = 0; i < CONTENDERS; i++)
        pthread_join(c[i], NULL);
    printf("counter %ld (want %d)\n", counter, CONTENDERS * ROUNDS);
    int ok = sum == WAVES * (PER_WAVE * (PER_WAVE - 1)) && counter == CONTENDERS * ROUNDS;
    printf(ok ? "threads churn ok\n" : "threads churn WRONG\n");
    return ok ? 0 : 1;
}
