/* Address spaces: lifecycle (create, activate, fork, destroy), the user frames they own,
 * and adding areas. The range system calls live beside it: munmap.c, mprotect.c,
 * mremap.c, madvise.c, mincore.c (helpers in range.c).
 *
 * Fork is copy-on-write: the child maps the parent's very frames (refcount = the PTEs
 * mapping a frame), a private writable page becomes read-only on both sides, and the
 * first write from either side (a fault, mm_copy_in, or the kernel's copy_to_user)
 * copies the frame for the writer (mm_cow_break). VM_SHARED areas share their frames
 * writable. Whatever unmaps a frame drops one reference; the last frees it. */
#include "mm/mm.h"
#include "mm/range.h"
#include "mm/buddy.h"
#include "mm/kheap.h"
#include "mm/kmap.h"
#include "arch/i386/cpu.h"
#include "lib/errno.h"
#include "lib/panic.h"
#include "lib/string.h"

struct mm *mm_active;
static uint32_t nr_user_frames;   /* PG_user frames, each once however many PTEs map it */

uint32_t mm_nr_user_frames(void) { return nr_user_frames; }

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
 * overwrite all of it (a copy-on-write copy, a page the loader fills whole), or NULL
 * when memory is out. */
static struct page *user_frame_alloc(bool zero) {
    struct page *p = alloc_pages(0);
    if (!p)
        return NULL;
    if (zero)
        memset(page_to_virt(p), 0, PAGE_SIZE);
    p->flags |= PG_user;
    nr_user_frames++;
    return p;
}

/* One more PTE maps the user frame p. */
static void user_frame_get(struct page *p) {
    KASSERT((p->flags & PG_user) && p->refcount > 0,
            "frame %p: sharing a frame no user mapping holds (flags %#x, refs %u)",
            page_to_virt(p), p->flags, p->refcount);
    p->refcount++;
}

/* Drops one mapping's reference to a user frame, freeing it with the last. */
static void user_frame_put(struct page *p) {
    KASSERT((p->flags & PG_user) && p->refcount > 0,
            "frame %p: releasing a frame no user mapping holds (flags %#x, refs %u)",
            page_to_virt(p), p->flags, p->refcount);
    if (--p->refcount == 0) {
        p->flags &= ~PG_user;
        nr_user_frames--;
        free_pages(p, 0);
    }
}

static inline uint32_t page_paddr(const struct page *p) { return page_to_pfn(p) << PAGE_SHIFT; }
static inline struct page *pte_page(pte_t pte) { return pfn_to_page(pte >> PAGE_SHIFT); }

/* How many PTEs map the frame of pte (which must hold one). */
uint32_t mm_frame_refs(pte_t pte) { return pte_page(pte)->refcount; }

/* The PTE flags the frame held by pte gets under v's protection: mm_pte_flags, and the
 * accessed and dirty bits pte has, but no PTE_WRITE while a private VMA's frame is
 * shared copy-on-write (the write fault breaks the sharing first). */
uint32_t mm_frame_pte_flags(const struct vm_area *v, pte_t pte) {
    uint32_t flags = mm_pte_flags(v->prot) | (pte & PTE_HW_STATE);
    if (!(v->flags & VM_SHARED) && mm_frame_refs(pte) > 1)
        flags &= ~PTE_WRITE;
    return flags;
}

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

/* Maps a new frame at va (page aligned, inside vma, nothing mapped there yet) with vma's
 * protection, zeroed when zero is set. Returns 0 or -ENOMEM. */
