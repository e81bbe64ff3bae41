/* The ext2 on-disk format (revision 0 and 1), little-endian, as described by the ext2
 * documentation ("The Second Extended File System", Dave Poirier; the kernel's
 * Documentation/filesystems/ext2.rst). Only the layout lives here: structures, magic
 * numbers and flag bits. */
#ifndef FS_EXT2_DISK_H
#define FS_EXT2_DISK_H
#include <stdint.h>

#define EXT2_SUPER_OFFSET     1024   /* the superblock is at byte 1024 of the volume */
#define EXT2_SUPER_SIZE       1024
#define EXT2_MAGIC            0xEF53
#define EXT2_MIN_BLOCK_LOG    10     /* block size = 1024 << s_log_block_size */
#define EXT2_MAX_LOG_BLOCK    2      /* we support 1, 2 and 4 KiB blocks, as i386 Linux */
#define EXT2_GOOD_OLD_REV     0
#define EXT2_DYNAMIC_REV      1
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_GOOD_OLD_FIRST_INO  11
#define EXT2_ROOT_INO         2
#define EXT2_GROUP_DESC_SIZE  32
#define EXT2_LINK_MAX         32000
#define EXT2_NAME_MAX         255

/* s_state */
#define EXT2_VALID_FS         0x0001 /* cleanly unmounted */
#define EXT2_ERROR_FS         0x0002

/* Feature bits. Compatible ones need nothing from us; incompatible ones we do not know
 * refuse the mount; read-only-compatible ones we do not know force a read-only mount. */
#define EXT2_FEATURE_COMPAT_DIR_INDEX      0x0020
#define EXT2_FEATURE_INCOMPAT_FILETYPE     0x0002
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE  0x0002
#define EXT2_INCOMPAT_SUPPORTED  EXT2_FEATURE_INCOMPAT_FILETYPE
#define EXT2_RO_COMPAT_SUPPORTED (EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
                                  EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

struct ext2_super {
    uint32_t s_inodes_count;
    uint32_t s_blocks_count;
    uint32_t s_r_blocks_count;
    uint32_t s_free_blocks_count;
    uint32_t s_free_inodes_count;
    uint32_t s_first_data_block;
    uint32_t s_log_block_size;
    uint32_t s_log_frag_size;
    uint32_t s_blocks_per_group;
    uint32_t s_frags_per_group;
    uint32_t s_inodes_per_group;
    uint32_t s_mtime;
    uint32_t s_wtime;
    uint16_t s_mnt_count;
    int16_t  s_max_mnt_count;
    uint16_t s_magic;
    uint16_t s_state;
    uint16_t s_errors;
    uint16_t s_minor_rev_level;
    uint32_t s_lastcheck;
    uint32_t s_checkinterval;
    uint32_t s_creator_os;
    uint32_t s_rev_level;
    uint16_t s_def_resuid;
    uint16_t s_def_resgid;
    /* EXT2_DYNAMIC_REV only */
    uint32_t s_first_ino;
    uint16_t s_inode_size;
    uint16_t s_block_group_nr;
    uint32_t s_feature_compat;
    uint32_t s_feature_incompat;
    uint32_t s_feature_ro_compat;
    uint8_t  s_uuid[16];
    char     s_volume_name[16];
    char     s_last_mounted[64];
    uint32_t s_algo_bitmap;
    uint8_t  s_prealloc_blocks;
    uint8_t  s_prealloc_dir_blocks;
    uint16_t s_padding1;
    uint8_t  s_journal_uuid[16];
    uint32_t s_journal_inum;
    uint32_t s_journal_dev;
    uint32_t s_last_orphan;
    uint32_t s_hash_seed[4];
    uint8_t  s_def_hash_version;
    uint8_t  s_jnl_backup_type;
    uint16_t s_desc_size;
    uint32_t s_default_mount_opts;
    uint32_t s_first_meta_bg;
    uint32_t s_mkfs_time;
    uint32_t s_jnl_blocks[17];
    uint32_t s_blocks_count_hi;
    uint32_t s_r_blocks_count_hi;
    uint32_t s_free_blocks_count_hi;
    uint16_t s_min_extra_isize;      /* extra inode bytes every inode has (large inodes) */
    uint16_t s_want_extra_isize;     /* extra inode bytes new inodes should have */
    uint8_t  s_reserved[EXT2_SUPER_SIZE - 352];
} __attribute__((packed));
_Static_assert(sizeof(struct ext2_super) == EXT2_SUPER_SIZE, "ext2 superblock layout");

