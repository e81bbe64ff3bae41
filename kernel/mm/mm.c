/* Address spaces: lifecycle (create, activate, fork, destroy), the user frames they own,
 * and adding areas. The range system calls live beside it: munmap.c, mprotect.c,
 * mremap.c, madvise.c, mincore.c (helpers in range.c). */
#include "mm/mm.h"
#include "mm/buddy.h"
#include "mm/kheap.h"
#include "mm/kmap.h"
#include "arch/i386/cpu.h"
#include "lib/errno.h"
#include "lib/panic.h"
#include "lib/string.h"

struct mm *mm_active;

/* True when [start, start + len) is a non-empty range of user addresses. */
bool mm_range_ok(uint32_t start, uint32_t len) {
    return len > 0 && start < USER_TOP && len <= USER_TOP - start;
}

/* The PTE flags a page of a VMA with protection prot gets (map_page adds PTE_USER). */
uint32_t mm_pte_flags(uint32_t prot) {
    if (!(prot & PROT_MASK))
        return PTE_PROTNONE;
    return PTE_PRESENT | (prot & PROT_WRITE ? PTE_WRITE : 0);
}

uint32_t mm_nr_pagetables(const struct mm *mm) { return pgdir_nr_tables(mm->pgdir); }

/* A frame for user memory (PG_user, refcount 1), zeroed unless the caller is about to
 * overwrite all of it (fork's copy), or NULL when memory is out. */
static struct page *user_frame_alloc(bool zero) {
    struct page *p = alloc_pages(0);
    if (!p)
        return NULL;
    if (zero)
        memset(page_to_virt(p), 0, PAGE_SIZE);
    p->flags |= PG_user;
    return p;
}

/* Drops one mapping's reference to a user frame, freeing it with the last. */
static void user_frame_put(struct page *p) {
    KASSERT((p->flags & PG_user) && p->refcount > 0,
            "frame %p: releasing a frame no user mapping holds (flags %#x, refs %u)",
            page_to_virt(p), p->flags, p->refcount);
    if (--p->refcount == 0) {
        p->flags &= ~PG_user;
        free_pages(p, 0);
    }
}

static inline uint32_t page_paddr(const struct page *p) { return page_to_pfn(p) << PAGE_SHIFT; }
static inline struct page *pte_page(pte_t pte) { return pfn_to_page(pte >> PAGE_SHIFT); }

/* A new empty address space (refcount 1), or NULL when memory is out. */
struct mm *mm_create(void) {
    struct mm *mm = kzalloc(sizeof *mm);
    if (!mm)
        return NULL;
    mm->pgdir = pgdir_create();
    if (!mm->pgdir) {
        kfree(mm);
        return NULL;
    }
    list_init(&mm->vmas);
    mm->mmap_base = MMAP_BASE;
    mm->refcount = 1;
    return mm;
}

/* Loads mm's directory into CR3 and makes it the one faults and uaccess use; NULL loads
 * the kernel's own directory (no user mappings). */
void mm_activate(struct mm *mm) {
    uint32_t f = irq_save();
    mm_active = mm;
    write_cr3(VIRT_TO_PHYS(mm ? mm->pgdir : kernel_pgdir));
    irq_restore(f);
}

/* Unmaps every page in [start, end) (page aligned, user space) and releases its frame,
 * freeing emptied page tables; the VMAs are left alone. munmap, madvise(MADV_DONTNEED)
 * and destroy. */
void mm_unmap_pages(struct mm *mm, uint32_t start, uint32_t end) {
    for (uint32_t va = start; va < end;) {
        uint32_t *pt = get_page_table(mm->pgdir, va, false);
        if (!pt) {
            uint32_t next = pt_span_next(va);
            va = next && next < end ? next : end;
            continue;
        }
        pte_t old = pt[PTX(va)] ? pte_clear(mm->pgdir, va) : 0;
        if (pte_has_frame(old)) {
            user_frame_put(pte_page(old));
            mm->rss--;
        }
        va += PAGE_SIZE;
    }
}

/* Frees every frame, page table and VMA of mm, then mm itself. When mm is live the
 * kernel directory is loaded first. No other holder may remain (see mm_put). */
