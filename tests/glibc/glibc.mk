# The glibc leg of the guest tests (tests/run/guest-tests.sh): static i386 binaries built
# with the host's glibc (gcc -m32 -static; Debian's gcc-multilib), run natively and on
# LingOS as /host/NAME.
#   $(BUILD)/glibc/NAME          from tests/glibc/NAME.c (its output must match natively);
#                                dyn_NAME is linked dynamically
#   $(BUILD)/glibc/tests/NAME    from user/tests/NAME.c, our test programs again, on glibc
# guest-tests.sh builds them itself when this fragment is not included.
GLIBC_PROGS      := $(patsubst tests/glibc/%.c,$(BUILD)/glibc/%,$(wildcard tests/glibc/*.c))
GLIBC_USER_TESTS := $(patsubst user/tests/%.c,$(BUILD)/glibc/tests/%,$(wildcard user/tests/*.c))
GUEST_TESTS      += $(GLIBC_PROGS) $(GLIBC_USER_TESTS)
GLIBC_CFLAGS     := -m32 -static -O2 -Wall -MMD -MP

$(BUILD)/glibc/%: tests/glibc/%.c
	@mkdir -p $(@D)
	@echo '  GLIBC $<'
	@$(CC) $(GLIBC_CFLAGS) -Werror -o $@ $<

# threads: POSIX threads (-pthread; glibc 2.34+ has them in libc, so it is mostly a no-op).
$(BUILD)/glibc/threads $(BUILD)/glibc/threads_churn $(BUILD)/glibc/threads_fork: GLIBC_CFLAGS += -pthread

# dyn_NAME: dynamically linked (no -static), run on LingOS through /lib/ld-linux.so.2 and
# the 32-bit glibc the root image stages from the host (user/user.mk).
$(BUILD)/glibc/dyn_%: tests/glibc/dyn_%.c
	@mkdir -p $(@D)
	@echo '  GLIBC $< (dynamic)'
	@$(CC) $(filter-out -static,$(GLIBC_CFLAGS)) -Werror -o $@ $<

# -w: glibc's headers warn about things our tests do on purpose (absurd malloc sizes).
$(BUILD)/glibc/tests/%: user/tests/%.c
	@mkdir -p $(@D)
	@echo '  GLIBC $<'
	@$(CC) $(GLIBC_CFLAGS) -w -Itests/host -o $@ $<
