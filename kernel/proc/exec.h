/* execve: replacing a process's program with an ELF32 i386 executable, static or
 * dynamically linked (its PT_INTERP interpreter loaded beside it). */
#ifndef PROC_EXEC_H
#define PROC_EXEC_H
#include <stdint.h>

#define ARG_MAX_BYTES (128 * 1024)  /* argv + envp strings: beyond it E2BIG */
#define ARG_MAX_COUNT 4096

/* Where an executable's bytes come from: a file opened through the VFS. */
struct exec_source {
    void *ctx;
    uint32_t dev, ino;      /* the file's identity, for /proc/PID/maps */
    long (*read)(void *ctx, uint32_t off, void *buf, uint32_t len); /* bytes or -errno */
};

/* Arguments gathered into kernel memory before the old image is dropped. */
struct exec_args {
    char *buf;          /* argc strings, then envc strings, each NUL-terminated */
    uint32_t argc, envc, bytes;
};

/* Copies a NULL-terminated user vector of strings into args (-E2BIG, -EFAULT). */
int exec_args_from_user(struct exec_args *args, uint32_t uargv, uint32_t uenvp);
/* Builds args from kernel strings (starting init). */
int exec_args_from_kernel(struct exec_args *args, const char *const *argv, const char *const *envp);
void exec_args_free(struct exec_args *args);

/* Loads the program into a new address space and, on success, makes it current's:
 * only when everything is in place is the old image dropped, so a bad binary leaves
 * the caller running (-ENOEXEC, -ENOMEM, -E2BIG, -EIO). */
int exec_load(const char *path, struct exec_source *src, struct exec_args *args);
/* Opens path (relative to current's cwd), which must be a regular file with an execute
 * bit (EACCES otherwise, as for root on Linux), as a source to load from; exec_close
 * releases it. */
int exec_open(const char *path, struct exec_source *src);
void exec_close(struct exec_source *src);
/* execve(path, argv, envp) from a user process: resolves path and calls exec_load. */
int do_execve(const char *path, struct exec_args *args);
#endif
