/* Thin wrappers for the i386 instructions C cannot express (Intel SDM vol. 2). */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H
#include <stdint.h>

#define EFLAGS_IF 0x200

static inline void outb(uint16_t port, uint8_t v) { asm volatile("outb %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outw(uint16_t port, uint16_t v) { asm volatile("outw %0, %1" : : "a"(v), "Nd"(port)); }
static inline void outl(uint16_t port, uint32_t v) { asm volatile("outl %0, %1" : : "a"(v), "Nd"(port)); }
static inline uint8_t inb(uint16_t port) { uint8_t v; asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint16_t inw(uint16_t port) { uint16_t v; asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline uint32_t inl(uint16_t port) { uint32_t v; asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void io_wait(void) { outb(0x80, 0); }

static inline uint32_t read_cr0(void) { uint32_t v; asm volatile("mov %%cr0, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr2(void) { uint32_t v; asm volatile("mov %%cr2, %0" : "=r"(v)); return v; }
static inline uint32_t read_cr3(void) { uint32_t v; asm volatile("mov %%cr3, %0" : "=r"(v)); return v; }
static inline void write_cr3(uint32_t v) { asm volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static inline void invlpg(uintptr_t va) { asm volatile("invlpg (%0)" : : "r"(va) : "memory"); }
static inline uint32_t read_eflags(void) { uint32_t v; asm volatile("pushf; pop %0" : "=r"(v)); return v; }
static inline void cli(void) { asm volatile("cli" ::: "memory"); }
static inline void sti(void) { asm volatile("sti" ::: "memory"); }
static inline void hlt(void) { asm volatile("hlt" ::: "memory"); }
static inline uint64_t rdtsc(void) { uint64_t v; asm volatile("rdtsc" : "=A"(v)); return v; }

/* Saves the interrupt flag and disables interrupts; irq_restore() puts it back.
 * The kernel runs on one CPU, so this is the lock for data shared with IRQ handlers. */
static inline uint32_t irq_save(void) { uint32_t f = read_eflags(); cli(); return f; }
static inline void irq_restore(uint32_t f) { if (f & EFLAGS_IF) sti(); }
#endif
