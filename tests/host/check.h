/* A small, clear test runner for host unit tests.
 *
 *   TEST(name) { CHECK(x == 1); CHECK_EQ(a, b); }
 *   int main(void) { RUN(name); ...; return check_summary(); }
 *
 * Each failed CHECK prints file:line and the expression; a test passes when none of its
 * checks failed. check_summary() prints the closing line "N passed, N failed" that every
 * suite of the project ends with, and returns the process exit status (0 only if all
 * passed). EXPECT_PANIC(stmt) runs stmt and passes only if it calls panic(), which the
 * host build of a pure module routes here through longjmp. */
#ifndef TESTS_HOST_CHECK_H
#define TESTS_HOST_CHECK_H
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_failures_in_test;
static int check_passed, check_failed;
static jmp_buf *check_panic_jmp;
static char check_panic_msg[512];

#define TEST(name) static void test_##name(void)

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            printf("  FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);             \
            check_failures_in_test++;                                            \
        }                                                                        \
    } while (0)

#define CHECK_EQ(a, b)                                                           \
    do {                                                                         \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);          \
        if (check_a_ != check_b_) {                                              \
            printf("  FAIL %s:%d: %s == %s (%lld != %lld)\n", __FILE__, __LINE__, \
                   #a, #b, check_a_, check_b_);                                  \
            check_failures_in_test++;                                            \
        }                                                                        \
    } while (0)

#define EXPECT_PANIC(stmt)                                                       \
    do {                                                                         \
        jmp_buf check_jb_;                                                       \
        jmp_buf *check_saved_ = check_panic_jmp;                                 \
        check_panic_jmp = &check_jb_;                                            \
        if (setjmp(check_jb_) == 0) {                                            \
            stmt;                                                                \
            printf("  FAIL %s:%d: expected panic from %s\n", __FILE__, __LINE__, \
                   #stmt);                                                       \
            check_failures_in_test++;                                            \
        }                                                                        \
        check_panic_jmp = check_saved_;                                          \
    } while (0)

#define RUN(name)                                                                \
    do {                                                                         \
        check_failures_in_test = 0;                                              \
        test_##name();                                                           \
        if (check_failures_in_test) {                                            \
            check_failed++;                                                      \
            printf("FAIL %s\n", #name);                                          \
        } else {                                                                 \
            check_passed++;                                                      \
            printf("ok   %s\n", #name);                                          \
        }                                                                        \
    } while (0)

/* The host build's panic(): inside EXPECT_PANIC it returns there; anywhere else a panic
 * is a test failure that ends the suite with the message. */
__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(check_panic_msg, sizeof check_panic_msg, fmt, ap);
    va_end(ap);
    if (check_panic_jmp)
        longjmp(*check_panic_jmp, 1);
    printf("  unexpected panic: %s\n", check_panic_msg);
    printf("%d passed, %d failed\n", check_passed, check_failed + 1);
    exit(1);
}

static inline int check_summary(void) {
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}
#endif
