/* Host tests of the ext2 module (kernel/fs/ext2*.c) over image files made by mke2fs:
 * staged files read back byte-exact, every write operation, big and sparse files up to
 * the triple-indirect tree, a full disk, corrupt images, allocation failures — and after
 * every scenario that writes, unmount and `e2fsck -fn` must find the image clean.
 * Each scenario runs on 1 KiB and 4 KiB blocks (revision 1) and 1 KiB revision 0. */
#include "check.h"
#include "ext2_host.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct kind {
    const char *name;
    int block_size, rev;
};
static const struct kind kinds[] = {{"1k", 1024, 1}, {"4k", 4096, 1}, {"rev0", 1024, 0}};
#define NKINDS (sizeof kinds / sizeof kinds[0])

#define IMAGE_KB     16384
#define BIG_STAGED   5000000   /* double-indirect on both block sizes */
#define SPARSE_AT    3000000
#define MANY_FILES   150
#define TRIPLE_AT    (70ull << 20) /* past 12 + 256 + 256^2 KiB: triple-indirect on 1 KiB */
#define MODE_FILE    0644
#define MODE_DIR     0755

static char tmpdir[256], stage[300], small_stage[300];

/* Deterministic bytes: the same (seed, offset) always gives the same byte. */
static uint8_t pat(uint32_t seed, uint64_t off) {
    uint64_t x = (off + 1) * 0x9E3779B97F4A7C15ull ^ seed * 0xBF58476D1CE4E5B9ull;
    x ^= x >> 31;
    return (uint8_t)(x * 0x94D049BB133111EBull >> 56);
}
static void fill_pat(uint8_t *buf, size_t n, uint32_t seed, uint64_t off) {
    for (size_t i = 0; i < n; i++)
        buf[i] = pat(seed, off + i);
}

static void write_host_file(const char *rel, size_t size, uint32_t seed) {
    char path[600];
    snprintf(path, sizeof path, "%s/%s", stage, rel);
    FILE *f = fopen(path, "wb");
    uint8_t *buf = malloc(size + 1);
    fill_pat(buf, size, seed, 0);
    fwrite(buf, 1, size, f);
    fclose(f);
    free(buf);
}

/* The staged tree every image built with -d holds. */
static void make_stage(void) {
    shell("mkdir -p '%s/dir/sub' '%s/many'", stage, stage);
    write_host_file("hello.txt", 13, 1);
    write_host_file("empty", 0, 2);
    write_host_file("dir/sub/deep.txt", 3000, 3);
    write_host_file("big.bin", BIG_STAGED, 4);
    for (int i = 0; i < MANY_FILES; i++) {
        char name[64];
        snprintf(name, sizeof name, "many/file-with-a-longish-name-%03d", i);
        write_host_file(name, (size_t)i * 37, 100 + i);
    }
    shell("truncate -s %d '%s/sparse' && printf x | dd of='%s/sparse' bs=1 seek=%d conv=notrunc "
          "2>/dev/null && ln -s hello.txt '%s/link'", SPARSE_AT + 1, stage, stage, SPARSE_AT, stage);
    shell("mkdir -p '%s' && cp -r '%s/dir' '%s/many' '%s/hello.txt' '%s/link' '%s/' && "
          "head -c 300000 '%s/big.bin' > '%s/big.bin'", small_stage, stage, stage, stage, stage,
          small_stage, stage, small_stage);
}

/* Builds tmpdir/TAG-KIND.img: size_kb KiB, optionally populated from the stage. */
static bool mkimg_from(char *out, size_t n, const char *tag, const struct kind *k, int size_kb,
                       const char *from) {
    snprintf(out, n, "%s/%s-%s.img", tmpdir, tag, k->name);
    int rc = shell("mke2fs -q -F -t ext2 -b %d %s -E root_owner=0:0 %s%s '%s' %d >/dev/null 2>&1",
                   k->block_size, k->rev ? "" : "-r 0", from ? "-d " : "", from ? from : "",
                   out, size_kb);
    if (rc)
        printf("  mke2fs failed for %s\n", out);
    return rc == 0;
}
static bool mkimg(char *out, size_t n, const char *tag, const struct kind *k, int size_kb,
                  bool staged) {
    return mkimg_from(out, n, tag, k, size_kb, staged ? stage : NULL);
}

struct mounted {
    struct image img;
    struct ext2_fs *fs;
    char path[400];
};

/* Makes and mounts an image; false (checks failed) if that does not work. */
static bool setup(struct mounted *m, const char *tag, const struct kind *k, int size_kb,
                  bool staged) {
    if (!mkimg(m->path, sizeof m->path, tag, k, size_kb, staged))
        return false;
    int err;
    m->fs = mount_image(&m->img, m->path, 0, &err);
    if (!m->fs)
        printf("  mount %s: %d\n", m->path, err);
    return m->fs != NULL;
}

/* Unmounts and requires a clean e2fsck. */
static bool finish(struct mounted *m) {
    int err = ext2_unmount(m->fs);
    image_close(&m->img);
    if (err)
        printf("  unmount %s: %d\n", m->path, err);
    return !err && fsck_clean(m->path);
}

static bool remount(struct mounted *m) {
    int err = ext2_unmount(m->fs);
    image_close(&m->img);
    m->fs = err ? NULL : mount_image(&m->img, m->path, 0, &err);
    return m->fs != NULL;
}

static uint32_t ino_of(struct ext2_fs *fs, const char *path) {
    uint32_t ino = 0;
    int err = resolve(fs, path, &ino);
    if (err)
        printf("  resolve %s: %d\n", path, err);
    return err ? 0 : ino;
}

static uint64_t size_of(struct ext2_fs *fs, uint32_t ino) {
    struct ext2_inode in;
    return ext2_read_inode(fs, ino, &in) ? UINT64_MAX : ext2_size(&in);
}

static uint16_t links_of(struct ext2_fs *fs, const char *path) {
    struct ext2_inode in;
    uint32_t ino = ino_of(fs, path);
    return ino && !ext2_read_inode(fs, ino, &in) ? in.i_links_count : 0;
}

/* Whether the file's bytes [off, off+n) are pattern `seed` at file offset off-base. */
static bool check_pat(struct ext2_fs *fs, uint32_t ino, uint64_t off, size_t n, uint32_t seed,
                      uint64_t base) {
    uint8_t *buf = malloc(n + 1), *want = malloc(n + 1);
    long got = ext2_read(fs, ino, off, buf, n);
    fill_pat(want, n, seed, off - base);
    bool ok = got == (long)n && !memcmp(buf, want, n);
    if (!ok)
        printf("  pattern mismatch at %llu+%zu (read %ld)\n", (unsigned long long)off, n, got);
    free(buf);
    free(want);
    return ok;
}

