/* Host glue for the ext2 tests: an image file as an ext2_dev, malloc/time as the
 * ext2_env (with an allocation-failure switch), and small helpers around mke2fs/e2fsck. */
#ifndef TESTS_HOST_EXT2_HOST_H
#define TESTS_HOST_EXT2_HOST_H
#include "fs/ext2.h"
#include <stdbool.h>

struct image {
    int fd;
    uint32_t block_size;
    struct ext2_dev dev;
};

extern struct ext2_env host_env;
extern long host_alloc_budget;      /* allocations left before failing; -1 = unlimited */
extern long host_live_allocs;       /* outstanding allocations (leak check) */

int image_open(struct image *img, const char *path);   /* 0 or -errno */
void image_close(struct image *img);
/* Opens and mounts; NULL (and *err set) on failure. */
struct ext2_fs *mount_image(struct image *img, const char *path, int flags, int *err);

/* Runs a shell command (printf format); returns its exit status. */
int shell(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* e2fsck -fn on path: true when clean; on failure its output is printed. */
bool fsck_clean(const char *path);

/* Resolves an absolute path from the root; returns 0 or -errno. */
int resolve(struct ext2_fs *fs, const char *path, uint32_t *ino);
/* Splits "/a/b/c" into the directory inode of "/a/b" and the name "c". */
int resolve_parent(struct ext2_fs *fs, const char *path, uint32_t *dir, const char **name);
#endif
