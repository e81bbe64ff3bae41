/* PT_INTERP: a dynamically linked program names its loader (ld.so) in its PT_INTERP
 * header. The kernel maps the program as usual and the interpreter beside it (ET_DYN, at
 * the lowest free range from MMAP_BASE), starts at the interpreter's entry and tells it
 * where it is through AT_BASE; AT_PHDR, AT_PHNUM and AT_ENTRY stay the program's, from
 * which ld.so finds and relocates it (Linux's fs/binfmt_elf.c does the same). */
#include "proc/exec_internal.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/kheap.h"
#include "lib/errno.h"

#define INTERP_PATH_MAX 4096     /* Linux's PATH_MAX: a longer PT_INTERP is ENOEXEC */

/* The NUL-terminated path in the PT_INTERP segment ph of src, kmalloc'd into *path. */
static int read_interp_path(struct exec_source *src, const struct elf32_phdr *ph, char **path) {
    if (ph->p_filesz < 2 || ph->p_filesz > INTERP_PATH_MAX)
        return -ENOEXEC;
    char *p = kmalloc(ph->p_filesz);
    if (!p)
        return -ENOMEM;
    long n = src->read(src->ctx, ph->p_offset, p, ph->p_filesz);
    if (n != (long)ph->p_filesz || p[ph->p_filesz - 1] != '\0') {
        kfree(p);
        return n < 0 ? (int)n : -ENOEXEC;
    }
    *path = p;
    return 0;
}

int exec_load_interp(struct mm *mm, struct exec_source *src, const struct elf32_phdr *ph,
                     struct elf_image *img) {
    char *path;
    int err = read_interp_path(src, ph, &path);
    if (err)
        return err;
    struct exec_source isrc;
    err = exec_open(path, &isrc);
    if (!err) {
        struct elf_image interp;
        err = elf_load_interp(mm, &isrc, &interp);
        if (!err)
            err = mm_name_range(mm, interp.base, interp.brk, isrc.dev, isrc.ino, path);
        if (!err) {
            img->base = interp.base;
            img->start = interp.entry;
        }
        exec_close(&isrc);
    }
    kfree(path);
    return err;
}
