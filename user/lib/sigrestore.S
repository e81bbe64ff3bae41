/* Signal return trampolines, installed as sa_restorer by sigaction (signal.c). A handler
 * returns here with the kernel's frame on the stack.
 *   __sig_restore:    plain frame (no SA_SIGINFO): pop the signal number, sigreturn(119)
 *   __sig_restore_rt: rt frame (SA_SIGINFO): rt_sigreturn(173) */
    .text
    .globl __sig_restore, __sig_restore_rt
    .type __sig_restore, @function
__sig_restore:
    pop %eax
    mov $119, %eax
    int $0x80
    .size __sig_restore, . - __sig_restore
    .type __sig_restore_rt, @function
__sig_restore_rt:
    mov $173, %eax
    int $0x80
    .size __sig_restore_rt, . - __sig_restore_rt
    .section .note.GNU-stack, "", @progbits
