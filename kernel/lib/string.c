/* Freestanding string and memory functions. gcc may emit calls to memset/memcpy/memmove/
 * memcmp itself, so these keep the exact C library contracts. */
#include "lib/string.h"
#include <stdint.h>

/* Fills n bytes at dst with the byte c; returns dst. The bulk goes four bytes at a
 * time (rep stosl), the tail byte by byte. */
void *memset(void *dst, int c, size_t n) {
    void *ret = dst;
    uint32_t word = (uint8_t)c * 0x01010101u;
    size_t words = n / 4, bytes = n % 4;
    asm volatile("rep stosl" : "+D"(dst), "+c"(words) : "a"(word) : "memory");
    asm volatile("rep stosb" : "+D"(dst), "+c"(bytes) : "a"(word) : "memory");
    return ret;
}

/* Copies n bytes; the ranges must not overlap. Returns dst. Four bytes at a time for
 * the bulk (rep movsl), then the tail. */
void *memcpy(void *dst, const void *src, size_t n) {
    void *ret = dst;
    size_t words = n / 4, bytes = n % 4;
    asm volatile("rep movsl" : "+D"(dst), "+S"(src), "+c"(words) : : "memory");
    asm volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(bytes) : : "memory");
    return ret;
}

/* Copies n bytes between ranges that may overlap. Returns dst. */
void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d <= s || d >= s + n)
        return memcpy(dst, src, n);
    while (n--)
        d[n] = s[n];
    return dst;
}

int memcmp(const void *a, const void *b, size_t n) {
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

size_t strlen(const char *s) {
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

size_t strnlen(const char *s, size_t max) {
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b) {
    while (*a && *a == *b)
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n) {
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (unsigned char)*a - (unsigned char)*b;
        if (!*a)
            return 0;
    }
    return 0;
}

char *strchr(const char *s, int c) {
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}

char *strrchr(const char *s, int c) {
    const char *last = NULL;
    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (!*s)
            return (char *)last;
    }
}

size_t strlcpy(char *dst, const char *src, size_t size) {
    size_t len = strlen(src);
    if (size) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(dst, src, n);
        dst[n] = 0;
    }
    return len;
}
