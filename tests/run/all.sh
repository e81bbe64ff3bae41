#!/bin/sh
# Usage: all.sh "HOST_TESTS" KERNEL — runs every suite of `make test` and sums their
# closing "N passed, N failed" lines into the one closing line of the whole run. A suite
# that ends without such a line (a crash) counts as one failure.
set -u
host_tests=$1 kernel=$2
total_p=0 total_f=0
mkdir -p build/test-logs
run_suite() { # NAME CMD...
    name=$1
    shift
    echo "== $name"
    out=build/test-logs/suite-$(echo "$name" | tr '/ ' '__').out
    "$@" >"$out" 2>&1
    rc=$?
    grep -a -v -E '^ok ' "$out" | tail -n 40
    line=$(grep -a -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$out" | tail -n 1 |
           sed -E 's/^[A-Za-z-]+: //')
    if [ -z "$line" ]; then
        echo "  $name ended without a summary line (exit $rc)"
        total_f=$((total_f + 1))
        return
    fi
    p=$(echo "$line" | awk '{print $1}') f=$(echo "$line" | awk '{print $3}')
    [ "$rc" != 0 ] && [ "$f" = 0 ] && { echo "  $name exited $rc"; f=1; }
    total_p=$((total_p + p)) total_f=$((total_f + f))
}
for t in $host_tests; do
    run_suite "$t" "$t"
done
run_suite "QEMU boot tests" sh tests/run/boot-tests.sh "$kernel"
[ -f tests/run/guest-tests.sh ] && run_suite "user programs (host and LingOS)" sh tests/run/guest-tests.sh "$kernel"
run_suite "random system calls (LingOS)" sh tests/run/fuzz-tests.sh
echo "$total_p passed, $total_f failed"
[ "$total_f" = 0 ]
