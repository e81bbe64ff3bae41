/* Loading an ELF32 i386 executable's PT_LOAD segments into a fresh address space (and,
 * through exec_interp.c, those of its PT_INTERP interpreter). */
#include "proc/exec_internal.h"
#include "mm/mm.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/string.h"

#define ELF_MAX_PHDRS 64
#define ET_DYN_BASE 0x56555000u    /* where a static PIE is placed (Linux i386's choice) */

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

/* Reads the filesz file bytes at off straight into the frames backing [va, va + filesz)
 * of mm, a page at a time. A page the file fills whole is not zeroed first; the rest of
 * a partly filled one is zero (a fresh frame) or the previous segment's bytes (a page
 * the two share). A short read is -ENOEXEC. */
static int read_segment(struct mm *mm, struct exec_source *src, uint32_t va, uint32_t off,
                        uint32_t filesz) {
    for (uint32_t done = 0; done < filesz;) {
        uint32_t at = va + done, in_page = at & ~PAGE_MASK;
        uint32_t n = filesz - done < PAGE_SIZE - in_page ? filesz - done : PAGE_SIZE - in_page;
        uint8_t *frame;
        int err = mm_page_for_write(mm, at - in_page, n == PAGE_SIZE, &frame);
        if (!err)
            err = read_exact(src, off + done, frame + in_page, n);
        if (err)
            return err;
        done += n;
    }
    return 0;
}

/* Maps one PT_LOAD segment and reads its file bytes in (the rest of memsz stays zero,
 * as fresh pages are). A page shared with the previous segment keeps both's rights. */
static int load_segment(struct mm *mm, struct exec_source *src, const struct elf32_phdr *ph,
                        uint32_t base, uint32_t *mapped_end) {
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
    return read_segment(mm, src, va, ph->p_offset, ph->p_filesz);
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

/* Where an image's vaddr 0 goes: an ET_EXEC's addresses are absolute; an ET_DYN program
 * goes to ET_DYN_BASE and an interpreter, which must be ET_DYN (else *err = -ENOEXEC), to
 * the lowest free range from MMAP_BASE that holds all its PT_LOAD segments (*err =
 * -ENOMEM when nothing fits). */
static uint32_t image_base(struct mm *mm, const struct elf32_ehdr *eh,
                           const struct elf32_phdr *ph, bool interp, int *err) {
    if (interp && eh->e_type != ET_DYN)
        *err = -ENOEXEC;
    if (eh->e_type != ET_DYN)
        return 0;
    if (!interp)
        return ET_DYN_BASE;
    uint32_t lo = UINT32_MAX, hi = 0;
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD && ph[i].p_memsz) {
            uint32_t s = PAGE_ALIGN_DOWN(ph[i].p_vaddr), e = ph[i].p_vaddr + ph[i].p_memsz;
            lo = s < lo ? s : lo;
            hi = e > hi ? e : hi;
        }
    uint32_t at = lo < hi && hi - lo < USER_TOP ? mm_find_free(mm, hi - lo, 0) : 0;
    if (!at)
        *err = lo < hi ? -ENOMEM : -ENOEXEC;
    return at - lo;
}

/* Loads src into mm; an interpreter (interp) goes to a free base and may not have one of
 * its own. */
static int load_elf(struct mm *mm, struct exec_source *src, bool interp, struct elf_image *img) {
    struct elf32_ehdr eh;
    int err = read_exact(src, 0, &eh, sizeof eh);
    int bad = interp ? -ELIBBAD : -ENOEXEC;   /* Linux's answers for a file that is no ELF */
    if (err)
        return err == -EIO ? err : bad;
    if (!header_ok(&eh))
        return bad;
    uint32_t phsize = eh.e_phnum * sizeof(struct elf32_phdr);
    struct elf32_phdr *ph = kmalloc(phsize);
    err = ph ? read_exact(src, eh.e_phoff, ph, phsize) : -ENOMEM;
    uint32_t base = err ? 0 : image_base(mm, &eh, ph, interp, &err), mapped_end = 0;
    int loads = 0, interp_at = -1;
    for (int i = 0; !err && i < eh.e_phnum; i++) {
        if (ph[i].p_type == PT_INTERP && (interp || interp_at >= 0))
            err = -ENOEXEC;   /* a nested interpreter, or two */
        else if (ph[i].p_type == PT_INTERP)
            interp_at = i;
        else if (ph[i].p_type == PT_LOAD && !segment_ok(&ph[i], base))
            err = -ENOEXEC;
        else if (ph[i].p_type == PT_LOAD && ph[i].p_memsz) {
            err = load_segment(mm, src, &ph[i], base, &mapped_end);
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
        img->base = interp ? base : 0;   /* AT_BASE: where an interpreter was put */
        img->start = img->entry;
    }
    if (!err && interp_at >= 0)
        err = exec_load_interp(mm, src, &ph[interp_at], img);
    kfree(ph);
    return err;
}

int elf_load(struct mm *mm, struct exec_source *src, struct elf_image *img) {
    return load_elf(mm, src, false, img);
}

int elf_load_interp(struct mm *mm, struct exec_source *src, struct elf_image *img) {
    return load_elf(mm, src, true, img);
}
