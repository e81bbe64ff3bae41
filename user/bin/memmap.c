/* memmap [-c | -n]: a picture of physical memory on the terminal.
 *
 * With LingOS's /proc/memmap ("FIRST_PFN NFRAMES" then one character per frame: . free,
 * R reserved, K kernel, S kmalloc slabs, P page tables, U user, C page cache) it draws
 * physical memory in order as a colored grid of at most 1024 cells: a cell is free only
 * when all its frames are, else it shows the commonest kind in use there. Without it, it
 * draws the proportions of /proc/meminfo instead (not the physical layout, and says so).
 * Then the free blocks per order from /proc/buddyinfo. Colors on a terminal or with -c;
 * -n never. Missing files are skipped with a note. MEMMAP_PROC=DIR reads the files from
 * DIR instead of /proc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ROW_CELLS 64
#define MAX_CELLS (ROW_CELLS * 16)
#define PAGE_KIB 4
#define MAX_ORDERS 16
#define LINE_BUF 512

struct kind {
    char ch;
    const char *name;
    int color; /* ANSI background color 40..47 (+60 for bright) */
};
static const struct kind kinds[] = {
    {'.', "free", 42},        {'R', "reserved", 100}, {'K', "kernel", 41},
    {'S', "kmalloc slabs", 46}, {'P', "page tables", 45}, {'U', "user", 44},
    {'C', "page cache", 43},
};
#define NKINDS (int)(sizeof kinds / sizeof kinds[0])
#define UNKNOWN_COLOR 47

static int use_color;
static int current_color; /* the color last emitted on this row, 0 for none */

/* /proc/NAME, or $MEMMAP_PROC/NAME (to try the drawing on saved copies of the files). */
static const char *proc_file(const char *name) {
    static char path[256];
    const char *dir = getenv("MEMMAP_PROC");
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "/proc", name);
    return path;
}

static int kind_index(char c) {
    for (int i = 0; i < NKINDS; i++)
        if (kinds[i].ch == c)
            return i;
    return -1;
}

/* One cell; escapes are only sent when the color changes (the serial console is slow). */
static void cell(char c) {
    int k = kind_index(c);
    int color = k >= 0 ? kinds[k].color : UNKNOWN_COLOR;
    if (use_color && color != current_color) {
        printf("\033[30;%dm", color);
        current_color = color;
    }
    putchar(c);
}

static void end_cells(void) {
    if (use_color && current_color)
        fputs("\033[0m", stdout);
    current_color = 0;
}

/* Prints cells in rows of ROW_CELLS, then a legend with each kind's total (kib[kind]). */
static void draw(const char *cells, int n, const unsigned long long *kib) {
    for (int i = 0; i < n; i++) {
        if (i % ROW_CELLS == 0)
            printf("  ");
        cell(cells[i]);
        if (i % ROW_CELLS == ROW_CELLS - 1 || i == n - 1) {
            end_cells();
            putchar('\n');
        }
    }
    printf("  legend:");
    for (int k = 0; k < NKINDS; k++) {
        if (!kib[k])
            continue;
        printf("  ");
        cell(kinds[k].ch);
        end_cells();
        printf(" %s %llu KiB", kinds[k].name, kib[k]);
    }
    putchar('\n');
}

/* Shrinks map (n chars) to at most MAX_CELLS in place: a cell stands for *group frames
 * and is free only if all of them are, else it shows the commonest kind in use. */
static int condense(char *map, int n, int *group) {
    *group = (n + MAX_CELLS - 1) / MAX_CELLS;
    if (*group <= 1) {
        *group = 1;
        return n;
    }
    int out = 0;
    for (int start = 0; start < n; start += *group) {
        int counts[256] = {0}, best = '.';
        for (int i = start; i < n && i < start + *group; i++) {
            unsigned char c = (unsigned char)map[i];
            if (c != '.' && (++counts[c] > counts[best] || best == '.'))
                best = c;
        }
        map[out++] = (char)best;
    }
    return out;
}