static bool is_zero(struct ext2_fs *fs, uint32_t ino, uint64_t off, size_t n) {
    uint8_t *buf = malloc(n + 1);
    long got = ext2_read(fs, ino, off, buf, n);
    bool ok = got == (long)n;
    for (size_t i = 0; ok && i < n; i++)
        ok = buf[i] == 0;
    free(buf);
    return ok;
}

/* Writes pattern seed to [off, off+n) in chunks of `chunk` bytes. */
static bool write_pat(struct ext2_fs *fs, uint32_t ino, uint64_t off, size_t n, uint32_t seed,
                      size_t chunk) {
    uint8_t *buf = malloc(chunk);
    bool ok = true;
    for (size_t done = 0; ok && done < n;) {
        size_t c = n - done < chunk ? n - done : chunk;
        fill_pat(buf, c, seed, done);
        long w = ext2_write(fs, ino, off + done, buf, c);
        ok = w == (long)c;
        if (!ok)
            printf("  write at %zu: %ld\n", done, w);
        done += c;
    }
    free(buf);
    return ok;
}

static uint32_t create(struct ext2_fs *fs, const char *path) {
    uint32_t dir, ino = 0;
    const char *name;
    int err = resolve_parent(fs, path, &dir, &name);
    if (!err)
        err = ext2_create(fs, dir, name, strlen(name), MODE_FILE, 0, 0, &ino);
    if (err)
        printf("  create %s: %d\n", path, err);
    return ino;
}

static int mkdir_p(struct ext2_fs *fs, const char *path) {
    uint32_t dir, ino;
    const char *name;
    int err = resolve_parent(fs, path, &dir, &name);
    return err ? err : ext2_mkdir(fs, dir, name, strlen(name), MODE_DIR, 0, 0, &ino);
}

static int op_unlink(struct ext2_fs *fs, const char *path) {
    uint32_t dir;
    const char *name;
    int err = resolve_parent(fs, path, &dir, &name);
    return err ? err : ext2_unlink(fs, dir, name, strlen(name));
}

static int op_rmdir(struct ext2_fs *fs, const char *path) {
    uint32_t dir;
    const char *name;
    int err = resolve_parent(fs, path, &dir, &name);
    return err ? err : ext2_rmdir(fs, dir, name, strlen(name));
}

static int op_rename(struct ext2_fs *fs, const char *from, const char *to) {
    uint32_t d1, d2;
    const char *n1, *n2;
    int err = resolve_parent(fs, from, &d1, &n1);
    if (!err)
        err = resolve_parent(fs, to, &d2, &n2);
    return err ? err : ext2_rename(fs, d1, n1, strlen(n1), d2, n2, strlen(n2));
}

static int op_link(struct ext2_fs *fs, const char *from, const char *to) {
    uint32_t d;
    const char *n;
    uint32_t ino = ino_of(fs, from);
    int err = resolve_parent(fs, to, &d, &n);
    return err ? err : ext2_link(fs, ino, d, n, strlen(n));
}

/* Collected directory listing. */
struct listing {
    int count;
    char names[600][256];
    uint32_t inos[600];
    unsigned types[600];
};
static int collect(void *ctx, const char *name, size_t len, uint32_t ino, unsigned type,
                   uint64_t next) {
    (void)next;
    struct listing *l = ctx;
    if (l->count >= 600)
        return 1;
    memcpy(l->names[l->count], name, len);
    l->names[l->count][len] = 0;
    l->inos[l->count] = ino;
    l->types[l->count++] = type;
    return 0;
}
static int collect_one(void *ctx, const char *name, size_t len, uint32_t ino, unsigned type,
                       uint64_t next) {
    return ((struct listing *)ctx)->count ? 1 : collect(ctx, name, len, ino, type, next);
}
static struct listing *list_dir(struct ext2_fs *fs, uint32_t dir) {
    static struct listing l;
    l.count = 0;
    uint64_t pos = 0;
    int err = ext2_readdir(fs, dir, &pos, collect, &l);
    return err ? NULL : &l;
}
static bool listed(const struct listing *l, const char *name) {
    for (int i = 0; l && i < l->count; i++)
        if (!strcmp(l->names[i], name))
            return true;
    return false;
}

/* Compares the host tree at hostdir with the ext2 directory dir, recursively. */
static bool same_tree(struct ext2_fs *fs, const char *hostdir, uint32_t dir) {
    DIR *d = opendir(hostdir);
    struct dirent *e;
    bool ok = true;
    int host_count = 0;
    while (ok && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        host_count++;
        char hp[1024];
        snprintf(hp, sizeof hp, "%s/%s", hostdir, e->d_name);
        struct stat st;
        lstat(hp, &st);
        uint32_t ino;
        struct ext2_inode in;
        if (ext2_lookup(fs, dir, e->d_name, strlen(e->d_name), &ino) ||
            ext2_read_inode(fs, ino, &in) || (in.i_mode & EXT2_S_IFMT) != (st.st_mode & S_IFMT)) {
            printf("  %s missing or of another type\n", hp);
            ok = false;
        } else if (S_ISDIR(st.st_mode)) {
            ok = same_tree(fs, hp, ino);
        } else if (S_ISLNK(st.st_mode)) {
            char a[256] = {0}, b[256] = {0};
            ok = readlink(hp, a, sizeof a) == ext2_readlink(fs, ino, b, sizeof b) && !strcmp(a, b);
        } else {
            size_t n = (size_t)st.st_size;
            uint8_t *want = malloc(n + 1), *got = malloc(n + 2);
            FILE *f = fopen(hp, "rb");
            ok = fread(want, 1, n, f) == n && ext2_size(&in) == n &&
                 ext2_read(fs, ino, 0, got, n + 1) == (long)n && !memcmp(want, got, n);
            fclose(f);
            free(want);
            free(got);
            if (!ok)
                printf("  %s differs\n", hp);
        }
    }
    closedir(d);
    struct listing *l = list_dir(fs, dir);
    int extra = dir == EXT2_ROOT_INO ? 3 : 2; /* ".", "..", and lost+found in the root */
    if (ok && (!l || l->count != host_count + extra)) {
        printf("  %s: %d entries on ext2, %d on the host\n", hostdir, l ? l->count : -1, host_count);
        ok = false;
    }
    return ok;
}

