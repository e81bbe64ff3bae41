/* Process exit: atexit handlers (last registered first), then stdio flush, then
 * exit_group. abort() raises SIGABRT. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include "stdio_impl.h"
#include "sys.h"

#define ATEXIT_MAX 32
#define ABORT_STATUS 134 /* 128 + SIGABRT, if the signal somehow returns */

static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

/* Registers fn to run at exit(); 0 on success, -1 when the table is full. */
int atexit(void (*fn)(void)) {
    if (atexit_count == ATEXIT_MAX)
        return -1;
    atexit_fns[atexit_count++] = fn;
    return 0;
}

void exit(int status) {
    while (atexit_count > 0)
        atexit_fns[--atexit_count]();
    __stdio_exit();
    _exit(status);
}

/* Ends the process at once: no handlers, no flushing. */
void _exit(int status) {
    for (;;)
        sys1(SYS_exit_group, status);
}

void _Exit(int status) { _exit(status); }

/* Dies by SIGABRT, even when the program catches or ignores it. */
void abort(void) {
    raise(SIGABRT);
    signal(SIGABRT, SIG_DFL);
    raise(SIGABRT);
    _exit(ABORT_STATUS);
}
