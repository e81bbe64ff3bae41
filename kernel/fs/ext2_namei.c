/* ext2 name operations: lookup, create, mkdir, unlink, rmdir, link, symlink, rename —
 * each keeps link counts, directory sizes and the group directory counts right, and
 * undoes its own allocations when a later step fails (ENOSPC while adding the entry). */
#include "fs/ext2_priv.h"

#define MAX_TREE_DEPTH 4096 /* bound on the walk up ".." (a loop is corruption) */

static bool is_dot(const char *name, size_t len) {
    return (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.');
}

/* A usable last path component: 1..255 bytes, no '/' and no NUL. */
static int check_name(const char *name, size_t len) {
    if (len == 0)
        return -ENOENT;
    if (len > EXT2_NAME_MAX)
        return -ENAMETOOLONG;
    for (size_t i = 0; i < len; i++)
        if (name[i] == '/' || name[i] == '\0')
            return -EINVAL;
    return 0;
}

/* Reads directory ino; -ENOTDIR if it is not one, -ENOENT if it was removed. */
static int read_dir(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *dir) {
    int err = ext2_read_inode(fs, ino, dir);
    if (err)
        return err;
    if (!ext2_is_dir(dir))
        return -ENOTDIR;
    return dir->i_links_count ? 0 : -ENOENT;
}

/* Common start of the operations that add a name: writable, valid name, live
 * directory, name absent. */
static int prepare_add(struct ext2_fs *fs, uint32_t dino, struct ext2_inode *dir,
                       const char *name, size_t len) {
    if (fs->readonly)
        return -EROFS;
    int err = check_name(name, len);
    if (!err && is_dot(name, len))
        err = -EEXIST;
    if (!err)
        err = read_dir(fs, dino, dir);
    struct ext2_slot slot;
    if (!err)
        err = ext2_dir_find(fs, dir, name, len, &slot);
    return err == -ENOENT ? 0 : err ? err : -EEXIST;
}

int ext2_lookup(struct ext2_fs *fs, uint32_t dino, const char *name, size_t len, uint32_t *ino) {
    struct ext2_inode dir;
    struct ext2_slot slot;
    int err = check_name(name, len);
    if (!err)
        err = read_dir(fs, dino, &dir);
    if (!err)
        err = ext2_dir_find(fs, &dir, name, len, &slot);
    if (!err)
        *ino = slot.ino;
    return err;
}

int ext2_create(struct ext2_fs *fs, uint32_t dino, const char *name, size_t len,
                uint16_t mode, uint16_t uid, uint16_t gid, uint32_t *ino) {
    struct ext2_inode dir, in;
    if (!(mode & EXT2_S_IFMT))
        mode |= EXT2_S_IFREG;
    if ((mode & EXT2_S_IFMT) == EXT2_S_IFDIR)
        return -EINVAL;
    int err = prepare_add(fs, dino, &dir, name, len);
    if (!err)
        err = ext2_new_inode(fs, dino, mode, uid, gid, ino, &in);
    if (err)
        return err;
    err = ext2_dir_add(fs, dino, &dir, name, len, *ino, ext2_ftype(mode));
    if (err)
        ext2_drop_link(fs, *ino, &in);
    return err;
}

int ext2_mkdir(struct ext2_fs *fs, uint32_t dino, const char *name, size_t len,
               uint16_t mode, uint16_t uid, uint16_t gid, uint32_t *ino) {
    struct ext2_inode dir, in;
    mode = (uint16_t)((mode & EXT2_S_PERM) | EXT2_S_IFDIR);
    int err = prepare_add(fs, dino, &dir, name, len);
    if (!err && dir.i_links_count >= EXT2_LINK_MAX)
        err = -EMLINK;
    if (!err)
        err = ext2_new_inode(fs, dino, mode, uid, gid, ino, &in);
    if (err)
        return err;
    in.i_links_count = 2;
    err = ext2_dir_init(fs, &in, *ino, dino);
    if (!err)
        err = ext2_write_inode(fs, *ino, &in);
    if (!err) {
        dir.i_links_count++;
        err = ext2_dir_add(fs, dino, &dir, name, len, *ino, EXT2_FT_DIR);
        if (err) {
            dir.i_links_count--;
            ext2_write_inode(fs, dino, &dir);
        }
    }
    if (err) {
        in.i_links_count = 1;
        ext2_drop_link(fs, *ino, &in);
    }
    return err;
}

/* Finds name in live directory dino for removal ("." and ".." are refused with
 * dot_err); reads the entry's inode into *in. */
static int find_victim(struct ext2_fs *fs, uint32_t dino, struct ext2_inode *dir,
                       const char *name, size_t len, int dot_err, struct ext2_slot *slot,
                       struct ext2_inode *in) {
    if (fs->readonly)
        return -EROFS;
    int err = check_name(name, len);
    if (!err && is_dot(name, len))
        err = len == 1 ? dot_err : -ENOTEMPTY;
    if (!err)
        err = read_dir(fs, dino, dir);
    if (!err)
        err = ext2_dir_find(fs, dir, name, len, slot);
    if (!err)
        err = ext2_read_inode(fs, slot->ino, in);
    return err;
}

int ext2_unlink(struct ext2_fs *fs, uint32_t dino, const char *name, size_t len) {
    struct ext2_inode dir, in;
    struct ext2_slot slot;
    int err = find_victim(fs, dino, &dir, name, len, -EISDIR, &slot, &in);
    if (!err && ext2_is_dir(&in))
        err = -EISDIR;
    if (!err)
        err = ext2_dir_remove(fs, &slot);
    if (err)
        return err;
    ext2_touch_dir(fs, &dir);
    err = ext2_write_inode(fs, dino, &dir);
    int derr = ext2_drop_link(fs, slot.ino, &in);
    return err ? err : derr;
}

int ext2_rmdir(struct ext2_fs *fs, uint32_t dino, const char *name, size_t len) {
    struct ext2_inode dir, in;
    struct ext2_slot slot;
    int err = find_victim(fs, dino, &dir, name, len, -EINVAL, &slot, &in);
    if (!err && !ext2_is_dir(&in))
        err = -ENOTDIR;
    if (!err) {
        int empty = ext2_dir_empty(fs, &in);
        err = empty < 0 ? empty : empty ? 0 : -ENOTEMPTY;
    }
    if (!err)
        err = ext2_dir_remove(fs, &slot);
    if (err)
        return err;
    if (dir.i_links_count > 2)
        dir.i_links_count--; /* the removed directory's ".." */
    ext2_touch_dir(fs, &dir);
    err = ext2_write_inode(fs, dino, &dir);
    in.i_links_count = 1; /* its "." goes with its name */
    int derr = ext2_drop_link(fs, slot.ino, &in);
    return err ? err : derr;
}

int ext2_link(struct ext2_fs *fs, uint32_t ino, uint32_t dino, const char *name, size_t len) {
    struct ext2_inode dir, in;
    int err = prepare_add(fs, dino, &dir, name, len);
    if (!err)
        err = ext2_read_inode(fs, ino, &in);
    if (!err && ext2_is_dir(&in))
        err = -EPERM;
    if (!err && in.i_links_count == 0)
        err = -ENOENT;
    if (!err && in.i_links_count >= EXT2_LINK_MAX)
        err = -EMLINK;
    if (!err)
        err = ext2_dir_add(fs, dino, &dir, name, len, ino, ext2_ftype(in.i_mode));
    if (err)
        return err;
    in.i_links_count++;
    in.i_ctime = ext2_now(fs);
    return ext2_write_inode(fs, ino, &in);
}

/* Stores a new symlink's target: in i_block when short, else in one zero-padded block. */
static int put_target(struct ext2_fs *fs, struct ext2_inode *in, const char *target, size_t tlen) {
    in->i_size = (uint32_t)tlen;
    if (tlen < EXT2_FAST_SYMLINK_MAX) {
        memcpy(in->i_block, target, tlen);
        return 0;
    }
    uint32_t blk;
    int err;
    uint8_t *buf = ext2_new_first_block(fs, in, &blk, &err);
    if (!buf)
        return err;
    memcpy(buf, target, tlen);
    err = ext2_bwrite(fs, blk, buf);
    ext2_mfree(fs, buf);
    return err;
}

int ext2_symlink(struct ext2_fs *fs, uint32_t dino, const char *name, size_t len,
                 const char *target, size_t tlen, uint16_t uid, uint16_t gid, uint32_t *ino) {
    struct ext2_inode dir, in;
    if (tlen == 0)
        return -ENOENT;
    if (tlen + 1 > fs->block_size)
        return -ENAMETOOLONG;
    int err = prepare_add(fs, dino, &dir, name, len);
    if (!err)
        err = ext2_new_inode(fs, dino, EXT2_S_IFLNK | 0777, uid, gid, ino, &in);
    if (err)
        return err;
    err = put_target(fs, &in, target, tlen);
    int werr = ext2_write_inode(fs, *ino, &in); /* also after errors: a block may be new */
    if (!err)
        err = werr;
    if (!err)
        err = ext2_dir_add(fs, dino, &dir, name, len, *ino, EXT2_FT_SYMLINK);
    if (err)
        ext2_drop_link(fs, *ino, &in);
    return err;
}

/* -EINVAL if directory `dir` is `anc` or lies below it (walking ".." up to the root). */
static int check_not_below(struct ext2_fs *fs, uint32_t dir, uint32_t anc) {
    for (int depth = 0; depth < MAX_TREE_DEPTH; depth++) {
        if (dir == anc)
            return -EINVAL;
        if (dir == EXT2_ROOT_INO)
            return 0;
        uint32_t parent;
        int err = ext2_lookup(fs, dir, "..", 2, &parent);
        if (err)
            return err;
        if (parent == dir)
            return -EIO;
        dir = parent;
    }
    return -EIO;
}

/* What rename found: the source and the target it may replace. */
struct rename_ctx {
    struct ext2_slot src_slot, dst_slot;
    struct ext2_inode src, dst;
    bool replace, src_dir;
};

/* Checks a rename's source and target against each other (kinds, emptiness, cycles). */
static int rename_check(struct ext2_fs *fs, struct rename_ctx *r, uint32_t olddir,
                        struct ext2_inode *ndir, uint32_t newdir, const char *newname,
                        size_t newlen) {
    r->src_dir = ext2_is_dir(&r->src);
    int err = ext2_dir_find(fs, ndir, newname, newlen, &r->dst_slot);
    if (err && err != -ENOENT)
        return err;
    r->replace = !err;
    if (r->replace) {
        if ((err = ext2_read_inode(fs, r->dst_slot.ino, &r->dst)))
            return err;
        bool dst_dir = ext2_is_dir(&r->dst);
        if (r->src_dir != dst_dir)
            return r->src_dir ? -ENOTDIR : -EISDIR;
        if (dst_dir) {
            int empty = ext2_dir_empty(fs, &r->dst);
            if (empty <= 0)
                return empty < 0 ? empty : -ENOTEMPTY;
        }
    }
    if (r->src_dir && olddir != newdir) {
        if (!r->replace && ndir->i_links_count >= EXT2_LINK_MAX)
            return -EMLINK;
        return check_not_below(fs, newdir, r->src_slot.ino);
    }
    return 0;
}

/* Points the moved directory's ".." at its new parent. */
static int reparent(struct ext2_fs *fs, struct rename_ctx *r, uint32_t newdir) {
    struct ext2_slot dd;
    int err = ext2_dir_find(fs, &r->src, "..", 2, &dd);
    return err ? err : ext2_dir_retarget(fs, &dd, newdir, EXT2_FT_DIR);
}

int ext2_rename(struct ext2_fs *fs, uint32_t olddir, const char *oldname, size_t oldlen,
                uint32_t newdir, const char *newname, size_t newlen) {
    struct ext2_inode odir, ndir_own;
    struct ext2_inode *ndir = olddir == newdir ? &odir : &ndir_own;
    struct rename_ctx r;
    int err = find_victim(fs, olddir, &odir, oldname, oldlen, -EINVAL, &r.src_slot, &r.src);
    if (err == -ENOTEMPTY)
        err = -EINVAL; /* renaming ".." */
    if (!err)
        err = check_name(newname, newlen);
    if (!err && is_dot(newname, newlen))
        err = -EINVAL;
    if (!err && ndir != &odir)
        err = read_dir(fs, newdir, ndir);
    if (!err)
        err = rename_check(fs, &r, olddir, ndir, newdir, newname, newlen);
    if (err)
        return err;
    uint32_t ino = r.src_slot.ino;
    if (r.replace && r.dst_slot.ino == ino)
        return 0; /* two names of one inode: nothing to do */
    uint8_t ft = ext2_ftype(r.src.i_mode);
    if (r.replace) {
        err = ext2_dir_retarget(fs, &r.dst_slot, ino, ft);
        ext2_touch_dir(fs, ndir);
    } else {
        err = ext2_dir_add(fs, newdir, ndir, newname, newlen, ino, ft);
    }
    /* The add may have moved entries of the same block: find the old name again. */
    if (!err)
        err = ext2_dir_find(fs, &odir, oldname, oldlen, &r.src_slot);
    if (!err)
        err = ext2_dir_remove(fs, &r.src_slot);
    if (err)
        return err;
    ext2_touch_dir(fs, &odir);
    if (r.src_dir && olddir != newdir) {
        err = reparent(fs, &r, newdir);
        odir.i_links_count--;
        ndir->i_links_count++;
    }
    if (r.replace && r.src_dir)
        ndir->i_links_count--; /* the replaced directory's ".." */
    if (!err && ndir != &odir)
        err = ext2_write_inode(fs, newdir, ndir);
    if (!err)
        err = ext2_write_inode(fs, olddir, &odir);
    r.src.i_ctime = ext2_now(fs);
    if (!err)
        err = ext2_write_inode(fs, ino, &r.src);
    if (!err && r.replace) {
        if (r.src_dir)
            r.dst.i_links_count = 1;
        err = ext2_drop_link(fs, r.dst_slot.ino, &r.dst);
    }
    return err;
}
