#!/bin/sh
# Usage: boot-tests.sh KERNEL — the QEMU boot tests of the kernel itself: the banner and
# memory-map figures, the panic screen for deliberate exceptions, the harness's own
# failure detection, and the in-kernel tests (ktest=all).
set -u
kernel=$1
timeout=${BOOT_TIMEOUT:-60}
LINGOS_ACCEL_ARGS=$(sh scripts/qemu-args.sh "$kernel")
export LINGOS_ACCEL_ARGS
passed=0 failed=0
logdir=build/test-logs

result() { # NAME OK
    if [ "$2" = 0 ]; then passed=$((passed + 1)); echo "ok   boot $1"
    else failed=$((failed + 1)); echo "FAIL boot $1"; fi
}
boot() { # NAME EXPECT MEM CMDLINE [QEMU ARGS]
    n=$1 e=$2 m=$3 c=$4
    shift 4
    sh tests/run/qemu-boot.sh "$n" "$e" "$timeout" "$kernel" "$m" "$c" "$@"
}
has() { grep -q -- "$2" "$logdir/$1.klog" || { echo "  $1: log lacks /$2/"; return 1; }; }

# The usable RAM the banner reports must be the sum of the usable regions it lists, and
# close to what QEMU was given.
check_memory_figures() { # NAME MIB
    awk -v mib="$2" '
        function hex(s,   i, v) {
            v = 0; s = tolower(s); sub(/^0x/, "", s)
            for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
            return v
        }
        /^mem: \[0x/ && $3 == "usable" {
            split(substr($2, 2, length($2) - 2), r, "-")
            sum += hex(r[2]) - hex(r[1]) + 1
        }
        /^mem: usable RAM/ { kib = $4 }
        END {
            if (kib == "" || sum == 0) { print "  no memory figures"; exit 1 }
            if (sum / 1024 != kib) { print "  banner says " kib " KiB, regions sum to " sum / 1024; exit 1 }
            if (kib < (mib - 2) * 1024 || kib > mib * 1024) { print "  " kib " KiB for -m " mib "M"; exit 1 }
        }' "$logdir/$1.klog"
}

for mib in 64 128; do
    boot banner-$mib pass ${mib}M "ktest=timer_ticks panic=exit"
    ok=$?
    [ $ok = 0 ] && { has banner-$mib "^LingOS 0" && check_memory_figures banner-$mib $mib; ok=$?; }
    result "banner and memory map at ${mib} MiB" $ok
done

for kind in pagefault divide ud; do
    boot crash-$kind panic 64M "crash=$kind panic=exit"
    ok=$?
    [ $ok = 0 ] && { has crash-$kind "KERNEL PANIC: " && has crash-$kind "cr2=" &&
                     has crash-$kind "crash_on_purpose+0x"; ok=$?; }
    result "exception $kind is caught and reported" $ok
done
has crash-pagefault "KERNEL PANIC: page fault (vector 14" && has crash-pagefault "cr2=fffff000"
result "page fault report names the vector and CR2" $?

boot crash-doublefault panic 64M "crash=doublefault panic=exit"
ok=$?
[ $ok = 0 ] && { has crash-doublefault "KERNEL PANIC: double fault at eip" &&
                 has crash-doublefault "crash_on_purpose+0x"; ok=$?; }
result "a double fault is reported, not a triple fault" $ok

# The harness itself must fail a hanging kernel and a panicking one, not wait or pass.
BOOT_TIMEOUT_SAVE=$timeout timeout=8
boot harness-hang pass 64M "crash=hang panic=exit" >/dev/null 2>&1
[ $? != 0 ]; result "a hanging kernel fails by timeout" $?
timeout=$BOOT_TIMEOUT_SAVE
boot harness-panic pass 64M "crash=panic panic=exit" >/dev/null 2>&1
[ $? != 0 ]; result "a panicking kernel fails" $?

boot cmdline-warn pass 64M "bogus_option=1 ktest=timer_ticks panic=exit"
ok=$?; [ $ok = 0 ] && { has cmdline-warn "unknown option 'bogus_option'"; ok=$?; }
result "an unknown command-line option draws a warning" $ok

boot ktest-all pass ${MEM:-128M} "ktest=all panic=exit"
ok=$?
grep -E "^ktest: (ok|FAIL)" "$logdir/ktest-all.klog" | sed 's/^/  /'
result "in-kernel tests (ktest=all)" $ok

# The root disk: ktests read a staged file and write new ones through the VFS, ext2, the
# buffer cache and ATA; afterwards the image must be clean and hold what they wrote.
stage=build/test-logs/ktest-stage img=build/test-logs/ktest-disk.img
rm -rf "$stage" && mkdir -p "$stage/ktest" "$stage/proc" "$stage/dev"
seq 1 20000 > "$stage/ktest/known.txt"
sh scripts/mkimage.sh "$stage" "$img" 16
boot ktest-disk pass ${MEM:-128M} "ktest=all panic=exit" -drive "file=$img,format=raw,if=ide,index=0"
ok=$?
grep -E "^ktest: (ok|FAIL) +(vfs|ata|bcache)" "$logdir/ktest-disk.klog" | sed 's/^/  /'
[ $ok = 0 ] && { has ktest-disk "vfs: mounted hda on /" && e2fsck -fn "$img" >"$logdir/ktest-disk.fsck" 2>&1 &&
                 dumpe2fs -h "$img" 2>/dev/null | grep -q "state: *clean$" ||
                 { echo "  e2fsck -fn $img is not clean"; false; }; ok=$?; }
[ $ok = 0 ] && { debugfs -R "cat /ktest/written.txt" "$img" 2>/dev/null >"$logdir/ktest-disk.written" &&
                 seq 0 999 | sed 's/^/written /' | cmp -s - "$logdir/ktest-disk.written" ||
                 { echo "  /ktest/written.txt is not what the kernel wrote"; false; }; ok=$?; }
result "in-kernel tests on an ext2 root disk, e2fsck clean after" $ok

# A disk without a file system: the mount fails with a message, the kernel carries on.
head -c 1048576 /dev/zero > "$logdir/bad-disk.img"
boot bad-disk pass 64M "ktest=vfs_reads_known_file panic=exit" -drive "file=$logdir/bad-disk.img,format=raw,if=ide,index=0"
ok=$?; [ $ok = 0 ] && { has bad-disk "no usable ext2 file system"; ok=$?; }
result "a disk without ext2 is refused cleanly" $ok
# ---- end ----

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
