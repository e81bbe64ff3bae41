/* In-kernel tests of copy-on-write fork: mm_fork shares frames (refcount 2, read-only
 * on both sides), a write from either side gets a private copy with the right content
 * (kernel-mode write faults through copy_to_user, and mm_copy_in into an inactive mm),
 * the last sharer just regains write access, munmap, madvise, mremap and mprotect on a
 * shared page leave the other side intact, VM_SHARED areas stay shared, a copy with no
 * memory left fails cleanly, and freeing both sides returns every page. */
#include "test/ktest.h"
#include "mm/mm.h"
#include "mm/mmap.h"
#include "mm/fault.h"
#include "mm/buddy.h"
#include "mm/uaccess.h"
#include "mm/mm_ktest_util.h"
#include "lib/errno.h"
#include "lib/string.h"

#define RW (PROT_READ | PROT_WRITE)
#define RW_VA   0x20000000u   /* 4 private read-write pages, all touched */
#define RO_VA   0x20100000u   /* 1 private read-only page, touched */
#define NONE_VA 0x20200000u   /* 1 page touched, then PROT_NONE */
#define SHR_VA  0x20300000u   /* 2 VM_SHARED pages, only the first touched before fork */
#define MOVE_VA 0x24000000u   /* where mremap moves a range (another page table) */
#define RW_PAGES 4

static pte_t pte_of(struct mm *mm, uint32_t va) {
    pte_t *pte = pte_lookup(mm->pgdir, va);
    return pte ? *pte : 0;
}

/* The kernel-virtual address of the word at va in mm, or NULL when it has no frame. */
static uint32_t *word_at(struct mm *mm, uint32_t va) {
    pte_t pte = pte_of(mm, va);
    if (!pte_has_frame(pte))
        return NULL;
    return (uint32_t *)((char *)PHYS_TO_VIRT(pte_paddr(pte)) + (va & ~PAGE_MASK));
}

static uint32_t read_word(struct mm *mm, uint32_t va) {
    uint32_t *w = word_at(mm, va);
    return w ? *w : KTEST_NO_VALUE;
}

static bool same_frame(struct mm *a, struct mm *b, uint32_t va) {
    return pte_has_frame(pte_of(a, va)) && pte_paddr(pte_of(a, va)) == pte_paddr(pte_of(b, va));
}

/* Fills the parent (active, from ktest_mm_begin): RW pages hold 0x100 + i at offset 8,
 * the RO page 0x200, the PROT_NONE page 0x300, the first shared page 0x400. */
static void fill_parent(struct mm *mm) {
    KCHECK_EQ(mm_map_anon(mm, RW_VA, RW_PAGES * PAGE_SIZE, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, RO_VA, PAGE_SIZE, PROT_READ, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, NONE_VA, PAGE_SIZE, RW, 0), 0);
    KCHECK_EQ(mm_map_anon(mm, SHR_VA, 2 * PAGE_SIZE, RW, VM_SHARED), 0);
    for (uint32_t i = 0; i < RW_PAGES; i++)
        ktest_poke(RW_VA + i * PAGE_SIZE + 8, 0x100 + i);
    uint32_t ro = 0x200, none = 0x300;
    KCHECK_EQ(mm_copy_in(mm, RO_VA + 8, &ro, sizeof ro), 0);
    ktest_poke(NONE_VA + 8, none);
    KCHECK_EQ(mm_protect_range(mm, NONE_VA, PAGE_SIZE, PROT_NONE), 0);
    ktest_poke(SHR_VA + 8, 0x400);
    KCHECK_EQ(mm->rss, RW_PAGES + 3);
}

/* A test parent filled by fill_parent and its fork. NULL when the fork failed: the
 * failure is counted and the parent already cleaned up. */
static struct mm *fork_filled(struct mm **parent) {
    *parent = ktest_mm_begin();
    fill_parent(*parent);
    struct mm *child = mm_fork(*parent);
    KCHECK(child != NULL);
    if (!child)
        KCHECK_EQ(ktest_mm_end(*parent), 0);
    return child;
}

