#!/bin/sh
# Usage: guest-tests.sh KERNEL — the user-space test programs, each run twice: natively on
# the Linux host (the oracle: the expectation is right) and inside LingOS (the kernel is
# right). Then the glibc leg: tests/glibc/*.c and the same user/tests/*.c built against
# the host's glibc (`gcc -m32 -static`; tests/glibc/dyn_*.c without -static, on the
# 32-bit glibc build/root.img stages), run natively and on LingOS as /host/NAME; for
# tests/glibc programs the two outputs must be the same. Last, e2fsck -fn on every image
# a LingOS run wrote to.
#
# Builds nothing but the glibc binaries (and those only when no makefile rule did);
# `make test` built GUEST_TESTS and build/root.img. Prints one "ok WHAT" or "FAIL WHAT:
# why" per (program, platform) pair and per image checked, and closes with
# "N passed, N failed". Logs go to build/test-logs/{guest,glibc}-NAME.{native,lingos,klog}.
#
#   GUEST_TIMEOUT  seconds for one run, natively or in LingOS (default 90)
#   GUEST_ONLY     space-separated names to run: NAME, glibc-NAME (default: all)
#   MEM            guest RAM (default 128M)
set -u
kernel=${1:-build/lingos.elf}
root=$(pwd)
tmo=${GUEST_TIMEOUT:-90}
mem=${MEM:-128M}
logdir=$root/build/test-logs
mkdir -p "$logdir" build/glibc/tests
passed=0 failed=0 images=""
start=$(date +%s)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/guest-tests.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
LINGOS_ACCEL_ARGS=$(sh scripts/qemu-args.sh "$kernel")
export LINGOS_ACCEL_ARGS

