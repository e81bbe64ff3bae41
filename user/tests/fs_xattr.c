/* Extended attributes as a program without xattrs sees them: on an existing file, a get
 * or remove fails with ENODATA (Linux with xattr support, nothing set) or EOPNOTSUPP
 * (LingOS: its ext2 keeps none), never ENOSYS, which ls -l would report as an error; a
 * list is not an error; a missing file is ENOENT, a bad fd EBADF, an empty name ERANGE. */
#include "testlib.h"
#include <sys/syscall.h>

static int no_xattr(long r) { return r == -1 && (errno == ENODATA || errno == EOPNOTSUPP); }

TEST(an_existing_file_has_no_attributes) {
    CHECK_EQ(t_write_file(t_path("f"), "x", 1, 0644), 0);
    char buf[256];
    CHECK(no_xattr(syscall(SYS_getxattr, t_path("f"), "user.lingos", buf, sizeof buf)));
    CHECK(no_xattr(syscall(SYS_lgetxattr, t_path("f"), "security.selinux", buf, sizeof buf)));
    CHECK(no_xattr(syscall(SYS_lgetxattr, t_path("f"), "system.posix_acl_access", buf, sizeof buf)));
    CHECK(syscall(SYS_listxattr, t_path("f"), buf, sizeof buf) >= 0);
    CHECK(syscall(SYS_llistxattr, t_path("f"), buf, sizeof buf) >= 0);
    int fd = open(t_path("f"), O_RDONLY);
    CHECK(fd >= 0);
    CHECK(no_xattr(syscall(SYS_fgetxattr, fd, "user.lingos", buf, sizeof buf)));
    CHECK(syscall(SYS_flistxattr, fd, buf, sizeof buf) >= 0);
    close(fd);
    CHECK(no_xattr(syscall(SYS_removexattr, t_path("f"), "user.lingos")));
}

TEST(errors_come_first) {
    char buf[64];
    CHECK_EQ(syscall(SYS_getxattr, t_path("missing"), "user.x", buf, sizeof buf), -1);
    CHECK_EQ(errno, ENOENT);
    CHECK_EQ(syscall(SYS_listxattr, t_path("missing"), buf, sizeof buf), -1);
    CHECK_EQ(errno, ENOENT);
    CHECK_EQ(syscall(SYS_fgetxattr, 1000, "user.x", buf, sizeof buf), -1);
    CHECK_EQ(errno, EBADF);
    CHECK_EQ(syscall(SYS_getxattr, t_path("f"), "", buf, sizeof buf), -1);
    CHECK_EQ(errno, ERANGE);
}

TEST(cleanup_removes_everything) { CHECK_EQ(t_rmtree(t_dir), 0); }

int main(void) {
    if (!t_make_tmpdir("xattr"))
        return 1;
    RUN(an_existing_file_has_no_attributes);
    RUN(errors_come_first);
    RUN(cleanup_removes_everything);
    return check_summary();
}
