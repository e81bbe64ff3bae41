/* The console tty: COM1 (and the VGA screen for output) behind a Linux-style line
 * discipline. Canonical mode edits a line (backspace, Ctrl-U) and hands it over on
 * Enter; Ctrl-C sends SIGINT to the foreground process group, Ctrl-D ends input.
 * termios, window size and process-group ioctls take Linux's i386 layouts. */
#ifndef DRIVERS_TTY_H
#define DRIVERS_TTY_H
#include <stdbool.h>
struct file;
void tty_init(bool oneshot);
/* Feeds one received character into the line discipline (interrupt context). */
void tty_input(char c);
/* A new open file on the console tty (fd 0, 1, 2 of init; /dev/tty, /dev/console). */
struct file *tty_open(unsigned flags);
#endif