TEST(read_staged_trees) {
    for (size_t k = 0; k < NKINDS; k++) {
        struct mounted m;
        if (!setup(&m, "staged", &kinds[k], IMAGE_KB, true)) {
            CHECK(0);
            continue;
        }
        CHECK(same_tree(m.fs, stage, EXT2_ROOT_INO));
        uint32_t sp = ino_of(m.fs, "/sparse");
        CHECK(is_zero(m.fs, sp, 0, 4096) && is_zero(m.fs, sp, SPARSE_AT - 5000, 5000));
        CHECK(finish(&m));
    }
}

TEST(write_append_overwrite_truncate) {
    for (size_t k = 0; k < NKINDS; k++) {
        struct mounted m;
        if (!setup(&m, "write", &kinds[k], IMAGE_KB, true)) {
            CHECK(0);
            continue;
        }
        struct ext2_fs *fs = m.fs;
        uint32_t ino = create(fs, "/new.txt");
        CHECK(ino && write_pat(fs, ino, 0, 5000, 7, 5000));
        CHECK(write_pat(fs, ino, 5000, 3000, 8, 333));           /* append */
        CHECK(check_pat(fs, ino, 0, 5000, 7, 0) && check_pat(fs, ino, 5000, 3000, 8, 5000));
        CHECK(write_pat(fs, ino, 1000, 100, 9, 100));            /* overwrite inside */
        CHECK(check_pat(fs, ino, 1000, 100, 9, 1000) && check_pat(fs, ino, 0, 1000, 7, 0));
        CHECK(write_pat(fs, ino, 100000, 10, 10, 10));           /* past the end: a hole */
        CHECK_EQ(size_of(fs, ino), 100010);
        CHECK(is_zero(fs, ino, 8000, 92000) && check_pat(fs, ino, 100000, 10, 10, 100000));
        CHECK_EQ(ext2_truncate(fs, ino, 4500), 0);               /* shrink mid-block */
        CHECK_EQ(size_of(fs, ino), 4500);
        CHECK_EQ(ext2_truncate(fs, ino, 9000), 0);               /* grow: zeros */
        CHECK(check_pat(fs, ino, 0, 1000, 7, 0) && is_zero(fs, ino, 4500, 4500));
        uint8_t b[16];
        CHECK_EQ(ext2_read(fs, ino, 9000, b, sizeof b), 0);      /* at EOF */
        uint32_t big = ino_of(fs, "/big.bin");                   /* rewrite the staged file */
        CHECK(write_pat(fs, big, 1234567, 70000, 11, 4096));
        CHECK(check_pat(fs, big, 1234567, 70000, 11, 1234567));
        CHECK(check_pat(fs, big, 0, 1234567, 4, 0));
        CHECK(remount(&m));
        fs = m.fs;
        ino = ino_of(fs, "/new.txt");
        CHECK(ino && check_pat(fs, ino, 0, 1000, 7, 0) && size_of(fs, ino) == 9000);
        CHECK(check_pat(fs, ino_of(fs, "/hello.txt"), 0, 13, 1, 0));
        CHECK(finish(&m));
    }
}

TEST(big_files_through_all_indirect_levels) {
    for (size_t k = 0; k < NKINDS; k++) {
        struct mounted m;
        if (!setup(&m, "big", &kinds[k], IMAGE_KB, false)) {
            CHECK(0);
            continue;
        }
        struct ext2_fs *fs = m.fs;
        uint32_t free0 = ext2_super(fs)->s_free_blocks_count;
        uint32_t ino = create(fs, "/big");
        size_t n = 6u << 20; /* past the single-indirect range on both block sizes */
        CHECK(ino && write_pat(fs, ino, 0, n, 21, 7777));
        CHECK(check_pat(fs, ino, 0, n, 21, 0));
        CHECK_EQ(ext2_truncate(fs, ino, 100000), 0);              /* into the single tree */
        CHECK(check_pat(fs, ino, 0, 100000, 21, 0));
        CHECK_EQ(ext2_truncate(fs, ino, 5000), 0);                /* into the direct blocks */
        CHECK(check_pat(fs, ino, 0, 5000, 21, 0));
        uint32_t sp = create(fs, "/triple");
        CHECK(sp && write_pat(fs, sp, TRIPLE_AT, 3000, 22, 3000)); /* triple on 1 KiB */
        CHECK(check_pat(fs, sp, TRIPLE_AT, 3000, 22, TRIPLE_AT) && is_zero(fs, sp, TRIPLE_AT - 8192, 8192));
        CHECK(remount(&m));
        fs = m.fs;
        sp = ino_of(fs, "/triple");
        CHECK(check_pat(fs, sp, TRIPLE_AT, 3000, 22, TRIPLE_AT));
        CHECK_EQ(ext2_truncate(fs, ino_of(fs, "/big"), 0), 0);
        CHECK_EQ(ext2_truncate(fs, sp, 0), 0);
        CHECK_EQ(ext2_super(fs)->s_free_blocks_count, free0);  /* every block came back */
        CHECK_EQ(op_unlink(fs, "/big"), 0);
        CHECK_EQ(op_unlink(fs, "/triple"), 0);
        CHECK(finish(&m));
    }
}

