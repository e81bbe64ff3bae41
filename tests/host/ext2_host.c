/* Host glue for the ext2 tests (see ext2_host.h). */
#include "ext2_host.h"
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

long host_alloc_budget = -1;
long host_live_allocs;

static void *host_alloc(size_t n) {
    if (host_alloc_budget == 0)
        return NULL;
    if (host_alloc_budget > 0)
        host_alloc_budget--;
    host_live_allocs++;
    return malloc(n);
}

static void host_free(void *p) {
    host_live_allocs--;
    free(p);
}

static uint32_t host_now(void) { return (uint32_t)time(NULL); }

struct ext2_env host_env = {host_alloc, host_free, host_now, NULL, NULL};

static int img_set_block_size(void *ctx, uint32_t size) {
    ((struct image *)ctx)->block_size = size;
    return 0;
}

static int img_read(void *ctx, uint32_t blockno, void *buf) {
    struct image *img = ctx;
    off_t off = (off_t)blockno * img->block_size;
    return pread(img->fd, buf, img->block_size, off) == (ssize_t)img->block_size ? 0 : -EIO;
}

static int img_write(void *ctx, uint32_t blockno, const void *buf) {
    struct image *img = ctx;
    off_t off = (off_t)blockno * img->block_size;
    return pwrite(img->fd, buf, img->block_size, off) == (ssize_t)img->block_size ? 0 : -EIO;
}

int image_open(struct image *img, const char *path) {
    img->fd = open(path, O_RDWR);
    if (img->fd < 0)
        return -errno;
    struct stat st;
    fstat(img->fd, &st);
    img->block_size = 1024;
    img->dev = (struct ext2_dev){img, (uint64_t)st.st_size, img_set_block_size, img_read,
                                 img_write};
    return 0;
}

void image_close(struct image *img) { close(img->fd); }

struct ext2_fs *mount_image(struct image *img, const char *path, int flags, int *err) {
    struct ext2_fs *fs = NULL;
    *err = image_open(img, path);
    if (*err)
        return NULL;
    *err = ext2_mount(&img->dev, &host_env, flags, &fs);
    if (*err) {
        image_close(img);
        return NULL;
    }
    return fs;
}

int shell(const char *fmt, ...) {
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

bool fsck_clean(const char *path) {
    char log[4200];
    snprintf(log, sizeof log, "%s.fsck", path);
    int rc = shell("e2fsck -fn '%s' >'%s' 2>&1", path, log);
    if (rc != 0) {
        printf("  e2fsck -fn %s exited %d:\n", path, rc);
        shell("sed 's/^/  | /' '%s' | head -n 40", log);
    }
    return rc == 0;
}

int resolve(struct ext2_fs *fs, const char *path, uint32_t *ino) {
    uint32_t cur = EXT2_ROOT_INO;
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        if (!*p)
            break;
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        int err = ext2_lookup(fs, cur, p, len, &cur);
        if (err)
            return err;
        p += len;
    }
    *ino = cur;
    return 0;
}

int resolve_parent(struct ext2_fs *fs, const char *path, uint32_t *dir, const char **name) {
    const char *slash = strrchr(path, '/');
    if (!slash)
        return -EINVAL;
    *name = slash + 1;
    char parent[4096];
    size_t n = (size_t)(slash - path);
    if (n >= sizeof parent)
        return -ENAMETOOLONG;
    memcpy(parent, path, n);
    parent[n] = 0;
    return resolve(fs, parent, dir);
}
