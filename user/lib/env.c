/* The environment: getenv/setenv/unsetenv/putenv over `environ`. The first change copies
 * the inherited array into one we own (growable); strings made by setenv are never freed,
 * since a caller may still hold a pointer from getenv. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **owned;        /* environ, once we own the array */
static size_t owned_cap;    /* its capacity in entries, terminator included */

static size_t env_count(void) {
    size_t n = 0;
    while (environ && environ[n])
        n++;
    return n;
}

/* The index of NAME (namelen bytes) in environ, or -1. */
static long env_find(const char *name, size_t namelen) {
    for (size_t i = 0; environ && environ[i]; i++)
        if (!strncmp(environ[i], name, namelen) && environ[i][namelen] == '=')
            return (long)i;
    return -1;
}

char *getenv(const char *name) {
    long i = env_find(name, strlen(name));
    return i < 0 ? NULL : environ[i] + strlen(name) + 1;
}

/* Makes environ an array we own with room for one more entry. 0, or -1 (ENOMEM). */
static int env_reserve(void) {
    size_t n = env_count();
    if (environ == owned && n + 2 <= owned_cap)
        return 0;
    size_t cap = (n + 2) * 2;
    char **fresh = malloc(cap * sizeof *fresh);
    if (!fresh)
        return -1;
    if (n)
        memcpy(fresh, environ, n * sizeof *fresh);
    fresh[n] = NULL;
    if (environ == owned)
        free(owned);
    environ = owned = fresh;
    owned_cap = cap;
    return 0;
}

/* Adds or replaces the entry "NAME=..." (entry is kept, not copied). */
static int env_put(char *entry, size_t namelen) {
    long i = env_find(entry, namelen);
    if (i >= 0) {
        environ[i] = entry;
        return 0;
    }
    if (env_reserve() < 0)
        return -1;
    size_t n = env_count();
    environ[n] = entry;
    environ[n + 1] = NULL;
    return 0;
}

static int bad_name(const char *name) {
    if (!name || !*name || strchr(name, '=')) {
        errno = EINVAL;
        return 1;
    }
    return 0;
}

int setenv(const char *name, const char *value, int overwrite) {
    if (bad_name(name))
        return -1;
    size_t nl = strlen(name), vl = strlen(value);
    if (!overwrite && env_find(name, nl) >= 0)
        return 0;
    char *entry = malloc(nl + vl + 2);
    if (!entry)
        return -1;
    memcpy(entry, name, nl);
    entry[nl] = '=';
    memcpy(entry + nl + 1, value, vl + 1);
    if (env_put(entry, nl) < 0) {
        free(entry);
        return -1;
    }
    return 0;
}

int putenv(char *entry) {
    char *eq = strchr(entry, '=');
    if (!eq)
        return unsetenv(entry);
    return env_put(entry, (size_t)(eq - entry));
}

int unsetenv(const char *name) {
    if (bad_name(name))
        return -1;
    size_t nl = strlen(name);
    long i;
    while ((i = env_find(name, nl)) >= 0)
        for (size_t j = (size_t)i; environ[j]; j++)
            environ[j] = environ[j + 1];
    return 0;
}

int clearenv(void) {
    if (environ == owned)
        free(owned);
    environ = owned = NULL;
    owned_cap = 0;
    return 0;
}
