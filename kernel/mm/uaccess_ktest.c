/* In-kernel tests of uaccess.c: -EFAULT for kernel, unmapped, wrapping and forbidden
 * ranges (through a real fault and the extable), success through demand paging, and the
 * bounds of strncpy_from_user. */
#include "test/ktest.h"
#include "mm/uaccess.h"
#include "mm/fault.h"
#include "mm/mm.h"
#include "mm/mm_ktest_util.h"
#include "lib/errno.h"
#include "lib/string.h"

#define RW (PROT_READ | PROT_WRITE)
#define BUF_VA   0x20000000u
#define UNMAPPED 0x50000000u
#define KERN_VA  ((const void *)0xC0100000u)


KTEST(uaccess_access_ok) {
    KCHECK(access_ok((void *)0x1000, 16));
    KCHECK(access_ok((void *)0xBFFFF000, 0x1000));
    KCHECK(!access_ok((void *)0xBFFFF000, 0x1001));
    KCHECK(!access_ok(KERN_VA, 1));
    KCHECK(!access_ok((void *)0xFFFFFFF0, 0x20));      /* wraps around */
    KCHECK(access_ok((void *)0xC0000000, 0));
    KCHECK(!access_ok((void *)0x1000, 0xFFFFF000));
}

KTEST(uaccess_efault_cases) {
    fault_init();
    char buf[64];
    uint32_t fixups = fault_stats.fixups;
    KCHECK_EQ(copy_from_user(buf, KERN_VA, 4), -EFAULT);
    KCHECK_EQ(copy_to_user((void *)KERN_VA, buf, 4), -EFAULT);
    KCHECK_EQ(copy_from_user(buf, (void *)0xBFFFFFFE, 4), -EFAULT);
    KCHECK_EQ(fault_stats.fixups, fixups);              /* rejected before any access */
    KCHECK(mm_active == NULL);
    KCHECK_EQ(copy_from_user(buf, (void *)UNMAPPED, 4), -EFAULT);  /* a real fault */
    KCHECK_EQ(copy_to_user((void *)UNMAPPED, buf, 4), -EFAULT);
    KCHECK_EQ(fault_stats.fixups - fixups, 2);
    KCHECK_EQ(strncpy_from_user(buf, (void *)UNMAPPED, sizeof buf), -EFAULT);
    KCHECK_EQ(strncpy_from_user(buf, KERN_VA, sizeof buf), -EFAULT);
    KCHECK_EQ(copy_from_user(buf, (void *)UNMAPPED, 0), 0);
}

KTEST(uaccess_copies_through_demand_paging) {
    fault_init();
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, BUF_VA, 2 * PAGE_SIZE, RW, 0), 0);
    static const char msg[] = "crosses a page boundary";
    char *u = (char *)(BUF_VA + PAGE_SIZE - 5), got[sizeof msg];
    KCHECK_EQ(copy_to_user(u, msg, sizeof msg), 0);
    KCHECK_EQ(mm->rss, 2);
    KCHECK_EQ(copy_from_user(got, u, sizeof msg), 0);
    KCHECK(!memcmp(got, msg, sizeof msg));
    /* Running off the end of the VMA fails even though the start is fine. */
    KCHECK_EQ(copy_from_user(got, (void *)(BUF_VA + 2 * PAGE_SIZE - 4), 8), -EFAULT);
    KCHECK_EQ(copy_to_user((void *)(BUF_VA + 2 * PAGE_SIZE - 4), msg, 8), -EFAULT);
    KCHECK_EQ(ktest_mm_end(mm), 0);
}

KTEST(uaccess_strncpy_from_user_bounds) {
    fault_init();
    struct mm *mm = ktest_mm_begin();
    KCHECK_EQ(mm_map_anon(mm, BUF_VA, PAGE_SIZE, RW, 0), 0);
    KCHECK_EQ(mm_setup_stack(mm, PAGE_SIZE), 0);
    KCHECK_EQ(mm_copy_in(mm, BUF_VA, "hello", 6), 0);
    KCHECK_EQ(mm_copy_in(mm, BUF_VA + PAGE_SIZE - 3, "end", 3), 0);  /* no NUL before the hole */
    KCHECK_EQ(mm_copy_in(mm, USER_TOP - 3, "top", 3), 0);              /* ... before the kernel */
    char buf[16];
    memset(buf, 'x', sizeof buf);
    KCHECK_EQ(strncpy_from_user(buf, (void *)BUF_VA, sizeof buf), 5);
    KCHECK(!strcmp(buf, "hello"));
    KCHECK_EQ(strncpy_from_user(buf, (void *)BUF_VA, 6), 5);          /* NUL is the last byte */
    KCHECK_EQ(strncpy_from_user(buf, (void *)BUF_VA, 5), -ENAMETOOLONG);
    KCHECK_EQ(strncpy_from_user(buf, (void *)BUF_VA, 0), -ENAMETOOLONG);
    KCHECK_EQ(strncpy_from_user(buf, (void *)(BUF_VA + 2), sizeof buf), 3);
    KCHECK_EQ(strncpy_from_user(buf, (void *)(BUF_VA + PAGE_SIZE - 3), sizeof buf), -EFAULT);
    KCHECK_EQ(strncpy_from_user(buf, (void *)(BUF_VA + PAGE_SIZE - 3), 3), -ENAMETOOLONG);
    KCHECK_EQ(strncpy_from_user(buf, (void *)(USER_TOP - 3), sizeof buf), -EFAULT);
    KCHECK_EQ(ktest_mm_end(mm), 0);
}
