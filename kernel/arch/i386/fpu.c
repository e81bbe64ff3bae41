#include "arch/i386/fpu.h"
#include "lib/panic.h"
#include "lib/string.h"
#include "lib/printf.h"

#define CPUID_FEATURES 1
#define CPUID_EDX_FXSR (1u << 24)
#define CPUID_EDX_SSE (1u << 25)
#define CR0_MP (1u << 1)
#define CR0_EM (1u << 2)
#define CR0_TS (1u << 3)
#define CR0_NE (1u << 5)
#define CR4_OSFXSR (1u << 9)
#define CR4_OSXMMEXCPT (1u << 10)

static struct fpu_state initial;

static uint32_t cpuid_edx(void) {
    uint32_t a = CPUID_FEATURES, b, c, d;
    asm volatile("cpuid" : "+a"(a), "=b"(b), "=c"(c), "=d"(d));
    return d;
}

/* Turns on the FPU (native error reporting) and SSE, and records the clean state that
 * every new program starts from. LingOS needs FXSAVE (any CPU since the Pentium II). */
void fpu_init(void) {
    uint32_t edx = cpuid_edx();
    if (!(edx & CPUID_EDX_FXSR))
        panic("fpu: the CPU has no FXSAVE/FXRSTOR (CPUID.1:EDX.FXSR), which LingOS needs");
    uint32_t cr0, cr4;
    asm volatile("mov %%cr0, %0" : "=r"(cr0));
    cr0 = (cr0 | CR0_MP | CR0_NE) & ~(CR0_EM | CR0_TS);
    asm volatile("mov %0, %%cr0" : : "r"(cr0));
    asm volatile("mov %%cr4, %0" : "=r"(cr4));
    cr4 |= CR4_OSFXSR | (edx & CPUID_EDX_SSE ? CR4_OSXMMEXCPT : 0);
    asm volatile("mov %0, %%cr4" : : "r"(cr4));
    asm volatile("fninit");
    fpu_save(&initial);
}

void fpu_save(struct fpu_state *s) { asm volatile("fxsave %0" : "=m"(*s)); }
void fpu_restore(const struct fpu_state *s) { asm volatile("fxrstor %0" : : "m"(*s)); }
void fpu_reset_state(struct fpu_state *s) { memcpy(s, &initial, sizeof *s); }