TEST(directories_links_and_errors) {
    for (size_t k = 0; k < NKINDS; k++) {
        struct mounted m;
        if (!setup(&m, "dirs", &kinds[k], IMAGE_KB, true)) {
            CHECK(0);
            continue;
        }
        struct ext2_fs *fs = m.fs;
        uint16_t root_links = links_of(fs, "/");
        CHECK_EQ(mkdir_p(fs, "/a"), 0);
        CHECK_EQ(mkdir_p(fs, "/a/b"), 0);
        CHECK_EQ(links_of(fs, "/"), root_links + 1);
        CHECK_EQ(links_of(fs, "/a"), 3);
        CHECK_EQ(links_of(fs, "/a/b"), 2);
        CHECK_EQ(mkdir_p(fs, "/a"), -EEXIST);
        CHECK(create(fs, "/a/b/f"));
        uint32_t x;
        CHECK_EQ(ext2_create(fs, ino_of(fs, "/a"), "b", 1, MODE_FILE, 0, 0, &x), -EEXIST);
        CHECK_EQ(op_rmdir(fs, "/a"), -ENOTEMPTY);
        CHECK_EQ(op_rmdir(fs, "/a/b/f"), -ENOTDIR);
        CHECK_EQ(op_unlink(fs, "/a/b"), -EISDIR);
        CHECK_EQ(op_unlink(fs, "/nope"), -ENOENT);
        CHECK_EQ(resolve(fs, "/hello.txt/x", &x), -ENOTDIR);
        char longname[300];
        memset(longname, 'n', sizeof longname);
        CHECK_EQ(ext2_create(fs, EXT2_ROOT_INO, longname, 256, MODE_FILE, 0, 0, &x), -ENAMETOOLONG);
        CHECK_EQ(ext2_create(fs, EXT2_ROOT_INO, longname, 255, MODE_FILE, 0, 0, &x), 0);
        CHECK_EQ(ext2_create(fs, EXT2_ROOT_INO, "a/b", 3, MODE_FILE, 0, 0, &x), -EINVAL);
        /* links */
        CHECK_EQ(op_link(fs, "/hello.txt", "/a/hello2"), 0);
        CHECK_EQ(links_of(fs, "/hello.txt"), 2);
        CHECK_EQ(op_link(fs, "/a", "/a2"), -EPERM);
        CHECK_EQ(op_unlink(fs, "/hello.txt"), 0);
        CHECK(check_pat(fs, ino_of(fs, "/a/hello2"), 0, 13, 1, 0));
        CHECK_EQ(links_of(fs, "/a/hello2"), 1);
        /* renames */
        CHECK_EQ(op_rename(fs, "/a/hello2", "/a/hello3"), 0);               /* same dir */
        CHECK_EQ(op_rename(fs, "/a/hello3", "/dir/hello4"), 0);             /* other dir */
        CHECK(check_pat(fs, ino_of(fs, "/dir/hello4"), 0, 13, 1, 0));
        CHECK_EQ(op_rename(fs, "/dir/sub/deep.txt", "/dir/hello4"), 0);     /* replace */
        CHECK(check_pat(fs, ino_of(fs, "/dir/hello4"), 0, 3000, 3, 0));
        CHECK_EQ(op_rename(fs, "/a/b", "/dir/b"), 0);                       /* move a dir */
        CHECK_EQ(links_of(fs, "/a"), 2);
        CHECK_EQ(links_of(fs, "/dir"), 4);
        CHECK_EQ(ino_of(fs, "/dir/b/.."), ino_of(fs, "/dir"));
        CHECK_EQ(op_rename(fs, "/dir", "/dir/b/inside"), -EINVAL);          /* into itself */
        CHECK_EQ(op_rename(fs, "/dir/hello4", "/a"), -EISDIR);
        CHECK_EQ(op_rename(fs, "/a", "/dir/hello4"), -ENOTDIR);
        CHECK_EQ(op_rename(fs, "/a", "/dir"), -ENOTEMPTY);
        CHECK_EQ(op_rename(fs, "/dir/sub", "/a"), 0);                       /* replace an empty dir */
        CHECK_EQ(links_of(fs, "/"), root_links + 1);
        CHECK_EQ(links_of(fs, "/dir"), 3);
        CHECK_EQ(op_rename(fs, "/dir/b/f", "/dir/b/f"), 0);                 /* onto itself */
        CHECK_EQ(op_rmdir(fs, "/dir/b"), -ENOTEMPTY);
        CHECK_EQ(op_unlink(fs, "/dir/b/f"), 0);
        CHECK_EQ(op_rmdir(fs, "/dir/b"), 0);
        CHECK_EQ(links_of(fs, "/dir"), 2);
        CHECK(finish(&m));
    }
}

TEST(many_entries_grow_and_shrink_directories) {
    for (size_t k = 0; k < NKINDS; k++) {
        struct mounted m;
        if (!setup(&m, "many", &kinds[k], IMAGE_KB, true)) {
            CHECK(0);
            continue;
        }
        struct ext2_fs *fs = m.fs;
        uint32_t dir = ino_of(fs, "/many");
        for (int i = 0; i < MANY_FILES; i += 2) {                  /* drop every other one */
            char name[64];
            snprintf(name, sizeof name, "/many/file-with-a-longish-name-%03d", i);
            CHECK_EQ(op_unlink(fs, name), 0);
        }
        for (int i = 0; i < 300; i++) {                            /* and add more */
            char name[64];
            snprintf(name, sizeof name, "/many/n%d", i);
            CHECK(create(fs, name));
        }
        struct listing *l = list_dir(fs, dir);
        CHECK(l && l->count == 2 + MANY_FILES / 2 + 300);
        CHECK(listed(l, "n299") && listed(l, "file-with-a-longish-name-001") &&
              !listed(l, "file-with-a-longish-name-000"));
        /* readdir one entry at a time resumes where it stopped */
        uint64_t pos = 0;
        int seen = 0;
        for (int step = 0; step < 2000; step++) {
            struct listing *one = malloc(sizeof *one);
            one->count = 0;
            CHECK_EQ(ext2_readdir(fs, dir, &pos, collect_one, one), 0);
            int got = one->count;
            free(one);
            seen += got;
            if (!got)
                break;
        }
        CHECK_EQ(seen, 2 + MANY_FILES / 2 + 300);
        CHECK(finish(&m));
    }
}

/* A regular file grows until the volume is full; then everything is freed again. */
TEST(full_disk_enospc) {
    for (size_t k = 0; k < NKINDS; k++) {
        struct mounted m;
        if (!setup(&m, "full", &kinds[k], 2048, false)) {
            CHECK(0);
            continue;
        }
        struct ext2_fs *fs = m.fs;
        uint32_t free0 = ext2_super(fs)->s_free_blocks_count;
        uint32_t ino = create(fs, "/fill");
        uint8_t *buf = malloc(65536);
        fill_pat(buf, 65536, 5, 0);
        long w;
        uint64_t off = 0;
        while ((w = ext2_write(fs, ino, off, buf, 65536)) > 0)
            off += (uint64_t)w;
        CHECK_EQ(w, -ENOSPC);
        CHECK_EQ(ext2_super(fs)->s_free_blocks_count, 0);
        CHECK(off > 1000000);
        CHECK(check_pat(fs, ino, 0, 65536, 5, 0));
        uint32_t x;
        int err = 0, made = 0;
        for (int i = 0; i < 100000 && !err; i++) {                 /* small files: no blocks */
            char name[32];
            snprintf(name, sizeof name, "e%d", i);
            err = ext2_create(fs, EXT2_ROOT_INO, name, strlen(name), MODE_FILE, 0, 0, &x);
            made += !err;
        }
        CHECK_EQ(err, -ENOSPC);
        CHECK(made > 0);
        CHECK_EQ(mkdir_p(fs, "/cannot"), -ENOSPC);
        CHECK(finish(&m));                                          /* clean while full */
        int e;
        m.fs = mount_image(&m.img, m.path, 0, &e);
        CHECK(m.fs);
        if (!m.fs)
            continue;
        fs = m.fs;
        for (int i = 0; i < made; i++) {
            char name[32];
            snprintf(name, sizeof name, "/e%d", i);
            CHECK_EQ(op_unlink(fs, name), 0);
        }
        CHECK_EQ(op_unlink(fs, "/fill"), 0);
        CHECK_EQ(ext2_super(fs)->s_free_blocks_count, free0);
        CHECK(finish(&m));
        free(buf);
    }
}

