/* mem_init: from boot_info to a working buddy allocator and kernel heap.
 *
 * The managed frames are pfns [0, lowmem_end / PAGE_SIZE): one struct page each, in an
 * array from early_alloc. A frame is released to the buddy allocator only when it lies
 * wholly inside a usable (type 1) multiboot region, at or above 1 MiB, below lowmem_end,
 * and outside every boot_info.reserved range (kernel image, multiboot data, modules, the
 * early_alloc area including the struct page array itself), outside every non-usable
 * region (firmware maps may overlap) and outside every earlier usable region (duplicates).
 * Usable regions are rounded inward to whole frames, everything excluded outward. */
#include "mm/meminit.h"
#include "mm/buddy.h"
#include "mm/kheap.h"
#include "arch/i386/bootinfo.h"
#include "arch/i386/layout.h"
#include "lib/panic.h"
#include "lib/printf.h"

#define BIOS_AREA_END 0x100000u /* below 1 MiB: real-mode IVT, BIOS data, EBDA, VGA, ROMs */
#define MAP_ALIGN 64            /* struct page array alignment (a cache line) */
#define BUDDYINFO_MAX 128
#define KHEAP_STATS_MAX 1024

struct pfn_range {
    uint32_t start, end;
};

static uint32_t lowmem_pfns; /* pfns [0, lowmem_pfns) have a struct page */

static uint32_t clip_pfn(uint64_t pfn) { return pfn < lowmem_pfns ? (uint32_t)pfn : lowmem_pfns; }

/* Frames wholly inside [base, base + len). */
static struct pfn_range inward(uint64_t base, uint64_t len) {
    return (struct pfn_range){clip_pfn((base + PAGE_SIZE - 1) >> PAGE_SHIFT),
                              clip_pfn((base + len) >> PAGE_SHIFT)};
}

/* Frames touching [base, base + len). */
static struct pfn_range outward(uint64_t base, uint64_t len) {
    return (struct pfn_range){clip_pfn(base >> PAGE_SHIFT),
                              clip_pfn((base + len + PAGE_SIZE - 1) >> PAGE_SHIFT)};
}

/* Exclusion k (of nreserved + nregions) while releasing usable region `region`: a reserved
 * range, a non-usable region, or a usable region released before this one. False when
 * entry k excludes nothing. */
static bool exclusion(uint32_t k, uint32_t region, struct pfn_range *x) {
    if (k < boot_info.nreserved) {
        const struct phys_range *r = &boot_info.reserved[k];
        *x = outward(r->start, r->end > r->start ? r->end - r->start : 0);
        return true;
    }
    k -= boot_info.nreserved;
    const struct mem_region *r = &boot_info.regions[k];
    if (r->type == MEM_REGION_USABLE && k >= region)
        return false;
    *x = outward(r->base, r->len);
    return true;
}

/* Releases [start, end) minus exclusions k.. (all of them from the first call): pieces
 * left of an exclusion recurse with the next ones, the right piece carries on here. */
static void release(uint32_t start, uint32_t end, uint32_t k, uint32_t region) {
    uint32_t nexcl = boot_info.nreserved + boot_info.nregions;
    for (struct pfn_range x; k < nexcl && start < end; k++) {
        if (!exclusion(k, region, &x) || x.end <= start || x.start >= end)
            continue;
        if (x.start > start)
            release(start, x.start, k + 1, region);
        start = x.end;
    }
    if (start < end)
        buddy_add_range(start, end);
}

static void release_usable_regions(void) {
    for (uint32_t i = 0; i < boot_info.nregions; i++) {
        const struct mem_region *r = &boot_info.regions[i];
        if (r->type != MEM_REGION_USABLE)
            continue;
        struct pfn_range u = inward(r->base, r->len);
        if (u.start < BIOS_AREA_END >> PAGE_SHIFT)
            u.start = clip_pfn(BIOS_AREA_END >> PAGE_SHIFT);
        release(u.start, u.end, 0, i);
    }
}

/* Builds the frame map, hands every free frame to the buddy allocator, starts the kernel
 * heap and prints what it found. Runs once, after paging_init built the direct map of
 * [0, lowmem_end); no early_alloc is possible afterwards. */
void mem_init(void) {
    lowmem_pfns = boot_info.lowmem_end >> PAGE_SHIFT;
    struct page *map = early_alloc(lowmem_pfns * sizeof(struct page), MAP_ALIGN);
    early_alloc_freeze();
    buddy_init(map, 0, lowmem_pfns, KERNEL_VMA);
    release_usable_regions();
    if (buddy_nr_free() == 0)
        panic("mem_init: no usable RAM above 1 MiB below %#x", boot_info.lowmem_end);
    kheap_init();

    char info[BUDDYINFO_MAX];
    buddy_info(info, sizeof info);
    kprintf("mem: %u MiB usable, %u frames free, struct page map %u KiB\n",
            buddy_nr_managed() >> (20 - PAGE_SHIFT), buddy_nr_free(),
            (unsigned)(lowmem_pfns * sizeof(struct page)) >> 10);
    kprintf("%s", info);
}

/* The kheap statistics (kheap_stats_format) on the console. */
void kheap_print_stats(void) {
    char buf[KHEAP_STATS_MAX];
    kheap_stats_format(buf, sizeof buf);
    kprintf("%s", buf);
}
