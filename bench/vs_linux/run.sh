#!/bin/sh
# Usage: bench/vs_linux/run.sh        (`make bench` runs it)
#
# LingOS against Linux, side by side: the same static i386 binary (build/vs_linux/bench,
# from bench/vs_linux/bench.c) booted as init on each kernel in the same QEMU, with the
# same -machine, -cpu and -m, and a table of ns per operation and the ratio LingOS/Linux.
#   LingOS: scripts/osrun, the binary as /host/bench on the ext2 root disk (ATA); the
#           accelerator options go in through osrun's LINGOS_ACCEL_ARGS.
#   Linux:  Debian's i386 kernel (scripts/linux-i386-kernel.sh) with an initramfs holding
#           the binary as /bench (rdinit=/bench) and an empty /tmp: files live in tmpfs.
# Two measurements of each:
#   icount  -icount shift=0,sleep=off: the guest clock advances 1 ns per executed
#           instruction, so the figures are instruction counts, the same on every run.
#   wall    plain TCG: host nanoseconds of emulation, noisy (VS_LINUX_WALL=0 skips it).
# When no i386 Linux kernel can be had, the Linux columns say "-" and the script still
# exits 0. Outputs stay in build/vs_linux/{lingos,linux}.{icount,wall}.out.
#   VS_LINUX_CPU     QEMU -cpu model for both kernels (default qemu32)
#   VS_LINUX_TARGET  guest ms per measurement under icount (default 20; wall: 5 times that,
#                    as TCG's wall-clock figures are noisy over short spans)
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
out=build/vs_linux
bin=$out/bench
cpu=${VS_LINUX_CPU:-qemu32}
mem=128M
target=${VS_LINUX_TARGET:-20}
modes="icount"
[ "${VS_LINUX_WALL:-1}" = 0 ] || modes="icount wall"
timeout_s=900

say() { echo "vs-linux: $*"; }
target_of() { case $1 in icount) echo "$target" ;; wall) echo $((target * 5)) ;; esac; }
accel_of() {
    case $1 in
    icount) echo "-accel tcg -icount shift=0,sleep=off -cpu $cpu" ;;
    wall) echo "-accel tcg -cpu $cpu" ;;
    esac
}

rm -f "$out"/lingos.*.out* "$out"/linux.*.out*
log=$(make -s "$bin" 2>&1) || { echo "$log" >&2; say "cannot build $bin"; exit 1; }

# Linux's half needs the kernel image and cpio; without them it is skipped, not failed.
linux=1 why=""
if ! kerr=$(sh scripts/linux-i386-kernel.sh 2>&1); then
    linux=0 why=$kerr
elif ! command -v cpio >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO=sudo
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq cpio >/dev/null 2>&1 ||
        { linux=0 why="cpio is missing and apt-get install cpio failed"; }
fi
if [ $linux = 1 ]; then
    stage=$out/initramfs
    rm -rf "$stage" && mkdir -p "$stage/tmp" && cp "$bin" "$stage/bench" &&
        (cd "$stage" && find . | cpio -o -H newc -R 0:0 --quiet) >"$out/initramfs.cpio" ||
        { linux=0 why="cannot build $out/initramfs.cpio"; }
fi
kver=$( [ $linux = 1 ] && cat build/linux-i386/version)

for m in $modes; do
    o=$out/lingos.$m.out
    LINGOS_ACCEL_ARGS=$(accel_of "$m") scripts/osrun -m "$mem" -t "$timeout_s" \
        -f "$bin" -- /host/bench -t "$(target_of "$m")" >"$o" 2>"$o.err"
    rc=$?
    if [ $rc != 0 ] || ! grep -q '^# vs_linux done' "$o"; then
        cat "$o" "$o.err" >&2
        say "the LingOS run ($m) failed (osrun exit $rc)"
        exit 1
    fi
    [ $linux = 1 ] || continue
    o=$out/linux.$m.out
    # shellcheck disable=SC2046
    timeout -k 5 "$timeout_s" qemu-system-i386 $(accel_of "$m") -machine pc -m "$mem" \
        -no-reboot -display none -nodefaults -chardev stdio,id=c1,signal=off -serial chardev:c1 \
        -kernel build/linux-i386/vmlinuz -initrd "$out/initramfs.cpio" \
        -append "console=ttyS0 quiet rdinit=/bench panic=-1 -- -t $(target_of "$m")" \
        </dev/null 2>"$o.err" | tr -d '\r' >"$o"
    if ! grep -q '^# vs_linux done' "$o"; then
        tail -n 20 "$o" "$o.err" >&2
        linux=0 why="the Linux run ($m) did not finish (output in $o)"
    fi
done

qver=$(qemu-system-i386 --version | sed -n '1s/^QEMU emulator version //p')
say "the same static i386 binary (bench/vs_linux/bench.c, gcc -m32 -static, glibc) on"
if [ $linux = 1 ]; then
    say "LingOS and on Linux ($kver, Debian i386), both in QEMU $qver,"
else
    say "LingOS in QEMU $qver. Comparison with Linux skipped: $why"
fi
say "-machine pc -cpu $cpu -m $mem, TCG. ns per operation, best of 3 measurements."
say "  icount: -icount shift=0,sleep=off, guest ns = instructions executed (repeatable),"
say "          ~$(target_of icount) ms per measurement"
case $modes in *wall*) say "  wall:   plain TCG, host ns of emulation (varies from run to run), ~$(target_of wall) ms" ;; esac
say "  * file rows: LingOS writes ext2 on an ATA disk, Linux tmpfs in RAM: not like-for-like."
# Join the outputs on the benchmark's name: LingOS's order, one column pair per mode.
files=""
for m in $modes; do
    files="$files $out/lingos.$m.out"
    if [ $linux = 1 ]; then files="$files $out/linux.$m.out"; else files="$files /dev/null"; fi
done
awk -v modes="$modes" '
    FNR == 1 { f++ }
    /^[a-z_0-9]+ [0-9.]+$/ { v[f, $1] = $2; if (f == 1) names[++n] = $1 }
    function cell(x) { return x == "" ? "-" : x }
    function ratio(a, b) { return (a == "" || b == "" || b + 0 == 0) ? "-" : sprintf("%.2f", a / b) }
    END {
        nm = split(modes, m, " ")
        printf "%-10s", "benchmark"
        for (i = 1; i <= nm; i++)
            printf " %13s %13s %7s", "LingOS " m[i], "Linux " m[i], "ratio"
        printf "\n"
        for (k = 1; k <= n; k++) {
            name = names[k]
            label = (name == "open" || name == "fsync") ? name "*" : name
            printf "%-10s", label
            for (i = 1; i <= nm; i++) {
                a = v[2 * i - 1, name]; b = v[2 * i, name]
                printf " %13s %13s %7s", cell(a), cell(b), ratio(a, b)
            }
            printf "\n"
        }
    }' $files
# What a fork has to copy (LingOS) or share (Linux): the parent's resident set.
rss() { sed -n "s/^# $2: VmRSS:[[:space:]]*\([0-9]* kB\)/\1/p" "$out/$1.icount.out" 2>/dev/null | head -n 1; }
if [ $linux = 1 ]; then
    say "parent's VmRSS at fork: LingOS $(rss lingos fork), Linux $(rss linux fork);" \
        "at fork_8m: LingOS $(rss lingos fork_8m), Linux $(rss linux fork_8m)"
else
    say "parent's VmRSS at fork: $(rss lingos fork); at fork_8m: $(rss lingos fork_8m)"
fi
exit 0
