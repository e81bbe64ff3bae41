/* set_thread_area / get_thread_area: glibc's TLS lives in a GDT slot that %gs selects.
 * struct user_desc and its descriptor encoding: Linux arch/x86/include/asm/desc.h
 * (fill_ldt) and the Intel SDM vol. 3A 3.4.5. */
#include "syscall/syscall.h"
#include "proc/proc.h"
#include "proc/switch.h"
#include "syscall/sys_tls.h"
#include "arch/i386/gdt.h"
#include "mm/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"

struct user_desc {
    uint32_t entry_number, base_addr, limit;
    uint32_t seg_32bit : 1, contents : 2, read_exec_only : 1, limit_in_pages : 1,
        seg_not_present : 1, useable : 1;
};

#define ACC_PRESENT 0x80
#define ACC_DPL3 0x60
#define ACC_S 0x10
#define TYPE_WRITABLE 0x2
#define TYPE_CODE 0x8
#define GRAN_4K 0x80
#define GRAN_32 0x40
#define GRAN_AVL 0x10

/* The "empty" descriptor that clears a slot (Linux's LDT_empty). */
static bool desc_empty(const struct user_desc *u) {
    return !u->base_addr && !u->limit && !u->contents && u->read_exec_only &&
           !u->seg_32bit && !u->limit_in_pages && u->seg_not_present && !u->useable;
}

static struct gdt_desc encode(const struct user_desc *u) {
    if (desc_empty(u))
        return (struct gdt_desc){0};
    uint8_t type = (uint8_t)(u->contents << 2);
    if (!u->read_exec_only)
        type |= TYPE_WRITABLE;
    uint8_t access = (u->seg_not_present ? 0 : ACC_PRESENT) | ACC_DPL3 | ACC_S | type;
    uint8_t gran = (u->limit_in_pages ? GRAN_4K : 0) | (u->seg_32bit ? GRAN_32 : 0) |
                   (u->useable ? GRAN_AVL : 0);
    return gdt_make(u->base_addr, u->limit, access, gran);
}

static int free_slot(struct proc *p) {
    for (int i = 0; i < GDT_TLS_ENTRIES; i++)
        if (!(p->tls[i].access & ACC_PRESENT) && !p->tls[i].limit_lo && !p->tls[i].base_lo)
            return GDT_TLS_MIN + i;
    return -ESRCH;
}

int tls_set_from_user(struct proc *p, uint32_t uinfo) {
    struct user_desc u;
    if (copy_from_user(&u, (void *)uinfo, sizeof u))
        return -EFAULT;
    int idx = (int)u.entry_number;
    if (idx == -1) {
        idx = free_slot(p);
        if (idx < 0)
            return idx;
        u.entry_number = (uint32_t)idx;
        if (copy_to_user((void *)uinfo, &u.entry_number, sizeof u.entry_number))
            return -EFAULT;
    }
    if (idx < GDT_TLS_MIN || idx >= GDT_TLS_MIN + GDT_TLS_ENTRIES)
        return -EINVAL;
    if (u.contents == 3 && !u.seg_not_present)
        return -EINVAL;
    p->tls[idx - GDT_TLS_MIN] = encode(&u);
    if (p == current)
        load_tls(p);
    return 0;
}

long sys_set_thread_area(u32 uinfo) { return tls_set_from_user(current, uinfo); }

long sys_get_thread_area(u32 uinfo) {
    struct user_desc u;
    if (copy_from_user(&u, (void *)uinfo, sizeof u.entry_number))
        return -EFAULT;
    int idx = (int)u.entry_number;
    if (idx < GDT_TLS_MIN || idx >= GDT_TLS_MIN + GDT_TLS_ENTRIES)
        return -EINVAL;
    struct gdt_desc d = current->tls[idx - GDT_TLS_MIN];
    memset(&u, 0, sizeof u);
    u.entry_number = (uint32_t)idx;
    u.base_addr = d.base_lo | ((uint32_t)d.base_mid << 16) | ((uint32_t)d.base_hi << 24);
    u.limit = d.limit_lo | ((uint32_t)(d.gran & 0xF) << 16);
    u.seg_32bit = !!(d.gran & GRAN_32);
    u.contents = (d.access >> 2) & 3;
    u.read_exec_only = !(d.access & TYPE_WRITABLE);
    u.limit_in_pages = !!(d.gran & GRAN_4K);
    u.seg_not_present = !(d.access & ACC_PRESENT);
    u.useable = !!(d.gran & GRAN_AVL);
    return copy_to_user((void *)uinfo, &u, sizeof u);
}
