/* setjmp/longjmp for i386 cdecl. jmp_buf: ebx, esi, edi, ebp, esp (after return), eip. */
    .text
    .globl setjmp, _setjmp, longjmp, _longjmp
    .type setjmp, @function
setjmp:
_setjmp:
    mov 4(%esp), %eax       /* env */
    mov %ebx, 0(%eax)
    mov %esi, 4(%eax)
    mov %edi, 8(%eax)
    mov %ebp, 12(%eax)
    lea 4(%esp), %ecx       /* the caller's esp once we have returned */
    mov %ecx, 16(%eax)
    mov (%esp), %ecx        /* return address */
    mov %ecx, 20(%eax)
    xor %eax, %eax
    ret
    .size setjmp, . - setjmp

    .type longjmp, @function
longjmp:
_longjmp:
    mov 4(%esp), %edx       /* env */
    mov 8(%esp), %eax       /* val; 0 becomes 1 */
    test %eax, %eax
    jnz 1f
    inc %eax
1:  mov 0(%edx), %ebx
    mov 4(%edx), %esi
    mov 8(%edx), %edi
    mov 12(%edx), %ebp
    mov 16(%edx), %esp
    jmp *20(%edx)
    .size longjmp, . - longjmp
    .section .note.GNU-stack, "", @progbits
