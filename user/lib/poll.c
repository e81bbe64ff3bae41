/* poll and select: straight to the kernel (poll 168, _newselect 142). */
#include <poll.h>
#include <sys/select.h>
#include "sys.h"

int poll(struct pollfd *fds, nfds_t n, int timeout_ms) {
    return (int)sys_ret(sys3(SYS_poll, (long)fds, (long)n, timeout_ms));
}

int select(int nfds, fd_set *r, fd_set *w, fd_set *e, struct timeval *timeout) {
    return (int)sys_ret(sys5(SYS__newselect, nfds, (long)r, (long)w, (long)e, (long)timeout));
}
