/* The per-line arena: bump allocation from malloc'ed chunks, all freed by arena_reset. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sh.h"

#define CHUNK_BYTES 8192
#define ALIGN 8

struct chunk {
    struct chunk *next;
    size_t used, size;
    char data[];
};
static struct chunk *chunks;

/* Memory for n bytes until the next arena_reset; the shell exits if memory runs out. */
void *arena_alloc(size_t n) {
    n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (!chunks || chunks->size - chunks->used < n) {
        size_t size = n > CHUNK_BYTES ? n : CHUNK_BYTES;
        struct chunk *c = malloc(sizeof *c + size);
        if (!c) {
            static const char msg[] = SH_NAME ": out of memory\n";
            write(2, msg, sizeof msg - 1);
            _exit(1);
        }
        c->next = chunks;
        c->used = 0;
        c->size = size;
        chunks = c;
    }
    void *p = chunks->data + chunks->used;
    chunks->used += n;
    return p;
}

char *arena_strndup(const char *s, size_t n) {
    char *d = arena_alloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

void arena_reset(void) {
    while (chunks) {
        struct chunk *next = chunks->next;
        free(chunks);
        chunks = next;
    }
}

void vec_push(struct vec *v, void *item) {
    if (v->n + 2 > v->cap) {
        int cap = v->cap ? v->cap * 2 : 8;
        void **items = arena_alloc((size_t)cap * sizeof *items);
        if (v->n)
            memcpy(items, v->items, (size_t)v->n * sizeof *items);
        v->items = items;
        v->cap = cap;
    }
    v->items[v->n++] = item;
    v->items[v->n] = NULL;
}
