/* The initial process stack (i386 System V ABI, "Process Initialization"):
 *
 *   high  execfn, env and arg strings, "i686", 16 random bytes
 *         (padding to 16)
 *         auxv pairs ... AT_NULL
 *         envp[0..envc-1], NULL
 *         argv[0..argc-1], NULL
 *   esp-> argc                                  (esp 16-byte aligned)
 */
#include "proc/exec_internal.h"
#include "proc/random.h"
#include "mm/mm.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/string.h"

#define PLATFORM "i686"
#define RANDOM_BYTES 16
#define AUXV_MAX 20
#define STACK_ALIGN 16
#define CLOCK_TICKS 100          /* AT_CLKTCK: times() units, as Linux's USER_HZ */
#define CPUID_FEATURES 1

static uint32_t cpu_hwcap(void) {
    uint32_t a = CPUID_FEATURES, b, c, d;
    asm volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
    return d;
}

struct stack_builder {
    char *buf;            /* kernel image of [base, top) */
    uint32_t base, top, strp;
};

/* Places a string below the previous one; returns its user address. */
static uint32_t push_bytes(struct stack_builder *b, const void *s, uint32_t len) {
    b->strp -= len;
    memcpy(b->buf + (b->strp - b->base), s, len);
    return b->strp;
}

static uint32_t *word_at(struct stack_builder *b, uint32_t va) {
    return (uint32_t *)(b->buf + (va - b->base));
}

/* Writes n pointers to the consecutive strings at *str (copied to user address strs) and
 * the terminating NULL; returns the next word. */
static uint32_t *put_vector(uint32_t *w, const char **str, uint32_t strs, const char *buf,
                            uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        *w++ = strs + (uint32_t)(*str - buf);
        *str += strlen(*str) + 1;
    }
    *w++ = 0;
    return w;
}

static void fill_auxv(uint32_t *aux, const struct elf_image *img, uint32_t random, uint32_t platform,
                     uint32_t execfn) {
    const uint32_t pairs[][2] = {
        {AT_PHDR, img->phdr}, {AT_PHENT, sizeof(struct elf32_phdr)}, {AT_PHNUM, img->phnum},
        {AT_PAGESZ, PAGE_SIZE}, {AT_BASE, img->base}, {AT_FLAGS, 0}, {AT_ENTRY, img->entry},
        {AT_UID, 0}, {AT_EUID, 0}, {AT_GID, 0}, {AT_EGID, 0}, {AT_PLATFORM, platform},
        {AT_HWCAP, cpu_hwcap()}, {AT_CLKTCK, CLOCK_TICKS}, {AT_SECURE, 0}, {AT_RANDOM, random},
        {AT_HWCAP2, 0}, {AT_EXECFN, execfn}, {AT_NULL, 0},
    };
    _Static_assert(sizeof pairs / sizeof pairs[0] <= AUXV_MAX, "AUXV_MAX too small");
    memcpy(aux, pairs, sizeof pairs);
}

int exec_build_stack(struct mm *mm, const char *path, const struct exec_args *args,
                     const struct elf_image *img, uint32_t *sp) {
    uint32_t pathlen = strlen(path) + 1;
    uint32_t strings = args->bytes + pathlen + sizeof PLATFORM + RANDOM_BYTES + STACK_ALIGN;
    uint32_t words = 1 + args->argc + 1 + args->envc + 1 + 2 * AUXV_MAX;
    uint32_t need = PAGE_ALIGN_UP(strings + 4 * words + STACK_ALIGN);
    int err = mm_setup_stack(mm, need > USER_STACK_INIT ? need : USER_STACK_INIT);
    if (err)
        return err;
    struct stack_builder b = {kzalloc(need), USER_STACK_TOP - need, USER_STACK_TOP, USER_STACK_TOP};
    if (!b.buf)
        return -ENOMEM;
    uint32_t execfn = push_bytes(&b, path, pathlen);
    uint32_t strs = push_bytes(&b, args->buf, args->bytes);
    uint32_t platform = push_bytes(&b, PLATFORM, sizeof PLATFORM);
    uint8_t rnd[RANDOM_BYTES];
    random_bytes(rnd, sizeof rnd);
    uint32_t random = push_bytes(&b, rnd, sizeof rnd);

    uint32_t auxv_words = 2 * AUXV_MAX;
    uint32_t nwords = 1 + args->argc + 1 + args->envc + 1 + auxv_words;
    uint32_t start = (b.strp - 4 * nwords) & ~(STACK_ALIGN - 1);
    uint32_t *w = word_at(&b, start);
    *w++ = args->argc;
    const char *str = args->buf;
    w = put_vector(w, &str, strs, args->buf, args->argc);
    w = put_vector(w, &str, strs, args->buf, args->envc);
    fill_auxv(w, img, random, platform, execfn);
    err = mm_copy_in(mm, start, b.buf + (start - b.base), USER_STACK_TOP - start);
    kfree(b.buf);
    *sp = start;
    return err;
}