/* Draws /proc/memmap; 0 if it was there. */
static int draw_memmap(void) {
    FILE *f = fopen(proc_file("memmap"), "r");
    if (!f)
        return -1;
    unsigned long first = 0, nframes = 0;
    char line[LINE_BUF];
    if (fgets(line, sizeof line, f)) {
        char *end;
        first = strtoul(line, &end, 10);
        nframes = strtoul(end, NULL, 10);
    }
    char *map = nframes ? malloc(nframes) : NULL;
    int n = 0, c;
    while (map && n < (int)nframes && (c = fgetc(f)) != EOF)
        if (c != '\n')
            map[n++] = (char)c;
    fclose(f);
    if (!n) {
        free(map);
        return -1;
    }
    unsigned long long kib[NKINDS] = {0};
    for (int i = 0; i < n; i++) {
        int k = kind_index(map[i]);
        if (k >= 0)
            kib[k] += PAGE_KIB;
    }
    int group;
    int cells = condense(map, n, &group);
    printf("Physical memory: frames %lu-%lu (%d MiB), one cell = %d KiB (/proc/memmap)\n", first,
           first + (unsigned long)n - 1, n * PAGE_KIB / 1024, group * PAGE_KIB);
    draw(map, cells, kib);
    free(map);
    return 0;
}

/* The value of "Key:" in /proc/meminfo (KiB), or 0. */
static unsigned long long meminfo(FILE *f, const char *key) {
    char line[LINE_BUF];
    size_t kl = strlen(key);
    rewind(f);
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, key, kl) && line[kl] == ':')
            return strtoull(line + kl + 1, NULL, 10);
    return 0;
}

/* Draws the proportions of /proc/meminfo over MAX_CELLS/2 cells. */
static void draw_meminfo(void) {
    FILE *f = fopen(proc_file("meminfo"), "r");
    if (!f) {
        printf("(no /proc/meminfo: cannot draw memory)\n");
        return;
    }
    unsigned long long total = meminfo(f, "MemTotal");
    unsigned long long part[] = {
        meminfo(f, "MemFree"), meminfo(f, "AnonPages"),
        meminfo(f, "Cached") + meminfo(f, "Buffers"), meminfo(f, "PageTables"),
    };
    const char chars[] = {'.', 'U', 'C', 'P'};
    unsigned long long kib[NKINDS] = {0}, rest = total;
    fclose(f);
    if (!total) {
        printf("(/proc/meminfo has no MemTotal)\n");
        return;
    }
    const int ncells = MAX_CELLS / 2;
    char cells[MAX_CELLS / 2];
    int at = 0;
    for (int i = 0; i < 4; i++) /* the rest is the kernel's */
        for (int c = (int)(part[i] * (unsigned long long)ncells / total); c > 0 && at < ncells; c--)
            cells[at++] = chars[i];
    while (at < ncells)
        cells[at++] = 'K';
    for (int i = 0; i < 4; i++) {
        unsigned long long v = part[i] < rest ? part[i] : rest;
        kib[kind_index(chars[i])] += v;
        rest -= v;
    }
    kib[kind_index('K')] += rest;
    printf("Memory by use (from /proc/meminfo: proportions, not the physical layout), "
           "%llu KiB total\n", total);
    draw(cells, ncells, kib);
}

/* "Node 0, zone   Normal  c0 c1 ..." lines as a table of free blocks per order. */
static void draw_buddyinfo(void) {
    FILE *f = fopen(proc_file("buddyinfo"), "r");
    if (!f) {
        printf("(no /proc/buddyinfo)\n");
        return;
    }
    char line[LINE_BUF];
    int header = 0;
    while (fgets(line, sizeof line, f)) {
        char *zone = strstr(line, "zone");
        if (!zone)
            continue;
        char *p = zone + strlen("zone");
        while (*p == ' ')
            p++;
        char *name = p;
        while (*p && *p != ' ')
            p++;
        *p++ = 0;
        unsigned long long counts[MAX_ORDERS], free_kib = 0;
        int orders = 0;
        for (char *end; orders < MAX_ORDERS; p = end) {
            counts[orders] = strtoull(p, &end, 10);
            if (end == p)
                break;
            free_kib += counts[orders] * (PAGE_KIB << orders);
            orders++;
        }
        if (!header++) {
            printf("Buddy allocator: free blocks per order (block = 4 KiB << order)\n  %-8s", "order");
            for (int o = 0; o < orders; o++)
                printf("%6d", o);
            printf("  free KiB\n");
        }
        printf("  %-8s", name);
        for (int o = 0; o < orders; o++)
            printf("%6llu", counts[o]);
        printf("  %llu\n", free_kib);
    }
    fclose(f);
}

int main(int argc, char **argv) {
    use_color = isatty(1);
    if (argc > 1 && !strcmp(argv[1], "-c"))
        use_color = 1;
    if (argc > 1 && !strcmp(argv[1], "-n"))
        use_color = 0;
    if (draw_memmap() < 0)
        draw_meminfo();
    putchar('\n');
    draw_buddyinfo();
    return 0;
}
