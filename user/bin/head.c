/* head [-n N | -N] [FILE...]: prints the first N lines (default 10) of each FILE or stdin. */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_LINES 10

static void head(FILE *f, long n) {
    int c;
    while (n > 0 && (c = fgetc(f)) != EOF) {
        putchar(c);
        if (c == '\n')
            n--;
    }
}

int main(int argc, char **argv) {
    long n = DEFAULT_LINES;
    int i = 1;
    if (i < argc && !strcmp(argv[i], "-n") && i + 1 < argc) {
        n = atol(argv[i + 1]);
        i += 2;
    } else if (i < argc && argv[i][0] == '-' && argv[i][1] >= '0' && argv[i][1] <= '9') {
        n = atol(argv[i] + 1);
        i++;
    }
    if (i == argc) {
        head(stdin, n);
        return 0;
    }
    int status = 0;
    for (int first = i; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        if (!f) {
            warn("cannot open '%s' for reading", argv[i]);
            status = 1;
            continue;
        }
        if (argc - first > 1)
            printf("%s==> %s <==\n", i > first ? "\n" : "", argv[i]);
        head(f, n);
        fclose(f);
    }
    return status;
}
