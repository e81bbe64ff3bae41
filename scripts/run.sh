#!/bin/sh
# Usage: run.sh KERNEL MEM [extra kernel command-line options]
# Boots LingOS in QEMU with the serial console on this terminal.
set -eu
kernel=$1 mem=$2
shift 2
accel=$(sh "$(dirname "$0")/qemu-args.sh" "$kernel")
disk=""
[ -f build/root.img ] && disk="-drive file=build/root.img,format=raw,if=ide,index=0"
echo "LingOS: booting in QEMU ($accel, -m $mem). Quit: type 'poweroff' at the prompt, or Ctrl-A then X."
display="-display none"
[ -n "${LINGOS_GUI:-}" ] && display=""   # LINGOS_GUI=1: the VGA screen and keyboard too
exec qemu-system-i386 $accel -machine pc -m "$mem" -no-reboot $display \
    -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    -chardev stdio,id=con,signal=off,mux=on -serial chardev:con -mon chardev=con,mode=readline \
    -serial null $disk -kernel "$kernel" -append "${*:-}"
