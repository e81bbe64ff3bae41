/* Filling getdents64 buffers with struct linux_dirent64 records
 * (include/linux/dirent.h: u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type, name, NUL;
 * each record padded to 8 bytes). Every directory kind uses this writer. */
#ifndef FS_DIRENT_H
#define FS_DIRENT_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "abi/dirent.h"            /* the DT_* values of d_type */

struct dirent_writer {
    char *buf;
    size_t size, used;
};

void dirent_writer_init(struct dirent_writer *w, void *buf, size_t size);
/* Appends one record; false (nothing written) when it does not fit. next_off is the
 * position a later getdents resumes from (d_off). */
bool dirent_emit(struct dirent_writer *w, uint64_t ino, const char *name, uint8_t type,
                 int64_t next_off);
/* Same, for a name given as (pointer, length). */
bool dirent_emit_n(struct dirent_writer *w, uint64_t ino, const char *name, size_t len,
                   uint8_t type, int64_t next_off);
/* Bytes written, or -EINVAL if not even one record fitted in a non-empty listing. */
long dirent_writer_result(const struct dirent_writer *w);
#endif
