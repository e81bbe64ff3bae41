#!/bin/sh
# Usage: debug.sh KERNEL MEM
# Starts QEMU halted with a GDB stub on :1234 and attaches GDB with the kernel's symbols,
# a breakpoint on kmain. The serial console goes to build/debug-serial.log.
set -eu
kernel=$1 mem=$2
log=build/debug-serial.log
qemu-system-i386 -accel tcg -machine pc -m "$mem" -no-reboot -display none -S -s \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 -serial file:$log -serial null \
    -kernel "$kernel" &
qpid=$!
echo "QEMU is halted with a GDB stub on localhost:1234 (serial log: $log)."
echo "Attaching: gdb $kernel -ex 'target remote :1234' -ex 'break kmain' -ex continue"
if [ -n "${LINGOS_DEBUG_BATCH:-}" ]; then
    gdb -q -batch "$kernel" -ex 'target remote :1234' -ex 'break kmain' -ex continue \
        -ex 'info registers eip' -ex bt
else
    gdb -q "$kernel" -ex 'target remote :1234' -ex 'break kmain' -ex continue
fi
kill $qpid 2>/dev/null || true
