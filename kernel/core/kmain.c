/* kmain: the boot sequence after boot.S, in the order each layer needs the one before. */
#include "arch/i386/boot.h"
#include "arch/i386/bootinfo.h"
#include "arch/i386/gdt.h"
#include "arch/i386/trap.h"
#include "arch/i386/pic.h"
#include "arch/i386/pit.h"
#include "arch/i386/cpu.h"
#include "arch/i386/fpu.h"
#include "core/cmdline.h"
#include "core/panic_report.h"
#include "core/crash.h"
#include "drivers/console.h"
#include "mm/kmap.h"
#include "mm/meminit.h"
#include "mm/fault.h"
#include "arch/i386/clock.h"
#include "proc/proc.h"
#include "proc/sched.h"
#include "proc/init.h"
#include "syscall/syscall.h"
#include "drivers/tty.h"
#include "drivers/kbd.h"
#include "fs/vfs.h"
#include "test/ktest.h"
#include "lib/printf.h"
#include "lib/string.h"

#define LINGOS_VERSION "0.1"

static const char *region_type(uint32_t type) {
    static const char *const names[] = {"?", "usable", "reserved", "ACPI data", "ACPI NVS", "bad"};
    return type < sizeof names / sizeof names[0] ? names[type] : "reserved";
}

/* The banner: what the loader told us about RAM, in one line per region and a total. */
static void print_banner(void) {
    kprintf("LingOS %s (i386, multiboot v1)\n", LINGOS_VERSION);
    kprintf("cmdline: %s\n", boot_info.cmdline);
    uint64_t usable = 0;
    uint32_t nusable = 0;
    for (uint32_t i = 0; i < boot_info.nregions; i++) {
        const struct mem_region *r = &boot_info.regions[i];
        kprintf("mem: [0x%08llx-0x%08llx] %s\n", r->base, r->base + r->len - 1,
                region_type(r->type));
        if (r->type == MEM_REGION_USABLE) {
            usable += r->len;
            nusable++;
        }
    }
    kprintf("mem: usable RAM %llu KiB (%llu MiB) in %u regions, lowmem to %#010x\n",
            usable >> 10, usable >> 20, nusable, boot_info.lowmem_end);
}

void kmain(uint32_t magic, uint32_t mbi_phys) {
    console_init();
    multiboot_parse(magic, mbi_phys);
    cmdline_parse(boot_info.cmdline);
    console_set_quiet(cmdline_has("quiet"));
    panic_exits = cmdline_get("panic") && !strcmp(cmdline_get("panic"), "exit");
    print_banner();
    gdt_init();
    idt_init();
    pic_init();
    fpu_init();
    paging_init();
    mem_init();
    fault_init();
    pit_init();
    clock_init();
    proc_init();
    syscall_init();
    tty_init(cmdline_has("oneshot"));
    kbd_init();
    tick_hook = sched_tick;
    sti();
    if (cmdline_has("crash"))
        crash_on_purpose(cmdline_get("crash"));
    vfs_init();
    if (cmdline_has("ktest"))
        ktest_run(cmdline_get("ktest"));
    init_start();
    scheduler();
}