KTEST(cow_fork_shares_frames_read_only) {
    struct mm *parent = ktest_mm_begin();
    fill_parent(parent);
    uint32_t free_before_fork = buddy_nr_free();
    struct mm *child = mm_fork(parent);
    KCHECK(child != NULL);
    if (!child) {
        KCHECK_EQ(ktest_mm_end(parent), 0);
        return;
    }
    /* No frame was copied: the child's only new pages are its directory and tables, and
     * the untouched shared page that fork populated in the parent. */
    KCHECK(free_before_fork - buddy_nr_free() <= 1 + 5 + 1);
    KCHECK_EQ(parent->rss, RW_PAGES + 4);
    KCHECK_EQ(child->rss, parent->rss);
    uint32_t private_pages[] = {RW_VA, RW_VA + PAGE_SIZE, RW_VA + 3 * PAGE_SIZE, RO_VA};
    for (uint32_t i = 0; i < sizeof private_pages / sizeof private_pages[0]; i++) {
        uint32_t va = private_pages[i];
        KCHECK(same_frame(parent, child, va));
        KCHECK_EQ(mm_frame_refs(pte_of(parent, va)), 2);
        KCHECK_EQ(pte_of(parent, va) & (PTE_PRESENT | PTE_WRITE), PTE_PRESENT);
        KCHECK_EQ(pte_of(child, va) & (PTE_PRESENT | PTE_WRITE), PTE_PRESENT);
    }
    KCHECK(same_frame(parent, child, NONE_VA));            /* PROT_NONE: shared too */
    KCHECK_EQ(mm_frame_refs(pte_of(child, NONE_VA)), 2);
    KCHECK(pte_of(child, NONE_VA) & PTE_PROTNONE);
    KCHECK_EQ(read_word(child, NONE_VA + 8), 0x300);
    for (uint32_t i = 0; i < 2; i++) {                     /* VM_SHARED: writable, shared */
        uint32_t va = SHR_VA + i * PAGE_SIZE;
        KCHECK(same_frame(parent, child, va));
        KCHECK_EQ(mm_frame_refs(pte_of(child, va)), 2);
        KCHECK(pte_of(parent, va) & PTE_WRITE);
        KCHECK(pte_of(child, va) & PTE_WRITE);
    }
    KCHECK_EQ(read_word(child, RW_VA + 2 * PAGE_SIZE + 8), 0x102);
    KCHECK_EQ(read_word(child, RO_VA + 8), 0x200);
    /* The parent's live TLB was flushed: a write faults and copies. */
    uint32_t cows = fault_stats.cow;
    ktest_poke(RW_VA + 8, 0xAAAA);
    KCHECK_EQ(fault_stats.cow - cows, 1);
    KCHECK_EQ(read_word(child, RW_VA + 8), 0x100);
    mm_destroy(child);
    KCHECK_EQ(mm_frame_refs(pte_of(parent, RW_VA + PAGE_SIZE)), 1);
    KCHECK_EQ(ktest_mm_end(parent), 0);
}

/* Writes from each side through copy_to_user (kernel-mode write faults at user
 * addresses): the first writer gets a copy, the last sharer just regains PTE_WRITE. */
KTEST(cow_write_from_each_side) {
    struct mm *parent, *child = fork_filled(&parent);
    if (!child)
        return;
    uint32_t va = RW_VA + PAGE_SIZE, old_frame = pte_paddr(pte_of(parent, va));
    uint32_t cows = fault_stats.cow;
    ktest_poke(va + 8, 0x1111);                           /* the parent writes first */
    KCHECK_EQ(fault_stats.cow - cows, 1);
    KCHECK(pte_paddr(pte_of(parent, va)) != old_frame);
    KCHECK_EQ(pte_paddr(pte_of(child, va)), old_frame);
    KCHECK(pte_of(parent, va) & PTE_WRITE);
    KCHECK(!(pte_of(child, va) & PTE_WRITE));
    KCHECK_EQ(mm_frame_refs(pte_of(parent, va)), 1);
    KCHECK_EQ(mm_frame_refs(pte_of(child, va)), 1);
    KCHECK_EQ(ktest_peek(va + 8), 0x1111);
    KCHECK_EQ(ktest_peek(va + 12), 0);                    /* the rest of the page copied */
    KCHECK_EQ(read_word(child, va + 8), 0x101);
    KCHECK_EQ(parent->rss, child->rss);                   /* a break moves no page counts */

    mm_activate(child);                                   /* now the child writes */
    ktest_poke(va + 8, 0x2222);                           /* alone on its frame: no copy */
    KCHECK_EQ(pte_paddr(pte_of(child, va)), old_frame);
    KCHECK(pte_of(child, va) & PTE_WRITE);
    ktest_poke(RW_VA + 3 * PAGE_SIZE + 8, 0x3333);         /* shared: the child copies */
    KCHECK_EQ(fault_stats.cow - cows, 3);
    KCHECK_EQ(ktest_peek(va + 8), 0x2222);
    KCHECK_EQ(ktest_peek(RW_VA + 8), 0x100);
    KCHECK_EQ(read_word(parent, va + 8), 0x1111);
    KCHECK_EQ(read_word(parent, RW_VA + 3 * PAGE_SIZE + 8), 0x103);
    /* A shared read-only page stays read-only to the kernel's copies too. */
    uint32_t v = 5;
    KCHECK_EQ(copy_to_user((void *)(RO_VA + 8), &v, sizeof v), -EFAULT);
    KCHECK_EQ(mm_frame_refs(pte_of(child, RO_VA)), 2);
    /* A shared page of a VM_SHARED area: the write is seen by the other side. */
    ktest_poke(SHR_VA + PAGE_SIZE + 4, 0x4444);
    KCHECK_EQ(read_word(parent, SHR_VA + PAGE_SIZE + 4), 0x4444);
    KCHECK(same_frame(parent, child, SHR_VA + PAGE_SIZE));

    mm_destroy(child);                                    /* the live one: kernel dir first */
    mm_activate(parent);
    KCHECK_EQ(ktest_peek(RW_VA + 3 * PAGE_SIZE + 8), 0x103);
    KCHECK_EQ(ktest_peek(SHR_VA + PAGE_SIZE + 4), 0x4444);
    KCHECK_EQ(ktest_mm_end(parent), 0);
}