struct ext2_group_desc {
    uint32_t bg_block_bitmap;
    uint32_t bg_inode_bitmap;
    uint32_t bg_inode_table;
    uint16_t bg_free_blocks_count;
    uint16_t bg_free_inodes_count;
    uint16_t bg_used_dirs_count;
    uint16_t bg_pad;
    uint8_t  bg_reserved[12];
} __attribute__((packed));
_Static_assert(sizeof(struct ext2_group_desc) == EXT2_GROUP_DESC_SIZE, "ext2 group descriptor");

/* Block pointers in i_block: 12 direct, then single, double and triple indirect. */
#define EXT2_NDIR_BLOCKS 12
#define EXT2_IND_BLOCK   12
#define EXT2_DIND_BLOCK  13
#define EXT2_TIND_BLOCK  14
#define EXT2_N_BLOCKS    15
#define EXT2_MAX_DEPTH   3        /* triple indirect */
#define EXT2_SECTOR_SIZE 512      /* i_blocks counts 512-byte sectors */
#define EXT2_FAST_SYMLINK_MAX (EXT2_N_BLOCKS * 4) /* a target this short lives in i_block */

/* i_flags */
#define EXT2_INDEX_FL    0x00001000 /* hashed-index directory; cleared when we modify it */

struct ext2_inode {
    uint16_t i_mode;
    uint16_t i_uid;
    uint32_t i_size;
    uint32_t i_atime;
    uint32_t i_ctime;
    uint32_t i_mtime;
    uint32_t i_dtime;
    uint16_t i_gid;
    uint16_t i_links_count;
    uint32_t i_blocks;               /* in EXT2_SECTOR_SIZE units: data, indirect, xattr */
    uint32_t i_flags;
    uint32_t i_osd1;
    uint32_t i_block[EXT2_N_BLOCKS];
    uint32_t i_generation;
    uint32_t i_file_acl;             /* extended-attribute block, 0 if none */
    uint32_t i_size_high;            /* i_dir_acl in revision 0; high size bits of files */
    uint32_t i_faddr;
    uint8_t  i_frag, i_fsize;
    uint16_t i_pad1;
    uint16_t i_uid_high;
    uint16_t i_gid_high;
    uint32_t i_reserved2;
}; /* naturally aligned: not packed, so &in->i_block[i] is a plain pointer */
_Static_assert(sizeof(struct ext2_inode) == EXT2_GOOD_OLD_INODE_SIZE, "ext2 inode layout");

/* Fields of an inode larger than 128 bytes (revision 1, s_inode_size > 128). */
struct ext2_inode_large_tail {
    uint16_t i_extra_isize;          /* bytes used past the first 128 */
    uint16_t i_checksum_hi;
    uint32_t i_ctime_extra, i_mtime_extra, i_atime_extra;
    uint32_t i_crtime, i_crtime_extra;
} __attribute__((packed));

/* i_mode: the type in the top bits, as in POSIX */
#define EXT2_S_IFMT   0xF000
#define EXT2_S_IFSOCK 0xC000
#define EXT2_S_IFLNK  0xA000
#define EXT2_S_IFREG  0x8000
#define EXT2_S_IFBLK  0x6000
#define EXT2_S_IFDIR  0x4000
#define EXT2_S_IFCHR  0x2000
#define EXT2_S_IFIFO  0x1000
#define EXT2_S_PERM   0x0FFF         /* permission, setuid, setgid and sticky bits */

/* Directory entries: a chain of records through each block, rec_len apart; inode 0
 * marks an unused record. With FILETYPE the high byte of name_len is the file type. */
struct ext2_dirent {
    uint32_t inode;
    uint16_t rec_len;
    uint8_t  name_len;
    uint8_t  file_type;              /* name_len's high byte without FILETYPE */
    char     name[];
} __attribute__((packed));
#define EXT2_DIRENT_HEADER 8
#define EXT2_DIRENT_ALIGN  4
#define EXT2_DIRENT_LEN(name_len) \
    ((EXT2_DIRENT_HEADER + (name_len) + EXT2_DIRENT_ALIGN - 1) & ~(EXT2_DIRENT_ALIGN - 1))

#define EXT2_FT_UNKNOWN  0
#define EXT2_FT_REG_FILE 1
#define EXT2_FT_DIR      2
#define EXT2_FT_CHRDEV   3
#define EXT2_FT_BLKDEV   4
#define EXT2_FT_FIFO     5
#define EXT2_FT_SOCK     6
#define EXT2_FT_SYMLINK  7

/* Extended-attribute block header (shared between inodes by h_refcount). */
#define EXT2_XATTR_MAGIC 0xEA020000
struct ext2_xattr_header {
    uint32_t h_magic;
    uint32_t h_refcount;
    uint32_t h_blocks;
    uint32_t h_hash;
} __attribute__((packed));
#endif
