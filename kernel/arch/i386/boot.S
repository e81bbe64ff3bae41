/* Multiboot v1 entry. The loader jumps here with paging off, EAX = 0x2BADB002 and EBX =
 * the physical address of the multiboot info. We map the first BOOT_MAP_MB of physical
 * memory twice, at 0 (so the next instruction still runs) and at KERNEL_VMA (where the
 * kernel is linked), turn paging on and jump to the higher half. paging_init() later
 * builds the real directory and drops the identity half. */
#include "arch/i386/layout.h"

#define MB_MAGIC    0x1BADB002
#define MB_FLAGS    ((1 << 0) | (1 << 1))   /* page-align modules; give us mem_* and mmap */
#define PTE_BOOT    0x003                   /* present | writable */
#define CR0_PG      0x80000000
#define CR0_WP      0x00010000
#define BOOT_TABLES (BOOT_MAP_MB / 4)       /* one page table maps 4 MiB */

    .section .multiboot, "a"
    .align 4
    .long MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

    .section .boot.text, "ax"
    .code32
    .globl _start
_start:
    cli
    cld
    mov %eax, %esi
    mov %ebx, %edi

    /* Fill the boot page tables: entry i maps physical page i. */
    mov $(boot_pgtables - KERNEL_VMA), %edx
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $12, %eax
    or $PTE_BOOT, %eax
    mov %eax, (%edx, %ecx, 4)
    inc %ecx
    cmp $(BOOT_TABLES * 1024), %ecx
    jb 1b

    /* Point directory slots 0.. and KERNEL_PDE.. at them. */
    mov $(boot_pgdir - KERNEL_VMA), %ebx
    xor %ecx, %ecx
2:  mov %ecx, %eax
    shl $12, %eax
    add %edx, %eax
    or $PTE_BOOT, %eax
    mov %eax, (%ebx, %ecx, 4)
    mov %eax, (KERNEL_VMA >> 22) * 4(%ebx, %ecx, 4)
    inc %ecx
    cmp $BOOT_TABLES, %ecx
    jb 2b

    /* The multiboot spec leaves CR4 undefined: a loader may hand over PAE or PSE on,
     * which would make the CPU read these two-level tables in another format. */
    xor %eax, %eax
    mov %eax, %cr4
    mov %ebx, %cr3
    mov %cr0, %eax
    or $(CR0_PG | CR0_WP), %eax
    mov %eax, %cr0
    lea higher_half, %eax
    jmp *%eax

    .text
higher_half:
    mov $boot_stack_top, %esp
    xor %ebp, %ebp
    push %edi                      /* multiboot info (physical) */
    push %esi                      /* loader magic */
    call kmain
3:  cli
    hlt
    jmp 3b

    .bss
    .align 4096
    .globl boot_pgdir
boot_pgdir:
    .skip 4096
boot_pgtables:
    .skip 4096 * BOOT_TABLES
    .globl boot_stack, boot_stack_top
boot_stack:
    .skip KSTACK_SIZE
boot_stack_top:
