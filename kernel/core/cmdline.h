/* The kernel command line, parsed in one place. Options are `name` or `name=value`
 * separated by spaces; every name the kernel knows is listed in cmdline.c and an
 * unknown one draws a warning at boot. */
#ifndef CORE_CMDLINE_H
#define CORE_CMDLINE_H
#include <stdbool.h>
void cmdline_parse(const char *cmdline);
/* The value of name=value (the empty string for a bare `name`), or NULL if absent. */
const char *cmdline_get(const char *name);
bool cmdline_has(const char *name);
/* The words after a standalone "--" (init's arguments), or NULL. */
const char *cmdline_rest(void);
#endif
