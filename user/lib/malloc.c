/* user/lib/malloc.c: the user-space allocator (issue 7).
 *
 * Why not the textbook's (part 14, section 5): its malloc calls brk once per request, never
 * frees anything (its free() is an empty stub, so freed memory is never reused and a loop of
 * malloc/free grows the heap forever), hands out unaligned blocks (heap_end + size), and its
 * mmap path returns MAP_FAILED as if it were memory. This one reuses, coalesces, aligns,
 * gives memory back and reports failure.
 *
 * Design
 *  - Memory is cut into chunks that carry boundary tags. A chunk's header is two words:
 *    prev_foot (the previous chunk's size, meaningful only while that chunk is free) and
 *    head (this chunk's size, a multiple of 16, with flag bits in the low four). User memory
 *    starts right after head, 16-byte aligned; an in-use chunk may also use the next
 *    chunk's prev_foot, so the cost of a block is one word. Free chunks keep their size in
 *    their last word (the next chunk's prev_foot), so freeing can merge with both neighbours.
 *  - Small requests (below the mmap threshold, initially 128 KiB) come from heap segments:
 *    normally the brk heap, or an mmapped segment when brk cannot grow (another mapping is
 *    in the way, or someone else moved the break). The last chunk of the current segment is
 *    the "top": everything not yet handed out. Older segments end in a fence chunk.
 *  - Free chunks sit in size-classed bins: exact bins every 16 bytes below 1 KiB, then four
 *    bins per power of two. A bitmap of non-empty bins finds the smallest fitting class in
 *    a few instructions, so small allocation is O(1); a chunk larger than needed is split.
 *  - Freed chunks under 1 KiB first go to a short per-class "quick list" (deferred
 *    coalescing, like dlmalloc's fastbins): still marked in use, reused LIFO for the next
 *    request of that class. The lists are capped (32 chunks per class below 256 bytes, 4
 *    above: the peak memory of bench/malloc's churn then matches glibc's), and flushed
 *    through normal coalescing before the heap would grow and by malloc_trim.
 *  - When the top exceeds the trim threshold (128 KiB) it is given back with brk (or munmap
 *    for an mmapped segment), keeping half the threshold (64 KiB; more once the thresholds
 *    have risen, so a program cycling big buffers does not fault them in every time).
 *  - Large requests get their own mapping, released by munmap on free; realloc of one uses
 *    mremap. As in glibc, freeing a mapped block raises the mmap threshold to its size (up
 *    to MMAP_THRESHOLD_MAX) and the trim threshold to twice that, so programs that cycle
 *    through big buffers stop paying a page fault per page per cycle.
 *  - Misuse is caught where it costs nothing extra: free/realloc of a pointer that is
 *    misaligned, outside every heap segment without a mapping header, whose chunk is not
 *    marked in use (double free) or is already in a quick list, or whose boundary tags
 *    disagree, prints "malloc: ..." with write(2) and aborts.
 *
 * Builds: LingOS user library (freestanding i386, the OS supplies `int errno`), host static
 * library and LD_PRELOAD shared library (HOST_BUILD); MALLOC_PREFIX_LM renames the API to
 * lm_* for unit tests. Kernel services come from malloc_sys.h. */
#include "malloc.h"
#include "malloc_sys.h"

#ifdef HOST_BUILD
#include <errno.h>
#else
extern int errno; /* defined by the LingOS user library */
#include "abi/errno.h"
#endif

typedef struct chunk {
    size_t prev_foot;   /* size of the previous chunk while it is free; pad for mappings */
    size_t head;        /* this chunk's size | FLAG_* */
    struct chunk *next; /* free chunks: bin or quick-list links */
    struct chunk *prev;
} chunk_t;

#define WORD sizeof(size_t)
#define ALIGNMENT 16
#define ALIGN_MASK (ALIGNMENT - 1)
#define ALIGN_SHIFT 4
#define CHUNK_HDR (2 * WORD)      /* from chunk start to user memory */
#define CHUNK_OVERHEAD WORD       /* an in-use chunk costs only its head */
#define MIN_CHUNK ((sizeof(chunk_t) + ALIGN_MASK) & ~(size_t)ALIGN_MASK)
#define FENCE_SIZE ALIGNMENT      /* the in-use stub that ends a retired segment */

#define FLAG_PREV_INUSE 1
#define FLAG_INUSE 2
#define FLAG_MMAPPED 4
#define FLAG_QUICK 8
#define FLAG_MASK ((size_t)ALIGN_MASK)

#define PAGE_SIZE 4096
#define PAGE_MASK ((size_t)PAGE_SIZE - 1)
#define KIB 1024
#define MIB (1024 * KIB)

