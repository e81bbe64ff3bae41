# User space (issues 5 and 6): the C library, the programs, the test programs and the root
# file-system image. Everything here is a static i386 ELF with Linux's syscall ABI, so it
# runs both on LingOS and natively on the Linux host.
#
#   $(UBUILD)/crt0.o           _start (user/lib/crt0.S)
#   $(UBUILD)/libc.a           user/lib/*.c *.S (but crt0) + kernel/lib/string.c, vsnprintf.c
#   $(UBUILD)/bin/NAME         from user/bin/NAME.c, or from every .c in user/bin/NAME/
#   $(UBUILD)/tests/NAME       from user/tests/NAME.c (may include tests/host/check.h)
#   $(BUILD)/root/             the staged root: bin/ tests/ etc/ tmp/ dev/ proc/ host/
#   $(BUILD)/root.img          ext2 image of it (scripts/mkimage.sh, else mke2fs directly)
#   make user                  the library, programs and tests without the image
#
# USER_BINS / USER_TEST_BINS list the programs; GUEST_TESTS gets the test programs.

UBUILD   := $(BUILD)/user
GCC_INC  := $(shell $(CC) -print-file-name=include)
UCFLAGS  := -m32 -std=gnu11 -ffreestanding -fno-pie -fno-pic -fno-stack-protector \
            -fno-asynchronous-unwind-tables -O2 -g -Wall -Wextra -Werror \
            -nostdinc -I. -isystem user/include -isystem $(GCC_INC) -MD -MP
UASFLAGS := -m32 -g -MD -MP
ULDFLAGS := -m32 -static -nostdlib -no-pie -Wl,-z,noexecstack
ULIBGCC  := $(shell $(CC) -m32 -print-libgcc-file-name)
ROOT_IMG_MB ?= 64

