/* statfs/fstatfs/statvfs through glibc: sane numbers for the root file system, procfs's
 * magic number for /proc, ENOENT for a missing path. Prints the same lines natively and
 * on LingOS (no sizes, which differ). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define PROC_SUPER_MAGIC 0x9fa0

int main(void) {
    struct statfs s;
    int ok = statfs("/", &s) == 0 && s.f_bsize > 0 && s.f_blocks >= s.f_bfree &&
             s.f_bfree >= s.f_bavail && s.f_namelen == 255;
    printf("statfs /: %s\n", ok ? "ok" : "WRONG");
    ok = statfs("/proc", &s) == 0 && s.f_type == PROC_SUPER_MAGIC;
    printf("statfs /proc is procfs: %s\n", ok ? "ok" : "WRONG");
    int fd = open("/", O_RDONLY);
    struct statfs f;
    ok = fd >= 0 && fstatfs(fd, &f) == 0 && f.f_bsize > 0;
    printf("fstatfs: %s\n", ok ? "ok" : "WRONG");
    struct statvfs v;
    ok = statvfs("/", &v) == 0 && v.f_frsize > 0 && v.f_blocks >= v.f_bfree;
    printf("statvfs: %s\n", ok ? "ok" : "WRONG");
    errno = 0;
    ok = statfs("/no/such/dir", &s) == -1 && errno == ENOENT;
    printf("missing path is ENOENT: %s\n", ok ? "ok" : "WRONG");
    return 0;
}
