/* /proc's namespace and its two file kinds: text snapshots and directories. */
#include "fs/proc/procfs.h"
#include "fs/proc/proc_gen.h"
#include "fs/file.h"
#include "fs/dirent.h"
#include "abi/stat.h"
#include "proc/proc.h"
#include "mm/kheap.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/printf.h"

#define PROC_ROOT_INO 1
#define PROC_PID_INO(pid) (0x10000u + (uint32_t)(pid) * 16)

struct proc_entry {
    const char *name;
    void (*gen)(struct seqbuf *);              /* system-wide file */
    void (*gen_pid)(struct seqbuf *, struct proc *); /* per-process file */
};

static const struct proc_entry root_files[] = {
    {"meminfo", gen_meminfo, 0}, {"buddyinfo", gen_buddyinfo, 0},
    {"uptime", gen_uptime, 0}, {"memmap", gen_memmap, 0},
};
static const struct proc_entry pid_files[] = {
    {"maps", 0, gen_maps}, {"status", 0, gen_status}, {"stat", 0, gen_stat},
    {"cmdline", 0, gen_cmdline},
};
#define NROOT (sizeof root_files / sizeof root_files[0])
#define NPIDF (sizeof pid_files / sizeof pid_files[0])

/* A resolved /proc path: the directory (root or a pid) and the entry in it. */
struct proc_node {
    struct proc *p;                  /* NULL: /proc itself */
    const struct proc_entry *entry;  /* NULL: the directory */
    bool exe, self;                  /* PID/exe or /proc/self: symlinks */
    uint32_t ino;
};

/* Splits off the first component of *rel into name (NUL-terminated); false at the end. */
static bool next_component(const char **rel, char *name, size_t size) {
    while (**rel == '/')
        (*rel)++;
    if (!**rel)
        return false;
    size_t n = 0;
    while ((*rel)[n] && (*rel)[n] != '/')
        n++;
    if (n >= size)
        n = size - 1;
    memcpy(name, *rel, n);
    name[n] = 0;
    *rel += n;
    return true;
}

static struct proc *pid_dir(const char *name) {
    if (!strcmp(name, "self"))
        return current;
    int pid = 0;
    for (const char *c = name; *c; c++) {
        if (*c < '0' || *c > '9')
            return NULL;
        pid = pid * 10 + (*c - '0');
    }
    struct proc *p = *name ? proc_find(pid) : NULL;
    return p && p->state != P_ZOMBIE ? p : NULL;
}

static int lookup(const char *rel, struct proc_node *n) {
    char name[32];
    memset(n, 0, sizeof *n);
    n->ino = PROC_ROOT_INO;
    if (!next_component(&rel, name, sizeof name))
        return 0;
    for (unsigned i = 0; i < NROOT; i++)
        if (!strcmp(name, root_files[i].name)) {
            n->entry = &root_files[i];
            n->ino = PROC_ROOT_INO + 1 + i;
            return next_component(&rel, name, sizeof name) ? -ENOTDIR : 0;
        }
    n->p = pid_dir(name);
    if (!n->p)
        return -ENOENT;
    n->self = !strcmp(name, "self");
    n->ino = PROC_PID_INO(n->p->pid);
    if (!next_component(&rel, name, sizeof name))
        return 0;
    n->self = false;
    if (!strcmp(name, "exe")) {
        n->exe = true;
        n->ino += 15;
        return next_component(&rel, name, sizeof name) ? -ENOTDIR : 0;
    }
    for (unsigned i = 0; i < NPIDF; i++)
        if (!strcmp(name, pid_files[i].name)) {
            n->entry = &pid_files[i];
            n->ino += 1 + i;
            return next_component(&rel, name, sizeof name) ? -ENOTDIR : 0;
        }
    return -ENOENT;
}

static void fill_stat(const struct proc_node *n, struct kstat *st) {
    memset(st, 0, sizeof *st);
    st->ino = n->ino;
    st->nlink = 1;
    st->blksize = 1024;
    if (n->exe || n->self)
        st->mode = S_IFLNK | 0777;
    else if (n->entry)
        st->mode = S_IFREG | 0444;
    else
        st->mode = S_IFDIR | 0555, st->nlink = 2;
}

/* Text files: the snapshot taken at open. */
struct snapshot {
    struct seqbuf text;
    struct proc_node node;
};

static long snap_read(struct file *f, void *buf, size_t len) {
    struct snapshot *s = f->priv;
    if (f->pos >= s->text.len)
        return 0;
    size_t n = s->text.len - (size_t)f->pos < len ? s->text.len - (size_t)f->pos : len;
    memcpy(buf, s->text.buf + f->pos, n);
    f->pos += n;
    return (long)n;
}

