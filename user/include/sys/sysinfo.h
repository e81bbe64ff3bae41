/* Overall system statistics: Linux's struct sysinfo, filled by sysinfo(116). */
#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H
#include <features.h>
struct sysinfo {
    long uptime;
    unsigned long loads[3];
    unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    unsigned short procs, pad;
    unsigned long totalhigh, freehigh;
    unsigned int mem_unit;
    char __reserved[8];
};
__BEGIN_DECLS
int sysinfo(struct sysinfo *info);
__END_DECLS
#endif
