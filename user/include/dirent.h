/* Directory streams over getdents64(220). struct dirent is linux_dirent64 (the records are
 * handed out in place, so d_name is only as long as the entry's record). */
#ifndef _DIRENT_H
#define _DIRENT_H
#include <features.h>
#include <sys/types.h>
#include "abi/dirent.h"

struct dirent {
    ino_t d_ino;
    off_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[256];
};

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
