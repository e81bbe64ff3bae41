/* alarm(2): one real-time timer per process, delivering SIGALRM. */
#ifndef PROC_ALARM_H
#define PROC_ALARM_H
#include <stdint.h>
/* Sets the alarm seconds from now (0 cancels); returns the seconds left on the old one. */
uint32_t alarm_set(uint32_t seconds);
/* Called every tick: sends SIGALRM to processes whose alarm has come. */
void alarm_tick(void);
#endif
