/* free [-m]: memory usage from /proc/meminfo, laid out like procps free: total, used,
 * free, shared, buff/cache and available, in KiB (-m: MiB); then swap. "used" is total
 * minus available when the kernel reports MemAvailable, else total - free - buff/cache. */
#include <err.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KIB_PER_MIB 1024

struct meminfo {
    unsigned long long total, free, avail, buffers, cached, sreclaim, shmem, swap_total,
        swap_free;
    int have_avail;
};

static const struct {
    const char *key;
    size_t off;
} keys[] = {
    {"MemTotal:", offsetof(struct meminfo, total)},
    {"MemFree:", offsetof(struct meminfo, free)},
    {"MemAvailable:", offsetof(struct meminfo, avail)},
    {"Buffers:", offsetof(struct meminfo, buffers)},
    {"Cached:", offsetof(struct meminfo, cached)},
    {"SReclaimable:", offsetof(struct meminfo, sreclaim)},
    {"Shmem:", offsetof(struct meminfo, shmem)},
    {"SwapTotal:", offsetof(struct meminfo, swap_total)},
    {"SwapFree:", offsetof(struct meminfo, swap_free)},
};

/* Fills m from "Key:   value kB" lines; keys not present stay 0. */
static void parse(FILE *f, struct meminfo *m) {
    char line[128];
    while (fgets(line, sizeof line, f)) {
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            size_t kl = strlen(keys[i].key);
            if (strncmp(line, keys[i].key, kl))
                continue;
            *(unsigned long long *)((char *)m + keys[i].off) = strtoull(line + kl, NULL, 10);
            if (keys[i].off == offsetof(struct meminfo, avail))
                m->have_avail = 1;
        }
    }
}

int main(int argc, char **argv) {
    unsigned long long div = argc > 1 && !strcmp(argv[1], "-m") ? KIB_PER_MIB : 1;
    FILE *f = fopen("/proc/meminfo", "r");
    if (!f)
        err(1, "cannot open /proc/meminfo");
    struct meminfo m = {0};
    parse(f, &m);
    fclose(f);
    unsigned long long cache = m.buffers + m.cached + m.sreclaim;
    unsigned long long avail = m.have_avail ? m.avail : m.free + cache;
    long long used = m.have_avail ? (long long)(m.total - avail) : (long long)(m.total - m.free - cache);
    if (used < 0)
        used = 0;
    printf("%20s%12s%12s%12s%12s%12s\n", "total", "used", "free", "shared", "buff/cache",
           "available");
    printf("%-7s %12llu %11llu %11llu %11llu %11llu %11llu\n", "Mem:", m.total / div,
           (unsigned long long)used / div, m.free / div, m.shmem / div, cache / div, avail / div);
    printf("%-7s %12llu %11llu %11llu\n", "Swap:", m.swap_total / div,
           (m.swap_total - m.swap_free) / div, m.swap_free / div);
    return 0;
}
