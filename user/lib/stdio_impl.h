/* The FILE structure behind <stdio.h>, internal to user/lib.
 *
 * A stream has one buffer used either for reading (buf[rpos..rlen) unread) or for
 * writing (buf[0..wpos) pending), never both: switching direction flushes pending output
 * or gives unread input back with lseek. Buffers are allocated on first use, except for
 * stdin/stdout, which use static ones. */
#ifndef USER_LIB_STDIO_IMPL_H
#define USER_LIB_STDIO_IMPL_H
#include <stdio.h>

#define F_READ 1      /* opened for reading */
#define F_WRITE 2     /* opened for writing */
#define F_EOF 4
#define F_ERR 8
#define F_OWNBUF 16   /* buf was malloc'ed by us */
#define F_STATIC 32   /* the FILE itself is static (stdin/stdout/stderr) */
#define F_APPEND 64

#define MODE_UNDECIDED (-1) /* stdout: line- or fully buffered, decided at first use */

struct _FILE {
    int fd;
    int flags;
    int mode;             /* _IOFBF, _IOLBF, _IONBF or MODE_UNDECIDED */
    char *buf;
    size_t size;
    size_t wpos;          /* pending output bytes */
    size_t rpos, rlen;    /* unread input window */
    int ungot;            /* a byte pushed back by ungetc, or EOF */
    struct _FILE *next;   /* every open stream, for fflush(NULL) and exit */
};

void __stdio_exit(void);
/* Writes out pending output (0, or EOF on error). */
int __stdio_flush(FILE *f);
/* Drops buffered input, moving the fd back to the logical position when it can seek. */
void __stdio_drop_input(FILE *f);
/* Decides the buffering mode and gets a buffer; falls back to unbuffered. */
void __stdio_setup(FILE *f);
/* Writes all n bytes to fd (retrying short writes); 0, or -1 on error. */
int __stdio_write_all(int fd, const char *p, size_t n);
/* Links a fresh stream into the open list. */
void __stdio_link(FILE *f);
void __stdio_unlink(FILE *f);
#endif
