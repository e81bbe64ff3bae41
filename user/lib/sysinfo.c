/* System information and control: uname, sysinfo, reboot, sysconf and friends. */
#include <string.h>
#include <sys/reboot.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "sys.h"

#define PAGE_BYTES 4096
#define CLK_TCK 100
#define OPEN_MAX_DEFAULT 256

int uname(struct utsname *u) { return sys_ret(sys1(SYS_uname, (long)u)); }
int sysinfo(struct sysinfo *info) { return sys_ret(sys1(SYS_sysinfo, (long)info)); }

int reboot(int cmd) {
    return sys_ret(sys4(SYS_reboot, (long)LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, cmd, 0));
}

int gethostname(char *name, size_t len) {
    struct utsname u;
    if (uname(&u) < 0)
        return -1;
    if (strlen(u.nodename) >= len) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(name, u.nodename);
    return 0;
}

int getpagesize(void) { return PAGE_BYTES; }

long sysconf(int name) {
    switch (name) {
    case _SC_PAGESIZE: return PAGE_BYTES;
    case _SC_CLK_TCK: return CLK_TCK;
    case _SC_OPEN_MAX: return OPEN_MAX_DEFAULT;
    case _SC_NPROCESSORS_ONLN: return 1;
    default: errno = EINVAL; return -1;
    }
}
