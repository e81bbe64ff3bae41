# LingOS build. `make` builds the kernel; `make run` boots it; `make test` runs the whole
# suite. Every kernel/**/*.c and *.S is part of the kernel; tests/host/*.mk and bench/*.mk
# fragments add host tests, benchmarks and fuzzers.

BUILD   := build
HOSTB   := $(BUILD)/host
MEM     ?= 128M
QEMU    ?= qemu-system-i386

CC      := gcc
KCFLAGS := -m32 -std=gnu11 -ffreestanding -fno-pie -fno-pic -fno-stack-protector \
           -fno-omit-frame-pointer -fno-asynchronous-unwind-tables -mgeneral-regs-only \
           -mno-red-zone -O2 -g -Wall -Wextra -Werror -I. -Ikernel -MMD -MP
KASFLAGS := -m32 -g -I. -Ikernel -MMD -MP
KLDFLAGS := -m elf_i386 -nostdlib -z noexecstack --no-warn-rwx-segments -T kernel/arch/i386/linker.ld

HOST_CC     := gcc
HOST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
               -fno-omit-frame-pointer -fno-sanitize-recover=all -DHOST_BUILD -I. -Ikernel
BENCH_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -DHOST_BUILD -I. -Ikernel

KSRC  := $(shell find kernel -name '*.c' -o -name '*.S' | sort)
KOBJ  := $(patsubst %,$(BUILD)/%.o,$(KSRC))
KERNEL := $(BUILD)/lingos.elf
LIBGCC := $(shell $(CC) -m32 -print-libgcc-file-name)

HOST_TESTS :=
BENCHES    :=
FUZZERS    :=
GUEST_TESTS :=

.PHONY: all run test debug iso clean deps bench fuzz host-tests boot-tests
all: $(KERNEL)

-include $(wildcard tests/host/*.mk tests/glibc/*.mk bench/*.mk user/*.mk)

$(BUILD)/%.c.o: %.c
	@mkdir -p $(@D)
	@echo '  CC    $<'
	@$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/%.S.o: %.S
	@mkdir -p $(@D)
	@echo '  AS    $<'
	@$(CC) $(KASFLAGS) -c $< -o $@

# Two links: the first yields the addresses for the symbol table, the second adds the
# table in the last loaded section, so no code moves.
$(BUILD)/ksyms0.S: scripts/gen-ksyms.sh
	@mkdir -p $(@D)
	sh scripts/gen-ksyms.sh > $@
$(BUILD)/lingos0.elf: $(KOBJ) $(BUILD)/ksyms0.S.o kernel/arch/i386/linker.ld
	ld $(KLDFLAGS) -o $@ $(KOBJ) $(BUILD)/ksyms0.S.o $(LIBGCC)
$(BUILD)/ksyms.S: $(BUILD)/lingos0.elf scripts/gen-ksyms.sh
	sh scripts/gen-ksyms.sh $< > $@
$(KERNEL): $(KOBJ) $(BUILD)/ksyms.S.o kernel/arch/i386/linker.ld
	ld $(KLDFLAGS) -o $@ $(KOBJ) $(BUILD)/ksyms.S.o $(LIBGCC)
$(BUILD)/ksyms0.S.o: $(BUILD)/ksyms0.S
	$(CC) $(KASFLAGS) -c $< -o $@
$(BUILD)/ksyms.S.o: $(BUILD)/ksyms.S
	$(CC) $(KASFLAGS) -c $< -o $@

deps:
	@sh scripts/deps.sh

run: deps all
	@sh scripts/run.sh $(KERNEL) $(MEM)

debug: deps all
	@sh scripts/debug.sh $(KERNEL) $(MEM)

iso: deps $(BUILD)/lingos.iso
$(BUILD)/lingos.iso: $(KERNEL) scripts/mkiso.sh
	sh scripts/mkiso.sh $(KERNEL) $@

# The whole suite: host tests, then QEMU boots; one closing "N passed, N failed" line.
test: deps all $(HOST_TESTS) $(GUEST_TESTS)
	@sh tests/run/all.sh "$(HOST_TESTS)" "$(KERNEL)"

bench: $(BENCHES)
	@for b in $(BENCHES); do echo "== $$b"; $$b || exit 1; done

FUZZ_SECONDS ?= 60
fuzz: $(FUZZERS)
	@for f in $(FUZZERS); do echo "== $$f ($(FUZZ_SECONDS) s)"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 || exit 1; done

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
