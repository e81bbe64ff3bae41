#!/bin/sh
# Usage: mkimage.sh STAGEDIR OUT.img [SIZE_MB]
# Builds an ext2 image (4 KiB blocks) holding the files of STAGEDIR, all owned by root,
# for the kernel's root disk (QEMU: -drive file=OUT.img,format=raw,if=ide,index=0).
set -eu
if [ $# -lt 2 ] || [ ! -d "$1" ]; then
    echo "usage: $0 STAGEDIR OUT.img [SIZE_MB]" >&2
    exit 2
fi
stage=$1 out=$2 size=${3:-64}
mkdir -p "$(dirname "$out")"
rm -f "$out"
mke2fs -q -F -t ext2 -b 4096 -L lingos -E root_owner=0:0 -d "$stage" "$out" "${size}M" >/dev/null
