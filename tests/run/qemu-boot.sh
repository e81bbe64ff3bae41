#!/bin/sh
# Usage: qemu-boot.sh NAME EXPECT TIMEOUT KERNEL MEM "CMDLINE" [QEMU ARGS...]
# Boots KERNEL once under QEMU and judges how it ended. EXPECT is:
#   pass   the kernel exited through debug-exit with QEMU_EXIT_PASS (QEMU status 1)
#   fail   ... with QEMU_EXIT_FAIL (status 3)
#   panic  ... with QEMU_EXIT_PANIC (status 251)
# Status 0 is a triple fault or reboot (-no-reboot), 124 a timeout: never a pass.
# COM1 goes to build/test-logs/NAME.log, COM2 (the kernel log) to NAME.klog; both are
# kept, and on failure the tail of the log is shown.
set -u
name=$1 expect=$2 tmo=$3 kernel=$4 mem=$5 cmdline=$6
shift 6
logdir=build/test-logs
mkdir -p "$logdir"
log=$logdir/$name.log klog=$logdir/$name.klog
accel=${LINGOS_ACCEL_ARGS:-$(sh scripts/qemu-args.sh "$kernel")}
timeout --foreground -k 5 "$tmo" qemu-system-i386 $accel -machine pc -m "$mem" -no-reboot \
    -display none -nodefaults -device isa-debug-exit,iobase=0xf4,iosize=0x04 \
    -serial "file:$log" -serial "file:$klog" -kernel "$kernel" -append "$cmdline" "$@" \
    </dev/null >"$logdir/$name.qemu" 2>&1
rc=$?
case $expect in
pass) want=1 ;; fail) want=3 ;; panic) want=251 ;; *) echo "qemu-boot: bad EXPECT $expect"; exit 2 ;;
esac
why=""
case $rc in
"$want") ;;
0) why="triple fault or reboot (QEMU exited 0)" ;;
124|137) why="timed out after ${tmo}s (hang)" ;;
1) why="exited with PASS, expected $expect" ;;
3) why="exited with FAIL" ;;
251) why="kernel panic" ;;
*) why="QEMU exited $rc" ;;
esac
if [ -z "$why" ] && [ "$expect" != panic ] && grep -q "KERNEL PANIC" "$klog"; then
    why="kernel panic in the log"
fi
if [ -n "$why" ]; then
    echo "  boot $name: $why; log kept in $klog:"
    tail -n 30 "$klog" | sed 's/^/  | /'
    [ -s "$logdir/$name.qemu" ] && sed 's/^/  | qemu: /' "$logdir/$name.qemu" | tail -n 5
    exit 1
fi
exit 0