void mm_destroy(struct mm *mm) {
    KASSERT(mm->refcount <= 1, "mm %p: destroyed with %u holders", (void *)mm, mm->refcount);
    if (mm_active == mm || pgdir_is_live(mm->pgdir))
        mm_activate(NULL);
    while (!list_empty(&mm->vmas)) {
        struct vm_area *v = list_first_entry(&mm->vmas, struct vm_area, link);
        mm_unmap_pages(mm, v->start, v->end);
        vma_remove(mm, v);
    }
    KASSERT(mm->rss == 0, "mm %p: %u frames mapped outside every VMA", (void *)mm, mm->rss);
    pgdir_destroy(mm->pgdir);
    kfree(mm->exe_path);
    kfree(mm);
}

int mm_set_exe(struct mm *mm, const char *path, uint32_t dev, uint32_t ino) {
    char *copy = NULL;
    if (path) {
        copy = kmalloc(strlen(path) + 1);
        if (!copy)
            return -ENOMEM;
        memcpy(copy, path, strlen(path) + 1);
    }
    kfree(mm->exe_path);
    mm->exe_path = copy;
    mm->exe_dev = dev;
    mm->exe_ino = ino;
    return 0;
}

void mm_get(struct mm *mm) { mm->refcount++; }

/* Drops a holder; the last one destroys mm. */
void mm_put(struct mm *mm) {
    KASSERT(mm->refcount > 0, "mm %p: put with no holders", (void *)mm);
    if (--mm->refcount == 0) {
        mm->refcount = 1;
        mm_destroy(mm);
    }
}

/* Maps a new zeroed frame at va (page aligned, inside vma, nothing mapped there yet)
 * with vma's protection. Returns 0 or -ENOMEM. The demand-zero fault and mm_copy_in. */
int mm_map_zero_page(struct mm *mm, const struct vm_area *vma, uint32_t va) {
    KASSERT(!(va & ~PAGE_MASK) && va >= vma->start && va < vma->end,
            "va %#x: not a page of vma [%#x,%#x)", va, vma->start, vma->end);
    pte_t *pte = pte_lookup(mm->pgdir, va);
    KASSERT(!pte || !pte_has_frame(*pte), "va %#x: already holds frame %#x", va, *pte);
    struct page *p = user_frame_alloc(true);
    if (!p)
        return -ENOMEM;
    int r = map_page(mm->pgdir, va, page_paddr(p), mm_pte_flags(vma->prot));
    if (r) {
        user_frame_put(p);
        return r;
    }
    mm->rss++;
    return 0;
}

/* The fork step for one present page: an eager copy into a new frame. Copy-on-write
 * replaces exactly this function (share the frame, refcount++, clear PTE_WRITE in both).
 * Returns 0 or -ENOMEM. */
static int fork_copy_page(struct mm *child, uint32_t va, pte_t pte) {
    struct page *p = user_frame_alloc(false);
    if (!p)
        return -ENOMEM;
    memcpy(page_to_virt(p), PHYS_TO_VIRT(pte_paddr(pte)), PAGE_SIZE);
    int r = map_page(child->pgdir, va, page_paddr(p), pte & PTE_FLAGS_MASK & ~PTE_HW_STATE);
    if (r) {
        user_frame_put(p);
        return r;
    }
    child->rss++;
    return 0;
}

/* Copies the VMA list of parent into child and every frame parent has in them. */
static int fork_copy_vmas(struct mm *child, struct mm *parent) {
    struct vm_area *v;
    vma_for_each(v, parent) {
        struct vm_area *c = vma_alloc(v->start, v->end, v->prot, v->flags);
        if (!c)
            return -ENOMEM;
        c->backing = v->backing;
        c->pgoff = v->pgoff;
        list_add_tail(&c->link, &child->vmas);
        child->nr_vmas++;
        for (uint32_t va = v->start; va < v->end; va += PAGE_SIZE) {
            pte_t *pte = pte_lookup(parent->pgdir, va);
            if (!pte) {
                va = pt_span_next(va) - PAGE_SIZE; /* loop adds it back */
                continue;
            }
            if (pte_has_frame(*pte) && fork_copy_page(child, va, *pte))
                return -ENOMEM;
        }
    }
    return 0;
}

/* A copy of parent for a forked child: the same VMAs, bounds and memory contents (an
 * eager copy for now). NULL when memory is out (nothing is left allocated). */
