/* LingOS user headers: shared helpers for the standard headers (not a standard header). */
#ifndef _FEATURES_H
#define _FEATURES_H
#ifdef __cplusplus
#define __BEGIN_DECLS extern "C" {
#define __END_DECLS }
#else
#define __BEGIN_DECLS
#define __END_DECLS
#endif
#define __noreturn __attribute__((noreturn))
#define __printflike(f, a) __attribute__((format(printf, f, a)))
#endif
