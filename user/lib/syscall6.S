/* long sys6(long nr, long a, long b, long c, long d, long e, long f): the six-argument
 * system call (f in ebp), cdecl; returns the raw result (-errno on failure). */
    .text
    .globl sys6
    .type sys6, @function
sys6:
    push %ebp
    push %edi
    push %esi
    push %ebx
    mov 20(%esp), %eax      /* nr */
    mov 24(%esp), %ebx
    mov 28(%esp), %ecx
    mov 32(%esp), %edx
    mov 36(%esp), %esi
    mov 40(%esp), %edi
    mov 44(%esp), %ebp
    int $0x80
    pop %ebx
    pop %esi
    pop %edi
    pop %ebp
    ret
    .size sys6, . - sys6
    .section .note.GNU-stack, "", @progbits
