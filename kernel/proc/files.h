/* A process's file descriptors: the table of struct file pointers and close-on-exec
 * bits, and the cwd. */
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
void files_fork(struct proc *parent, struct proc *child);
void files_exec(struct proc *p);         /* closes the O_CLOEXEC fds */
void files_close_all(struct proc *p);
void files_put_cwd(struct proc *p);
#endif