static int map_new_page(struct mm *mm, const struct vm_area *vma, uint32_t va, bool zero) {
    KASSERT(!(va & ~PAGE_MASK) && va >= vma->start && va < vma->end,
            "va %#x: not a page of vma [%#x,%#x)", va, vma->start, vma->end);
    pte_t *pte = pte_lookup(mm->pgdir, va);
    KASSERT(!pte || !pte_has_frame(*pte), "va %#x: already holds frame %#x", va, *pte);
    struct page *p = user_frame_alloc(zero);
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

/* Maps a new zeroed frame at va (as map_new_page). The demand-zero fault and the
 * kernel's writes into an mm. */
int mm_map_zero_page(struct mm *mm, const struct vm_area *vma, uint32_t va) {
    return map_new_page(mm, vma, va, true);
}

/* Makes the frame in *pte, the PTE of va in mm, this mm's alone: when other PTEs map it
 * too, its contents go to a new frame mapped with the same bits (write-protected still)
 * and the old frame loses this mm's reference. Returns 0 or -ENOMEM (nothing changed). */
static int unshare_frame(struct mm *mm, uint32_t va, pte_t *pte) {
    struct page *old = pte_page(*pte);
    if (old->refcount == 1)
        return 0;
    struct page *p = user_frame_alloc(false);
    if (!p)
        return -ENOMEM;
    memcpy(page_to_virt(p), page_to_virt(old), PAGE_SIZE);
    int r = map_page(mm->pgdir, va, page_paddr(p), *pte & PTE_FLAGS_MASK & ~PTE_HW_STATE);
    KASSERT(r == 0, "va %#x: remapping within an existing page table failed (%d)", va, r);
    user_frame_put(old);
    return 0;
}

/* The copy-on-write break: a write to the present, write-protected page at va (page
 * aligned) of vma, which allows writing. A private VMA's frame that other PTEs still
 * map is copied for this mm first; then the page gets vma's rights, PTE_WRITE included.
 * Returns 0, or -ENOMEM with nothing changed (the fault becomes SIGSEGV). */
int mm_cow_break(struct mm *mm, const struct vm_area *vma, uint32_t va) {
    pte_t *pte = pte_lookup(mm->pgdir, va);
    KASSERT(pte && (*pte & PTE_PRESENT), "va %#x: copy-on-write of a page not present", va);
    if (!(vma->flags & VM_SHARED)) {
        int r = unshare_frame(mm, va, pte);
        if (r)
            return r;
    }
    pte_set_flags(mm->pgdir, va, mm_frame_pte_flags(vma, *pte));
    return 0;
}

/* The fork step for one page of parent's VMA v holding a frame (*pte): the child maps
 * the same frame (one more reference, rss++). A writable page of a private VMA loses
 * PTE_WRITE in both (mm_fork flushes the parent's TLB once for all of them); read-only,
 * PROT_NONE and VM_SHARED pages keep their bits. Returns 0 or -ENOMEM. */
static int fork_share_page(struct mm *child, const struct vm_area *v, uint32_t va, pte_t *pte) {
    if (!(v->flags & VM_SHARED))
        *pte &= ~PTE_WRITE;
    int r = map_page(child->pgdir, va, pte_paddr(*pte), *pte & PTE_FLAGS_MASK & ~PTE_HW_STATE);
    if (r)
        return r;
    user_frame_get(pte_page(*pte));
    child->rss++;
    return 0;
}

/* Gives every page of the VM_SHARED VMA v of mm a frame before fork shares them: with
 * no memory object behind an anonymous VMA, a page first touched after fork would be
 * private to the side that touched it. -ENOMEM (before allocating anything) when the
 * missing pages exceed the free frames. */
static int populate_shared(struct mm *mm, const struct vm_area *v) {
    uint32_t missing = 0;
    for (uint32_t va = v->start; va < v->end; va += PAGE_SIZE) {
        pte_t *pte = pte_lookup(mm->pgdir, va);
        missing += !pte || !pte_has_frame(*pte);
    }
    if (missing >= buddy_nr_free())
        return -ENOMEM;
    for (uint32_t va = v->start; va < v->end && missing; va += PAGE_SIZE) {
        pte_t *pte = pte_lookup(mm->pgdir, va);
        if (pte && pte_has_frame(*pte))
            continue;
        int r = mm_map_zero_page(mm, v, va);
        if (r)
            return r;
        missing--;
    }
    return 0;
}

/* Copies the VMA list of parent into child and shares every frame parent has in them. */
static int fork_share_vmas(struct mm *child, struct mm *parent) {
    struct vm_area *v;
    vma_for_each(v, parent) {
        struct vm_area *c = vma_alloc(v->start, v->end, v->prot, v->flags);
        if (!c)
            return -ENOMEM;
        c->backing = backing_get(v->backing);
        c->pgoff = v->pgoff;
        list_add_tail(&c->link, &child->vmas);
        child->nr_vmas++;
        if ((v->flags & VM_SHARED) && populate_shared(parent, v))
            return -ENOMEM;
        pte_t *pte;
        for (uint32_t va = v->start; (pte = mm_next_frame(parent, &va, v->end)); va += PAGE_SIZE)
            if (fork_share_page(child, v, va, pte))
                return -ENOMEM;
    }
    return 0;
}

/* A copy of parent for a forked child: the same VMAs and bounds, and the same frames,
 * shared copy-on-write (VM_SHARED areas: shared for good). NULL when memory is out
 * (nothing is left allocated; some of parent's pages may be write-protected, which the
 * next write fault undoes). */
struct mm *mm_fork(struct mm *parent) {
    struct mm *child = mm_create();
    if (!child)
        return NULL;
    child->brk_start = parent->brk_start;
    child->brk = parent->brk;
    child->stack_top = parent->stack_top;
    child->stack_limit = parent->stack_limit;
    child->mmap_base = parent->mmap_base;
    int r = mm_set_exe(child, parent->exe_path, parent->exe_dev, parent->exe_ino);
    if (!r)
        r = fork_share_vmas(child, parent);
    tlb_flush_all(parent->pgdir);   /* the PTEs fork_share_page write-protected */
    if (r) {
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

/* The kernel-virtual address (direct map) of the frame backing the page va (page
 * aligned) of mm, live or not, for the kernel to write into: va must lie in a VMA,
 * whose protection is ignored (the kernel is the writer). A missing frame is allocated,
 * zeroed unless whole says the caller overwrites all of it before the page can be read;
 * a private frame shared copy-on-write is unshared first (its PTE stays write-protected
 * until a write fault finds it alone). Returns 0 with *kva set, -EFAULT (no VMA) or
 * -ENOMEM. The ELF loader's way in, and mm_copy_in's. */
int mm_page_for_write(struct mm *mm, uint32_t va, bool whole, uint8_t **kva) {
    KASSERT(!(va & ~PAGE_MASK), "mm_page_for_write %#x: not page aligned", va);
    struct vm_area *v = va < USER_TOP ? vma_find(mm, va) : NULL;
    if (!v)
        return -EFAULT;
    pte_t *pte = pte_lookup(mm->pgdir, va);
    int r = 0;
    if (!pte || !pte_has_frame(*pte)) {
        r = map_new_page(mm, v, va, !whole);
        pte = pte_lookup(mm->pgdir, va);
    } else if (!(v->flags & VM_SHARED)) {
        r = unshare_frame(mm, va, pte);
    }
    if (r)
        return r;
    *kva = (uint8_t *)PHYS_TO_VIRT(pte_paddr(*pte));
    return 0;
}

/* Writes len bytes from src (zeros when src is NULL) at va in mm, live or not, through
 * the direct map (mm_page_for_write). Returns 0, -EFAULT (outside every VMA) or
 * -ENOMEM. */
static int fill_in(struct mm *mm, uint32_t va, const uint8_t *src, size_t len) {
    if (len == 0)
        return 0;
    if (!mm_range_ok(va, len))
        return -EFAULT;
    while (len > 0) {
        uint32_t page = PAGE_ALIGN_DOWN(va), off = va - page;
        size_t chunk = len < PAGE_SIZE - off ? len : PAGE_SIZE - off;
        uint8_t *frame;
        int r = mm_page_for_write(mm, page, src && chunk == PAGE_SIZE, &frame);
        if (r)
            return r;
        uint8_t *dst = frame + off;
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
