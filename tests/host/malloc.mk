# The user-space allocator (issue 7), user/lib/malloc.c, on the host.
#
#   libmalloc.a            static host library (real names: links in place of glibc's malloc)
#   libmalloc_preload.so   the same for LD_PRELOAD
#   test_malloc, fuzz_malloc  unit and random-operation tests; they build malloc.c with
#                          -DMALLOC_PREFIX_LM (lm_malloc ...), so the allocator runs beside
#                          glibc's and the sanitizers of HOST_CFLAGS still apply
#   test_preload           tests/host/test_preload.sh next to the .so it preloads
#   bench_malloc (+ _ours) bench/bench_malloc.c linked against glibc's and our malloc
#   os-check/malloc.o      the LingOS (freestanding i386) compile of malloc.c, so `make test`
#                          fails if it stops building for the OS
#
# An allocator that replaces malloc cannot run under ASan, so the library, the preload .so
# and the benchmark use BENCH_CFLAGS.

MALLOC_C    := user/lib/malloc.c
MALLOC_DEPS := $(MALLOC_C) user/lib/malloc.h user/lib/malloc_sys.h abi/syscalls.h abi/errno.h
MALLOC_TEST_FLAGS := -DMALLOC_PREFIX_LM -I. -Itests/host -pthread
MALLOC_OS_CFLAGS  := -m32 -ffreestanding -fno-pie -fno-stack-protector -nostdlib -O2 -I. \
                     -Wall -Wextra -Werror
MALLOC_BENCH_FLAGS := -fno-builtin-malloc -fno-builtin-free -fno-builtin-realloc \
                      -fno-builtin-calloc

HOST_TESTS += $(HOSTB)/test_malloc $(HOSTB)/fuzz_malloc $(HOSTB)/test_preload
BENCHES    += $(HOSTB)/bench_malloc

$(HOSTB)/os-check/malloc.o: $(MALLOC_DEPS)
	@mkdir -p $(@D)
	$(CC) $(MALLOC_OS_CFLAGS) -c $(MALLOC_C) -o $@

$(HOSTB)/test_malloc: tests/host/test_malloc.c $(MALLOC_DEPS) tests/host/check.h \
                      $(HOSTB)/os-check/malloc.o
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(MALLOC_TEST_FLAGS) -o $@ tests/host/test_malloc.c $(MALLOC_C)

$(HOSTB)/fuzz_malloc: tests/host/fuzz_malloc.c $(MALLOC_DEPS) tests/host/check.h
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) $(MALLOC_TEST_FLAGS) -o $@ tests/host/fuzz_malloc.c $(MALLOC_C)

$(HOSTB)/malloc/malloc.o: $(MALLOC_DEPS)
	@mkdir -p $(@D)
	$(HOST_CC) $(BENCH_CFLAGS) -c $(MALLOC_C) -o $@

$(HOSTB)/libmalloc.a: $(HOSTB)/malloc/malloc.o
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(HOSTB)/libmalloc_preload.so: $(MALLOC_DEPS)
	@mkdir -p $(@D)
	$(HOST_CC) $(BENCH_CFLAGS) -fPIC -shared -fno-semantic-interposition -o $@ $(MALLOC_C)

$(HOSTB)/test_preload: tests/host/test_preload.sh $(HOSTB)/libmalloc_preload.so
	@mkdir -p $(@D)
	cp $< $@ && chmod +x $@

$(HOSTB)/bench_malloc_ours: bench/bench_malloc.c $(HOSTB)/libmalloc.a
	@mkdir -p $(@D)
	$(HOST_CC) $(BENCH_CFLAGS) $(MALLOC_BENCH_FLAGS) -o $@ $< $(HOSTB)/libmalloc.a

$(HOSTB)/bench_malloc: bench/bench_malloc.c | $(HOSTB)/bench_malloc_ours
	@mkdir -p $(@D)
	$(HOST_CC) $(BENCH_CFLAGS) $(MALLOC_BENCH_FLAGS) -o $@ $<
