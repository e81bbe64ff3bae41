/* BSD string functions. */
#ifndef _STRINGS_H
#define _STRINGS_H
#include <features.h>
#include <stddef.h>

__BEGIN_DECLS
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
__END_DECLS
#endif
