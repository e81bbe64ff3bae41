/* Loading an ELF32 i386 executable's PT_LOAD segments into a fresh address space. */
#include "proc/exec_internal.h"
#include "mm/mm.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/string.h"

#define ELF_MAX_PHDRS 64
#define ET_DYN_BASE 0x56555000u    /* where a static PIE is placed (Linux i386's choice) */
#define COPY_CHUNK PAGE_SIZE

static bool header_ok(const struct elf32_ehdr *eh) {
    return !memcmp(eh->e_ident, ELFMAG, 4) && eh->e_ident[EI_CLASS] == ELFCLASS32 &&
           eh->e_ident[EI_DATA] == ELFDATA2LSB && eh->e_machine == EM_386 &&
           (eh->e_type == ET_EXEC || eh->e_type == ET_DYN) && eh->e_version == EV_CURRENT &&
           eh->e_phentsize == sizeof(struct elf32_phdr) && eh->e_phnum > 0 &&
           eh->e_phnum <= ELF_MAX_PHDRS;
}

static uint32_t segment_prot(uint32_t pflags) {
    return (pflags & PF_R ? PROT_READ : 0) | (pflags & PF_W ? PROT_WRITE : 0) |
           (pflags & PF_X ? PROT_EXEC : 0);
}

/* A segment must lie inside user space, have filesz <= memsz and congruent offset and
 * address modulo the page size (ELF spec, "Program Loading"). */
static bool segment_ok(const struct elf32_phdr *ph, uint32_t base) {
    uint32_t va = base + ph->p_vaddr;
    return ph->p_filesz <= ph->p_memsz && va >= MMAP_MIN_ADDR &&
           va + ph->p_memsz >= va && va + ph->p_memsz <= USER_TOP &&
           ph->p_offset + ph->p_filesz >= ph->p_offset &&
           (ph->p_vaddr & (PAGE_SIZE - 1)) == (ph->p_offset & (PAGE_SIZE - 1));
}

/* Reads exactly len bytes at off, or fails with -ENOEXEC (a truncated file). */
static int read_exact(struct exec_source *src, uint32_t off, void *buf, uint32_t len) {
    long n = src->read(src->ctx, off, buf, len);
    if (n < 0)
        return (int)n;
    return (uint32_t)n == len ? 0 : -ENOEXEC;
}

/* Maps one PT_LOAD segment and copies its file bytes in (the rest of memsz stays zero,
 * as fresh pages are). A page shared with the previous segment keeps both's rights. */
static int load_segment(struct mm *mm, struct exec_source *src, const struct elf32_phdr *ph,
                        uint32_t base, uint32_t *mapped_end, char *chunk) {
    uint32_t va = base + ph->p_vaddr;
    uint32_t start = PAGE_ALIGN_DOWN(va), end = PAGE_ALIGN_UP(va + ph->p_memsz);
    uint32_t prot = segment_prot(ph->p_flags);
    if (start < *mapped_end) {
        struct vm_area *prev = vma_find(mm, start);
        if (prev && mm_protect_range(mm, start, PAGE_SIZE, prev->prot | prot))
            return -ENOMEM;
        start = *mapped_end;
    }
    uint32_t pgoff = (PAGE_ALIGN_DOWN(ph->p_offset) + (start - PAGE_ALIGN_DOWN(va))) >> PAGE_SHIFT;
    if (end > start && mm_map(mm, start, end - start, prot, VM_IMAGE, pgoff))
        return -ENOMEM;
    if (end > *mapped_end)
        *mapped_end = end;
    for (uint32_t done = 0; done < ph->p_filesz;) {
        uint32_t n = ph->p_filesz - done < COPY_CHUNK ? ph->p_filesz - done : COPY_CHUNK;
        int err = read_exact(src, ph->p_offset + done, chunk, n);
        if (!err)
            err = mm_copy_in(mm, va + done, chunk, n);
        if (err)
            return err;
        done += n;
    }
    return 0;
}

/* Where the program headers are in memory: PT_PHDR if present, else inside the
 * segment that maps file offset e_phoff. */
static uint32_t phdr_address(const struct elf32_ehdr *eh, const struct elf32_phdr *ph, uint32_t base) {
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_PHDR)
            return base + ph[i].p_vaddr;
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD && ph[i].p_offset <= eh->e_phoff &&
            eh->e_phoff < ph[i].p_offset + ph[i].p_filesz)
            return base + ph[i].p_vaddr + (eh->e_phoff - ph[i].p_offset);
    return 0;
}

int elf_load(struct mm *mm, struct exec_source *src, struct elf_image *img) {
    struct elf32_ehdr eh;
    int err = read_exact(src, 0, &eh, sizeof eh);
    if (err)
        return err == -EIO ? err : -ENOEXEC;
    if (!header_ok(&eh))
        return -ENOEXEC;
    uint32_t phsize = eh.e_phnum * sizeof(struct elf32_phdr);
    struct elf32_phdr *ph = kmalloc(phsize);
    char *chunk = kmalloc(COPY_CHUNK);
    err = ph && chunk ? read_exact(src, eh.e_phoff, ph, phsize) : -ENOMEM;
    uint32_t base = eh.e_type == ET_DYN ? ET_DYN_BASE : 0, mapped_end = 0;
    int loads = 0;
    for (int i = 0; !err && i < eh.e_phnum; i++) {
        if (ph[i].p_type == PT_INTERP)
            err = -ENOEXEC;   /* dynamically linked: no ld.so support yet */
        else if (ph[i].p_type == PT_LOAD && !segment_ok(&ph[i], base))
            err = -ENOEXEC;
        else if (ph[i].p_type == PT_LOAD && ph[i].p_memsz) {
            err = load_segment(mm, src, &ph[i], base, &mapped_end, chunk);
            loads++;
        }
    }
    if (!err && !loads)
        err = -ENOEXEC;
    if (!err) {
        img->entry = base + eh.e_entry;
        img->phdr = phdr_address(&eh, ph, base);
        img->phnum = eh.e_phnum;
        img->brk = mapped_end;
    }
    kfree(ph);
    kfree(chunk);
    return err;
}
