/* Random-operation test of user/lib/malloc.c (built as lm_* beside glibc's allocator).
 *
 * A reference model keeps, per slot, the block's id, size, alignment and pointer. Each run
 * does hundreds of thousands of random malloc / calloc / realloc / memalign / free calls
 * with a size mix from tiny to beyond the mmap threshold. Every block is filled with a
 * pattern derived from its id; the pattern is verified before each free and realloc (the
 * kept prefix), so overlapping blocks or a corrupted heap show up as a mismatch. At the end
 * everything is freed and the allocator must hold no in-use bytes, no mappings, and after
 * malloc_trim no more heap than at the start. */
#include "user/lib/malloc.h"
#include "check.h"

#include <stdint.h>

#define SLOTS 4096
#define OPS_PER_RUN 250000
#define DENSE_CHECK 4096  /* blocks up to this size are verified byte by byte, */
#define SPARSE_STRIDE 61  /* larger ones every 61st byte plus both ends */
#define EDGE 64
#define PAGE 4096

struct slot {
    unsigned char *p;
    size_t size;
    size_t align;
    uint32_t id;
};

static struct slot slots[SLOTS];
static uint64_t rng_state;
static uint32_t next_id;
static long mismatches;

static uint32_t rnd(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 16);
}

static inline unsigned char pattern(uint32_t id, size_t i) {
    return (unsigned char)((id * 2654435761u) >> 24 ^ (i * 131));
}

/* Writes (or, with verify set, checks) the pattern of block id over p[from, to). */
static void pattern_range(unsigned char *p, size_t from, size_t to, uint32_t id, int verify) {
    for (size_t i = from; i < to; i++) {
        if (!verify)
            p[i] = pattern(id, i);
        else if (p[i] != pattern(id, i))
            mismatches++;
    }
}

/* Writes the whole block, or verifies it: every byte of a small block, a sample of a big
 * one (any sample works, since every byte was written). */
static void pattern_block(unsigned char *p, size_t n, uint32_t id, int verify) {
    if (!verify || n <= DENSE_CHECK) {
        pattern_range(p, 0, n, id, verify);
        return;
    }
    pattern_range(p, 0, EDGE, id, verify);
    for (size_t i = EDGE; i < n - EDGE; i += SPARSE_STRIDE)
        pattern_range(p, i, i + 1, id, verify);
    pattern_range(p, n - EDGE, n, id, verify);
}

/* A size from a mix that favours small blocks but reaches past the mmap threshold. */
static size_t random_size(void) {
    uint32_t r = rnd() % 1000;
    if (r < 600)
        return rnd() % 128;
    if (r < 900)
        return rnd() % 1024;
    if (r < 985)
        return rnd() % 16384;
    if (r < 998)
        return rnd() % (256 * 1024);
    return rnd() % (2 * 1024 * 1024);
}

static void slot_fill(struct slot *s, unsigned char *p, size_t n, size_t align) {
    s->p = p;
    s->size = n;
    s->align = align;
    s->id = ++next_id;
    pattern_block(p, n, s->id, 0);
}

static void slot_free(struct slot *s) {
    if (!s->p)
        return;
    pattern_block(s->p, s->size, s->id, 1);
    free(s->p);
    s->p = NULL;
}

static void op_malloc(struct slot *s) {
    size_t n = random_size();
    unsigned char *p = malloc(n);
    CHECK(p != NULL && ((uintptr_t)p & 15) == 0);
    CHECK(malloc_usable_size(p) >= n);
    slot_fill(s, p, n, 16);
}

static void op_calloc(struct slot *s) {
    size_t n = random_size(), count = 1 + rnd() % 4;
    unsigned char *p = calloc(count, n / count);
    size_t total = count * (n / count);
    CHECK(p != NULL);
    for (size_t i = 0; i < total; i += (total > DENSE_CHECK ? SPARSE_STRIDE : 1))
        if (p[i])
            mismatches++;
    slot_fill(s, p, total, 16);
}

static void op_memalign(struct slot *s) {
    size_t align = (size_t)32 << (rnd() % 9); /* 32 B .. 8 KiB */
    size_t n = random_size();
    unsigned char *p = memalign(align, n);
    CHECK(p != NULL && ((uintptr_t)p & (align - 1)) == 0);
    slot_fill(s, p, n, align);
}

/* Resizes the block, checks the kept prefix, then re-patterns it under a new id. */
static void op_realloc(struct slot *s) {
    size_t n = random_size();
    if (s->p)
        pattern_block(s->p, s->size, s->id, 1);
    unsigned char *p = realloc(s->p, n ? n : 1);
    CHECK(p != NULL && ((uintptr_t)p & 15) == 0);
    size_t kept = s->size < n ? s->size : n;
    if (s->p && kept)
        pattern_block(p, kept, s->id, 1);
    slot_fill(s, p, n, 16);
}

static void fuzz_run(uint64_t seed) {
    rng_state = seed;
    mismatches = 0;
    struct lingos_malloc_stats before;
    malloc_trim(0);
    lingos_malloc_stats(&before);
    for (int op = 0; op < OPS_PER_RUN; op++) {
        struct slot *s = &slots[rnd() % SLOTS];
        uint32_t kind = rnd() % 100;
        if (kind < 40)
            slot_free(s);
        else if (kind < 60)
            op_realloc(s);
        else {
            slot_free(s);
            if (kind < 90)
                op_malloc(s);
            else if (kind < 96)
                op_calloc(s);
            else
                op_memalign(s);
        }
        if (op % 50000 == 0)
            malloc_trim(rnd() % 65536);
    }
    for (int i = 0; i < SLOTS; i++)
        slot_free(&slots[i]);
    CHECK_EQ(mismatches, 0);
    struct lingos_malloc_stats after;
    malloc_trim(0);
    lingos_malloc_stats(&after);
    CHECK_EQ(after.in_use, 0);
    CHECK_EQ(after.mmap_count, 0);
    CHECK_EQ(after.mmap_bytes, 0);
    CHECK(after.heap_bytes <= before.heap_bytes + PAGE);
}

TEST(fuzz_seed_1) { fuzz_run(0x9E3779B97F4A7C15ull); }
TEST(fuzz_seed_2) { fuzz_run(0xD1B54A32D192ED03ull); }
TEST(fuzz_seed_3) { fuzz_run(0x2545F4914F6CDD1Dull); }
TEST(fuzz_seed_4) { fuzz_run(12345); }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0); /* keeps glibc's malloc, and its brk, out of the way */
    RUN(fuzz_seed_1);
    RUN(fuzz_seed_2);
    RUN(fuzz_seed_3);
    RUN(fuzz_seed_4);
    return check_summary();
}
