#!/bin/sh
# Runs real host programs with user/lib/malloc.c LD_PRELOADed in place of glibc's malloc
# and checks that each runs to completion with the same output and status as without it:
# the system's python3 on an allocation-heavy script, sort (threaded) over a few MB, and
# gcc compiling and linking a small C program (the object file and the program's output
# must match), and python3 threads allocating while the main thread forks. LINGOS_MALLOC_STATS=1 makes the library print a "lingos-malloc:" line at
# exit, which proves the preload took effect.
#
# usage: test_preload.sh [path/to/libmalloc_preload.so]
# Prints "ok name" / "FAIL name" per program and "N passed, N failed"; exit 1 on failure.
set -u

here=$(dirname "$0")
lib=${1:-}
if [ -z "$lib" ]; then
    for c in "$here/libmalloc_preload.so" build/host/libmalloc_preload.so; do
        if [ -f "$c" ]; then lib=$c; break; fi
    done
fi
if [ -z "$lib" ] || [ ! -f "$lib" ]; then
    echo "FAIL libmalloc_preload.so not found (build it first)"
    echo "0 passed, 1 failed"
    exit 1
fi
lib=$(cd "$(dirname "$lib")" && pwd)/$(basename "$lib")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# check NAME COMMAND: runs the shell command plainly, then with the preload, and compares.
check() {
    name=$1
    cmd=$2
    sh -c "$cmd" >"$work/plain.out" 2>"$work/plain.err"
    plain_rc=$?
    env LD_PRELOAD="$lib" LINGOS_MALLOC_STATS=1 sh -c "$cmd" >"$work/pre.out" 2>"$work/pre.err"
    pre_rc=$?
    why=
    if [ $plain_rc -ne 0 ]; then why="fails even without the preload (status $plain_rc)"
    elif [ $pre_rc -ne 0 ]; then why="exit status $pre_rc under the preload"
    elif ! cmp -s "$work/plain.out" "$work/pre.out"; then why="output differs"
    elif ! grep -q '^lingos-malloc:' "$work/pre.err"; then why="the preload did not take effect"
    fi
    if [ -z "$why" ]; then
        echo "ok   $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name: $why"
        grep -v '^lingos-malloc:' "$work/pre.err" | head -5
        failed=$((failed + 1))
    fi
}

python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3)
cat >"$work/alloc.py" <<'EOF'
import json, hashlib, collections
words = {}
for i in range(200000):
    k = "key%d" % (i * 7919 % 100003)
    words.setdefault(k, []).append(str(i) * (i % 13 + 1))
lists = [list(range(i % 300)) for i in range(20000)]
counts = collections.Counter("".join(v[0] for v in words.values()))
blob = json.dumps({k: v[:3] for k, v in sorted(words.items())[:5000]})
again = json.loads(blob)
text = " ".join(sorted(words, key=lambda w: (len(w), w)))
del lists[::2]
print(len(words), sum(map(len, lists)), len(again), counts.most_common(3))
print(hashlib.sha256((blob + text).encode()).hexdigest())
EOF
check python3 "$python $work/alloc.py"

# Threads allocating while the main thread forks: the children must not inherit a held
# allocator lock (the pthread_atfork handlers in malloc_sys.h).
cat >"$work/fork.py" <<'EOF'
import os, threading
def churn(n):
    for i in range(3000):
        b = bytearray(1000 + (i * n) % 300000)
        s = [bytes(b[:64]) * 4 for _ in range(20)]
threads = [threading.Thread(target=churn, args=(n,)) for n in range(1, 5)]
for t in threads: t.start()
statuses = []
for i in range(40):
    pid = os.fork()
    if pid == 0:
        x = [bytearray(i * 1000) for _ in range(50)]
        os._exit(len(x) % 7)
    statuses.append(os.waitpid(pid, 0)[1] >> 8)
for t in threads: t.join()
print(statuses)
EOF
check python3-threads-fork "$python $work/fork.py"

awk 'BEGIN { x = 12345; for (i = 0; i < 300000; i++) {
        x = (x * 1103515245 + 12345) % 2147483648
        printf "%08x line %d %s\n", x, i, substr("abcdefghijklmnopqrstuvwxyz", x % 26 + 1) } }' \
    >"$work/big.txt"
# A big buffer sorts in memory with threads; a small one merges through temporary files.
check sort "sort --parallel=4 -S 64M $work/big.txt | cksum && sort -S 1M -T $work -n -k3 $work/big.txt | tail -3"

cat >"$work/prog.c" <<'EOF'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct node { struct node *next; char key[24]; int count; };
int main(void) {
    enum { BUCKETS = 4096 };
    struct node *table[BUCKETS] = {0};
    unsigned x = 1, distinct = 0;
    for (int i = 0; i < 200000; i++) {
        char key[24];
        x = x * 1664525u + 1013904223u;
        snprintf(key, sizeof key, "k%u", x % 50000);
        unsigned h = 0;
        for (char *p = key; *p; p++) h = h * 31 + (unsigned char)*p;
        struct node **slot = &table[h % BUCKETS];
        while (*slot && strcmp((*slot)->key, key)) slot = &(*slot)->next;
        if (!*slot) { *slot = calloc(1, sizeof **slot); strcpy((*slot)->key, key); distinct++; }
        (*slot)->count++;
    }
    printf("%u distinct keys\n", distinct);
    return 0;
}
EOF
check gcc "cd $work && gcc -O2 -c prog.c -o prog.o && cksum <prog.o && gcc prog.o -o prog && ./prog"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
