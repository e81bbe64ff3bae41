/* poll(2): waiting for file descriptors. */
#ifndef _POLL_H
#define _POLL_H
#include <features.h>
#include "abi/poll.h"

typedef unsigned long nfds_t;

__BEGIN_DECLS
int poll(struct pollfd *fds, nfds_t n, int timeout_ms);
__END_DECLS
#endif
