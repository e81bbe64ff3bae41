/* _start: the entry point the kernel jumps to. The initial stack (i386 System V ABI) holds
 * argc, argv[0..argc-1], NULL, envp[..], NULL, auxv. We clear ebp (end of the frame chain),
 * align the stack to 16 bytes and hand the stack pointer to __libc_start (start.c). */
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp
    mov %esp, %eax
    and $-16, %esp
    sub $12, %esp
    push %eax
    call __libc_start
    hlt                     /* __libc_start never returns */
    .size _start, . - _start
    .section .note.GNU-stack, "", @progbits
