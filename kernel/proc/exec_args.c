/* Gathering execve's argv and envp into kernel memory, with Linux's limits. */
#include "proc/exec.h"
#include "mm/uaccess.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/string.h"

/* Appends one string to args->buf; -E2BIG past ARG_MAX_BYTES. */
static int append(struct exec_args *args, const char *s, uint32_t len) {
    if (args->bytes + len + 1 > ARG_MAX_BYTES)
        return -E2BIG;
    memcpy(args->buf + args->bytes, s, len);
    args->buf[args->bytes + len] = 0;
    args->bytes += len + 1;
    return 0;
}

/* Copies the strings of a NULL-terminated user vector; returns how many, or -errno. */
static long copy_vector(struct exec_args *args, uint32_t uvec) {
    long n = 0;
    if (!uvec)
        return 0;
    for (;; n++) {
        uint32_t uptr;
        if (n >= ARG_MAX_COUNT)
            return -E2BIG;
        if (copy_from_user(&uptr, (const void *)(uvec + 4 * n), sizeof uptr))
            return -EFAULT;
        if (!uptr)
            return n;
        long len = strncpy_from_user(args->buf + args->bytes, (const char *)uptr,
                                     ARG_MAX_BYTES - args->bytes);
        if (len == -ENAMETOOLONG)
            return -E2BIG;
        if (len < 0)
            return len;
        args->bytes += (uint32_t)len + 1;
    }
}

int exec_args_from_user(struct exec_args *args, uint32_t uargv, uint32_t uenvp) {
    memset(args, 0, sizeof *args);
    args->buf = kmalloc(ARG_MAX_BYTES);
    if (!args->buf)
        return -ENOMEM;
    long argc = copy_vector(args, uargv);
    long envc = argc < 0 ? 0 : copy_vector(args, uenvp);
    if (argc < 0 || envc < 0) {
        exec_args_free(args);
        return (int)(argc < 0 ? argc : envc);
    }
    args->argc = (uint32_t)argc;
    args->envc = (uint32_t)envc;
    return 0;
}

int exec_args_from_kernel(struct exec_args *args, const char *const *argv, const char *const *envp) {
    memset(args, 0, sizeof *args);
    args->buf = kmalloc(ARG_MAX_BYTES);
    if (!args->buf)
        return -ENOMEM;
    for (; argv && *argv; argv++, args->argc++)
        if (append(args, *argv, strlen(*argv)))
            return exec_args_free(args), -E2BIG;
    for (; envp && *envp; envp++, args->envc++)
        if (append(args, *envp, strlen(*envp)))
            return exec_args_free(args), -E2BIG;
    return 0;
}

void exec_args_free(struct exec_args *args) {
    kfree(args->buf);
    args->buf = NULL;
}
