/* Directory streams over getdents64(220). struct dirent is linux_dirent64 (the records are
 * handed out in place, so d_name is only as long as the entry's record). */
#ifndef _DIRENT_H
#define _DIRENT_H
#include <features.h>
#include <sys/types.h>

struct dirent {
    ino_t d_ino;
    off_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[256];
};
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

typedef struct _DIR DIR;

__BEGIN_DECLS
DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
void rewinddir(DIR *d);
int dirfd(DIR *d);
__END_DECLS
#endif
