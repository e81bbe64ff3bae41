/* wc [-lwc] [FILE...]: counts lines, words and bytes (all three by default), with a total
 * line for several files. */
#include <ctype.h>
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#define READ_BUF 8192

struct counts {
    long long lines, words, bytes;
};
static int show_lines, show_words, show_bytes;

static int count_fd(int fd, struct counts *c) {
    static char buf[READ_BUF];
    int in_word = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        c->bytes += n;
        for (ssize_t i = 0; i < n; i++) {
            unsigned char ch = (unsigned char)buf[i];
            c->lines += ch == '\n';
            if (isspace(ch))
                in_word = 0;
            else if (!in_word) {
                in_word = 1;
                c->words++;
            }
        }
    }
    return n < 0 ? -1 : 0;
}

static void print(const struct counts *c, const char *name) {
    if (show_lines)
        printf("%7lld ", c->lines);
    if (show_words)
        printf("%7lld ", c->words);
    if (show_bytes)
        printf("%7lld ", c->bytes);
    printf("%s\n", name ? name : "");
}

int main(int argc, char **argv) {
    int c;
    while ((c = getopt(argc, argv, "lwc")) != -1) {
        if (c == 'l') show_lines = 1;
        else if (c == 'w') show_words = 1;
        else if (c == 'c') show_bytes = 1;
        else return 1;
    }
    if (!show_lines && !show_words && !show_bytes)
        show_lines = show_words = show_bytes = 1;
    struct counts total = {0, 0, 0};
    int status = 0;
    if (optind == argc) {
        struct counts cnt = {0, 0, 0};
        if (count_fd(0, &cnt) < 0)
            err(1, "stdin");
        print(&cnt, NULL);
        return 0;
    }
    for (int i = optind; i < argc; i++) {
        struct counts cnt = {0, 0, 0};
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0 || count_fd(fd, &cnt) < 0) {
            warn("%s", argv[i]);
            status = 1;
        } else {
            print(&cnt, argv[i]);
        }
        if (fd >= 0)
            close(fd);
        total.lines += cnt.lines;
        total.words += cnt.words;
        total.bytes += cnt.bytes;
    }
    if (argc - optind > 1)
        print(&total, "total");
    return status;
}
