/* struct mm: one address space (a page directory, its VMAs, heap and stack bounds) and
 * the operations the process layer and the syscalls use on it.
 *
 * User layout (docs/memory.md): ELF images from USER_ELF_BASE, the brk heap right after
 * .bss, mmap areas from MMAP_BASE upward, the stack below USER_STACK_TOP growing down.
 * The kernel half (USER_TOP and up) is shared by every directory.
 *
 * Frames mapped into user space are owned through struct page: PG_user, refcount = the
 * number of PTEs mapping it (above 1 once fork shares it copy-on-write, or for good in
 * a VM_SHARED area). A private page whose frame is shared is never writable in any
 * PTE; the write fault (mm_cow_break) copies it first. */
#ifndef MM_MM_H
#define MM_MM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "lib/list.h"
#include "mm/page.h"
#include "mm/pgtable.h"
#include "mm/vma.h"

#define USER_ELF_BASE   0x08048000u          /* where i386 executables are linked */
#define MMAP_MIN_ADDR   0x00010000u          /* nothing is ever placed below (Linux's default) */
#define MMAP_BASE       0x40000000u          /* mm_find_free searches upward from here */
#define USER_STACK_TOP  USER_TOP             /* end of the stack VMA */
#define USER_STACK_INIT (128u * 1024)        /* the stack VMA exec creates */
#define USER_STACK_MAX  (8u * 1024 * 1024)   /* growth limit: Linux's RLIMIT_STACK default */
#define STACK_GUARD_GAP (256u * PAGE_SIZE)   /* kept free below the stack (Linux's default) */

/* PTE bits that follow the page, not the protection, when flags are rewritten. */
#define PTE_HW_STATE (PTE_ACCESSED | PTE_DIRTY)

struct mm {
    uint32_t *pgdir;          /* kernel-virtual page directory */
    struct list_head vmas;    /* struct vm_area, sorted by start */
    uint32_t nr_vmas;
    uint32_t brk_start, brk;  /* heap: [brk_start, brk); the loader sets brk_start */
    uint32_t stack_top;       /* end of the stack VMA (0 until mm_setup_stack) */
    uint32_t stack_limit;     /* lowest address the stack may grow to */
    uint32_t mmap_base;       /* where mm_find_free starts looking */
    uint32_t rss;             /* user frames this mm maps (resident pages, shared ones too) */
    uint32_t refcount;        /* holders (threads sharing it, later) */
    char *exe_path;           /* the executable its VM_IMAGE segments came from */
    uint32_t exe_dev, exe_ino;
};

/* The address space the CPU runs in (NULL: the kernel's own directory). The page-fault
 * handler and the uaccess copies work on it. */
extern struct mm *mm_active;

struct mm *mm_create(void);
void mm_destroy(struct mm *mm);
void mm_get(struct mm *mm);
void mm_put(struct mm *mm);
void mm_activate(struct mm *mm);
struct mm *mm_fork(struct mm *parent);

int mm_map_anon(struct mm *mm, uint32_t start, uint32_t len, uint32_t prot, uint32_t flags);
int mm_map(struct mm *mm, uint32_t start, uint32_t len, uint32_t prot, uint32_t flags,
           uint32_t pgoff);
/* Records the executable (path copied) that /proc/PID/maps names; -ENOMEM. */
int mm_set_exe(struct mm *mm, const char *path, uint32_t dev, uint32_t ino);
int mm_setup_stack(struct mm *mm, uint32_t size);
int mm_unmap_range(struct mm *mm, uint32_t start, uint32_t len);
void mm_unmap_pages(struct mm *mm, uint32_t start, uint32_t end);
int mm_protect_range(struct mm *mm, uint32_t start, uint32_t len, uint32_t prot);
int mm_copy_in(struct mm *mm, uint32_t va, const void *src, size_t len);
int mm_zero_in(struct mm *mm, uint32_t va, size_t len);
int mm_page_for_write(struct mm *mm, uint32_t va, bool whole, uint8_t **kva);
int mm_map_zero_page(struct mm *mm, const struct vm_area *vma, uint32_t va);
int mm_cow_break(struct mm *mm, const struct vm_area *vma, uint32_t va);
uint32_t mm_pte_flags(uint32_t prot);
uint32_t mm_frame_pte_flags(const struct vm_area *v, pte_t pte);
uint32_t mm_frame_refs(pte_t pte);
uint32_t mm_nr_user_frames(void);
uint32_t mm_nr_pagetables(const struct mm *mm);
bool mm_range_ok(uint32_t start, uint32_t len);
#endif
