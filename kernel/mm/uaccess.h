/* Copies between the kernel and the user half of the active address space. Every user
 * pointer is distrusted: the range must lie below USER_TOP without wrapping, and the copy
 * itself runs under an exception-table fixup, so a page outside every VMA or one whose
 * protection forbids the access makes it return -EFAULT instead of faulting the kernel.
 * Pages inside VMAs that are not yet present are demand-paged as usual. */
#ifndef MM_UACCESS_H
#define MM_UACCESS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

bool access_ok(const void *uaddr, size_t len);
int copy_from_user(void *dst, const void *usrc, size_t n);
int copy_to_user(void *udst, const void *src, size_t n);
long strncpy_from_user(char *dst, const char *usrc, size_t max);
#endif
