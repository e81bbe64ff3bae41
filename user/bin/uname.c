/* uname [-asnrvm]: prints system identification (default -s; -a everything). */
#include <err.h>
#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

enum { F_SYS = 1, F_NODE = 2, F_REL = 4, F_VER = 8, F_MACH = 16, F_ALL = 31 };

int main(int argc, char **argv) {
    int flags = 0, c;
    while ((c = getopt(argc, argv, "asnrvm")) != -1) {
        switch (c) {
        case 'a': flags |= F_ALL; break;
        case 's': flags |= F_SYS; break;
        case 'n': flags |= F_NODE; break;
        case 'r': flags |= F_REL; break;
        case 'v': flags |= F_VER; break;
        case 'm': flags |= F_MACH; break;
        default: return 1;
        }
    }
    if (!flags)
        flags = F_SYS;
    struct utsname u;
    if (uname(&u) < 0)
        err(1, "uname");
    const char *fields[] = {u.sysname, u.nodename, u.release, u.version, u.machine};
    const char *sep = "";
    for (int i = 0; i < 5; i++)
        if (flags & (1 << i)) {
            printf("%s%s", sep, fields[i]);
            sep = " ";
        }
    putchar('\n');
    return 0;
}
