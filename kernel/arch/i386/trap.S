/* Trap entry stubs. Every vector pushes a uniform frame (a zero where the CPU pushes no
 * error code, then the vector number), saves the registers and calls trap_dispatch. */
#include "arch/i386/gdt.h"

.macro TRAP_NOERR n
    .globl trap\n
trap\n:
    push $0
    push $\n
    jmp trap_common
.endm

.macro TRAP_ERR n
    .globl trap\n
trap\n:
    push $\n
    jmp trap_common
.endm

    .text
.irp n, 0,1,2,3,4,5,6,7,9,15,16,18,19,20,22,23,24,25,26,27,28,31
    TRAP_NOERR \n
.endr
.irp n, 8,10,11,12,13,14,17,21,29,30
    TRAP_ERR \n
.endr
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,128
    TRAP_NOERR \n
.endr

trap_common:
    pusha
    push %ds
    push %es
    push %fs
    push %gs
    mov $SEL_KDATA, %ax
    mov %ax, %ds
    mov %ax, %es
    /* The kernel runs with null %fs and %gs. Keeping the user's TLS selector loaded
     * would be a trap: once set_thread_area or exec clears that GDT slot, an interrupt
     * taken in the kernel would save the stale selector and fault reloading it on its
     * way out, and the fixup below would recurse forever down the stack. */
    xor %eax, %eax
    mov %ax, %fs
    mov %ax, %gs
    cld
    push %esp
    call trap_dispatch
    add $4, %esp
    .globl trap_return
trap_return:
1:  pop %gs
2:  pop %fs
    pop %es
    pop %ds
    popa
    add $8, %esp
    iret

/* A user %gs or %fs whose descriptor went away (set_thread_area cleared it, a signal
 * frame restored a stale selector) faults on the pop: load the null selector instead,
 * as Linux does. */
3:  movl $0, (%esp)
    jmp 1b
4:  movl $0, (%esp)
    jmp 2b
    .pushsection .extable, "a"
    .long 1b, 3b
    .long 2b, 4b
    .popsection

    .section .rodata
    .globl trap_vectors
trap_vectors:
.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    .long trap\n
.endr
.irp n, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
    .long trap\n
.endr
    .globl trap_syscall_vector
trap_syscall_vector:
    .long trap128
