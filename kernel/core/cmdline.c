#include "core/cmdline.h"
#include "lib/string.h"
#include "lib/printf.h"

#define CMDLINE_MAX 512
#define CMDLINE_MAX_OPTS 32

/* Every option the kernel understands, with what it does (printed nowhere; this is the
 * one list a reader needs). */
static const char *const known[] = {
    "init",     /* init=/path: the first program (default /bin/init) */
    "ktest",    /* ktest=all|NAME[,NAME]: run in-kernel tests, exit QEMU with the result */
    "panic",    /* panic=exit: a panic exits QEMU (tests); default halts */
    "quiet",    /* kernel log only on COM2, COM1 is the program's */
    "oneshot",  /* power off when init exits, QEMU status = its exit status */
    "crash",    /* crash=pagefault|divide|ud|doublefault|panic|hang: break the boot on purpose */
    "root",     /* root=hda|none */
    "swap",     /* swap=hdb|none */
};

static char buf[CMDLINE_MAX];
static struct { const char *name, *value; } opts[CMDLINE_MAX_OPTS];
static int nopts;
static const char *rest;  /* the words after " -- ": init's arguments */

/* The standalone word w in s (delimited by spaces or the ends), or NULL. */
static char *strstr_words(char *s, const char *w) {
    size_t n = strlen(w);
    for (char *p = s; *p; p++)
        if ((p == s || p[-1] == ' ') && !strncmp(p, w, n) && (p[n] == ' ' || !p[n]))
            return p;
    return NULL;
}

/* Leading spaces in s: where the first word starts in the copy. */
static size_t strspn_spaces(const char *s) {
    size_t n = 0;
    while (s[n] == ' ')
        n++;
    return n;
}

static bool is_known(const char *name) {
    for (unsigned i = 0; i < sizeof known / sizeof known[0]; i++)
        if (!strcmp(known[i], name))
            return true;
    return false;
}

/* Splits a copy of the command line into options. Loaders (QEMU, GRUB) put the kernel
 * image's path first: a first word with a '/' and no '=' is that path and is skipped. */
void cmdline_parse(const char *cmdline) {
    strlcpy(buf, cmdline, sizeof buf);
    char *p = buf;
    nopts = 0;
    rest = NULL;
    char *dashes = strstr_words(buf, "--");
    if (dashes) {
        *dashes = 0;
        rest = dashes + 2;
        while (*rest == ' ')
            rest++;
    }
    while (*p) {
        while (*p == ' ')
            *p++ = 0;
        if (!*p)
            break;
        char *word = p;
        while (*p && *p != ' ')
            p++;
        if (*p)
            *p++ = 0;
        char *eq = strchr(word, '=');
        if (word == buf + strspn_spaces(cmdline) && !eq && strchr(word, '/'))
            continue;
        if (eq)
            *eq = 0;
        if (!is_known(word))
            kprintf("cmdline: warning: unknown option '%s' ignored\n", word);
        else if (nopts < CMDLINE_MAX_OPTS) {
            opts[nopts].name = word;
            opts[nopts++].value = eq ? eq + 1 : "";
        }
    }
}

const char *cmdline_get(const char *name) {
    for (int i = nopts - 1; i >= 0; i--)
        if (!strcmp(opts[i].name, name))
            return opts[i].value;
    return NULL;
}

bool cmdline_has(const char *name) { return cmdline_get(name) != NULL; }

const char *cmdline_rest(void) { return rest; }
