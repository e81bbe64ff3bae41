#!/bin/sh
# Usage: fuzz-tests.sh — the kernel against random system calls with hostile arguments
# (user/bin/sysfuzz run as init in LingOS): every round's child may die, the kernel may
# not panic or hang, and the disk it ran on must pass e2fsck -fn afterwards. Two fixed
# seeds by default, so a run is reproducible (FUZZ_SEEDS="..." to choose others;
# FUZZ_RANDOM=1 adds one drawn now). A failure is replayed with
# `scripts/osrun -- /bin/sysfuzz ROUNDS CALLS SEED`.
set -u
rounds=${FUZZ_ROUNDS:-60} calls=${FUZZ_CALLS:-400}
logdir=build/test-logs
mkdir -p "$logdir"
passed=0 failed=0
seeds=${FUZZ_SEEDS:-"0x5eed1234abcd 777"}
[ -n "${FUZZ_RANDOM:-}" ] && seeds="$seeds $(od -An -N4 -tu4 /dev/urandom | tr -d ' ')"
for seed in $seeds; do
    img=$logdir/sysfuzz-$seed.img klog=$logdir/sysfuzz-$seed.klog
    out=$(sh scripts/osrun -n -t 400 -k "$img" -l "$klog" -- /bin/sysfuzz "$rounds" "$calls" "$seed" </dev/null 2>&1)
    rc=$?
    line=$(printf '%s\n' "$out" | grep -a -E '^[0-9]+ passed, [0-9]+ failed' | tail -n 1)
    if [ $rc = 0 ] && [ "$line" = "$rounds passed, 0 failed" ] && e2fsck -fn "$img" >/dev/null 2>&1; then
        passed=$((passed + 1)); echo "ok   sysfuzz seed $seed ($rounds rounds of $calls calls)"
    else
        failed=$((failed + 1)); echo "FAIL sysfuzz seed $seed: exit $rc, '$line' (kernel log $klog)"
        printf '%s\n' "$out" | tail -n 5 | sed 's/^/  | /'
        e2fsck -fn "$img" 2>&1 | tail -n 3 | sed 's/^/  | fsck: /'
    fi
    rm -f "$img"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