#define SMALL_LIMIT_LOG 10
#define SMALL_LIMIT (1 << SMALL_LIMIT_LOG) /* chunk sizes below this have exact bins */
#define NSMALL (SMALL_LIMIT >> ALIGN_SHIFT)
#define LARGE_SPLIT_LOG 2                  /* 4 bins per power of two above that */
#define LARGE_SPLIT (1 << LARGE_SPLIT_LOG)
#define NBINS 160
#define BINMAP_WORDS (NBINS / 32)
#define BEST_FIT_SCAN 16                   /* candidates looked at after a first fit */

#define QUICK_LIMIT SMALL_LIMIT            /* chunk sizes below this are cached on free */
#define QUICK_TIER 256                     /* classes below this size may cache ... */
#define QUICK_CAP_SMALL 32                 /* ... this many chunks each, */
#define QUICK_CAP_LARGE 4                  /* bigger classes this many */

#define MMAP_THRESHOLD_INIT (128 * KIB)
#define MMAP_THRESHOLD_MAX (sizeof(void *) == 8 ? 32 * MIB : 1 * MIB)
#define TRIM_THRESHOLD_INIT (128 * KIB)
#define TOP_PAD (64 * KIB)                 /* asked for beyond each growth, kept by trims */
#define SEGMENT_MIN (1 * MIB)              /* an mmapped heap segment is at least this */
#define MAX_REQUEST (((size_t)-1 >> 1) - 4 * PAGE_SIZE)
#define MAX_ALIGN ((size_t)1 << (sizeof(size_t) * 8 - 3))

static struct {
    chunk_t *bins[NBINS];
    uint32_t binmap[BINMAP_WORDS];
    chunk_t *quick[NSMALL];
    unsigned char quick_len[NSMALL];
    size_t quick_count;
    chunk_t *top;           /* NULL until the first heap growth */
    char *seg_end;          /* end of the top's segment (the break, for a brk segment) */
    int seg_is_brk;
    char *clean_from;       /* memory of the top segment from here on is untouched zeroes */
    chunk_t *last_top_chunk; /* the chunk the last top split handed out ... */
    char *last_top_clean;   /* ... and where its zeroed part began */
    char *heap_lo, *heap_hi; /* bounds of every heap segment so far */
    size_t mmap_threshold, trim_threshold;
    struct lingos_malloc_stats st;
} M = {.mmap_threshold = MMAP_THRESHOLD_INIT, .trim_threshold = TRIM_THRESHOLD_INIT};

/* ---------------------------------------------------------------- small helpers */

static inline size_t csize(const chunk_t *c) { return c->head & ~FLAG_MASK; }
static inline chunk_t *chunk_at(void *base, size_t off) {
    return (chunk_t *)((char *)base + off);
}
static inline chunk_t *next_chunk(chunk_t *c) { return chunk_at(c, csize(c)); }
static inline void *chunk_mem(chunk_t *c) { return (char *)c + CHUNK_HDR; }
static inline chunk_t *mem_chunk(void *p) { return (chunk_t *)((char *)p - CHUNK_HDR); }
static inline size_t page_up(size_t n) { return (n + PAGE_MASK) & ~PAGE_MASK; }
static inline char *page_up_ptr(char *p) { return (char *)page_up((size_t)p); }
static inline size_t max_size(size_t a, size_t b) { return a > b ? a : b; }
static inline size_t min_size(size_t a, size_t b) { return a < b ? a : b; }

/* The chunk size that serves a request of n bytes (n <= MAX_REQUEST). */
static inline size_t request_chunk(size_t n) {
    size_t s = (n + CHUNK_OVERHEAD + ALIGN_MASK) & ~(size_t)ALIGN_MASK;
    return s < MIN_CHUNK ? MIN_CHUNK : s;
}

/* The first chunk address at or after p whose user memory is 16-byte aligned. */
static inline chunk_t *first_chunk_at(char *p) {
    size_t mem = ((size_t)p + CHUNK_HDR + ALIGN_MASK) & ~(size_t)ALIGN_MASK;
    return (chunk_t *)(mem - CHUNK_HDR);
}

#ifdef HOST_BUILD
static inline void mem_copy(void *d, const void *s, size_t n) { __builtin_memcpy(d, s, n); }
static inline void mem_zero(void *d, size_t n) { __builtin_memset(d, 0, n); }
#else
/* No C library on LingOS: string instructions, which gcc cannot turn back into calls. */
static inline void mem_copy(void *d, const void *s, size_t n) {
    __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
}
static inline void mem_zero(void *d, size_t n) {
    __asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(0) : "memory");
}
#endif

/* Writes the NUL-terminated string s to fd (no C library: our own strlen). */
static void write_str(int fd, const char *s) {
    size_t n = 0;
    while (s[n])
        n++;
    sys_write(fd, s, n);
}