/* mm_copy_in and mm_zero_in write into an inactive mm: a shared page is unshared
 * first, the other side keeps its bytes, and a later write fault needs no copy. */
KTEST(cow_copy_in_unshares) {
    struct mm *parent, *child = fork_filled(&parent);
    if (!child)
        return;
    uint32_t pid = 77;
    KCHECK_EQ(mm_copy_in(child, RW_VA + 16, &pid, sizeof pid), 0);   /* CLONE_CHILD_SETTID */
    KCHECK(!same_frame(parent, child, RW_VA));
    KCHECK_EQ(read_word(child, RW_VA + 16), 77);
    KCHECK_EQ(read_word(child, RW_VA + 8), 0x100);
    KCHECK_EQ(ktest_peek(RW_VA + 16), 0);
    KCHECK_EQ(mm_frame_refs(pte_of(parent, RW_VA)), 1);
    KCHECK(!(pte_of(child, RW_VA) & PTE_WRITE));         /* the next fault restores it */
    KCHECK_EQ(mm_zero_in(child, RO_VA, PAGE_SIZE), 0);   /* through read-only protection */
    KCHECK_EQ(read_word(child, RO_VA + 8), 0);
    KCHECK_EQ(ktest_peek(RO_VA + 8), 0x200);
    KCHECK_EQ(mm_copy_in(parent, NONE_VA + 8, &pid, sizeof pid), 0);  /* PROT_NONE too */
    KCHECK_EQ(read_word(child, NONE_VA + 8), 0x300);
    KCHECK(pte_of(parent, NONE_VA) & PTE_PROTNONE);
    KCHECK_EQ(mm_copy_in(child, SHR_VA + 8, &pid, sizeof pid), 0);    /* shared: in place */
    KCHECK_EQ(ktest_peek(SHR_VA + 8), 77);
    uint32_t frame = pte_paddr(pte_of(child, RW_VA));
    mm_activate(child);
    ktest_poke(RW_VA + 20, 78);
    KCHECK_EQ(pte_paddr(pte_of(child, RW_VA)), frame);
    mm_activate(parent);
    mm_destroy(child);
    KCHECK_EQ(ktest_mm_end(parent), 0);
}

/* munmap, madvise(DONTNEED) and mremap on shared pages drop or move one side's
 * reference only; mprotect to writable keeps a shared frame write-protected. */
