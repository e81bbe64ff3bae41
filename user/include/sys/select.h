/* select(2) and fd_set (1024 descriptors, as Linux's FD_SETSIZE). */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H
#include <features.h>
#include <sys/time.h>

#define FD_SETSIZE 1024
typedef struct {
    unsigned long fds_bits[FD_SETSIZE / (8 * sizeof(unsigned long))];
} fd_set;

#define FD_BITS_PER_WORD (8 * sizeof(unsigned long))
#define FD_ZERO(s) __builtin_memset((s), 0, sizeof(fd_set))
#define FD_SET(fd, s) ((s)->fds_bits[(fd) / FD_BITS_PER_WORD] |= 1ul << ((fd) % FD_BITS_PER_WORD))
#define FD_CLR(fd, s) ((s)->fds_bits[(fd) / FD_BITS_PER_WORD] &= ~(1ul << ((fd) % FD_BITS_PER_WORD)))
#define FD_ISSET(fd, s) (((s)->fds_bits[(fd) / FD_BITS_PER_WORD] >> ((fd) % FD_BITS_PER_WORD)) & 1)

__BEGIN_DECLS
int select(int nfds, fd_set *r, fd_set *w, fd_set *e, struct timeval *timeout);
__END_DECLS
#endif
