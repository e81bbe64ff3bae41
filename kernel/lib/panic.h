/* panic() and assertions. A broken invariant stops the machine with a message that names
 * the address and the rule; nothing is allowed to corrupt quietly.
 * Pure modules include this too: the host test build supplies its own panic(). */
#ifndef LIB_PANIC_H
#define LIB_PANIC_H

__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);

/* KASSERT(cond, fmt, ...): panics with file:line, the condition and the message. */
#define KASSERT(cond, fmt, ...)                                                     \
    do {                                                                            \
        if (__builtin_expect(!(cond), 0))                                           \
            panic("%s:%d: assertion '%s' failed: " fmt, __FILE__, __LINE__, #cond,  \
                  ##__VA_ARGS__);                                                   \
    } while (0)
#endif