static bool in_use_yes(void *ctx, uint32_t ino) {
    return ino == *(uint32_t *)ctx;
}

/* An unlinked file that is still open keeps its data until ext2_evict. */
TEST(open_unlinked_file_lives_until_evict) {
    struct mounted m;
    if (!setup(&m, "orphan", &kinds[0], IMAGE_KB, true)) {
        CHECK(0);
        return;
    }
    uint32_t ino = ino_of(m.fs, "/big.bin");
    uint32_t free0 = ext2_super(m.fs)->s_free_blocks_count;
    ext2_unmount(m.fs);
    image_close(&m.img);
    struct ext2_env env = host_env;
    env.in_use = in_use_yes;
    env.in_use_ctx = &ino;
    CHECK_EQ(image_open(&m.img, m.path), 0);
    CHECK_EQ(ext2_mount(&m.img.dev, &env, 0, &m.fs), 0);
    CHECK_EQ(op_unlink(m.fs, "/big.bin"), 0);
    uint32_t x;
    CHECK_EQ(resolve(m.fs, "/big.bin", &x), -ENOENT);
    CHECK(check_pat(m.fs, ino, 0, 100000, 4, 0));
    CHECK_EQ(ext2_super(m.fs)->s_free_blocks_count, free0);
    CHECK_EQ(ext2_evict(m.fs, ino), 0);
    CHECK(ext2_super(m.fs)->s_free_blocks_count > free0 + BIG_STAGED / 4096);
    CHECK(finish(&m));
}

/* Whether `debugfs -R "stat PATH"` on the image prints a line matching the ERE. */
static bool debugfs_stat_has(const char *img, const char *path, const char *ere) {
    int rc = shell("debugfs -R 'stat %s' '%s' 2>/dev/null | grep -Eq '%s'", path, img, ere);
    if (rc)
        printf("  debugfs stat %s: no line matching /%s/\n", path, ere);
    return rc == 0;
}

static int op_setattr(struct ext2_fs *fs, const char *path, uint32_t valid, uint16_t mode,
                      uint32_t uid, uint32_t gid, int64_t atime, int64_t mtime) {
    struct ext2_attr a = {valid, mode, uid, gid, atime, mtime};
    uint32_t ino = ino_of(fs, path);
    return ino ? ext2_setattr(fs, ino, &a) : -ENOENT;
}

/* chmod, chown and utimes: what ext2_setattr writes reads back (through the module and
 * through debugfs), leaves the file type alone, and e2fsck stays clean. */
TEST(setattr_mode_owner_and_times) {
    for (size_t k = 0; k < NKINDS; k++) {
        struct mounted m;
        if (!setup(&m, "attr", &kinds[k], IMAGE_KB, true)) {
            CHECK(0);
            continue;
        }
        struct ext2_fs *fs = m.fs;
        struct ext2_inode in;
        uint32_t ino = ino_of(fs, "/hello.txt");
        CHECK_EQ(op_setattr(fs, "/hello.txt", EXT2_ATTR_MODE, 04751 | EXT2_S_IFDIR, 0, 0, 0, 0), 0);
        CHECK(!ext2_read_inode(fs, ino, &in) && in.i_mode == (EXT2_S_IFREG | 04751));
        CHECK_EQ(op_setattr(fs, "/hello.txt", EXT2_ATTR_UID | EXT2_ATTR_GID, 0, 1234567, 70000, 0, 0), 0);
        CHECK(!ext2_read_inode(fs, ino, &in) && in.i_uid == (1234567 & 0xffff) &&
              in.i_uid_high == 1234567 >> 16 && in.i_gid == (70000 & 0xffff) && in.i_gid_high == 1);
        CHECK(in.i_mode == (EXT2_S_IFREG | 04751));                /* mode untouched */
        CHECK_EQ(op_setattr(fs, "/hello.txt", EXT2_ATTR_GID, 0, 0, 42, 0, 0), 0);
        CHECK(!ext2_read_inode(fs, ino, &in) && in.i_uid_high == 1234567 >> 16 && in.i_gid == 42 &&
              in.i_gid_high == 0);
        uint32_t before = (uint32_t)time(NULL);
        CHECK_EQ(op_setattr(fs, "/hello.txt", EXT2_ATTR_ATIME | EXT2_ATTR_MTIME, 0, 0, 0,
                            1000000000, 1234567890), 0);
        CHECK(!ext2_read_inode(fs, ino, &in) && in.i_atime == 1000000000 && in.i_mtime == 1234567890);
        CHECK(in.i_ctime >= before && in.i_ctime <= (uint32_t)time(NULL));  /* ctime is now */
        CHECK_EQ(op_setattr(fs, "/hello.txt", EXT2_ATTR_MTIME, 0, 0, 0, 0, -5), 0);
        CHECK(!ext2_read_inode(fs, ino, &in) && in.i_mtime == (uint32_t)-5 && in.i_atime == 1000000000);
        CHECK_EQ(op_setattr(fs, "/dir", EXT2_ATTR_MODE | EXT2_ATTR_ATIME, 0700, 0, 0, 1LL << 40, 0), 0);
        CHECK(!ext2_read_inode(fs, ino_of(fs, "/dir"), &in) && in.i_mode == (EXT2_S_IFDIR | 0700) &&
              in.i_atime == 0x7fffffff);                         /* clamped to 2038 */
        CHECK_EQ(op_setattr(fs, "/link", EXT2_ATTR_UID, 0, 7, 0, 0, 0), 0); /* the link itself */
        CHECK(!ext2_read_inode(fs, ino_of(fs, "/link"), &in) && in.i_uid == 7 &&
              (in.i_mode & EXT2_S_IFMT) == EXT2_S_IFLNK);
        struct ext2_attr none = {0, 0, 0, 0, 0, 0};
        CHECK_EQ(ext2_setattr(fs, 0, &none), -EIO);
        CHECK(remount(&m));
        fs = m.fs;
        CHECK(!ext2_read_inode(fs, ino, &in) && in.i_mode == (EXT2_S_IFREG | 04751) &&
              in.i_mtime == (uint32_t)-5 && in.i_gid == 42);
        CHECK(check_pat(fs, ino, 0, 13, 1, 0));                    /* data untouched */
        CHECK(finish(&m));
        CHECK(debugfs_stat_has(m.path, "/hello.txt", "Mode: +04751"));
        CHECK(debugfs_stat_has(m.path, "/hello.txt", "User: +1234567 +Group: +42"));
        CHECK(debugfs_stat_has(m.path, "/hello.txt", "mtime: 0xfffffffb"));
        CHECK(debugfs_stat_has(m.path, "/dir", "Mode: +0700"));
    }
    struct mounted m;                                              /* read-only: EROFS */
    if (mkimg(m.path, sizeof m.path, "attr-ro", &kinds[0], IMAGE_KB, true)) {
        int err;
        m.fs = mount_image(&m.img, m.path, EXT2_MOUNT_RDONLY, &err);
        CHECK(m.fs && op_setattr(m.fs, "/hello.txt", EXT2_ATTR_MODE, 0600, 0, 0, 0, 0) == -EROFS);
        CHECK(m.fs && finish(&m));
    }
}

