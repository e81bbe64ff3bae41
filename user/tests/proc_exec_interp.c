/* execve of dynamically linked programs (PT_INTERP), the failures: a handmade ELF whose
 * PT_INTERP names a missing file (ENOENT), a file without an execute bit (EACCES), a
 * file that is no ELF (ELIBBAD), or a path without its NUL (ENOEXEC); the caller goes on
 * each time. Successful dynamic programs are tests/glibc/dyn_*.c. */
#include "testlib.h"
#include <stdint.h>

#define VADDR 0x08048000u
#define FILE_SIZE 512
#define INTERP_OFF 116          /* after the ELF header (52) and two program headers */

struct ehdr {
    unsigned char ident[16];
    uint16_t type, machine;
    uint32_t version, entry, phoff, shoff, flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
struct phdr {
    uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

/* Writes an i386 ET_EXEC named name whose PT_INTERP holds interp (len bytes, the NUL
 * included when the caller counts it) and one PT_LOAD mapping the whole file. */
static int make_dynamic(const char *name, const char *interp, uint32_t len) {
    static unsigned char buf[FILE_SIZE];
    memset(buf, 0, sizeof buf);
    struct ehdr eh = {{0x7f, 'E', 'L', 'F', 1, 1, 1}, 2, 3, 1, VADDR + 0x100, 52, 0, 0,
                      52, 32, 2, 0, 0, 0};
    struct phdr ph[2] = {
        {3, INTERP_OFF, VADDR + INTERP_OFF, 0, len, len, 4, 1},        /* PT_INTERP, R */
        {1, 0, VADDR, 0, FILE_SIZE, FILE_SIZE, 5, 0x1000},            /* PT_LOAD, R+X */
    };
    memcpy(buf, &eh, sizeof eh);
    memcpy(buf + 52, ph, sizeof ph);
    memcpy(buf + INTERP_OFF, interp, len);
    buf[0x100] = 0xf4;          /* hlt: never reached */
    return t_write_file(t_path(name), buf, sizeof buf, 0755);
}

/* The errno execve of path fails with, in a child; 0 if it ran. */
static int exec_errno(const char *path) {
    pid_t pid = t_fork();
    if (pid == 0) {
        char *argv[] = {(char *)path, NULL};
        execve(path, argv, argv + 1);
        _exit(100 + errno);
    }
    int st;
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return -1;
    return WIFEXITED(st) && WEXITSTATUS(st) >= 100 ? WEXITSTATUS(st) - 100 : 0;
}

TEST(a_missing_interpreter_is_enoent) {
    const char *ld = "/no/such/dir/ld.so";
    CHECK_EQ(make_dynamic("missing", ld, strlen(ld) + 1), 0);
    CHECK_EQ(exec_errno(t_path("missing")), ENOENT);
}

TEST(an_interpreter_without_execute_bit_is_eacces) {
    CHECK_EQ(t_write_file(t_path("ld-noexec"), "\177ELF", 4, 0644), 0);
    char ld[512];
    snprintf(ld, sizeof ld, "%s", t_path("ld-noexec"));
    CHECK_EQ(make_dynamic("noexec", ld, strlen(ld) + 1), 0);
    CHECK_EQ(exec_errno(t_path("noexec")), EACCES);
}

TEST(an_interpreter_that_is_no_elf_is_elibbad) {
    static char junk[4096];
    memset(junk, 0x17, sizeof junk);
    CHECK_EQ(t_write_file(t_path("ld-junk"), junk, sizeof junk, 0755), 0);
    char ld[512];
    snprintf(ld, sizeof ld, "%s", t_path("ld-junk"));
    CHECK_EQ(make_dynamic("junk", ld, strlen(ld) + 1), 0);
    CHECK_EQ(exec_errno(t_path("junk")), ELIBBAD);
}

TEST(an_unterminated_interpreter_path_is_enoexec) {
    const char *ld = "/lib/ld-linux.so.2";
    CHECK_EQ(make_dynamic("unterminated", ld, strlen(ld)), 0);
    CHECK_EQ(exec_errno(t_path("unterminated")), ENOEXEC);
}

TEST(cleanup_removes_everything) { CHECK_EQ(t_rmtree(t_dir), 0); }

int main(void) {
    if (!t_make_tmpdir("interp"))
        return 1;
    RUN(a_missing_interpreter_is_enoent);
    RUN(an_interpreter_without_execute_bit_is_eacces);
    RUN(an_interpreter_that_is_no_elf_is_elibbad);
    RUN(an_unterminated_interpreter_path_is_enoexec);
    RUN(cleanup_removes_everything);
    return check_summary();
}
