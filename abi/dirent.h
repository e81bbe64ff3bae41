/* Linux i386 ABI facts: the d_type values of getdents64's struct linux_dirent64 records
 * (Linux's include/linux/fs_types.h; glibc's <dirent.h> has the same). ext2 stores its
 * own file-type codes, which ext2_dir.c maps to these. Pure preprocessor definitions,
 * shared by the kernel (kernel/fs/dirent.h) and the user library (user/include/dirent.h). */
#ifndef ABI_DIRENT_H
#define ABI_DIRENT_H
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12
#endif