static long long snap_lseek(struct file *f, long long off, int whence) {
    struct snapshot *s = f->priv;
    long long base = whence == 0 ? 0 : whence == 1 ? (long long)f->pos : (long long)s->text.len;
    if (base + off < 0)
        return -EINVAL;
    f->pos = (uint64_t)(base + off);
    return (long long)f->pos;
}

static int snap_stat(struct file *f, struct kstat *st) {
    fill_stat(&((struct snapshot *)f->priv)->node, st);
    return 0;
}

static void snap_release(struct file *f) {
    struct snapshot *s = f->priv;
    kfree(s->text.buf);
    kfree(s);
}

/* Directories list their entries; f->pos counts entries already returned. */
static long dir_getdents(struct file *f, void *buf, size_t len) {
    struct snapshot *s = f->priv;
    struct dirent_writer w;
    dirent_writer_init(&w, buf, len);
    uint32_t idx = 0;
    char name[16];
#define EMIT(ino_, name_, type_)                                            \
    do {                                                                    \
        if (idx++ >= f->pos) {                                              \
            if (!dirent_emit(&w, (ino_), (name_), (type_), idx))            \
                return dirent_writer_result(&w);                            \
            f->pos = idx;                                                   \
        }                                                                   \
    } while (0)
    EMIT(s->node.ino, ".", DT_DIR);
    EMIT(PROC_ROOT_INO, "..", DT_DIR);
    if (!s->node.p) {
        for (unsigned i = 0; i < NROOT; i++)
            EMIT(PROC_ROOT_INO + 1 + i, root_files[i].name, DT_REG);
        EMIT(PROC_PID_INO(current->tgid), "self", DT_LNK);
        for (int i = 0; i < NPROC; i++) {   /* one directory per thread group */
            struct proc *p = &proc_table[i];
            if (p->state == P_UNUSED || p->state == P_EMBRYO || p->pid != p->tgid ||
                (p->state == P_ZOMBIE && !proc_group_others(p)))
                continue;
            snprintf(name, sizeof name, "%d", p->pid);
            EMIT(PROC_PID_INO(p->pid), name, DT_DIR);
        }
    } else {
        for (unsigned i = 0; i < NPIDF; i++)
            EMIT(s->node.ino + 1 + i, pid_files[i].name, DT_REG);
        EMIT(s->node.ino + 15, "exe", DT_LNK);
    }
#undef EMIT
    return dirent_writer_result(&w);
}

static const struct file_ops snap_ops = {
    .read = snap_read, .lseek = snap_lseek, .stat = snap_stat, .release = snap_release,
};
static const struct file_ops dir_ops = {
    .getdents = dir_getdents, .lseek = snap_lseek, .stat = snap_stat, .release = snap_release,
};

int procfs_open(const char *rel, uint32_t flags, struct file **out) {
    struct proc_node n;
    int err = lookup(rel, &n);
    if (err)
        return err;
    if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT))
        return -EACCES;
    if (n.exe)
        return -ENOENT;   /* opening the executable itself: not through /proc yet */
    if (n.entry && (flags & O_DIRECTORY))
        return -ENOTDIR;
    struct snapshot *s = kzalloc(sizeof *s);
    if (!s)
        return -ENOMEM;
    s->node = n;
    if (n.entry && n.entry->gen)
        n.entry->gen(&s->text);
    else if (n.entry)
        n.entry->gen_pid(&s->text, n.p);
    struct file *f = s->text.failed ? NULL : file_alloc(n.entry ? &snap_ops : &dir_ops, flags, s);
    if (!f) {
        kfree(s->text.buf);
        kfree(s);
        return -ENOMEM;
    }
    *out = f;
    return 0;
}

int procfs_stat(const char *rel, struct kstat *st) {
    struct proc_node n;
    int err = lookup(rel, &n);
    if (!err)
        fill_stat(&n, st);
    return err;
}

long procfs_readlink(const char *rel, char *buf, size_t len) {
    struct proc_node n;
    int err = lookup(rel, &n);
    if (err)
        return err;
    char tmp[PROC_EXE_MAX];
    if (n.self)
        snprintf(tmp, sizeof tmp, "%d", n.p->tgid);
    else if (n.exe)
        strlcpy(tmp, n.p->exe, sizeof tmp);
    else
        return -EINVAL;
    size_t l = strlen(tmp) < len ? strlen(tmp) : len;
    memcpy(buf, tmp, l);
    return (long)l;
}
