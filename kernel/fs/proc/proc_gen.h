/* The /proc text generators, one per file. */
#ifndef FS_PROC_PROC_GEN_H
#define FS_PROC_PROC_GEN_H
#include "fs/proc/seqbuf.h"
struct proc;
void gen_meminfo(struct seqbuf *s);
void gen_buddyinfo(struct seqbuf *s);
void gen_uptime(struct seqbuf *s);
void gen_memmap(struct seqbuf *s);
void gen_maps(struct seqbuf *s, struct proc *p);
void gen_status(struct seqbuf *s, struct proc *p);
void gen_stat(struct seqbuf *s, struct proc *p);
void gen_cmdline(struct seqbuf *s, struct proc *p);
#endif