static int op_symlink(struct ext2_fs *fs, const char *path, const char *target, size_t tlen) {
    uint32_t dir, ino;
    const char *name;
    int err = resolve_parent(fs, path, &dir, &name);
    return err ? err : ext2_symlink(fs, dir, name, strlen(name), target, tlen, 0, 0, &ino);
}

/* Whether the symlink at path reads back as target, of the fast or slow kind. */
static bool is_symlink_to(struct ext2_fs *fs, const char *path, const char *target, bool fast) {
    char buf[4096];
    struct ext2_inode in;
    uint32_t ino = ino_of(fs, path);
    long n = ino ? ext2_readlink(fs, ino, buf, sizeof buf) : -1;
    bool ok = n == (long)strlen(target) && !memcmp(buf, target, (size_t)n) &&
              !ext2_read_inode(fs, ino, &in) && in.i_mode == (EXT2_S_IFLNK | 0777) &&
              (in.i_blocks == 0) == fast && in.i_links_count == 1;
    if (!ok)
        printf("  %s: readlink %ld, not a %s link to %s\n", path, n, fast ? "fast" : "slow", target);
    return ok;
}

/* Fast symlinks (target in i_block, up to 59 bytes) and slow ones (a data block), their
 * limits, removal that frees the block, a full disk; e2fsck checks the format. */
TEST(symlinks_fast_and_slow) {
    for (size_t k = 0; k < NKINDS; k++) {
        struct mounted m;
        if (!setup(&m, "symlink", &kinds[k], IMAGE_KB, true)) {
            CHECK(0);
            continue;
        }
        struct ext2_fs *fs = m.fs;
        char t59[60], t60[61], tmax[4096];
        memset(t59, 'f', 59), t59[59] = 0;
        memset(t60, 's', 60), t60[60] = 0;
        size_t max = (size_t)kinds[k].block_size - 1;
        memset(tmax, 'm', max), tmax[max] = 0;
        uint32_t free0 = ext2_super(fs)->s_free_blocks_count;
        CHECK_EQ(op_symlink(fs, "/fast", "hello.txt", 9), 0);
        CHECK_EQ(op_symlink(fs, "/dir/f59", t59, 59), 0);
        CHECK_EQ(ext2_super(fs)->s_free_blocks_count, free0);    /* no blocks for fast links */
        CHECK_EQ(op_symlink(fs, "/dir/s60", t60, 60), 0);
        CHECK_EQ(op_symlink(fs, "/slowmax", tmax, max), 0);
        CHECK_EQ(ext2_super(fs)->s_free_blocks_count, free0 - 2);
        CHECK_EQ(op_symlink(fs, "/toolong", tmax, max + 1), -ENAMETOOLONG);
        CHECK_EQ(op_symlink(fs, "/empty-target", "", 0), -ENOENT);
        CHECK_EQ(op_symlink(fs, "/fast", "x", 1), -EEXIST);
        CHECK_EQ(op_symlink(fs, "/hello.txt/x", "x", 1), -ENOTDIR);
        CHECK(is_symlink_to(fs, "/fast", "hello.txt", true));
        CHECK(is_symlink_to(fs, "/dir/f59", t59, true));
        CHECK(is_symlink_to(fs, "/dir/s60", t60, false));
        CHECK(is_symlink_to(fs, "/slowmax", tmax, false));
        char b[8];
        CHECK_EQ(ext2_readlink(fs, ino_of(fs, "/dir/s60"), b, sizeof b), 8); /* truncated */
        CHECK_EQ(ext2_write(fs, ino_of(fs, "/dir/s60"), 0, "x", 1), -EINVAL);
        struct listing *l = list_dir(fs, ino_of(fs, "/dir"));
        for (int i = 0; l && i < l->count; i++)
            if (!strcmp(l->names[i], "s60"))
                CHECK_EQ(l->types[i], 10);                          /* DT_LNK */
        CHECK(remount(&m));
        fs = m.fs;
        CHECK(is_symlink_to(fs, "/dir/s60", t60, false) && is_symlink_to(fs, "/fast", "hello.txt", true));
        CHECK(finish(&m));                                         /* e2fsck checks both kinds */
        CHECK(debugfs_stat_has(m.path, "/fast", "Fast link dest: \"hello.txt\""));
        int err;
        m.fs = mount_image(&m.img, m.path, 0, &err);
        CHECK(m.fs);
        if (!m.fs)
            continue;
        fs = m.fs;
        CHECK_EQ(op_unlink(fs, "/slowmax"), 0);
        CHECK_EQ(op_unlink(fs, "/dir/s60"), 0);
        CHECK_EQ(op_unlink(fs, "/fast"), 0);
        CHECK_EQ(ext2_super(fs)->s_free_blocks_count, free0);    /* the blocks came back */
        CHECK(finish(&m));
    }
    struct mounted m;                                  /* a full disk: ENOSPC, nothing leaked */
    if (!setup(&m, "symlink-full", &kinds[0], 2048, false)) {
        CHECK(0);
        return;
    }
    uint32_t ino = create(m.fs, "/fill"), free_ino = ext2_super(m.fs)->s_free_inodes_count;
    uint8_t buf[4096] = {0};
    uint64_t off = 0;
    long w;
    while ((w = ext2_write(m.fs, ino, off, buf, sizeof buf)) > 0)
        off += (uint64_t)w;
    char t100[101];
    memset(t100, 'x', 100), t100[100] = 0;
    CHECK_EQ(op_symlink(m.fs, "/slow", t100, 100), -ENOSPC);
    CHECK_EQ(ext2_super(m.fs)->s_free_inodes_count, free_ino);
    CHECK_EQ(op_symlink(m.fs, "/fast", "fill", 4), 0);              /* needs no block */
    CHECK(finish(&m));
}

