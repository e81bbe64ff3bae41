# Host tests, fuzzers and the benchmark of the physical memory layer (issue 3):
# kernel/mm/buddy.c and kernel/mm/kheap.c built for the host with -DHOST_BUILD.

FUZZ_CC     ?= clang
FUZZ_CFLAGS ?= -std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=fuzzer,address,undefined \
               -fno-sanitize-recover=all -DHOST_BUILD -I. -Ikernel

MM_HDRS := kernel/mm/buddy.h kernel/mm/page.h kernel/mm/kheap.h kernel/lib/list.h \
           kernel/lib/pure.h kernel/lib/panic.h tests/host/check.h tests/host/buddy_model.h
BUDDY_C := kernel/mm/buddy.c
KHEAP_C := kernel/mm/kheap.c

HOST_TESTS += $(HOSTB)/test_buddy $(HOSTB)/test_kheap $(HOSTB)/fuzz_buddy
BENCHES    += $(HOSTB)/bench_buddy
FUZZERS    += $(HOSTB)/libfuzz_buddy

$(HOSTB)/test_buddy: tests/host/test_buddy.c $(BUDDY_C) $(MM_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $(filter %.c,$^)

$(HOSTB)/fuzz_buddy: tests/host/fuzz_buddy.c $(BUDDY_C) $(MM_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $(filter %.c,$^)

$(HOSTB)/test_kheap: tests/host/test_kheap.c $(KHEAP_C) $(BUDDY_C) $(MM_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $(filter %.c,$^)

$(HOSTB)/bench_buddy: bench/bench_buddy.c $(BUDDY_C) $(MM_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) $(BENCH_CFLAGS) -o $@ $(filter %.c,$^)

$(HOSTB)/libfuzz_buddy: tests/host/libfuzz_buddy.c $(BUDDY_C) $(MM_HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $(filter %.c,$^)
