/* errno: one plain int, as LingOS processes are single-threaded (user/lib/malloc.c relies
 * on `extern int errno`). */
int errno;
