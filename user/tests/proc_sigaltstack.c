/* sigaltstack: a handler installed with SA_ONSTACK runs on the alternate stack, which
 * lets a program survive (and report) its own stack overflow; the stack cannot be
 * changed while a handler runs on it, and too small a stack is refused. */
#include "testlib.h"
#include <string.h>

#define ALT_SIZE (64 * 1024)

static char *alt;
static volatile int handler_on_alt, depth_reached;

static void on_usr1(int sig) {
    (void)sig;
    int local;
    handler_on_alt = (char *)&local >= alt && (char *)&local < alt + ALT_SIZE;
    stack_t now;
    if (sigaltstack(NULL, &now) == 0 && !(now.ss_flags & SS_ONSTACK))
        handler_on_alt = 0;
    stack_t other = {alt, 0, ALT_SIZE};
    if (sigaltstack(&other, NULL) == 0 || errno != EPERM)
        handler_on_alt = 0;
}

static int install_alt(void) {
    stack_t ss = {alt, 0, ALT_SIZE};
    return sigaltstack(&ss, NULL);
}

TEST(handler_runs_on_the_alternate_stack) {
    alt = malloc(ALT_SIZE);
    CHECK(alt != NULL);
    CHECK_EQ(install_alt(), 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_ONSTACK;
    CHECK_EQ(sigaction(SIGUSR1, &sa, NULL), 0);
    handler_on_alt = 0;
    raise(SIGUSR1);
    CHECK(handler_on_alt);
    stack_t now;
    CHECK_EQ(sigaltstack(NULL, &now), 0);
    CHECK(now.ss_sp == alt && now.ss_size == ALT_SIZE && !(now.ss_flags & SS_ONSTACK));
}

TEST(too_small_or_bad_flags_are_refused) {
    stack_t ss = {alt, 0, 1024};
    CHECK_EQ(sigaltstack(&ss, NULL), -1);
    CHECK_EQ(errno, ENOMEM);
    stack_t bad = {alt, 0x4, ALT_SIZE};
    CHECK_EQ(sigaltstack(&bad, NULL), -1);
    CHECK_EQ(errno, EINVAL);
    stack_t off = {NULL, SS_DISABLE, 0};
    CHECK_EQ(sigaltstack(&off, NULL), 0);
    stack_t now;
    CHECK_EQ(sigaltstack(NULL, &now), 0);
    CHECK(now.ss_flags & SS_DISABLE);
}

static void on_segv(int sig) {
    (void)sig;
    _exit(depth_reached > 1000 ? 42 : 43);
}

static volatile int keep_going = 1;   /* always 1: recursion the compiler cannot see end */

static int recurse(int n) {
    volatile char pad[1024];
    pad[0] = (char)n;
    depth_reached = n;
    return keep_going ? recurse(n + 1) + pad[0] : pad[0];
}

/* The child overflows its stack; the SIGSEGV handler can only run on the alternate
 * stack, and reports with status 42. */
static void overflow_child(void) {
    char *stack = malloc(ALT_SIZE);
    stack_t ss = {stack, 0, ALT_SIZE};
    if (sigaltstack(&ss, NULL) != 0)
        _exit(2);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_segv;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGSEGV, &sa, NULL);
    recurse(0);
    _exit(3);
}

TEST(stack_overflow_is_caught_on_the_alternate_stack) {
    CHECK(t_exited_with(t_run_child(overflow_child), 42));
}

int main(void) {
    RUN(handler_runs_on_the_alternate_stack);
    RUN(too_small_or_bad_flags_are_refused);
    RUN(stack_overflow_is_caught_on_the_alternate_stack);
    return check_summary();
}
