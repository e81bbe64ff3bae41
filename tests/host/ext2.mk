# Host tests of the ext2 module (issue 6): kernel/fs/ext2*.c built for the host over an
# image file; the images come from mke2fs and every scenario ends with `e2fsck -fn`.

EXT2_C    := $(sort $(wildcard kernel/fs/ext2*.c))
EXT2_HDRS := $(wildcard kernel/fs/ext2*.h) kernel/lib/pure.h kernel/lib/errno.h abi/errno.h abi/dirent.h \
             kernel/lib/panic.h tests/host/check.h tests/host/ext2_host.h

HOST_TESTS += $(HOSTB)/test_ext2

$(HOSTB)/test_ext2: tests/host/test_ext2.c tests/host/ext2_host.c $(EXT2_C) $(EXT2_HDRS)
	@mkdir -p $(@D)
	$(HOST_CC) $(HOST_CFLAGS) -o $@ $(filter %.c,$^)
