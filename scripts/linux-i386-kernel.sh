#!/bin/sh
# Usage: scripts/linux-i386-kernel.sh
#
# Obtains a Debian i386 Linux kernel to boot in qemu-system-i386 (for
# bench/vs_linux/run.sh, which runs the same static binary on LingOS and on Linux).
# From Debian's package registry only: adds the i386 architecture to dpkg if it lacks it,
# downloads the package that linux-image-686:i386 depends on (linux-image-VERSION-686,
# the non-PAE 686 flavour), and extracts its boot/ folder. Leaves:
#     build/linux-i386/vmlinuz   the kernel image
#     build/linux-i386/config    its configuration
#     build/linux-i386/version   the package and version, e.g. "linux-image-6.1.0-57-686 6.1.192-3"
# Idempotent: silent and immediate when build/linux-i386/vmlinuz is there (delete the
# folder to fetch the registry's current kernel). Needs root, or sudo, the first time.
# Exit status 0 on success; 1, with the reason on stderr, when no i386 kernel can be had.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/build/linux-i386
[ -f "$out/vmlinuz" ] && [ -f "$out/version" ] && exit 0

fail() {
    echo "linux-i386-kernel: $*" >&2
    exit 1
}
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "needs root (or sudo) to add dpkg's i386 architecture"
    SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
meta=linux-image-686:i386
mkdir -p "$out" || fail "cannot create $out"
log=$out/fetch.log
: >"$log"

# The image package the metapackage names, e.g. linux-image-6.1.0-57-686:i386.
image_pkg() {
    apt-cache depends "$meta" 2>>"$log" | awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }'
}
if ! dpkg --print-foreign-architectures | grep -qx i386; then
    $SUDO dpkg --add-architecture i386 >>"$log" 2>&1 || fail "dpkg --add-architecture i386 failed (see $log)"
    $SUDO apt-get update -qq >>"$log" 2>&1 || fail "apt-get update failed (see $log)"
fi
pkg=$(image_pkg)
if [ -z "$pkg" ]; then
    $SUDO apt-get update -qq >>"$log" 2>&1 || fail "apt-get update failed (see $log)"
    pkg=$(image_pkg)
fi
[ -n "$pkg" ] || fail "Debian's registry offers no i386 kernel ($meta has no linux-image dependency; see $log)"

tmp=$(mktemp -d "$out/fetch.XXXXXX") || fail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
# apt's download sandbox user cannot write into build/: download as the caller.
(cd "$tmp" && $SUDO apt-get download -qq -o APT::Sandbox::User=root "$pkg") >>"$log" 2>&1 ||
    fail "apt-get download $pkg failed (see $log)"
deb=$(ls "$tmp"/*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || fail "apt-get download $pkg left no .deb (see $log)"
# Only boot/ is needed: the modules (hundreds of MiB) are not.
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" ./boot/ 2>>"$log" ||
    fail "cannot extract boot/ from $deb (see $log)"
vmlinuz=$(ls "$tmp"/boot/vmlinuz-* 2>/dev/null | head -n 1)
[ -n "$vmlinuz" ] || fail "$deb holds no boot/vmlinuz-*"
cp "$tmp"/boot/config-* "$out/config" 2>/dev/null
printf '%s %s\n' "$(dpkg-deb -f "$deb" Package)" "$(dpkg-deb -f "$deb" Version)" >"$out/version.new"
cp "$vmlinuz" "$out/vmlinuz.new" && mv "$out/vmlinuz.new" "$out/vmlinuz" &&
    mv "$out/version.new" "$out/version" || fail "cannot write $out/vmlinuz"
rm -f "$log"
exit 0
