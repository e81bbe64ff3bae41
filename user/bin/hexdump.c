/* hexdump [-C] [FILE...]: the canonical hex+ASCII dump (as hexdump -C): offset, 16 bytes
 * in two groups of 8, |printable text|; identical lines fold into "*". */
#include <ctype.h>
#include <err.h>
#include <stdio.h>
#include <string.h>

#define LINE_BYTES 16

static void print_line(unsigned long long off, const unsigned char *b, size_t n) {
    printf("%08llx ", off);
    for (size_t i = 0; i < LINE_BYTES; i++) {
        if (i % 8 == 0)
            putchar(' ');
        if (i < n)
            printf("%02x ", b[i]);
        else
            fputs("   ", stdout);
    }
    fputs(" |", stdout);
    for (size_t i = 0; i < n; i++)
        putchar(isprint(b[i]) ? b[i] : '.');
    puts("|");
}

/* Dumps the concatenation of the inputs; offsets run across files, like hexdump. */
struct dumper {
    unsigned long long off;
    unsigned char line[LINE_BYTES], prev[LINE_BYTES];
    size_t fill;
    int have_prev, folded;
};

static void flush_line(struct dumper *d) {
    if (d->fill == LINE_BYTES && d->have_prev && !memcmp(d->line, d->prev, LINE_BYTES)) {
        if (!d->folded)
            puts("*");
        d->folded = 1;
    } else {
        print_line(d->off, d->line, d->fill);
        d->folded = 0;
    }
    memcpy(d->prev, d->line, LINE_BYTES);
    d->have_prev = d->fill == LINE_BYTES;
    d->off += d->fill;
    d->fill = 0;
}

static void dump(struct dumper *d, FILE *f) {
    int c;
    while ((c = fgetc(f)) != EOF) {
        d->line[d->fill++] = (unsigned char)c;
        if (d->fill == LINE_BYTES)
            flush_line(d);
    }
}

int main(int argc, char **argv) {
    int i = 1, status = 0;
    if (i < argc && !strcmp(argv[i], "-C"))
        i++;
    struct dumper d = {0};
    if (i == argc)
        dump(&d, stdin);
    for (; i < argc; i++) {
        FILE *f = fopen(argv[i], "r");
        if (!f) {
            warn("%s", argv[i]);
            status = 1;
            continue;
        }
        dump(&d, f);
        fclose(f);
    }
    if (d.fill) {
        d.folded = 0;
        d.have_prev = 0;
        flush_line(&d);
    }
    if (d.off)
        printf("%08llx\n", d.off);
    return status;
}