KTEST(cow_range_calls_leave_the_other_side) {
    struct mm *parent, *child = fork_filled(&parent);
    if (!child)
        return;
    KCHECK_EQ(mm_unmap_range(child, RW_VA, PAGE_SIZE), 0);
    KCHECK_EQ(mm_frame_refs(pte_of(parent, RW_VA)), 1);
    KCHECK_EQ(ktest_peek(RW_VA + 8), 0x100);
    KCHECK_EQ(mm_advise(parent, RW_VA + PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED), 0);
    KCHECK_EQ(read_word(child, RW_VA + PAGE_SIZE + 8), 0x101);
    KCHECK_EQ(mm_frame_refs(pte_of(child, RW_VA + PAGE_SIZE)), 1);
    KCHECK_EQ(ktest_peek(RW_VA + PAGE_SIZE + 8), 0);      /* demand-zero again */
    KCHECK_EQ(mm_advise(child, SHR_VA, 2 * PAGE_SIZE, MADV_DONTNEED), 0);
    KCHECK_EQ(read_word(child, SHR_VA + 8), 0x400);       /* shared areas keep theirs */

    /* mremap moves the child's two last pages, still shared, to another page table. */
    uint32_t from = RW_VA + 2 * PAGE_SIZE, frame = pte_paddr(pte_of(parent, from));
    KCHECK_EQ(mm_remap(child, from, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED,
                       MOVE_VA), (long)MOVE_VA);
    KCHECK_EQ(pte_paddr(pte_of(child, MOVE_VA)), frame);
    KCHECK_EQ(mm_frame_refs(pte_of(child, MOVE_VA)), 2);
    KCHECK(!(pte_of(child, MOVE_VA) & PTE_WRITE));
    uint32_t v = 0x5555;
    KCHECK_EQ(mm_copy_in(child, MOVE_VA + 8, &v, sizeof v), 0);
    KCHECK_EQ(ktest_peek(from + 8), 0x102);
    KCHECK_EQ(read_word(child, MOVE_VA + 8), 0x5555);
    KCHECK_EQ(read_word(child, MOVE_VA + PAGE_SIZE + 8), 0x103);

    /* mprotect back to writable: the still-shared page stays write-protected. */
    uint32_t last = RW_VA + 3 * PAGE_SIZE;
    KCHECK_EQ(mm_protect_range(parent, RW_VA, RW_PAGES * PAGE_SIZE, PROT_READ), 0);
    KCHECK_EQ(mm_protect_range(parent, RW_VA, RW_PAGES * PAGE_SIZE, RW), 0);
    KCHECK(!(pte_of(parent, last) & PTE_WRITE));
    KCHECK(pte_of(parent, RW_VA) & PTE_WRITE);            /* alone since the munmap */
    KCHECK_EQ(mm_protect_range(parent, NONE_VA, PAGE_SIZE, RW), 0);
    KCHECK_EQ(pte_of(parent, NONE_VA) & (PTE_PRESENT | PTE_WRITE), PTE_PRESENT);
    ktest_poke(NONE_VA + 8, 0x6666);
    KCHECK_EQ(read_word(child, NONE_VA + 8), 0x300);
    ktest_poke(last + 8, 0x7777);
    KCHECK_EQ(read_word(child, MOVE_VA + PAGE_SIZE + 8), 0x103);
    mm_destroy(child);
    KCHECK(ktest_leaked() > 0);                           /* the parent's pages remain */
    KCHECK_EQ(ktest_peek(last + 8), 0x7777);
    KCHECK_EQ(ktest_mm_end(parent), 0);
}

/* Freeing the parent first leaves the child the only owner of every frame; a chain of
 * forks shares one frame among three. */
KTEST(cow_destroy_in_any_order) {
    struct mm *parent = ktest_mm_begin();
    fill_parent(parent);
    struct mm *child = mm_fork(parent);
    struct mm *grandchild = child ? mm_fork(child) : NULL;
    KCHECK(grandchild != NULL);
    if (grandchild) {
        KCHECK_EQ(mm_frame_refs(pte_of(grandchild, RW_VA)), 3);
        uint32_t v = 9;
        KCHECK_EQ(mm_copy_in(child, RW_VA + 8, &v, sizeof v), 0);
        KCHECK_EQ(mm_frame_refs(pte_of(grandchild, RW_VA)), 2);
        KCHECK_EQ(read_word(grandchild, RW_VA + 8), 0x100);
        mm_activate(NULL);
        mm_destroy(parent);
        KCHECK_EQ(mm_frame_refs(pte_of(grandchild, RW_VA)), 1);
        KCHECK_EQ(read_word(grandchild, RW_VA + 8), 0x100);
        KCHECK_EQ(read_word(child, RW_VA + 8), 9);
        mm_destroy(grandchild);
        KCHECK_EQ(read_word(child, RW_VA + 2 * PAGE_SIZE + 8), 0x102);
        parent = child;                                   /* ktest_mm_end destroys it */
    } else if (child) {
        mm_destroy(child);
    }
    KCHECK_EQ(ktest_mm_end(parent), 0);
}

/* With no frame left, a copy-on-write break fails and changes nothing: the write is
 * -EFAULT (SIGSEGV for a user write), both sides keep the shared frame. */
KTEST(cow_break_without_memory) {
    struct mm *parent, *child = fork_filled(&parent);
    if (!child)
        return;
    void *head = NULL;
    for (void **p; (p = alloc_page());) {
        *p = head;
        head = p;
    }
    uint32_t v = 1;
    KCHECK_EQ(copy_to_user((void *)(RW_VA + 8), &v, sizeof v), -EFAULT);
    KCHECK_EQ(mm_copy_in(child, RW_VA + 8, &v, sizeof v), -ENOMEM);
    while (head) {
        void *next = *(void **)head;
        free_page(head);
        head = next;
    }
    KCHECK(same_frame(parent, child, RW_VA));
    KCHECK_EQ(mm_frame_refs(pte_of(parent, RW_VA)), 2);
    KCHECK_EQ(ktest_peek(RW_VA + 8), 0x100);
    KCHECK_EQ(read_word(child, RW_VA + 8), 0x100);
    mm_destroy(child);
    KCHECK_EQ(ktest_mm_end(parent), 0);
}
