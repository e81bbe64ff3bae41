/* A process's file descriptors (struct files: the struct file pointers and close-on-exec
 * bits) and its cwd (struct fs_info). Both are refcounted: the threads of a group share
 * them (CLONE_FILES, CLONE_FS), fork copies them. */
#ifndef PROC_FILES_H
#define PROC_FILES_H
#include <stdint.h>
#include <stdbool.h>
struct proc;
struct file;

/* The lowest free fd >= min holding f (takes over the caller's reference), or -EMFILE. */
int fd_install(struct proc *p, struct file *f, int min, bool cloexec);
/* The file at fd, or NULL if fd is not open (no reference taken). */
struct file *fd_file(struct proc *p, int fd);
int fd_close(struct proc *p, int fd);
bool fd_cloexec(struct proc *p, int fd);
void fd_set_cloexec(struct proc *p, int fd, bool on);
/* Empty fd table and cwd for a first process (init): 0 or -ENOMEM. */
int files_new(struct proc *p);
/* child gets parent's fd table and cwd: shared (share_files, share_fs: CLONE_FILES,
 * CLONE_FS) or copied. 0 or -ENOMEM (then child holds nothing). */
int files_fork(struct proc *parent, struct proc *child, bool share_files, bool share_fs);
/* exec: the fd table becomes private (if memory allows), the O_CLOEXEC fds close. */
void files_exec(struct proc *p);
/* Drops p's reference to its fd table (the last one closes every fd) and to its cwd. */
void files_put(struct proc *p);
void fs_put(struct proc *p);
#endif
