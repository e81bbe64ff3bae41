#!/bin/sh
# Installs, with Debian's packages, whatever the build and the tests need and this machine
# lacks. Quiet and quick (one dpkg query) when everything is present.
set -eu
PKGS="make gcc gcc-multilib binutils qemu-system-x86 e2fsprogs grub-pc-bin grub-common
      xorriso mtools gdb clang libclang-rt-14-dev python3 cpio tmux"
missing=$(dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' $PKGS 2>/dev/null |
          awk '$1 != "ii" { print $2 }')
# Packages dpkg has never heard of print nothing at all: find those too.
for p in $PKGS; do
    dpkg-query -W -f='${Package}\n' "$p" >/dev/null 2>&1 || missing="$missing $p"
done
missing=$(echo $missing | tr ' ' '\n' | sort -u | tr '\n' ' ')
[ -z "$(echo $missing | tr -d ' ')" ] && exit 0
echo "deps: installing $missing"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
