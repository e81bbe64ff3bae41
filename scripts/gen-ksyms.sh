#!/bin/sh
# Usage: gen-ksyms.sh KERNEL.elf > ksyms.S
# Emits the kernel's function symbols, address-sorted, as the .ksyms table that
# kernel/core/ksyms.c searches. With no ELF (the first link), emits an empty table.
set -eu
echo '    .section .ksyms, "a"'
echo '    .align 4'
echo '    .globl ksym_count, ksym_table'
if [ "$#" -eq 0 ]; then
    echo 'ksym_count: .long 0'
    echo 'ksym_table:'
    exit 0
fi
syms=$(nm -n "$1" | awk '$2 ~ /^[tT]$/ && $3 !~ /^\./ { print $1, $3 }')
n=$(printf '%s\n' "$syms" | grep -c . || true)
echo "ksym_count: .long $n"
echo 'ksym_table:'
printf '%s\n' "$syms" | awk 'NF == 2 { printf "    .long 0x%s, .Lname%d\n", $1, NR }'
echo '    .section .rodata'
printf '%s\n' "$syms" | awk 'NF == 2 { printf ".Lname%d: .asciz \"%s\"\n", NR, $2 }'
