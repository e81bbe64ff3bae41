/* crash=KIND on the command line breaks the boot on purpose, so the tests can prove the
 * panic screen and the harness's failure detection work. */
#ifndef CORE_CRASH_H
#define CORE_CRASH_H
void crash_on_purpose(const char *kind);
#endif
