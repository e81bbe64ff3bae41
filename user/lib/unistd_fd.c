/* File-descriptor system calls: read/write/close/lseek/dup/pipe/ioctl/fcntl... */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include "sys.h"

ssize_t read(int fd, void *buf, size_t n) { return sys_ret(sys3(SYS_read, fd, (long)buf, n)); }
ssize_t write(int fd, const void *buf, size_t n) {
    return sys_ret(sys3(SYS_write, fd, (long)buf, n));
}
int close(int fd) { return sys_ret(sys1(SYS_close, fd)); }
int dup(int fd) { return sys_ret(sys1(SYS_dup, fd)); }
int dup2(int fd, int to) { return sys_ret(sys2(SYS_dup2, fd, to)); }
int dup3(int fd, int to, int flags) { return sys_ret(sys3(SYS_dup3, fd, to, flags)); }
int pipe(int fds[2]) { return sys_ret(sys1(SYS_pipe, (long)fds)); }
int pipe2(int fds[2], int flags) { return sys_ret(sys2(SYS_pipe2, (long)fds, flags)); }
int fsync(int fd) { return sys_ret(sys1(SYS_fsync, fd)); }
void sync(void) { sys0(SYS_sync); }

/* 64-bit offsets travel as two halves through _llseek(140). */
off_t lseek(int fd, off_t off, int whence) {
    long long result;
    long r = sys5(SYS__llseek, fd, (long)((unsigned long long)off >> 32), (long)off,
                  (long)&result, whence);
    return sys_ret(r) < 0 ? -1 : result;
}

int ftruncate(int fd, off_t len) {
    return sys_ret(sys3(SYS_ftruncate64, fd, (long)len, (long)((unsigned long long)len >> 32)));
}

int truncate(const char *path, off_t len) {
    return sys_ret(sys3(SYS_truncate64, (long)path, (long)len,
                        (long)((unsigned long long)len >> 32)));
}

/* pread/pwrite: one call that leaves the file position alone (pread64/pwrite64 take
 * the 64-bit offset in two registers), so threads sharing the fd cannot race on it. */
ssize_t pread(int fd, void *buf, size_t n, off_t off) {
    return sys_ret(sys5(SYS_pread64, fd, (long)buf, (long)n, (long)off,
                        (long)((unsigned long long)off >> 32)));
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) {
    return sys_ret(sys5(SYS_pwrite64, fd, (long)buf, (long)n, (long)off,
                        (long)((unsigned long long)off >> 32)));
}

int ioctl(int fd, unsigned long req, ...) {
    va_list ap;
    va_start(ap, req);
    long arg = va_arg(ap, long);
    va_end(ap);
    return sys_ret(sys3(SYS_ioctl, fd, (long)req, arg));
}

int fcntl(int fd, int cmd, ...) {
    va_list ap;
    va_start(ap, cmd);
    long arg = va_arg(ap, long);
    va_end(ap);
    return sys_ret(sys3(SYS_fcntl64, fd, cmd, arg));
}

/* A terminal is whatever answers TCGETS. */
int isatty(int fd) {
    struct termios t;
    return sys3(SYS_ioctl, fd, TCGETS, (long)&t) == 0;
}

int tcgetattr(int fd, struct termios *t) { return ioctl(fd, TCGETS, t); }

int tcsetattr(int fd, int when, const struct termios *t) {
    static const unsigned long req[] = {TCSETS, TCSETSW, TCSETSF};
    if (when < TCSANOW || when > TCSAFLUSH) {
        errno = EINVAL;
        return -1;
    }
    return ioctl(fd, req[when], t);
}

/* Raw mode: no echo, no line editing, no signals, 8-bit bytes, one byte per read. */
void cfmakeraw(struct termios *t) {
    t->c_iflag &= ~(unsigned)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    t->c_oflag &= ~(unsigned)OPOST;
    t->c_lflag &= ~(unsigned)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
    t->c_cflag = (t->c_cflag & ~(unsigned)(CSIZE | PARENB)) | CS8;
    t->c_cc[VMIN] = 1;
    t->c_cc[VTIME] = 0;
}

pid_t tcgetpgrp(int fd) {
    pid_t pg;
    return ioctl(fd, TIOCGPGRP, &pg) < 0 ? -1 : pg;
}

int tcsetpgrp(int fd, pid_t pg) { return ioctl(fd, TIOCSPGRP, &pg); }
