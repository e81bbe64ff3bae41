/* The user-memory copies. The two instructions that touch user memory each have an
 * .extable entry; page_fault_handler resumes at the fixup when it cannot resolve the
 * fault, and the copy reports -EFAULT. */
#include "mm/uaccess.h"
#include "mm/pgtable.h"
#include "lib/errno.h"

/* True when [uaddr, uaddr + len) lies entirely in user space (len 0: uaddr <= USER_TOP). */
bool access_ok(const void *uaddr, size_t len) {
    uint32_t a = (uint32_t)uaddr;
    return len == 0 ? a <= USER_TOP : a < USER_TOP && len <= USER_TOP - a;
}

/* rep movsb from src to dst under a fixup; returns the bytes left uncopied (0 = all).
 * A fault stops the copy with ecx = what remains. */
static size_t guarded_copy(void *dst, const void *src, size_t n) {
    asm volatile("1: rep movsb\n"
                 "2:\n"
                 ".pushsection .extable, \"a\"\n\t.long 1b, 2b\n\t.popsection"
                 : "+D"(dst), "+S"(src), "+c"(n)
                 :
                 : "memory");
    return n;
}

/* Loads one byte of user memory into *out: 0, or -EFAULT when it faulted. */
static int guarded_get_byte(const char *usrc, char *out) {
    int err = 0;
    char c = 0;
    asm volatile("1: movb (%2), %1\n\t"
                 "jmp 3f\n"
                 "2: movl %3, %0\n"
                 "3:\n\t"
                 ".pushsection .extable, \"a\"\n\t.long 1b, 2b\n\t.popsection"
                 : "+r"(err), "+q"(c)
                 : "r"(usrc), "i"(-EFAULT)
                 : "memory");
    *out = c;
    return err;
}

/* Copies n bytes from user usrc to kernel dst: 0, or -EFAULT (dst may be partly written). */
int copy_from_user(void *dst, const void *usrc, size_t n) {
    if (!access_ok(usrc, n))
        return -EFAULT;
    return guarded_copy(dst, usrc, n) ? -EFAULT : 0;
}

/* Copies n bytes from kernel src to user udst: 0, or -EFAULT (udst may be partly written). */
int copy_to_user(void *udst, const void *src, size_t n) {
    if (!access_ok(udst, n))
        return -EFAULT;
    return guarded_copy(udst, src, n) ? -EFAULT : 0;
}

/* Copies the NUL-terminated user string usrc into dst (max bytes, NUL included).
 * Returns its length, -EFAULT when a byte is unreadable or not user memory, or
 * -ENAMETOOLONG when the first max bytes hold no NUL. */
long strncpy_from_user(char *dst, const char *usrc, size_t max) {
    uint32_t a = (uint32_t)usrc;
    for (size_t i = 0; i < max; i++) {
        if (a + i < a || a + i >= USER_TOP)
            return -EFAULT;
        if (guarded_get_byte(usrc + i, &dst[i]))
            return -EFAULT;
        if (dst[i] == '\0')
            return (long)i;
    }
    return -ENAMETOOLONG;
}
