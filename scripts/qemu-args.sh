#!/bin/sh
# Usage: qemu-args.sh [KERNEL] — prints the QEMU accelerator option: KVM when /dev/kvm
# is usable, else TCG. "Usable" is proven by booting KERNEL (when given) under KVM to a
# passing in-kernel test: some nested hosts open /dev/kvm yet reset a 32-bit guest.
# LINGOS_ACCEL=tcg (or kvm) forces one. The verdict is cached per kernel for a minute.
case "${LINGOS_ACCEL:-auto}" in
tcg) echo "-accel tcg"; exit 0 ;;
kvm) echo "-accel kvm"; exit 0 ;;
esac
kernel=${1:-build/lingos.elf}
if ! [ -r /dev/kvm ] || ! [ -w /dev/kvm ] || ! [ -f "$kernel" ]; then
    echo "-accel tcg"; exit 0
fi
cache=/tmp/lingos-accel.$(id -u)
if [ -f "$cache" ] && [ "$(find "$cache" -newer "$kernel" -mmin -1 2>/dev/null)" ]; then
    cat "$cache"; exit 0
fi
timeout 10 qemu-system-i386 -accel kvm -machine pc -m 32M -no-reboot -display none \
    -nodefaults -device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel "$kernel" \
    -append "ktest=timer_ticks panic=exit quiet" </dev/null >/dev/null 2>&1
if [ $? = 1 ]; then echo "-accel kvm"; else echo "-accel tcg"; fi | tee "$cache"
