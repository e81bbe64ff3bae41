/* The text of a process's working directory, for getcwd. */
#ifndef PROC_CWDPATH_H
#define PROC_CWDPATH_H
struct proc;
/* Applies a successful chdir(path) to p->fs->cwd_path: absolute paths replace it, relative
 * ones are joined; "." and ".." and repeated slashes are folded. -ENAMETOOLONG if the
 * result would not fit. */
int cwdpath_change(struct proc *p, const char *path);
#endif