/* Writes v to fd in decimal (or hex with "0x" when hex is set). */
static void write_num(int fd, size_t v, int hex) {
    char buf[2 + 2 * sizeof(size_t) * 3];
    char *p = buf + sizeof buf;
    unsigned base = hex ? 16 : 10;
    do {
        *--p = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    if (hex) {
        *--p = 'x';
        *--p = '0';
    }
    sys_write(fd, p, (size_t)(buf + sizeof buf - p));
}

/* Reports misuse or corruption detected at pointer p, then aborts the process. */
__attribute__((noreturn, cold)) static void malloc_die(const char *what, const void *p) {
    write_str(2, "malloc: ");
    write_str(2, what);
    write_str(2, ": ");
    write_num(2, (size_t)p, 1);
    write_str(2, "\n");
    sys_abort();
}

/* ---------------------------------------------------------------- bins */

/* The bin of a free chunk of size s: exact below SMALL_LIMIT, then LARGE_SPLIT per power
 * of two, the last bin taking everything larger. Bins are ordered by size. */
static inline unsigned bin_index(size_t s) {
    if (s < SMALL_LIMIT)
        return (unsigned)(s >> ALIGN_SHIFT);
    unsigned lg = (unsigned)(sizeof(unsigned long) * 8 - 1) -
                  (unsigned)__builtin_clzl((unsigned long)s);
    unsigned sub = (unsigned)(s >> (lg - LARGE_SPLIT_LOG)) & (LARGE_SPLIT - 1);
    unsigned i = NSMALL + ((lg - SMALL_LIMIT_LOG) << LARGE_SPLIT_LOG) + sub;
    return i < NBINS ? i : NBINS - 1;
}

/* Puts free chunk c (head and footer already set) at the front of its bin. */
static void bin_insert(chunk_t *c) {
    unsigned i = bin_index(csize(c));
    c->prev = NULL;
    c->next = M.bins[i];
    if (c->next)
        c->next->prev = c;
    M.bins[i] = c;
    M.binmap[i >> 5] |= 1u << (i & 31);
}

/* Takes free chunk c out of its bin; aborts if the links around it are inconsistent. */
static void bin_remove(chunk_t *c) {
    unsigned i = bin_index(csize(c));
    if ((c->next && c->next->prev != c) || (c->prev ? c->prev->next != c : M.bins[i] != c))
        malloc_die("corrupted free list", chunk_mem(c));
    if (c->prev)
        c->prev->next = c->next;
    else
        M.bins[i] = c->next;
    if (c->next)
        c->next->prev = c->prev;
    if (!M.bins[i])
        M.binmap[i >> 5] &= ~(1u << (i & 31));
}

/* The first non-empty bin with index >= i, or -1. */
static int bin_next_nonempty(unsigned i) {
    if (i >= NBINS)
        return -1;
    unsigned w = i >> 5;
    uint32_t bits = M.binmap[w] & (~0u << (i & 31));
    while (!bits) {
        if (++w == BINMAP_WORDS)
            return -1;
        bits = M.binmap[w];
    }
    return (int)(w * 32 + (unsigned)__builtin_ctz(bits));
}

/* Best fit for size s among the chunks of large bin i (they vary in size), or NULL. */
static chunk_t *bin_best_fit(unsigned i, size_t s) {
    chunk_t *best = NULL;
    int after_fit = 0;
    for (chunk_t *c = M.bins[i]; c && after_fit < BEST_FIT_SCAN; c = c->next) {
        size_t cs = csize(c);
        if (cs == s)
            return c;
        if (cs > s && (!best || cs < csize(best)))
            best = c;
        after_fit += best != NULL;
    }
    return best;
}

/* ---------------------------------------------------------------- chunk states */

/* Marks free, unlinked chunk c in use with size s, returning any tail of at least
 * MIN_CHUNK to the bins. */
static void chunk_use(chunk_t *c, size_t s) {
    size_t have = csize(c);
    if (have - s >= MIN_CHUNK) {
        chunk_t *rest = chunk_at(c, s);
        rest->head = (have - s) | FLAG_PREV_INUSE;
        chunk_at(rest, have - s)->prev_foot = have - s;
        bin_insert(rest);
        c->head = s | FLAG_INUSE | FLAG_PREV_INUSE;
    } else {
        c->head |= FLAG_INUSE;
        next_chunk(c)->head |= FLAG_PREV_INUSE;
    }
    M.st.in_use += csize(c);
}

static void heap_trim(size_t keep);
static chunk_t *bins_take(size_t s);

/* Frees heap chunk c for real: merges it with free neighbours (or into the top) and bins
 * the result. c must be in use and not in a quick list. */
static void chunk_release(chunk_t *c) {
    size_t s = csize(c);
    c->head = s | (c->head & FLAG_PREV_INUSE); /* stale headers inside merges read "free" */
    if (!(c->head & FLAG_PREV_INUSE)) {
        chunk_t *p = (chunk_t *)((char *)c - c->prev_foot);
        if (csize(p) != c->prev_foot || (p->head & FLAG_INUSE))
            malloc_die("corrupted boundary tag", chunk_mem(c));
        bin_remove(p);
        s += csize(p);
        c = p;
    }
    chunk_t *n = chunk_at(c, s);
    if (!(n->head & FLAG_PREV_INUSE))
        malloc_die("free of an invalid pointer or corrupted heap", chunk_mem(c));
    if (n == M.top) {
        M.top = c;
        c->head = (s + csize(n)) | FLAG_PREV_INUSE;
        if (csize(c) > M.trim_threshold)
            heap_trim(max_size(TOP_PAD, M.trim_threshold / 2));
        return;
    }
    if (!(n->head & FLAG_INUSE)) {
        bin_remove(n);
        s += csize(n);
    } else {
        n->head &= ~(size_t)FLAG_PREV_INUSE;
    }
    c->head = s | FLAG_PREV_INUSE;
    chunk_at(c, s)->prev_foot = s;
    bin_insert(c);
}

/* Moves every quick-listed chunk through chunk_release, so they coalesce. */
static void quick_flush(void) {
    for (unsigned i = 0; i < NSMALL && M.quick_count; i++) {
        while (M.quick[i]) {
            chunk_t *c = M.quick[i];
            M.quick[i] = c->next;
            c->head &= ~(size_t)FLAG_QUICK;
            chunk_release(c);
            M.quick_count--;
        }
        M.quick_len[i] = 0;
    }
}

/* Frees in-use heap chunk c: onto its quick list if there is room, else for real. */
static void heap_free(chunk_t *c) {
    size_t s = csize(c);
    M.st.in_use -= s;
    if (s < QUICK_LIMIT) {
        unsigned i = (unsigned)(s >> ALIGN_SHIFT);
        if (M.quick_len[i] < (s < QUICK_TIER ? QUICK_CAP_SMALL : QUICK_CAP_LARGE)) {
            c->head |= FLAG_QUICK;
            c->next = M.quick[i];
            M.quick[i] = c;
            M.quick_len[i]++;
            M.quick_count++;
            return;
        }
    }
    chunk_release(c);
}

/* ---------------------------------------------------------------- heap segments */

/* Sets the top to end at `end` (its size rounded down to a multiple of 16). */
static void top_set_end(char *end) {
    M.seg_end = end;
    if (end > M.heap_hi)
        M.heap_hi = end;
    M.top->head = ((size_t)(end - (char *)M.top) & ~FLAG_MASK) | FLAG_PREV_INUSE;
}

static void heap_account(size_t gained) {
    M.st.heap_bytes += gained;
    M.st.heap_peak = max_size(M.st.heap_peak, M.st.heap_bytes);
}

/* Grows the top's segment in place by len bytes; 1 on success, 0 (nothing taken) if the
 * memory right after it is not ours to have. */
static int heap_extend(size_t len) {
    if (!M.top)
        return 0;
    if (M.seg_is_brk) {
        char *cur = sys_brk(NULL);
        if (cur != M.seg_end || sys_brk(cur + len) != cur + len)
            return 0;
    } else {
        char *p = sys_mmap(M.seg_end, len);
        if (p != M.seg_end) {
            if (p)
                sys_munmap(p, len);
            return 0;
        }
    }
    heap_account(len);
    top_set_end(M.seg_end + len);
    return 1;
}

/* Ends the top's segment: a fence chunk at its end, the rest of the top into the bins. */
static void top_retire(void) {
    chunk_t *t = M.top;
    size_t ts = csize(t);
    if (ts < MIN_CHUNK + FENCE_SIZE) {
        t->head = ts | FLAG_INUSE | FLAG_PREV_INUSE; /* too small to keep: all fence */
        return;
    }
    chunk_t *fence = chunk_at(t, ts - FENCE_SIZE);
    fence->head = FENCE_SIZE | FLAG_INUSE;
    fence->prev_foot = ts - FENCE_SIZE;
    t->head = (ts - FENCE_SIZE) | FLAG_PREV_INUSE;
    bin_insert(t);
}

/* Starts a new segment [base, base+len) whose whole space becomes the top. */
static void segment_start(char *base, size_t len, int is_brk) {
    if (M.top)
        top_retire();
    M.top = first_chunk_at(base);
    M.seg_is_brk = is_brk;
    M.clean_from = base;
    top_set_end(base + len);
    if (!M.heap_lo || base < M.heap_lo)
        M.heap_lo = base;
    M.st.segments++;
    heap_account(len);
}

/* Makes the top at least `need` bytes: in place if possible, else in a new segment from
 * brk, else from mmap. Returns 0 if the kernel refuses. */
static int heap_grow(size_t need) {
    size_t have = M.top ? csize(M.top) : 0;
    if (heap_extend(page_up(need - have + TOP_PAD)))
        return 1;
    size_t len = page_up(need + TOP_PAD + FENCE_SIZE + ALIGNMENT);
    char *cur = sys_brk(NULL);
    if (sys_brk(cur + len) == cur + len) {
        segment_start(cur, len, 1);
        return 1;
    }
    len = max_size(len, SEGMENT_MIN);
    char *p = sys_mmap(NULL, len);
    if (!p)
        return 0;
    segment_start(p, len, 0);
    return 1;
}

/* Gives the top back to the kernel down to `keep` spare bytes, if a page or more would
 * go. A brk segment is only shrunk while the break is still where we left it. */
static void heap_trim(size_t keep) {
    if (!M.top)
        return;
    char *target = page_up_ptr((char *)M.top + MIN_CHUNK + keep);
    if (target >= M.seg_end || (size_t)(M.seg_end - target) < PAGE_SIZE)
        return;
    if (M.seg_is_brk) {
        if (sys_brk(NULL) != M.seg_end || sys_brk(target) != target)
            return;
    } else if (sys_munmap(target, (size_t)(M.seg_end - target)) != 0) {
        return;
    }
    M.st.heap_bytes -= (size_t)(M.seg_end - target);
    if (M.clean_from > target)
        M.clean_from = target;
    top_set_end(target);
}

/* Splits s bytes off the top, growing the heap if needed (flushing the quick lists first,
 * since coalescing them may make growth unnecessary). NULL if out of memory. */
static chunk_t *top_take(size_t s) {
    if (!M.top || csize(M.top) < s + MIN_CHUNK) {
        if (M.quick_count) {
            quick_flush();
            chunk_t *c = bins_take(s);
            if (c)
                return c;
        }
        if ((!M.top || csize(M.top) < s + MIN_CHUNK) && !heap_grow(s + MIN_CHUNK))
            return NULL;
    }
    chunk_t *c = M.top;
    size_t ts = csize(c);
    M.top = chunk_at(c, s);
    M.top->head = (ts - s) | FLAG_PREV_INUSE;
    c->head = s | FLAG_INUSE | FLAG_PREV_INUSE;
    M.last_top_chunk = c;
    M.last_top_clean = M.clean_from;
    char *dirty_end = (char *)M.top + CHUNK_HDR;
    if (M.clean_from < dirty_end)
        M.clean_from = dirty_end;
    M.st.in_use += s;
    return c;
}

/* ---------------------------------------------------------------- allocation */

/* A free chunk of at least s bytes from the bins, split and marked in use, or NULL. */
static chunk_t *bins_take(size_t s) {
    unsigned i = bin_index(s);
    chunk_t *c = NULL;
    if (i >= NSMALL)
        c = bin_best_fit(i, s);
    else if (M.bins[i])
        c = M.bins[i];
    if (!c) {
        int j = bin_next_nonempty(i + 1);
        if (j < 0)
            return NULL;
        c = M.bins[j];
    }
    bin_remove(c);
    chunk_use(c, s);
    return c;
}

/* A heap chunk of size s (a request_chunk value): quick list, bins, then top. */
static chunk_t *heap_alloc(size_t s) {
    if (s < QUICK_LIMIT) {
        unsigned i = (unsigned)(s >> ALIGN_SHIFT);
        chunk_t *c = M.quick[i];
        if (c) {
            M.quick[i] = c->next;
            M.quick_len[i]--;
            M.quick_count--;
            c->head &= ~(size_t)FLAG_QUICK;
            M.st.in_use += s;
            return c;
        }
    }
    chunk_t *c = bins_take(s);
    return c ? c : top_take(s);
}

/* A fresh mapping holding n bytes at an `align`-aligned address (a power of two >= 16);
 * pages before and after the block are unmapped again. NULL if mmap fails. */
static void *mmap_alloc(size_t n, size_t align) {
    size_t len = page_up(n + CHUNK_HDR + align);
    char *base = sys_mmap(NULL, len);
    if (!base)
        return NULL;
    char *mem = (char *)(((size_t)base + CHUNK_HDR + align - 1) & ~(align - 1));
    chunk_t *c = mem_chunk(mem);
    char *start = (char *)((size_t)c & ~PAGE_MASK);
    char *end = page_up_ptr(mem + n);
    if (start > base)
        sys_munmap(base, (size_t)(start - base));
    if (end < base + len)
        sys_munmap(end, (size_t)(base + len - end));
    c->prev_foot = (size_t)((char *)c - start);
    c->head = ((size_t)(end - (char *)c) & ~FLAG_MASK) | FLAG_MMAPPED | FLAG_INUSE;
    M.st.mmap_bytes += (size_t)(end - start);
    M.st.mmap_peak = max_size(M.st.mmap_peak, M.st.mmap_bytes);
    M.st.mmap_count++;
    return mem;
}

/* The length of the mapping behind mapped chunk c (its pad and size, whole pages). */
static inline size_t mapping_len(chunk_t *c) { return page_up(c->prev_foot + csize(c)); }

/* Unmaps mapped chunk c and, like glibc, raises the mmap threshold to its size. */
static void mmap_free(chunk_t *c) {
    size_t len = mapping_len(c);
    size_t s = csize(c);
    if (sys_munmap((char *)c - c->prev_foot, len) != 0)
        malloc_die("free of an invalid pointer", chunk_mem(c));
    M.st.mmap_bytes -= len;
    M.st.mmap_count--;
    if (s >= M.mmap_threshold && s < MMAP_THRESHOLD_MAX) {
        M.mmap_threshold = s + ALIGNMENT;
        M.trim_threshold = 2 * M.mmap_threshold;
    }
}

/* malloc's body, under the lock: NULL on failure (errno is the caller's job). */
static void *do_malloc(size_t n) {
    if (n > MAX_REQUEST)
        return NULL;
    size_t s = request_chunk(n);
    if (s >= M.mmap_threshold) {
        void *p = mmap_alloc(n, ALIGNMENT);
        if (p)
            return p;
    }
    chunk_t *c = heap_alloc(s);
    return c ? chunk_mem(c) : NULL;
}

/* The chunk behind user pointer p, after the cheap misuse checks (see the top comment). */
static chunk_t *checked_chunk(void *p) {
    chunk_t *c = mem_chunk(p);
    if ((size_t)p & ALIGN_MASK)
        malloc_die("free of an invalid pointer", p);
    if (c->head & FLAG_MMAPPED) {
        if (((size_t)c - c->prev_foot) & PAGE_MASK || c->prev_foot >= PAGE_SIZE)
            malloc_die("free of an invalid pointer", p);
        return c;
    }
    if ((char *)c < M.heap_lo || (char *)p >= M.heap_hi)
        malloc_die("free of an invalid pointer", p);
    if ((c->head & (FLAG_INUSE | FLAG_QUICK)) != FLAG_INUSE)
        malloc_die("double free", p);
    if (csize(c) < MIN_CHUNK || (char *)c + csize(c) + CHUNK_HDR > M.heap_hi)
        malloc_die("free of an invalid pointer or corrupted heap", p);
    return c; /* the next chunk's tag is checked when it is read (chunk_release) */
}

static void do_free(void *p) {
    chunk_t *c = checked_chunk(p);
    if (c->head & FLAG_MMAPPED)
        mmap_free(c);
    else
        heap_free(c);
}

/* How many bytes the block behind in-use chunk c may hold. */
static inline size_t chunk_usable(chunk_t *c) {
    return (c->head & FLAG_MMAPPED) ? csize(c) - CHUNK_HDR : csize(c) - CHUNK_OVERHEAD;
}

/* ---------------------------------------------------------------- realloc */

/* Cuts in-use heap chunk c down to s bytes, releasing a tail of at least MIN_CHUNK. */
static void heap_shrink(chunk_t *c, size_t s) {
    size_t have = csize(c);
    if (have - s < MIN_CHUNK)
        return;
    chunk_t *rest = chunk_at(c, s);
    c->head = s | (c->head & FLAG_MASK);
    rest->head = (have - s) | FLAG_INUSE | FLAG_PREV_INUSE;
    M.st.in_use -= have - s;
    chunk_release(rest);
}

/* Grows in-use chunk c, which lies just below the top, to s bytes by moving the top up
 * (extending the segment in place if the top is too small). 0 if that is impossible. */
static int heap_grow_into_top(chunk_t *c, size_t s) {
    size_t have = csize(c);
    size_t need = s - have + MIN_CHUNK;
    if (csize(M.top) < need && !heap_extend(page_up(need - csize(M.top) + TOP_PAD)))
        return 0;
    size_t total = have + csize(M.top);
    c->head = s | (c->head & FLAG_MASK);
    M.top = chunk_at(c, s);
    M.top->head = (total - s) | FLAG_PREV_INUSE;
    char *dirty_end = (char *)M.top + CHUNK_HDR;
    if (M.clean_from < dirty_end)
        M.clean_from = dirty_end;
    M.st.in_use += s - have;
    return 1;
}

/* Resizes in-use heap chunk c to s bytes without moving it: shrink, absorb a free next
 * chunk, or grow into the top. 1 on success, 0 if it would have to move. */
static int heap_resize(chunk_t *c, size_t s) {
    size_t have = csize(c);
    if (s <= have) {
        heap_shrink(c, s);
        return 1;
    }
    chunk_t *n = next_chunk(c);
    if (n == M.top)
        return heap_grow_into_top(c, s);
    if ((n->head & FLAG_INUSE) || have + csize(n) < s)
        return 0;
    bin_remove(n);
    c->head += csize(n);
    next_chunk(c)->head |= FLAG_PREV_INUSE;
    M.st.in_use += csize(n);
    heap_shrink(c, s);
    return 1;
}

/* Resizes mapped chunk c to hold n bytes: mremap, or unmapping its tail, else NULL. */
static void *mmap_resize(chunk_t *c, size_t n) {
    size_t pad = c->prev_foot, old_len = mapping_len(c);
    size_t new_len = page_up(pad + CHUNK_HDR + n);
    char *base = (char *)c - pad;
    if (new_len == old_len)
        return chunk_mem(c);
    char *nb = sys_mremap(base, old_len, new_len);
    if (!nb && new_len < old_len && sys_munmap(base + new_len, old_len - new_len) == 0)
        nb = base;
    if (!nb)
        return NULL;
    c = chunk_at(nb, pad);
    c->head = ((new_len - pad) & ~FLAG_MASK) | FLAG_MMAPPED | FLAG_INUSE;
    M.st.mmap_bytes = M.st.mmap_bytes - old_len + new_len;
    M.st.mmap_peak = max_size(M.st.mmap_peak, M.st.mmap_bytes);
    return chunk_mem(c);
}

/* realloc's body for p != NULL, n != 0, under the lock. */
static void *do_realloc(void *p, size_t n) {
    if (n > MAX_REQUEST)
        return NULL;
    chunk_t *c = checked_chunk(p);
    size_t s = request_chunk(n);
    if (c->head & FLAG_MMAPPED) {
        void *q = mmap_resize(c, n);
        if (q)
            return q;
    } else if (heap_resize(c, s)) {
        return p;
    }
    void *q = do_malloc(n);
    if (!q)
        return NULL;
    mem_copy(q, p, min_size(chunk_usable(c), n));
    do_free(p);
    return q;
}

/* ---------------------------------------------------------------- aligned allocation */

/* n bytes from the heap at an `align`-aligned address (align a power of two > 16): a
 * chunk big enough to hold an aligned block plus a free leader, with leader and tail
 * given back. */
static void *heap_memalign(size_t align, size_t n) {
    size_t s = request_chunk(n);
    chunk_t *c = heap_alloc(s + align + MIN_CHUNK);
    if (!c)
        return NULL;
    char *p = chunk_mem(c);
    if ((size_t)p & (align - 1)) {
        char *q = (char *)(((size_t)p + MIN_CHUNK + align - 1) & ~(align - 1));
        size_t lead = (size_t)(q - p), total = csize(c);
        chunk_t *aligned = mem_chunk(q);
        aligned->head = (total - lead) | FLAG_INUSE | FLAG_PREV_INUSE;
        c->head = lead | (c->head & FLAG_PREV_INUSE) | FLAG_INUSE;
        M.st.in_use -= lead;
        chunk_release(c);
        c = aligned;
    }
    heap_shrink(c, s);
    return chunk_mem(c);
}

/* memalign's body, under the lock: align is a power of two. NULL on failure. */
static void *do_memalign(size_t align, size_t n) {
    if (align <= ALIGNMENT)
        return do_malloc(n);
    if (align > MAX_ALIGN || n > MAX_REQUEST - align)
        return NULL;
    if (request_chunk(n) + align >= M.mmap_threshold) {
        void *p = mmap_alloc(n, align);
        if (p)
            return p;
    }
    return heap_memalign(align, n);
}

static inline int is_power_of_two(size_t x) { return x && !(x & (x - 1)); }

/* ---------------------------------------------------------------- the API */

/* malloc: a block of at least size bytes, 16-byte aligned (malloc(0) returns a unique
 * minimum block). NULL with errno = ENOMEM when memory is exhausted. */
void *malloc(size_t size) {
    int tok = sys_lock();
    void *p = do_malloc(size);
    sys_unlock(tok);
    if (!p)
        errno = ENOMEM;
    return p;
}

/* free: returns a block from malloc & co. to the allocator; NULL is ignored. errno is
 * left unchanged. Aborts on a pointer that was never handed out or is already free
 * (where the headers show it). */
void free(void *ptr) {
    if (!ptr)
        return;
    int saved = errno;
    int tok = sys_lock();
    do_free(ptr);
    sys_unlock(tok);
    errno = saved;
}

/* calloc: count * size zeroed bytes; NULL with ENOMEM if the product overflows or memory
 * is exhausted. Fresh pages from the kernel are not zeroed a second time. */
void *calloc(size_t count, size_t size) {
    size_t n;
    if (__builtin_mul_overflow(count, size, &n) || n > MAX_REQUEST) {
        errno = ENOMEM;
        return NULL;
    }
    int tok = sys_lock();
    M.last_top_chunk = NULL;
    char *p = do_malloc(n);
    chunk_t *c = p ? mem_chunk(p) : NULL;
    size_t dirty = n;
    if (c && (c->head & FLAG_MMAPPED))
        dirty = 0;
    else if (c && c == M.last_top_chunk)
        dirty = M.last_top_clean > p ? min_size(n, (size_t)(M.last_top_clean - p)) : 0;
    sys_unlock(tok);
    if (!p) {
        errno = ENOMEM;
        return NULL;
    }
    mem_zero(p, dirty);
    return p;
}

/* realloc: resizes ptr's block to size bytes, keeping the contents up to the smaller
 * size; in place when it can (shrinking, growing into a free neighbour or the top), else
 * by moving. realloc(NULL, n) is malloc(n); realloc(p, 0) frees p and returns NULL (as
 * glibc does). On failure returns NULL with ENOMEM and leaves ptr untouched. */
void *realloc(void *ptr, size_t size) {
    if (!ptr)
        return malloc(size);
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    int tok = sys_lock();
    void *p = do_realloc(ptr, size);
    sys_unlock(tok);
    if (!p)
        errno = ENOMEM;
    return p;
}

/* reallocarray: realloc(ptr, count * size), failing with ENOMEM if the product
 * overflows (ptr is then untouched). */
void *reallocarray(void *ptr, size_t count, size_t size) {
    size_t n;
    if (__builtin_mul_overflow(count, size, &n)) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(ptr, n);
}

/* memalign: size bytes aligned to `alignment`, which is rounded up to a power of two
 * (as glibc does). NULL with ENOMEM on exhaustion or an impossible alignment. */
void *memalign(size_t alignment, size_t size) {
    size_t a = ALIGNMENT;
    while (a < alignment && a <= MAX_ALIGN)
        a <<= 1;
    int tok = sys_lock();
    void *p = do_memalign(a, size);
    sys_unlock(tok);
    if (!p)
        errno = ENOMEM;
    return p;
}

/* aligned_alloc (C11): size bytes aligned to `alignment`, which must be a power of two
 * (else NULL with EINVAL). NULL with ENOMEM on exhaustion. */
void *aligned_alloc(size_t alignment, size_t size) {
    if (!is_power_of_two(alignment)) {
        errno = EINVAL;
        return NULL;
    }
    return memalign(alignment, size);
}

/* posix_memalign: stores a block of size bytes aligned to `alignment` in *out and returns
 * 0; returns EINVAL unless alignment is a power of two multiple of sizeof(void *), ENOMEM
 * on exhaustion (then *out is untouched). errno is left unchanged. */
int posix_memalign(void **out, size_t alignment, size_t size) {
    if (!is_power_of_two(alignment) || alignment % sizeof(void *))
        return EINVAL;
    int tok = sys_lock();
    void *p = do_memalign(alignment, size);
    sys_unlock(tok);
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

/* valloc: size bytes aligned to the page size. */
void *valloc(size_t size) { return memalign(PAGE_SIZE, size); }

/* pvalloc: page-aligned, size rounded up to whole pages (a page for size 0). */
void *pvalloc(size_t size) {
    if (size > MAX_REQUEST) {
        errno = ENOMEM;
        return NULL;
    }
    return memalign(PAGE_SIZE, size ? page_up(size) : PAGE_SIZE);
}

/* malloc_usable_size: how many bytes ptr's block can really hold (>= what was asked);
 * 0 for NULL. */
size_t malloc_usable_size(void *ptr) {
    if (!ptr)
        return 0;
    int tok = sys_lock();
    size_t n = chunk_usable(checked_chunk(ptr));
    sys_unlock(tok);
    return n;
}

/* malloc_trim: coalesces the quick lists and gives free memory at the heap top back to
 * the kernel, keeping pad bytes. Returns 1 if any memory was released. */
int malloc_trim(size_t pad) {
    int tok = sys_lock();
    size_t before = M.st.heap_bytes;
    quick_flush();
    heap_trim(min_size(pad, MAX_REQUEST));
    int released = M.st.heap_bytes < before;
    sys_unlock(tok);
    return released;
}

/* lingos_malloc_stats: copies the allocator's counters into *out. */
void lingos_malloc_stats(struct lingos_malloc_stats *out) {
    int tok = sys_lock();
    *out = M.st;
    out->mmap_threshold = M.mmap_threshold;
    sys_unlock(tok);
}

/* Writes the counters to fd as one "lingos-malloc: ..." line. */
static void stats_write(int fd) {
    struct lingos_malloc_stats s;
    lingos_malloc_stats(&s);
    static const char *const label[] = {"lingos-malloc: heap ", " peak ", " mmap ", " peak ",
                                        " in-use ", " segments ", " mmap-threshold "};
    size_t value[] = {s.heap_bytes, s.heap_peak, s.mmap_bytes, s.mmap_peak,
                      s.in_use, s.segments, s.mmap_threshold};
    for (size_t i = 0; i < sizeof value / sizeof value[0]; i++) {
        write_str(fd, label[i]);
        write_num(fd, value[i], 0);
    }
    write_str(fd, "\n");
}

/* malloc_stats: one line of counters on stderr. */
void malloc_stats(void) { stats_write(2); }

#ifdef HOST_BUILD
/* With LINGOS_MALLOC_STATS=1 a host program reports the counters as it exits, which also
 * shows that an LD_PRELOADed copy of this allocator was the one in use. */
__attribute__((destructor)) static void malloc_stats_at_exit(void) {
    if (sys_stats_report_fd() >= 0)
        stats_write(sys_stats_report_fd());
}
#endif
