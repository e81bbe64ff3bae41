/* The system-call table, indexed by Linux i386 number. A number with no entry returns
 * -ENOSYS (dispatch.c); docs/syscalls.md lists the state of each. */
#include "syscall/syscall.h"
#include "syscall/nr.h"
#include "syscall/sys_decls.h"

#define E(nr, fn) [SYS_##nr] = SYSCALL(fn)

const syscall_fn syscall_table[NR_MAX] = {
    E(exit, sys_exit), E(fork, sys_fork), E(read, sys_read), E(write, sys_write),
    E(open, sys_open), E(close, sys_close), E(waitpid, sys_waitpid), E(creat, sys_creat),
    E(link, sys_link), E(unlink, sys_unlink), E(execve, sys_execve), E(chdir, sys_chdir),
    E(time, sys_time), E(lseek, sys_lseek), E(getpid, sys_getpid), E(getuid, sys_getuid),
    E(alarm, sys_alarm), E(pause, sys_pause), E(access, sys_access), E(sync, sys_sync), E(kill, sys_kill),
    E(rename, sys_rename), E(mkdir, sys_mkdir), E(rmdir, sys_rmdir), E(dup, sys_dup),
    E(pipe, sys_pipe), E(times, sys_times), E(brk, sys_brk), E(getgid, sys_getuid),
    E(geteuid, sys_getuid), E(getegid, sys_getuid), E(ioctl, sys_ioctl), E(fcntl, sys_fcntl),
    E(setpgid, sys_setpgid), E(umask, sys_umask), E(dup2, sys_dup2), E(getppid, sys_getppid),
    E(getpgrp, sys_getpgrp), E(setsid, sys_setsid), E(gettimeofday, sys_gettimeofday),
    E(readlink, sys_readlink), E(mmap, sys_old_mmap), E(munmap, sys_munmap),
    E(truncate, sys_truncate), E(ftruncate, sys_ftruncate), E(wait4, sys_wait4),
    E(reboot, sys_reboot), E(sysinfo, sys_sysinfo), E(fsync, sys_fsync), E(clone, sys_clone), E(uname, sys_uname),
    E(mprotect, sys_mprotect), E(getpgid, sys_getpgid), E(_llseek, sys_llseek),
    E(readv, sys_readv), E(writev, sys_writev), E(getsid, sys_getsid),
    E(sched_yield, sys_sched_yield), E(nanosleep, sys_nanosleep), E(mremap, sys_mremap),
    E(sigreturn, sys_sigreturn), E(rt_sigreturn, sys_rt_sigreturn),
    E(rt_sigaction, sys_rt_sigaction), E(rt_sigprocmask, sys_rt_sigprocmask), E(rt_sigsuspend, sys_rt_sigsuspend),
    E(pread64, sys_pread64), E(pwrite64, sys_pwrite64), E(getcwd, sys_getcwd), E(sigaltstack, sys_sigaltstack), E(vfork, sys_vfork), E(ugetrlimit, sys_ugetrlimit),
    E(mmap2, sys_mmap2), E(truncate64, sys_truncate64), E(ftruncate64, sys_ftruncate64),
    E(stat64, sys_stat64), E(lstat64, sys_lstat64), E(fstat64, sys_fstat64),
    E(getuid32, sys_getuid), E(getgid32, sys_getuid), E(geteuid32, sys_getuid),
    E(getegid32, sys_getuid), E(mincore, sys_mincore), E(madvise, sys_madvise),
    E(getdents64, sys_getdents64), E(fcntl64, sys_fcntl),
    E(gettid, sys_gettid), E(tkill, sys_tkill), E(set_thread_area, sys_set_thread_area),
    E(get_thread_area, sys_get_thread_area), E(exit_group, sys_exit_group),
    E(set_tid_address, sys_set_tid_address), E(clock_gettime, sys_clock_gettime),
    E(clock_getres, sys_clock_getres), E(clock_nanosleep, sys_clock_nanosleep), E(tgkill, sys_tgkill), E(openat, sys_openat),
    E(mkdirat, sys_mkdirat), E(fstatat64, sys_fstatat64), E(unlinkat, sys_unlinkat),
    E(renameat, sys_renameat), E(faccessat, sys_faccessat), E(pipe2, sys_pipe2),
    E(dup3, sys_dup3), E(prlimit64, sys_prlimit64), E(getrandom, sys_getrandom), E(statx, sys_statx),
    E(clock_gettime64, sys_clock_gettime64), E(clock_nanosleep_time64, sys_clock_nanosleep64),
    E(faccessat2, sys_faccessat),
    /* attributes and symbolic links (sys_attr.c, sys_path.c) */
    E(chmod, sys_chmod), E(fchmod, sys_fchmod), E(fchmodat, sys_fchmodat),
    E(chown32, sys_chown32), E(fchown32, sys_fchown32), E(lchown32, sys_lchown32),
    E(fchownat, sys_fchownat), E(chown, sys_chown16), E(fchown, sys_fchown16),
    E(lchown, sys_lchown16), E(utimensat, sys_utimensat), E(utimensat_time64, sys_utimensat_time64),
    E(utime, sys_utime), E(utimes, sys_utimes), E(futimesat, sys_futimesat),
    E(symlink, sys_symlink), E(symlinkat, sys_symlinkat), E(readlinkat, sys_readlinkat),
    E(statfs, sys_statfs), E(fstatfs, sys_fstatfs), E(statfs64, sys_statfs64),
    E(fstatfs64, sys_fstatfs64), E(poll, sys_poll), E(ppoll, sys_ppoll), E(ppoll_time64, sys_ppoll_time64),
    E(_newselect, sys_select), E(pselect6, sys_pselect6), E(pselect6_time64, sys_pselect6_time64),
    E(getrusage, sys_getrusage), E(sched_getaffinity, sys_sched_getaffinity), E(getcpu, sys_getcpu),
    E(prctl, sys_prctl), E(getpriority, sys_getpriority), E(setpriority, sys_setpriority),
    E(msync, sys_msync), E(fadvise64_64, sys_fadvise64_64),
    E(setxattr, sys_setxattr), E(lsetxattr, sys_lsetxattr), E(fsetxattr, sys_fsetxattr),
    E(getxattr, sys_getxattr), E(lgetxattr, sys_lgetxattr), E(fgetxattr, sys_fgetxattr),
    E(listxattr, sys_listxattr), E(llistxattr, sys_llistxattr), E(flistxattr, sys_flistxattr),
    E(removexattr, sys_removexattr), E(lremovexattr, sys_lremovexattr), E(fremovexattr, sys_fremovexattr),
    E(futex, sys_futex), E(futex_time64, sys_futex_time64),
    /* Answered with ENOSYS on purpose, without a log line: glibc copes. */
    E(set_robust_list, sys_enosys), E(rseq, sys_enosys),
    E(clone3, sys_enosys),   /* glibc falls back to clone */
};
