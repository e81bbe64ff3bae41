/* String to integer: strto[u]l[l], ato*, strto[u]imax. Leading space, an optional sign,
 * and for base 0 or 16 a "0x" prefix (base 0 also takes "0" as octal). Out-of-range
 * values clamp and set ERANGE. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

static int digit_value(int c) {
    if (isdigit(c))
        return c - '0';
    if (isalpha(c))
        return tolower(c) - 'a' + 10;
    return INT_MAX;
}

/* Parses the magnitude; *neg gets the sign, *over whether it exceeded ULLONG_MAX. */
static unsigned long long parse(const char *s, char **end, int base, bool *neg, bool *over) {
    const char *p = s;
    *neg = *over = false;
    while (isspace((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        *neg = *p++ == '-';
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 0x20) == 'x' &&
        isxdigit((unsigned char)p[2])) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = *p == '0' ? 8 : 10;
    }
    if (base < 2 || base > 36) {
        errno = EINVAL;
        if (end)
            *end = (char *)s;
        return 0;
    }
    unsigned long long v = 0;
    const char *digits = p;
    for (int d; (d = digit_value((unsigned char)*p)) < base; p++) {
        if (v > (ULLONG_MAX - (unsigned)d) / (unsigned)base)
            *over = true;
        v = v * (unsigned)base + (unsigned)d;
    }
    if (end)
        *end = (char *)(p == digits ? s : p);
    return v;
}

/* Clamps a parsed value into [min, max] (as magnitudes, with the sign applied). */
static long long to_signed(unsigned long long v, bool neg, bool over, long long min, long long max) {
    if (!over && !neg && v <= (unsigned long long)max)
        return (long long)v;
    if (!over && neg && v <= (unsigned long long)max + 1)
        return (long long)(0 - v);
    errno = ERANGE;
    return neg ? min : max;
}

/* Unsigned conversions negate like C does ("-1" is the maximum), clamping on overflow. */
static unsigned long long to_unsigned(unsigned long long v, bool neg, bool over, unsigned long long max) {
    if (over || v > max) {
        errno = ERANGE;
        return max;
    }
    return neg ? (0 - v) & max : v;
}

long long strtoll(const char *s, char **end, int base) {
    bool neg, over;
    unsigned long long v = parse(s, end, base, &neg, &over);
    return to_signed(v, neg, over, LLONG_MIN, LLONG_MAX);
}

long strtol(const char *s, char **end, int base) {
    bool neg, over;
    unsigned long long v = parse(s, end, base, &neg, &over);
    return (long)to_signed(v, neg, over, LONG_MIN, LONG_MAX);
}

unsigned long long strtoull(const char *s, char **end, int base) {
    bool neg, over;
    unsigned long long v = parse(s, end, base, &neg, &over);
    return to_unsigned(v, neg, over, ULLONG_MAX);
}

unsigned long strtoul(const char *s, char **end, int base) {
    bool neg, over;
    unsigned long long v = parse(s, end, base, &neg, &over);
    return (unsigned long)to_unsigned(v, neg, over, ULONG_MAX);
}

intmax_t strtoimax(const char *s, char **end, int base) { return strtoll(s, end, base); }
uintmax_t strtoumax(const char *s, char **end, int base) { return strtoull(s, end, base); }
int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }
