/* The C start routine: decodes the initial stack, sets up the environment and the
 * standard streams, runs main and exits with its result. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "stdio_impl.h"

char **environ;
char *program_invocation_name = "";
char *program_invocation_short_name = "";

int main(int argc, char **argv, char **envp);

/* Called by _start (crt0.S) with the initial stack pointer; never returns. */
__noreturn void __libc_start(long *sp) {
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    environ = argv + argc + 1;
    if (argc > 0 && argv[0]) {
        program_invocation_name = argv[0];
        char *slash = strrchr(argv[0], '/');
        program_invocation_short_name = slash ? slash + 1 : argv[0];
    }
    exit(main(argc, argv, environ));
}
