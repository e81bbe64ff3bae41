/* System identification: Linux's struct new_utsname, filled by uname(122). */
#ifndef _SYS_UTSNAME_H
#define _SYS_UTSNAME_H
#include <features.h>
#define _UTSNAME_LENGTH 65
struct utsname {
    char sysname[_UTSNAME_LENGTH];
    char nodename[_UTSNAME_LENGTH];
    char release[_UTSNAME_LENGTH];
    char version[_UTSNAME_LENGTH];
    char machine[_UTSNAME_LENGTH];
    char domainname[_UTSNAME_LENGTH];
};
__BEGIN_DECLS
int uname(struct utsname *u);
__END_DECLS
#endif
