/* The dynamic glibc leg of the guest tests: hello.c's program (prints, allocates, forks,
 * waits) built WITHOUT -static, so the kernel loads /lib/ld-linux.so.2 (PT_INTERP) beside
 * it and ld.so maps libc.so.6 from the root image's /lib32 with file mmaps. It also
 * checks the auxv the kernel gave ld.so (AT_BASE is the interpreter, AT_ENTRY the
 * program), that the loader is in /proc/self/maps, and that a dynamic program can exec
 * another (itself). Output must be the same natively and on LingOS. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <unistd.h>
#include "hello_common.h"

extern char _start[];

/* Whether a line of /proc/self/maps names the dynamic loader. */
static int loader_mapped(void) {
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int found = 0;
    while (f && fgets(line, sizeof line, f))
        found |= strstr(line, "ld-linux.so.2") != NULL;
    if (f)
        fclose(f);
    return found;
}

/* The base of the ELF object holding addr, as the dynamic loader's list has it. */
static unsigned long object_base(void *addr) {
    Dl_info info;
    return dladdr(addr, &info) ? (unsigned long)info.dli_fbase : 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && !strcmp(argv[1], "exec")) {
        printf("exec'd: dynamic again, loader mapped: %s\n", loader_mapped() ? "yes" : "no");
        return 3;
    }
    printf("hello, dynamic world\n");
    unsigned long base = getauxval(AT_BASE), entry = getauxval(AT_ENTRY);
    const Elf32_Ehdr *eh = (const Elf32_Ehdr *)base;
    printf("AT_BASE is an ELF shared object: %s\n",
           base && !memcmp(eh->e_ident, ELFMAG, SELFMAG) && eh->e_type == ET_DYN ? "yes" : "no");
    printf("AT_ENTRY is the program's _start: %s\n", entry == (unsigned long)_start ? "yes" : "no");
    printf("loader mapped: %s\n", loader_mapped() ? "yes" : "no");
    printf("libc is shared: %s\n", object_base((void *)printf) != object_base((void *)main) ? "yes" : "no");

    if (malloc_check())
        return 1;
    return fork_check(argv[0]);
}
