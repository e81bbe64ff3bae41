/* The stat layouts of Linux's i386 ABI: struct stat64 (arch/x86/include/uapi/asm/stat.h;
 * i386 aligns 64-bit members to 4 bytes, which gcc -m32 does too) and struct statx
 * (include/uapi/linux/stat.h). */
#ifndef SYSCALL_STAT_ABI_H
#define SYSCALL_STAT_ABI_H
#include <stdint.h>

struct stat64_abi {
    uint64_t st_dev;
    uint8_t pad0[4];
    uint32_t st_ino32;
    uint32_t st_mode, st_nlink, st_uid, st_gid;
    uint64_t st_rdev;
    uint8_t pad3[4];
    int64_t st_size;
    uint32_t st_blksize;
    uint64_t st_blocks;
    uint32_t st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
    uint64_t st_ino;
};
_Static_assert(sizeof(struct stat64_abi) == 96, "struct stat64 is 96 bytes on i386");

struct statx_timestamp_abi {
    int64_t tv_sec;
    uint32_t tv_nsec;
    int32_t reserved;
};

struct statx_abi {
    uint32_t stx_mask, stx_blksize;
    uint64_t stx_attributes;
    uint32_t stx_nlink, stx_uid, stx_gid;
    uint16_t stx_mode, spare0;
    uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
    struct statx_timestamp_abi stx_atime, stx_btime, stx_ctime, stx_mtime;
    uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
    uint64_t spare2[14];
};
_Static_assert(sizeof(struct statx_abi) == 256, "struct statx is 256 bytes");

#define STATX_BASIC_STATS 0x000007ffu
#endif
