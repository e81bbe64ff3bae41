/* Starting the first user program (init=PATH, default /bin/init, then /bin/sh) and what
 * happens when it ends: in one-shot mode (`oneshot`) the kernel reports its status on
 * the log and powers off, so a test or scripts/osrun learns how the program ended. */
#ifndef PROC_INIT_H
#define PROC_INIT_H
void init_start(void);
#endif
