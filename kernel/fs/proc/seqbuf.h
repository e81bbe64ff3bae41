/* A growing text buffer the /proc generators print into. */
#ifndef FS_PROC_SEQBUF_H
#define FS_PROC_SEQBUF_H
#include <stddef.h>
#include <stdbool.h>
struct seqbuf {
    char *buf;
    size_t len, cap;
    bool failed;       /* out of memory: the file opens with -ENOMEM */
};
__attribute__((format(printf, 2, 3))) void seq_printf(struct seqbuf *s, const char *fmt, ...);
void seq_putc(struct seqbuf *s, char c);
void seq_pad(struct seqbuf *s, size_t column);  /* spaces up to column on this line */
#endif
