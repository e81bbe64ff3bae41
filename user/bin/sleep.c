/* sleep SECONDS: waits; SECONDS may have a fraction ("0.5"). */
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>

#define NSEC_PER_SEC 1000000000L

int main(int argc, char **argv) {
    if (argc != 2)
        errx(1, "usage: sleep SECONDS");
    char *end;
    struct timespec ts = {strtol(argv[1], &end, 10), 0};
    if (*end == '.') {
        long scale = NSEC_PER_SEC / 10;
        for (end++; *end >= '0' && *end <= '9'; end++, scale /= 10)
            ts.tv_nsec += (*end - '0') * scale;
    }
    if (*end || ts.tv_sec < 0)
        errx(1, "invalid time interval '%s'", argv[1]);
    while (nanosleep(&ts, &ts) < 0)
        if (errno != EINTR)
            err(1, "nanosleep");
    return 0;
}
