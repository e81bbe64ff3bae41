#!/bin/sh
# Usage: mkiso.sh KERNEL OUT.iso — a GRUB (BIOS) bootable ISO that multiboots the kernel.
set -eu
kernel=$1 out=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/boot/grub"
cp "$kernel" "$dir/boot/lingos.elf"
cat > "$dir/boot/grub/grub.cfg" <<'CFG'
set timeout=1
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
menuentry "LingOS" {
    multiboot /boot/lingos.elf
    boot
}
CFG
grub-mkrescue -o "$out" "$dir" >/dev/null 2>&1
echo "iso: $out"
