/* The pieces of exec, each in its own file. */
#ifndef PROC_EXEC_INTERNAL_H
#define PROC_EXEC_INTERNAL_H
#include "proc/exec.h"
#include "proc/elf.h"
#include <stdbool.h>
struct mm;

struct elf_image {
    uint32_t entry, phdr, phnum, brk;
};

/* Maps and fills the segments of the executable src into mm (-ENOEXEC, -ENOMEM, -EIO). */
int elf_load(struct mm *mm, struct exec_source *src, struct elf_image *img);
/* Creates the stack VMA and lays out argc, argv, envp and auxv on it as the i386 System V
 * ABI describes; returns the initial esp through sp. */
int exec_build_stack(struct mm *mm, const char *path, const struct exec_args *args,
                     const struct elf_image *img, uint32_t *sp);
#endif
