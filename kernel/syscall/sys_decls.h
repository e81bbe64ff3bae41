/* Every system-call handler the table names, grouped by the file that defines it. */
#ifndef SYSCALL_SYS_DECLS_H
#define SYSCALL_SYS_DECLS_H
#include "syscall/syscall.h"
/* sys_fd.c */
long sys_read(u32, u32, u32); long sys_write(u32, u32, u32);
long sys_pread64(u32, u32, u32, u32, u32); long sys_pwrite64(u32, u32, u32, u32, u32);
long sys_readv(u32, u32, u32); long sys_writev(u32, u32, u32);
long sys_close(u32); long sys_dup(u32); long sys_dup2(u32, u32); long sys_dup3(u32, u32, u32);
long sys_fcntl(u32, u32, u32); long sys_ioctl(u32, u32, u32);
long sys_lseek(u32, u32, u32); long sys_llseek(u32, u32, u32, u32, u32);
/* sys_stat.c */
long sys_fstat64(u32, u32);
/* sys_pipe.c */
long sys_pipe(u32); long sys_pipe2(u32, u32);
/* sys_path.c */
long sys_open(u32, u32, u32); long sys_openat(u32, u32, u32, u32); long sys_creat(u32, u32);
long sys_stat64(u32, u32); long sys_lstat64(u32, u32); long sys_fstatat64(u32, u32, u32, u32);
long sys_statx(u32, u32, u32, u32, u32);
long sys_mkdir(u32, u32); long sys_mkdirat(u32, u32, u32); long sys_rmdir(u32);
long sys_unlink(u32); long sys_unlinkat(u32, u32, u32);
long sys_rename(u32, u32); long sys_renameat(u32, u32, u32, u32); long sys_link(u32, u32);
long sys_chdir(u32); long sys_getcwd(u32, u32);
long sys_access(u32, u32); long sys_faccessat(u32, u32, u32, u32);
long sys_readlink(u32, u32, u32); long sys_truncate(u32, u32); long sys_ftruncate(u32, u32);
long sys_truncate64(u32, u32, u32); long sys_ftruncate64(u32, u32, u32);
long sys_getdents64(u32, u32, u32); long sys_sync(void); long sys_fsync(u32);
long sys_symlink(u32, u32); long sys_symlinkat(u32, u32, u32);
long sys_readlinkat(u32, u32, u32, u32);
/* sys_attr.c */
long sys_chmod(u32, u32); long sys_fchmod(u32, u32); long sys_fchmodat(u32, u32, u32);
long sys_chown32(u32, u32, u32); long sys_fchown32(u32, u32, u32); long sys_lchown32(u32, u32, u32);
long sys_fchownat(u32, u32, u32, u32, u32);
long sys_chown16(u32, u32, u32); long sys_fchown16(u32, u32, u32); long sys_lchown16(u32, u32, u32);
long sys_utimensat(u32, u32, u32, u32); long sys_utimensat_time64(u32, u32, u32, u32);
long sys_utime(u32, u32); long sys_utimes(u32, u32); long sys_futimesat(u32, u32, u32);
/* sys_proc.c */
long sys_fork(void); long sys_vfork(void); long sys_clone(u32, u32, u32, u32, u32);
long sys_execve(u32, u32, u32); long sys_exit(u32); long sys_exit_group(u32);
long sys_wait4(u32, u32, u32, u32); long sys_waitpid(u32, u32, u32);
long sys_getpid(void); long sys_gettid(void); long sys_getppid(void); long sys_getuid(void);
long sys_sched_yield(void); long sys_set_tid_address(u32);
long sys_kill(u32, u32); long sys_tkill(u32, u32); long sys_tgkill(u32, u32, u32);
long sys_futex(u32, u32, u32, u32, u32, u32); long sys_futex_time64(u32, u32, u32, u32, u32, u32);
long sys_setpgid(u32, u32); long sys_getpgid(u32); long sys_getpgrp(void);
long sys_setsid(void); long sys_getsid(u32);
/* sys_signal.c */
long sys_rt_sigaction(u32, u32, u32, u32); long sys_rt_sigprocmask(u32, u32, u32, u32);
long sys_pause(void); long sys_rt_sigsuspend(u32, u32); long sys_sigaltstack(u32, u32); long sys_alarm(u32); long sys_sigreturn(void); long sys_rt_sigreturn(void);
/* sys_time.c */
long sys_time(u32); long sys_gettimeofday(u32, u32); long sys_clock_gettime(u32, u32);
long sys_clock_gettime64(u32, u32); long sys_clock_getres(u32, u32);
long sys_nanosleep(u32, u32); long sys_clock_nanosleep64(u32, u32, u32, u32); long sys_clock_nanosleep(u32, u32, u32, u32); long sys_times(u32);
/* sys_info.c */
long sys_uname(u32); long sys_sysinfo(u32); long sys_ugetrlimit(u32, u32);
long sys_prlimit64(u32, u32, u32, u32); long sys_getrandom(u32, u32, u32); long sys_umask(u32);
long sys_enosys(void); long sys_reboot(u32, u32, u32);
/* sys_tls.c */
long sys_set_thread_area(u32); long sys_get_thread_area(u32);
/* mm/brk.c, mm/mmap.c, mm/mremap.c, mm/madvise.c, mm/mincore.c */
long sys_brk(u32); long sys_mmap2(u32, u32, u32, u32, u32, u32); long sys_old_mmap(u32);
long sys_munmap(u32, u32); long sys_mprotect(u32, u32, u32);
long sys_mremap(u32, u32, u32, u32, u32); long sys_madvise(u32, u32, u32);
long sys_mincore(u32, u32, u32);
/* sys_statfs.c */
long sys_statfs64(u32, u32, u32); long sys_fstatfs64(u32, u32, u32);
long sys_statfs(u32, u32); long sys_fstatfs(u32, u32);
/* sys_poll.c */
long sys_poll(u32, u32, u32); long sys_ppoll(u32, u32, u32, u32, u32);
long sys_ppoll_time64(u32, u32, u32, u32, u32); long sys_select(u32, u32, u32, u32, u32);
long sys_pselect6(u32, u32, u32, u32, u32, u32); long sys_pselect6_time64(u32, u32, u32, u32, u32, u32);
/* sys_misc.c */
long sys_getrusage(u32, u32); long sys_sched_getaffinity(u32, u32, u32); long sys_getcpu(u32, u32, u32);
long sys_prctl(u32, u32); long sys_getpriority(u32, u32); long sys_setpriority(u32, u32, u32);
long sys_msync(u32, u32, u32); long sys_fadvise64_64(u32, u32, u32, u32, u32, u32);
/* sys_xattr.c */
long sys_setxattr(u32, u32, u32, u32, u32); long sys_lsetxattr(u32, u32, u32, u32, u32);
long sys_fsetxattr(u32, u32, u32, u32, u32); long sys_getxattr(u32, u32, u32, u32);
long sys_lgetxattr(u32, u32, u32, u32); long sys_fgetxattr(u32, u32, u32, u32);
long sys_listxattr(u32, u32, u32); long sys_llistxattr(u32, u32, u32); long sys_flistxattr(u32, u32, u32);
long sys_removexattr(u32, u32); long sys_lremovexattr(u32, u32); long sys_fremovexattr(u32, u32);
#endif
