/* Reads the multiboot v1 information structure (Multiboot Specification 0.6.96, section
 * 3.3) into boot_info, and runs the early bump allocator that precedes the buddy
 * allocator. Everything the loader left is copied out here, once. */
#include "arch/i386/bootinfo.h"
#include "arch/i386/layout.h"
#include "mm/page.h"
#include "lib/panic.h"
#include "lib/string.h"
#include "lib/printf.h"

#define MB_LOADER_MAGIC 0x2BADB002
#define MBI_FLAG_MEM     (1u << 0)
#define MBI_FLAG_CMDLINE (1u << 2)
#define MBI_FLAG_MODS    (1u << 3)
#define MBI_FLAG_MMAP    (1u << 6)
#define LOW_MEMORY_END   0x100000   /* below 1 MiB: BIOS data, EBDA, VGA, ROMs */
#define CMDLINE_COPY_MAX 512

struct mb_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

struct mb_mmap_entry {
    uint32_t size;          /* size of the rest of this entry */
    uint64_t base, len;
    uint32_t type;
} __attribute__((packed));

struct mb_module {
    uint32_t start, end, string, reserved;
} __attribute__((packed));

struct boot_info boot_info;
static char cmdline_copy[CMDLINE_COPY_MAX];
static uint32_t early_next, early_limit;
static bool early_frozen;
extern char _kernel_start_phys[], _kernel_end_phys[];

static void reserve(uint32_t start, uint32_t end) {
    KASSERT(boot_info.nreserved < BOOT_MAX_RESERVED, "too many reserved ranges");
    boot_info.reserved[boot_info.nreserved++] = (struct phys_range){start, end};
}

static void add_region(uint64_t base, uint64_t len, uint32_t type) {
    if (boot_info.nregions < BOOT_MAX_REGIONS)
        boot_info.regions[boot_info.nregions++] = (struct mem_region){base, len, type};
}

/* Reads the memory map, or synthesizes one from mem_lower/mem_upper when the loader
 * gave no map. */
static void read_memory_map(const struct mb_info *mbi) {
    if (mbi->flags & MBI_FLAG_MMAP) {
        uint32_t p = mbi->mmap_addr, end = mbi->mmap_addr + mbi->mmap_length;
        while (p < end) {
            const struct mb_mmap_entry *e = PHYS_TO_VIRT(p);
            add_region(e->base, e->len, e->type);
            p += e->size + sizeof e->size;
        }
    } else if (mbi->flags & MBI_FLAG_MEM) {
        add_region(0, (uint64_t)mbi->mem_lower * 1024, MEM_REGION_USABLE);
        add_region(LOW_MEMORY_END, (uint64_t)mbi->mem_upper * 1024, MEM_REGION_USABLE);
    }
}

/* The end of the direct map: the top of usable RAM, clipped to LOWMEM_MAX. */
static uint32_t find_lowmem_end(void) {
    uint64_t top = 0;
    for (uint32_t i = 0; i < boot_info.nregions; i++) {
        const struct mem_region *r = &boot_info.regions[i];
        if (r->type == MEM_REGION_USABLE && r->base + r->len > top)
            top = r->base + r->len;
    }
    if (top > LOWMEM_MAX)
        top = LOWMEM_MAX;
    return (uint32_t)PAGE_ALIGN_DOWN(top);
}

/* Fills boot_info from the loader's structure; panics if we were not loaded by a
 * multiboot loader, since nothing about memory could then be trusted. */
void multiboot_parse(uint32_t magic, uint32_t mbi_phys) {
    if (magic != MB_LOADER_MAGIC)
        panic("not started by a multiboot loader (eax=%08x)", magic);
    const struct mb_info *mbi = PHYS_TO_VIRT(mbi_phys);
    if (mbi->flags & MBI_FLAG_CMDLINE)
        strlcpy(cmdline_copy, PHYS_TO_VIRT(mbi->cmdline), sizeof cmdline_copy);
    boot_info.cmdline = cmdline_copy;
    read_memory_map(mbi);
    boot_info.lowmem_end = find_lowmem_end();

    uint32_t kernel_end = (uint32_t)_kernel_end_phys;
    reserve(0, LOW_MEMORY_END);
    reserve((uint32_t)_kernel_start_phys, kernel_end);
    early_next = kernel_end;
    if (mbi->flags & MBI_FLAG_MODS) {
        const struct mb_module *m = PHYS_TO_VIRT(mbi->mods_addr);
        for (uint32_t i = 0; i < mbi->mods_count; i++) {
            reserve(PAGE_ALIGN_DOWN(m[i].start), PAGE_ALIGN_UP(m[i].end));
            if (PAGE_ALIGN_UP(m[i].end) > early_next)
                early_next = PAGE_ALIGN_UP(m[i].end);
        }
    }
    early_limit = BOOT_MAP_MB << 20;
    if (early_limit > boot_info.lowmem_end)
        early_limit = boot_info.lowmem_end;
}

void *early_alloc(uint32_t size, uint32_t align) {
    KASSERT(!early_frozen, "early_alloc(%u) after the buddy allocator took over", size);
    uint32_t start = (early_next + align - 1) & ~(align - 1);
    if (start + size > early_limit || start + size < start)
        panic("early_alloc: %u bytes do not fit below %08x (next %08x)", size, early_limit,
              early_next);
    early_next = start + size;
    void *p = PHYS_TO_VIRT(start);
    memset(p, 0, size);
    return p;
}

void early_alloc_freeze(void) {
    early_frozen = true;
    reserve((uint32_t)_kernel_end_phys, (uint32_t)PAGE_ALIGN_UP(early_next));
}
