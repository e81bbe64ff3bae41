#include "fs/dirent.h"
#include "lib/string.h"
#include "lib/errno.h"

#define DIRENT_HEADER 19   /* d_ino 8 + d_off 8 + d_reclen 2 + d_type 1 */
#define DIRENT_ALIGN 8

struct dirent64_head {
    uint64_t d_ino;
    int64_t d_off;
    uint16_t d_reclen;
    uint8_t d_type;
} __attribute__((packed));

void dirent_writer_init(struct dirent_writer *w, void *buf, size_t size) {
    w->buf = buf;
    w->size = size;
    w->used = 0;
}

bool dirent_emit_n(struct dirent_writer *w, uint64_t ino, const char *name, size_t len,
                   uint8_t type, int64_t next_off) {
    size_t reclen = (DIRENT_HEADER + len + 1 + DIRENT_ALIGN - 1) & ~(size_t)(DIRENT_ALIGN - 1);
    if (w->used + reclen > w->size) {
        if (!w->used)
            w->used = (size_t)-1;   /* remembered: the buffer is too small for one */
        return false;
    }
    char *rec = w->buf + w->used;
    memset(rec, 0, reclen);
    struct dirent64_head h = {ino, next_off, (uint16_t)reclen, type};
    memcpy(rec, &h, sizeof h);
    memcpy(rec + DIRENT_HEADER, name, len);
    w->used += reclen;
    return true;
}

bool dirent_emit(struct dirent_writer *w, uint64_t ino, const char *name, uint8_t type,
                 int64_t next_off) {
    return dirent_emit_n(w, ino, name, strlen(name), type, next_off);
}

long dirent_writer_result(const struct dirent_writer *w) {
    return w->used == (size_t)-1 ? -EINVAL : (long)w->used;
}