# The kernel's pure string and printf code, built a second time for user space.
ULIB_KSRC := kernel/lib/string.c kernel/lib/vsnprintf.c
ULIB_SRC  := $(filter-out user/lib/crt0.S,$(sort $(wildcard user/lib/*.c user/lib/*.S)))
ULIB_OBJ  := $(patsubst user/lib/%,$(UBUILD)/lib/%.o,$(ULIB_SRC)) \
             $(patsubst kernel/lib/%,$(UBUILD)/klib/%.o,$(ULIB_KSRC))
ULIBC     := $(UBUILD)/libc.a
UCRT0     := $(UBUILD)/crt0.o

USER_BIN_ONEFILE := $(patsubst user/bin/%.c,%,$(wildcard user/bin/*.c))
USER_BIN_DIRS    := $(patsubst user/bin/%/,%,$(sort $(dir $(wildcard user/bin/*/*.c))))
USER_BINS        := $(addprefix $(UBUILD)/bin/,$(USER_BIN_ONEFILE) $(USER_BIN_DIRS))
USER_TEST_BINS   := $(patsubst user/tests/%.c,$(UBUILD)/tests/%,$(wildcard user/tests/*.c))
GUEST_TESTS      += $(USER_TEST_BINS)

.PHONY: user
user: $(USER_BINS) $(USER_TEST_BINS)
all: $(BUILD)/root.img

$(UCRT0): user/lib/crt0.S
	@mkdir -p $(@D)
	@echo '  UAS   $<'
	@$(CC) $(UASFLAGS) -c $< -o $@

$(UBUILD)/lib/%.c.o: user/lib/%.c
	@mkdir -p $(@D)
	@echo '  UCC   $<'
	@$(CC) $(UCFLAGS) -c $< -o $@

$(UBUILD)/lib/%.S.o: user/lib/%.S
	@mkdir -p $(@D)
	@echo '  UAS   $<'
	@$(CC) $(UASFLAGS) -c $< -o $@

$(UBUILD)/klib/%.c.o: kernel/lib/%.c
	@mkdir -p $(@D)
	@echo '  UCC   $<'
	@$(CC) $(UCFLAGS) -Ikernel -c $< -o $@

$(ULIBC): $(ULIB_OBJ)
	@echo '  AR    $@'
	@rm -f $@ && ar rcs $@ $^

# One program from its objects: crt0 first, the library and libgcc last.
define user_link
	@mkdir -p $(@D)
	@echo '  ULD   $@'
	@$(CC) $(ULDFLAGS) -o $@ $(UCRT0) $(filter-out $(UCRT0),$(filter %.o,$^)) $(ULIBC) $(ULIBGCC)
endef

$(UBUILD)/bin/%.o: user/bin/%.c
	@mkdir -p $(@D)
	@echo '  UCC   $<'
	@$(CC) $(UCFLAGS) -c $< -o $@

$(UBUILD)/tests/%.o: user/tests/%.c
	@mkdir -p $(@D)
	@echo '  UCC   $<'
	@$(CC) $(UCFLAGS) -Itests/host -c $< -o $@

$(addprefix $(UBUILD)/bin/,$(USER_BIN_ONEFILE)): $(UBUILD)/bin/%: $(UBUILD)/bin/%.o $(UCRT0) $(ULIBC)
	$(user_link)

# Multi-file programs: user/bin/NAME/*.c -> $(UBUILD)/bin/NAME.objs/*.o -> $(UBUILD)/bin/NAME.
define user_dir_prog
$(UBUILD)/bin/$(1): $(patsubst user/bin/$(1)/%.c,$(UBUILD)/bin/$(1).objs/%.o,$(wildcard user/bin/$(1)/*.c)) $(UCRT0) $(ULIBC)
	$$(user_link)
$(UBUILD)/bin/$(1).objs/%.o: user/bin/$(1)/%.c
	@mkdir -p $$(@D)
	@echo '  UCC   $$<'
	@$$(CC) $$(UCFLAGS) -c $$< -o $$@
endef
$(foreach d,$(USER_BIN_DIRS),$(eval $(call user_dir_prog,$(d))))

$(USER_TEST_BINS): $(UBUILD)/tests/%: $(UBUILD)/tests/%.o $(UCRT0) $(ULIBC)
	$(user_link)

# The root file system: staged afresh each time any program changes (programs without
# debug information; build/user keeps the unstripped ones for gdb).
# root-contents.txt changes only when the list of programs does, so removing one restages.
# Dynamically linked i386 programs (gcc -m32 without -static, Debian i386 binaries) need
# the host's 32-bit glibc runtime where its ld.so looks: Debian's libc6-i386 (pulled in by
# gcc-multilib) puts the loader at /lib32/ld-linux.so.2, reached through the PT_INTERP
# path /lib/ld-linux.so.2, and the libraries in /lib32 (ld.so's default directory; no
# /etc/ld.so.cache is needed). Staged: the glibc libraries, libgcc_s and libstdc++ (not
# the sanitizers); whatever the host lacks is skipped.
GLIBC32_NAMES := ld-linux.so.2 libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1 \
                 libresolv.so.2 libutil.so.1 libanl.so.1 libnss_files.so.2 libnss_dns.so.2 \
                 libgcc_s.so.1 libstdc++.so.6
GLIBC32_LIBS  := $(wildcard $(addprefix /lib32/,$(GLIBC32_NAMES)))

MKIMAGE   := $(wildcard scripts/mkimage.sh)
ROOT_LIST := $(UBUILD)/root-contents.txt
ROOT_WANT := $(notdir $(USER_BINS)) tests: $(notdir $(USER_TEST_BINS))
$(shell mkdir -p $(UBUILD) && { [ "$$(cat $(ROOT_LIST) 2>/dev/null)" = "$(ROOT_WANT)" ] || \
  echo "$(ROOT_WANT)" > $(ROOT_LIST); })
$(BUILD)/root.img: $(USER_BINS) $(USER_TEST_BINS) $(ROOT_LIST) user/user.mk $(MKIMAGE) $(GLIBC32_LIBS)
	@echo '  IMAGE $@'
	@rm -rf $(BUILD)/root
	@mkdir -p $(BUILD)/root/bin $(BUILD)/root/tests $(BUILD)/root/etc $(BUILD)/root/tmp \
	          $(BUILD)/root/dev $(BUILD)/root/proc $(BUILD)/root/host
	@cp $(USER_BINS) $(BUILD)/root/bin/
	@$(if $(USER_TEST_BINS),cp $(USER_TEST_BINS) $(BUILD)/root/tests/)
	@strip --strip-debug $(BUILD)/root/bin/* $(if $(USER_TEST_BINS),$(BUILD)/root/tests/*)
	@chmod 1777 $(BUILD)/root/tmp
	@$(if $(GLIBC32_LIBS),mkdir -p $(BUILD)/root/lib $(BUILD)/root/lib32 && \
	  cp -L $(GLIBC32_LIBS) $(BUILD)/root/lib32/ && \
	  ln -s /lib32/ld-linux.so.2 $(BUILD)/root/lib/ld-linux.so.2)
	@printf 'Welcome to LingOS. Try: ls -l /bin, ps, free, memmap, malloc_demo.\n' > $(BUILD)/root/etc/motd
	@printf 'root:x:0:0:root:/:/bin/sh\n' > $(BUILD)/root/etc/passwd
	@printf 'root:x:0:\n' > $(BUILD)/root/etc/group
	@$(if $(MKIMAGE),sh $(MKIMAGE) $(BUILD)/root $@ $(ROOT_IMG_MB),\
	  rm -f $@ && mke2fs -q -F -t ext2 -b 4096 -E root_owner=0:0 -d $(BUILD)/root $@ $(ROOT_IMG_MB)M)
