/* swtch(uint32_t *old_esp, uint32_t new_esp): saves the callee-saved registers on the
 * current kernel stack, stores its esp in *old_esp, loads new_esp and restores the other
 * context's registers. The return address on each stack is where that context resumes. */
    .text
    .globl swtch
swtch:
    mov 4(%esp), %eax
    mov 8(%esp), %edx
    push %ebp
    push %ebx
    push %esi
    push %edi
    mov %esp, (%eax)
    mov %edx, %esp
    pop %edi
    pop %esi
    pop %ebx
    pop %ebp
    ret

/* First switch into a process prepared by proc_prepare_stack with a kernel function:
 * ebx holds it; when it returns, esp is at the trapframe and we go to user mode. */
    .globl kproc_entry
kproc_entry:
    sti
    call *%ebx
    jmp trap_return
