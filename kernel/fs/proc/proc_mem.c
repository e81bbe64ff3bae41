/* The system-wide memory files: /proc/meminfo and /proc/buddyinfo in Linux's formats
 * (fs/proc/meminfo.c, mm/vmstat.c), /proc/uptime, and LingOS's /proc/memmap. */
#include "fs/proc/proc_gen.h"
#include "mm/buddy.h"
#include "mm/kheap.h"
#include "mm/mm.h"
#include "proc/proc.h"
#include "arch/i386/pit.h"
#include "arch/i386/layout.h"

#define KB_PER_PAGE (PAGE_SIZE / 1024)

struct mem_totals {
    uint32_t anon, pagetables, procs;
};

/* Sums what the live address spaces hold. Anonymous pages are the user frames, each
 * counted once however many address spaces share it (the sum of rss would count a
 * frame fork shares once per process). */
static struct mem_totals mem_totals(void) {
    struct mem_totals t = {mm_nr_user_frames(), 0, 0};
    for (int i = 0; i < NPROC; i++) {
        struct proc *p = &proc_table[i];
        if (p->state == P_UNUSED)
            continue;
        t.procs++;
        if (p->mm)
            t.pagetables += mm_nr_pagetables(p->mm);
    }
    return t;
}

static void kb(struct seqbuf *s, const char *label, uint32_t pages) {
    seq_printf(s, "%-16s%8u kB\n", label, pages * KB_PER_PAGE);
}

void gen_meminfo(struct seqbuf *s) {
    struct mem_totals t = mem_totals();
    struct kheap_stats ks;
    kheap_get_stats(&ks);
    uint32_t free = buddy_nr_free();
    kb(s, "MemTotal:", buddy_nr_managed());
    kb(s, "MemFree:", free);
    kb(s, "MemAvailable:", free);
    kb(s, "Buffers:", 0);
    kb(s, "Cached:", 0);
    kb(s, "SwapCached:", 0);
    kb(s, "Active:", t.anon);
    kb(s, "Inactive:", 0);
    kb(s, "SwapTotal:", 0);
    kb(s, "SwapFree:", 0);
    kb(s, "AnonPages:", t.anon);
    kb(s, "Mapped:", 0);
    kb(s, "Shmem:", 0);
    kb(s, "Slab:", ks.slabs + ks.large_bytes / PAGE_SIZE);
    seq_printf(s, "%-16s%8u kB\n", "KernelStack:", t.procs * (KSTACK_SIZE / 1024));
    kb(s, "PageTables:", t.pagetables);
}

void gen_buddyinfo(struct seqbuf *s) {
    char line[160];
    buddy_info(line, sizeof line);
    seq_printf(s, "%s", line);
}

void gen_uptime(struct seqbuf *s) {
    uint32_t t = jiffies;
    seq_printf(s, "%u.%02u 0.00\n", t / HZ, t % HZ);
}

/* The kind of one allocated block, from its head's flags. */
static char block_kind(const struct page *pg) {
    if (pg->flags & PG_reserved) return 'R';
    if (pg->flags & PG_pagetable) return 'P';
    if (pg->flags & PG_slab) return 'S';
    if (pg->flags & PG_user) return 'U';
    return 'K';
}

/* /proc/memmap: "first_pfn nframes\n" then one character per frame: '.' free,
 * 'R' reserved (BIOS, kernel image, boot allocations), 'K' kernel allocations,
 * 'S' kmalloc slabs, 'P' page tables, 'U' user pages; then a newline. */
void gen_memmap(struct seqbuf *s) {
    uint32_t first = 0, n = 0;
    while (!pfn_valid(first) && first < (LOWMEM_MAX >> PAGE_SHIFT))
        first++;
    while (pfn_valid(first + n))
        n++;
    seq_printf(s, "%u %u\n", first, n);
    for (uint32_t pfn = first; pfn < first + n;) {
        struct page *pg = pfn_to_page(pfn);
        uint32_t run = 1;
        char c = 'R';
        if (pg->flags & PG_buddy) {
            c = '.';
            run = 1u << pg->order;
        } else if (pg->flags & PG_head) {
            c = block_kind(pg);
            run = 1u << pg->order;
        } else if (!(pg->flags & PG_reserved)) {
            c = block_kind(pg);
        }
        for (uint32_t i = 0; i < run && pfn < first + n; i++, pfn++)
            seq_putc(s, c);
    }
    seq_putc(s, '\n');
}
