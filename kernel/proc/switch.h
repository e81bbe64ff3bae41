/* What changes with the running process: the kernel stack the CPU enters on, the page
 * directory, and the TLS descriptors in the GDT. */
#ifndef PROC_SWITCH_H
#define PROC_SWITCH_H
struct proc;
void switch_to_proc(struct proc *p);
/* Reloads the TLS GDT slots from p (after set_thread_area changed them). */
void load_tls(struct proc *p);
#endif