pass() { passed=$((passed + 1)); echo "ok $1"; }
fail() { # WHAT REASON [LOG]
    failed=$((failed + 1))
    echo "FAIL $1: $2"
    if [ $# -ge 3 ] && [ -s "$3" ]; then tail -n 15 "$3" | sed 's/^/  | /'; fi
}
wanted() { [ -z "${GUEST_ONLY:-}" ] || echo " $GUEST_ONLY " | grep -q " $1 "; }

# A test program passed when it exited 0 and its last line is "N passed, 0 failed".
judge() { # WHAT RC OUTFILE
    last=$(tail -n 1 "$3")
    if [ "$2" = 0 ] && echo "$last" | grep -qE '^[0-9]+ passed, 0 failed$'; then
        pass "$1"
    elif [ "$2" = 124 ] || [ "$2" = 137 ]; then
        fail "$1" "timed out after ${tmo}s" "$3"
    elif [ "$2" = 125 ]; then
        fail "$1" "the kernel panicked, faulted or hung (osrun exit 125)" "$3"
    elif [ "$2" -gt 128 ] && [ "$2" -lt 160 ]; then
        fail "$1" "killed by signal $(($2 - 128))" "$3"
    else
        fail "$1" "exit status $2, last line '$last'" "$3"
    fi
}

# Runs the host binary BIN natively in a scratch directory that is also its TMPDIR;
# output to OUT; returns its exit status.
run_native() { # BIN OUT
    work=$tmp/native
    rm -rf "$work" && mkdir -p "$work"
    (cd "$work" && TMPDIR=$work timeout -k 5 "$tmo" "$1" </dev/null >"$2" 2>&1)
    rc=$?
    rm -rf "$work"
    return $rc
}

# Runs PROG inside LingOS on a copy of build/root.img (plus HOSTFILE as /host/NAME when
# given), keeping the written image as $tmp/TAG.img for e2fsck; returns osrun's status.
run_lingos() { # TAG PROG OUT [HOSTFILE]
    tag=$1 prog=$2 out=$3
    klog=$logdir/$tag.klog
    if [ $# -ge 4 ]; then
        sh scripts/osrun -n -m "$mem" -t "$tmo" -f "$4" -k "$tmp/$tag.img" -l "$klog" \
            -- "$prog" </dev/null >"$out" 2>&1
    else
        cp --sparse=always build/root.img "$tmp/$tag.img"
        sh scripts/osrun -n -m "$mem" -t "$tmo" -i "$tmp/$tag.img" -l "$klog" \
            -- "$prog" </dev/null >"$out" 2>&1
    fi
    rc=$?
    [ -f "$tmp/$tag.img" ] && images="$images $tag"
    if [ $rc = 125 ] || grep -q "KERNEL PANIC" "$klog" 2>/dev/null; then
        echo "  (kernel log: $klog)"
    fi
    return $rc
}

# A program of ours (build/user/tests/NAME): natively, then in LingOS as /tests/NAME.
guest_test() { # NAME
    run_native "$root/build/user/tests/$1" "$logdir/guest-$1.native"
    judge "native $1" $? "$logdir/guest-$1.native"
    run_lingos "guest-$1" "/tests/$1" "$logdir/guest-$1.lingos"
    judge "lingos $1" $? "$logdir/guest-$1.lingos"
}

# Builds the glibc binary OUT from SRC unless a makefile rule already made it current;
# tests/glibc/dyn_NAME.c is linked dynamically (LingOS runs it with the image's ld.so).
glibc_build() { # SRC OUT
    [ -x "$2" ] && [ "$2" -nt "$1" ] && return 0
    static=-static
    case ${1##*/} in dyn_*) static= ;; esac
    gcc -m32 $static -O2 -w -pthread -Itests/host -o "$2" "$1" 2>"$tmp/gcc.err" && return 0
    fail "glibc build of $1" "gcc -m32 $static failed (is gcc-multilib installed?)" "$tmp/gcc.err"
    return 1
}

# A tests/glibc program: exit status and output must match between the two runs.
glibc_program() { # NAME
    bin=build/glibc/$1
    glibc_build "tests/glibc/$1.c" "$bin" || return
    nat=$logdir/glibc-$1.native los=$logdir/glibc-$1.lingos
    run_native "$root/$bin" "$nat"
    nrc=$?
    if [ $nrc = 0 ]; then pass "native glibc $1"; else fail "native glibc $1" "exit status $nrc" "$nat"; fi
    run_lingos "glibc-$1" "/host/$1" "$los" "$bin"
    lrc=$?
    if [ $lrc != $nrc ]; then
        fail "lingos glibc $1" "exit status $lrc, natively $nrc" "$los"
    elif ! cmp -s "$nat" "$los"; then
        diff "$nat" "$los" >"$tmp/diff"
        fail "lingos glibc $1" "output differs from the native run (< native, > LingOS)" "$tmp/diff"
    else
        pass "lingos glibc $1"
    fi
}

# One of our test programs built against glibc: judged like the test itself.
glibc_test() { # NAME
    bin=build/glibc/tests/$1
    glibc_build "user/tests/$1.c" "$bin" || return
    run_native "$root/$bin" "$logdir/glibc-$1.native"
    judge "native glibc $1" $? "$logdir/glibc-$1.native"
    run_lingos "glibc-$1" "/host/$1" "$logdir/glibc-$1.lingos" "$bin"
    judge "lingos glibc $1" $? "$logdir/glibc-$1.lingos"
}

if [ ! -f build/root.img ]; then
    fail "guest tests" "no build/root.img (make test builds it)"
else
    for t in build/user/tests/*; do
        name=${t##*/}
        case $name in *.o | *.d) continue ;; esac
        [ -f "$t" ] && [ -x "$t" ] && wanted "$name" && guest_test "$name"
    done
    for src in tests/glibc/*.c; do
        name=$(basename "$src" .c)
        [ -f "$src" ] && wanted "glibc-$name" && glibc_program "$name"
    done
    for src in user/tests/*.c; do
        name=$(basename "$src" .c)
        [ -f "$src" ] && wanted "glibc-$name" && glibc_test "$name"
    done
fi

# Every image a LingOS run wrote to must still be a clean ext2 file system.
for tag in $images; do
    e2fsck -fn "$tmp/$tag.img" >"$logdir/$tag.e2fsck" 2>&1
    rc=$?
    if [ $rc = 0 ]; then pass "e2fsck after $tag"
    else fail "e2fsck after $tag" "e2fsck -fn exited $rc" "$logdir/$tag.e2fsck"; fi
    rm -f "$tmp/$tag.img"
done

echo "guest tests took $(($(date +%s) - start)) s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
