/* Device control: Linux's i386 terminal ioctls and struct winsize (abi/ioctls.h). */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H
#include <features.h>
#include "abi/ioctls.h"

__BEGIN_DECLS
int ioctl(int fd, unsigned long req, ...);
__END_DECLS
#endif
