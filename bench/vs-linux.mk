# LingOS against Linux (bench/vs_linux/run.sh): one static i386 program built against
# the host's glibc, so it depends on nothing of ours, booted as init on both kernels in
# the same QEMU. The run script fetches Debian's i386 kernel on first use
# (scripts/linux-i386-kernel.sh) and skips the Linux half, still exiting 0, without it.
VS_LINUX_BIN := $(BUILD)/vs_linux/bench
BENCHES      += bench/vs_linux/run.sh

$(VS_LINUX_BIN): bench/vs_linux/bench.c
	@mkdir -p $(@D)
	@echo '  GLIBC $<'
	@$(CC) -m32 -static -O2 -Wall -Wextra -Werror -o $@ $<

bench: $(VS_LINUX_BIN) $(KERNEL)
