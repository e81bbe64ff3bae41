/* mv SRC DST | mv SRC... DIR: renames (into DIR keeping the names). */
#include <err.h>
#include <stdio.h>
#include "to_target.h"

static int move(const char *src, const char *dst) {
    if (rename(src, dst) == 0)
        return 0;
    warn("cannot move '%s' to '%s'", src, dst);
    return 1;
}

int main(int argc, char **argv) {
    return for_each_to_target(argc, argv, "mv SRC DST | mv SRC... DIR", move);
}