/* Patches the superblock of a fresh image with fn and expects ext2_mount to give `want`. */
static int mount_patched(const char *tag, void (*fn)(struct ext2_super *), int flags) {
    char path[400];
    if (!mkimg(path, sizeof path, tag, &kinds[0], 1024, false))
        return 1;
    int fd = open(path, O_RDWR);
    struct ext2_super sb;
    pread(fd, &sb, sizeof sb, EXT2_SUPER_OFFSET);
    fn(&sb);
    pwrite(fd, &sb, sizeof sb, EXT2_SUPER_OFFSET);
    close(fd);
    struct image img;
    int err;
    struct ext2_fs *fs = mount_image(&img, path, flags, &err);
    if (fs) {
        err = ext2_readonly(fs) ? 1 : 0;
        ext2_unmount(fs);
        image_close(&img);
    }
    return err;
}

static void p_magic(struct ext2_super *s) { s->s_magic = 0x1234; }
static void p_log(struct ext2_super *s) { s->s_log_block_size = 9; }
static void p_bpg(struct ext2_super *s) { s->s_blocks_per_group = 0; }
static void p_ipg(struct ext2_super *s) { s->s_inodes_per_group = 0xFFFFFFF; }
static void p_icount(struct ext2_super *s) { s->s_inodes_count += 8; }
static void p_blocks(struct ext2_super *s) { s->s_blocks_count = 0xFFFFFFF0; }
static void p_first(struct ext2_super *s) { s->s_first_data_block = 7; }
static void p_isize(struct ext2_super *s) { s->s_inode_size = 200; }
static void p_rev(struct ext2_super *s) { s->s_rev_level = 5; }
static void p_incompat(struct ext2_super *s) { s->s_feature_incompat |= 0x40; /* extents */ }
static void p_rocompat(struct ext2_super *s) { s->s_feature_ro_compat |= 0x400; }
static void p_garbage(struct ext2_super *s) {
    uint8_t *b = (uint8_t *)s;
    for (size_t i = 0; i < sizeof *s; i++)
        b[i] = pat(77, i);
    s->s_magic = EXT2_MAGIC;
}

TEST(corrupt_superblocks_fail_to_mount) {
    CHECK_EQ(mount_patched("c-magic", p_magic, 0), -EINVAL);
    CHECK_EQ(mount_patched("c-log", p_log, 0), -EINVAL);
    CHECK_EQ(mount_patched("c-bpg", p_bpg, 0), -EINVAL);
    CHECK_EQ(mount_patched("c-ipg", p_ipg, 0), -EINVAL);
    CHECK_EQ(mount_patched("c-icount", p_icount, 0), -EINVAL);
    CHECK_EQ(mount_patched("c-blocks", p_blocks, 0), -EINVAL);
    CHECK_EQ(mount_patched("c-first", p_first, 0), -EINVAL);
    CHECK_EQ(mount_patched("c-isize", p_isize, 0), -EINVAL);
    CHECK_EQ(mount_patched("c-rev", p_rev, 0), -EINVAL);
    CHECK_EQ(mount_patched("c-incompat", p_incompat, 0), -EINVAL);
    CHECK_EQ(mount_patched("c-rocompat", p_rocompat, 0), 1);   /* mounts, read-only */
    CHECK(mount_patched("c-garbage", p_garbage, 0) < 0);
}

TEST(truncated_and_tiny_images_fail_to_mount) {
    char path[400];
    struct image img;
    int err;
    CHECK(mkimg(path, sizeof path, "trunc", &kinds[1], 8192, true));
    CHECK_EQ(shell("truncate -s 4M '%s'", path), 0);
    CHECK(!mount_image(&img, path, 0, &err) && err == -EINVAL);
    CHECK_EQ(shell("truncate -s 1500 '%s'", path), 0);
    CHECK(!mount_image(&img, path, 0, &err) && err < 0);
    CHECK_EQ(shell("truncate -s 0 '%s'", path), 0);
    CHECK(!mount_image(&img, path, 0, &err) && err < 0);
}

static int bad_gd(const char *tag, uint32_t field_off, uint32_t value) {
    char path[400];
    if (!mkimg(path, sizeof path, tag, &kinds[0], 4096, false))
        return 1;
    int fd = open(path, O_RDWR);
    pwrite(fd, &value, sizeof value, 2 * 1024 + field_off); /* group 0's descriptor */
    close(fd);
    struct image img;
    int err;
    struct ext2_fs *fs = mount_image(&img, path, 0, &err);
    if (fs) {
        ext2_unmount(fs);
        image_close(&img);
    }
    return err;
}

TEST(corrupt_group_descriptors_fail_to_mount) {
    CHECK_EQ(bad_gd("gd-bb", 0, 0xFFFFFF), -EINVAL);
    CHECK_EQ(bad_gd("gd-ib", 4, 0), -EINVAL);
    CHECK_EQ(bad_gd("gd-it", 8, 4090), -EINVAL);
}

TEST(read_only_mount_refuses_writes) {
    struct mounted m;
    if (!mkimg(m.path, sizeof m.path, "ro", &kinds[0], IMAGE_KB, true)) {
        CHECK(0);
        return;
    }
    int err;
    m.fs = mount_image(&m.img, m.path, EXT2_MOUNT_RDONLY, &err);
    CHECK(m.fs);
    if (!m.fs)
        return;
    uint32_t x, ino = ino_of(m.fs, "/hello.txt");
    CHECK_EQ(ext2_create(m.fs, EXT2_ROOT_INO, "x", 1, MODE_FILE, 0, 0, &x), -EROFS);
    CHECK_EQ(ext2_write(m.fs, ino, 0, "abc", 3), -EROFS);
    CHECK_EQ(ext2_truncate(m.fs, ino, 0), -EROFS);
    CHECK_EQ(op_unlink(m.fs, "/hello.txt"), -EROFS);
    CHECK(check_pat(m.fs, ino, 0, 13, 1, 0));
    CHECK(finish(&m));
}