struct mm *mm_fork(struct mm *parent) {
    struct mm *child = mm_create();
    if (!child)
        return NULL;
    child->brk_start = parent->brk_start;
    child->brk = parent->brk;
    child->stack_top = parent->stack_top;
    child->stack_limit = parent->stack_limit;
    child->mmap_base = parent->mmap_base;
    if (mm_set_exe(child, parent->exe_path, parent->exe_dev, parent->exe_ino) ||
        fork_copy_vmas(child, parent)) {
        mm_destroy(child);
        return NULL;
    }
    return child;
}

/* Adds an anonymous VMA [start, start + PAGE_ALIGN_UP(len)) with prot and VM_* flags,
 * merged with compatible neighbours; pages come later, on demand. Returns 0, -EINVAL
 * (unaligned or not user space), -EEXIST (overlaps a VMA) or -ENOMEM. */
int mm_map_anon(struct mm *mm, uint32_t start, uint32_t len, uint32_t prot, uint32_t flags) {
    return mm_map(mm, start, len, prot, flags, 0);
}

/* mm_map_anon with the VMA's pgoff given (a VM_IMAGE segment's page in the file). */
int mm_map(struct mm *mm, uint32_t start, uint32_t len, uint32_t prot, uint32_t flags,
           uint32_t pgoff) {
    if ((start & ~PAGE_MASK) || !mm_range_ok(start, len) || (prot & ~PROT_MASK))
        return -EINVAL;
    len = PAGE_ALIGN_UP(len);
    struct vm_area *v = vma_alloc(start, start + len, prot, flags);
    if (!v)
        return -ENOMEM;
    v->pgoff = pgoff;
    int r = vma_insert(mm, v);
    if (r) {
        vma_free(v);
        return r;
    }
    vma_merge(mm, v);
    return 0;
}

/* Creates the user stack: a read-write VM_GROWSDOWN VMA of size bytes ending at
 * USER_STACK_TOP, which faults may grow down to USER_STACK_MAX. Returns as mm_map_anon. */
int mm_setup_stack(struct mm *mm, uint32_t size) {
    size = PAGE_ALIGN_UP(size);
    if (size == 0 || size > USER_STACK_MAX)
        return -EINVAL;
    int r = mm_map_anon(mm, USER_STACK_TOP - size, size, PROT_READ | PROT_WRITE, VM_GROWSDOWN);
    if (r)
        return r;
    mm->stack_top = USER_STACK_TOP;
    mm->stack_limit = USER_STACK_TOP - USER_STACK_MAX;
    return 0;
}

/* Writes len bytes from src (zeros when src is NULL) at va in mm, live or not, through
 * the direct map: the ELF loader's way in. Every page must lie in a VMA; its protection
 * is ignored (the kernel is the writer) and missing pages are allocated. Returns 0,
 * -EFAULT (outside every VMA) or -ENOMEM. With copy-on-write, a shared frame must be
 * unshared here before it is written. */
static int fill_in(struct mm *mm, uint32_t va, const uint8_t *src, size_t len) {
    if (len == 0)
        return 0;
    if (!mm_range_ok(va, len))
        return -EFAULT;
    while (len > 0) {
        uint32_t page = PAGE_ALIGN_DOWN(va), off = va - page;
        size_t chunk = len < PAGE_SIZE - off ? len : PAGE_SIZE - off;
        struct vm_area *v = vma_find(mm, va);
        if (!v)
            return -EFAULT;
        pte_t *pte = pte_lookup(mm->pgdir, page);
        if (!pte || !pte_has_frame(*pte)) {
            int r = mm_map_zero_page(mm, v, page);
            if (r)
                return r;
            pte = pte_lookup(mm->pgdir, page);
        }
        uint8_t *dst = (uint8_t *)PHYS_TO_VIRT(pte_paddr(*pte)) + off;
        if (src) {
            memcpy(dst, src, chunk);
            src += chunk;
        } else {
            memset(dst, 0, chunk);
        }
        va += chunk;
        len -= chunk;
    }
    return 0;
}

int mm_copy_in(struct mm *mm, uint32_t va, const void *src, size_t len) {
    KASSERT(src || len == 0, "mm_copy_in %#x: NULL source for %u bytes", va, (unsigned)len);
    return fill_in(mm, va, src, len);
}

int mm_zero_in(struct mm *mm, uint32_t va, size_t len) { return fill_in(mm, va, NULL, len); }
