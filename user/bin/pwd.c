/* pwd: prints the current directory. */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
    char buf[PATH_MAX];
    if (!getcwd(buf, sizeof buf))
        err(1, "getcwd");
    puts(buf);
    return 0;
}
