/* The pieces of exec, each in its own file. */
#ifndef PROC_EXEC_INTERNAL_H
#define PROC_EXEC_INTERNAL_H
#include "proc/exec.h"
#include "proc/elf.h"
#include <stdbool.h>
struct mm;

struct elf_image {
    uint32_t entry, phdr, phnum, brk;   /* the program's: AT_ENTRY, AT_PHDR, AT_PHNUM */
    uint32_t base;      /* AT_BASE: the interpreter's load address (0 without one) */
    uint32_t start;     /* the first instruction: the interpreter's entry, else entry */
};

/* Maps and fills the segments of the executable src into mm, and those of its
 * interpreter when it names one (-ENOEXEC, -ENOMEM, -EIO, or the interpreter's open
 * error). */
int elf_load(struct mm *mm, struct exec_source *src, struct elf_image *img);
/* The same for an interpreter: an ET_DYN goes to a free range from MMAP_BASE (img->base);
 * a file that is no i386 ELF is -ELIBBAD (Linux's answer), an ET_EXEC or one that names
 * an interpreter itself -ENOEXEC. */
int elf_load_interp(struct mm *mm, struct exec_source *src, struct elf_image *img);
/* Loads the interpreter the PT_INTERP header ph of src names (exec_interp.c) and points
 * img's base and start at it. */
int exec_load_interp(struct mm *mm, struct exec_source *src, const struct elf32_phdr *ph,
                     struct elf_image *img);
/* Creates the stack VMA and lays out argc, argv, envp and auxv on it as the i386 System V
 * ABI describes; returns the initial esp through sp. */
int exec_build_stack(struct mm *mm, const char *path, const struct exec_args *args,
                     const struct elf_image *img, uint32_t *sp);
#endif
