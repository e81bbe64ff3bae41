/* POSIX getopt: short options, clustered (-la), with arguments ("f:") attached or next;
 * stops at "--" or the first non-option. Errors print "PROG: ..." unless opterr is 0 or
 * opts starts with ':'. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int optpos = 1; /* index of the next option character within argv[optind] */

int getopt(int argc, char *const argv[], const char *opts) {
    int quiet = opts[0] == ':';
    if (optind >= argc || !argv[optind] || argv[optind][0] != '-' || !argv[optind][1])
        return -1;
    if (!strcmp(argv[optind], "--")) {
        optind++;
        return -1;
    }
    int c = argv[optind][optpos++];
    const char *spec = c == ':' ? NULL : strchr(opts, c);
    int at_end = argv[optind][optpos] == 0;
    if (!spec) {
        optopt = c;
        if (opterr && !quiet)
            fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
        if (at_end)
            optind++, optpos = 1;
        return '?';
    }
    if (spec[1] != ':') {
        if (at_end)
            optind++, optpos = 1;
        return c;
    }
    if (!at_end)
        optarg = (char *)&argv[optind][optpos];
    else if (optind + 1 < argc)
        optarg = argv[++optind];
    else {
        optopt = c;
        optind++, optpos = 1;
        if (opterr && !quiet)
            fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
        return quiet ? ':' : '?';
    }
    optind++, optpos = 1;
    return c;
}