/* Reads everything reachable from dir, ignoring errors (for corrupted images). */
static void walk_all(struct ext2_fs *fs, uint32_t dir, int depth) {
    static struct listing ls[8];
    if (depth >= 8)
        return;
    struct listing *l = &ls[depth];
    l->count = 0;
    uint64_t pos = 0;
    if (ext2_readdir(fs, dir, &pos, collect, l))
        return;
    uint8_t buf[8192];
    for (int i = 0; i < l->count; i++) {
        if (!strcmp(l->names[i], ".") || !strcmp(l->names[i], ".."))
            continue;
        struct ext2_inode in;
        if (ext2_read_inode(fs, l->inos[i], &in))
            continue;
        if (ext2_is_dir(&in))
            walk_all(fs, l->inos[i], depth + 1);
        else
            for (uint64_t off = 0; off < 200000 && ext2_read(fs, l->inos[i], off, buf, sizeof buf) > 0;)
                off += sizeof buf;
    }
}

/* Random bytes in the metadata of a populated image: mount, read, write and delete must
 * return errors or work, never crash (ASan and UBSan watch). */
TEST(fuzzed_metadata_never_crashes) {
    char base[400], path[420];
    if (!mkimg_from(base, sizeof base, "fuzz", &kinds[0], 2048, small_stage)) {
        CHECK(0);
        return;
    }
    snprintf(path, sizeof path, "%s.work", base);
    uint32_t seed = 12345;
    int mounted = 0;
    for (int round = 0; round < 150; round++) {
        shell("cp '%s' '%s'", base, path);
        int fd = open(path, O_RDWR);
        for (int i = 0; i < 40; i++) {
            seed = seed * 1103515245 + 12345;
            uint32_t off = 1024 + (seed >> 8) % (80 * 1024); /* superblock .. inode tables */
            uint8_t v = (uint8_t)(seed >> 3);
            pwrite(fd, &v, 1, off);
        }
        close(fd);
        struct image img;
        int err;
        struct ext2_fs *fs = mount_image(&img, path, 0, &err);
        if (!fs)
            continue;
        mounted++;
        walk_all(fs, EXT2_ROOT_INO, 0);
        uint32_t x;
        if (ext2_create(fs, EXT2_ROOT_INO, "fz", 2, MODE_FILE, 0, 0, &x) == 0)
            ext2_write(fs, x, 5000, path, 100);
        ext2_mkdir(fs, EXT2_ROOT_INO, "fzd", 3, MODE_DIR, 0, 0, &x);
        ext2_unlink(fs, EXT2_ROOT_INO, "big.bin", 7);
        ext2_rename(fs, EXT2_ROOT_INO, "dir", 3, EXT2_ROOT_INO, "many", 4);
        char tbuf[256];
        memset(tbuf, 'l', sizeof tbuf);
        ext2_symlink(fs, EXT2_ROOT_INO, "fzl", 3, tbuf, 80, 0, 0, &x);
        if (!ext2_lookup(fs, EXT2_ROOT_INO, "link", 4, &x))
            ext2_readlink(fs, x, tbuf, sizeof tbuf);
        struct ext2_attr a = {EXT2_ATTR_MODE | EXT2_ATTR_UID, 0700, 5, 0, 0, 0};
        ext2_setattr(fs, EXT2_ROOT_INO, &a);
        ext2_unmount(fs);
        image_close(&img);
    }
    CHECK(mounted > 20); /* most damage is below the superblock: the walk does run */
}

/* Every allocation of a scenario fails in turn: each run ends in an error or success,
 * never a crash or a leak, and the image stays mountable. */
TEST(allocation_failures_free_everything) {
    char base[400], path[420];
    if (!mkimg_from(base, sizeof base, "nomem", &kinds[0], 2048, small_stage)) {
        CHECK(0);
        return;
    }
    snprintf(path, sizeof path, "%s.work", base);
    bool completed = false;
    for (long budget = 0; budget < 600 && !completed; budget += 3) {
        shell("cp '%s' '%s'", base, path);
        struct image img;
        int err;
        host_alloc_budget = budget;
        struct ext2_fs *fs = mount_image(&img, path, 0, &err);
        if (fs) {
            uint32_t x;
            int e1 = ext2_create(fs, EXT2_ROOT_INO, "f", 1, MODE_FILE, 0, 0, &x);
            long w = e1 ? e1 : ext2_write(fs, x, 0, base, 300);
            int e2 = ext2_mkdir(fs, EXT2_ROOT_INO, "d", 1, MODE_DIR, 0, 0, &x);
            int e3 = ext2_rename(fs, EXT2_ROOT_INO, "hello.txt", 9, EXT2_ROOT_INO, "h", 1);
            int e4 = ext2_unlink(fs, EXT2_ROOT_INO, "big.bin", 7);
            char target[100];
            memset(target, 't', sizeof target);
            int e5 = ext2_symlink(fs, EXT2_ROOT_INO, "s", 1, target, sizeof target, 0, 0, &x);
            struct ext2_attr a = {EXT2_ATTR_MODE | EXT2_ATTR_MTIME, 0600, 0, 0, 0, 12345};
            int e6 = ext2_setattr(fs, EXT2_ROOT_INO, &a);
            completed = w == 300 && !e2 && !e3 && !e4 && !e5 && !e6;
            host_alloc_budget = -1;
            CHECK_EQ(ext2_unmount(fs), 0);
            image_close(&img);
        }
        host_alloc_budget = -1;
        CHECK_EQ(host_live_allocs, 0);
    }
    CHECK(completed); /* the budget grew until the whole scenario ran */
    CHECK(fsck_clean(path));
}

int main(void) {
    snprintf(tmpdir, sizeof tmpdir, "/tmp/lingos-ext2-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(stage, sizeof stage, "%s/stage", tmpdir);
    snprintf(small_stage, sizeof small_stage, "%s/small", tmpdir);
    make_stage();
    RUN(read_staged_trees);
    RUN(write_append_overwrite_truncate);
    RUN(big_files_through_all_indirect_levels);
    RUN(directories_links_and_errors);
    RUN(many_entries_grow_and_shrink_directories);
    RUN(full_disk_enospc);
    RUN(open_unlinked_file_lives_until_evict);
    RUN(setattr_mode_owner_and_times);
    RUN(symlinks_fast_and_slow);
    RUN(corrupt_superblocks_fail_to_mount);
    RUN(truncated_and_tiny_images_fail_to_mount);
    RUN(corrupt_group_descriptors_fail_to_mount);
    RUN(read_only_mount_refuses_writes);
    RUN(fuzzed_metadata_never_crashes);
    RUN(allocation_failures_free_everything);
    int rc = check_summary();
    if (rc == 0)
        shell("rm -rf '%s'", tmpdir);
    else
        printf("images kept in %s\n", tmpdir);
    return rc;
}
