/* TLS segments (set_thread_area, which glibc uses for %gs): a descriptor can be installed
 * and loaded, and clearing the slot that %gs still selects must not hurt the kernel: the
 * next reload of %gs fails, and Linux (and LingOS) quietly load the null selector instead.
 * Each case runs in a child with its own %gs saved and restored around it (glibc keeps
 * its thread pointer in %gs), using raw int 0x80 calls so nothing touches errno (TLS)
 * while %gs is borrowed. */
#include "testlib.h"

#define NR_SET_THREAD_AREA 243
#define NR_GETPID 20
#define TLS_LIMIT_4G 0xfffff

struct user_desc_t {
    unsigned int entry_number, base_addr, limit;
    unsigned int seg_32bit : 1, contents : 2, read_exec_only : 1, limit_in_pages : 1,
        seg_not_present : 1, useable : 1;
};

static long raw1(long nr, long a) {
    long r;
    asm volatile("int $0x80" : "=a"(r) : "0"(nr), "b"(a) : "memory");
    return r;
}

static unsigned short get_gs(void) {
    unsigned short v;
    asm volatile("mov %%gs, %0" : "=r"(v));
    return v;
}

static void set_gs(unsigned short v) { asm volatile("mov %0, %%gs" : : "r"(v)); }

static int tls_word;

/* Installs a descriptor for &tls_word in a free slot; returns its selector or 0. */
static unsigned short install(struct user_desc_t *d) {
    d->entry_number = (unsigned)-1;
    d->base_addr = (unsigned)(unsigned long)&tls_word;
    d->limit = TLS_LIMIT_4G;
    d->seg_32bit = 1;
    d->contents = 0;
    d->read_exec_only = 0;
    d->limit_in_pages = 1;
    d->seg_not_present = 0;
    d->useable = 1;
    if (raw1(NR_SET_THREAD_AREA, (long)d) != 0)
        return 0;
    return (unsigned short)((d->entry_number << 3) | 3);
}

static void load_and_read(void) {
    struct user_desc_t d;
    unsigned short saved = get_gs();
    unsigned short sel = install(&d);
    if (!sel)
        _exit(10);
    tls_word = 0x1234;
    set_gs(sel);
    int v;
    asm volatile("movl %%gs:0, %0" : "=r"(v));
    set_gs(saved);
    _exit(v == 0x1234 ? 0 : 11);
}

/* Clears the slot %gs selects, then makes more calls: each return to user mode reloads
 * %gs. The process must survive (and the kernel too). */
static void clear_loaded_slot(void) {
    struct user_desc_t d;
    unsigned short saved = get_gs();
    unsigned short sel = install(&d);
    if (!sel)
        _exit(10);
    set_gs(sel);
    struct user_desc_t empty = {d.entry_number, 0, 0, 0, 0, 1, 0, 1, 0};
    long r = raw1(NR_SET_THREAD_AREA, (long)&empty);
    for (int i = 0; i < 1000; i++)
        raw1(NR_GETPID, 0);
    set_gs(saved);
    _exit(r == 0 ? 0 : 12);
}

TEST(a_tls_descriptor_can_be_loaded_and_read) {
    CHECK(t_exited_with(t_run_child(load_and_read), 0));
}

TEST(clearing_the_loaded_tls_slot_is_survived) {
    for (int i = 0; i < 3; i++)
        CHECK(t_exited_with(t_run_child(clear_loaded_slot), 0));
}

int main(void) {
    RUN(a_tls_descriptor_can_be_loaded_and_read);
    RUN(clearing_the_loaded_tls_slot_is_survived);
    return check_summary();
}
