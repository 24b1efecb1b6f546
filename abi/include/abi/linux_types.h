/*
 * abi/linux_types.h — the Linux AArch64 (asm-generic) structures and flag
 * values that cross a boundary: what user programs (musl) pass through
 * system calls, and what the VFS server writes into their memory through
 * grants.  Written from the documented layouts (include/uapi/asm-generic/
 * stat.h, statfs.h, linux/stat.h, linux/dirent.h, asm/fcntl.h for arm64);
 * every structure has a size assert.
 *
 * Every name carries a LINUX_ / linux_ prefix: the VFS server also includes
 * newlib's headers and the host tests glibc's, whose O_* and S_* values
 * differ (newlib's O_CREAT is not Linux's).  Only <stdint.h> is used, so
 * the kernel can include this file.
 */
#ifndef ABI_LINUX_TYPES_H
#define ABI_LINUX_TYPES_H

#include <stdint.h>

/* ---- limits -------------------------------------------------------------- */
#define LINUX_PATH_MAX 4096 /* bytes of a path, with its NUL */
#define LINUX_NAME_MAX 255  /* bytes of one component */
#define LINUX_SYMLOOP_MAX 40

/* ---- file types and permission bits (st_mode) ------------------------------ */
#define LINUX_S_IFMT 0170000
#define LINUX_S_IFSOCK 0140000
#define LINUX_S_IFLNK 0120000
#define LINUX_S_IFREG 0100000
#define LINUX_S_IFBLK 0060000
#define LINUX_S_IFDIR 0040000
#define LINUX_S_IFCHR 0020000
#define LINUX_S_IFIFO 0010000
#define LINUX_S_ISUID 04000
#define LINUX_S_ISGID 02000
#define LINUX_S_ISVTX 01000
#define LINUX_S_IRWXU 0700
#define LINUX_S_IRWXG 0070
#define LINUX_S_IRWXO 0007
#define LINUX_S_IXUGO 0111
#define LINUX_S_ISTYPE(m, t) ((LINUX_S_IFMT & (m)) == (t))

/* Device numbers as user space sees them in st_dev and st_rdev (musl's and
 * glibc's makedev; equal to the kernel's new_encode_dev below 2^32). */
#define LINUX_MKDEV(ma, mi)                                                                        \
    (((0xfffff000u & (uint64_t)(ma)) << 32) | ((0xfffu & (uint64_t)(ma)) << 8) |                   \
     ((0xffffff00u & (uint64_t)(mi)) << 12) | (0xffu & (uint64_t)(mi)))
#define LINUX_MAJOR(d) ((uint32_t)((((uint64_t)(d) >> 32) & 0xfffff000u) | (((d) >> 8) & 0xfffu)))
#define LINUX_MINOR(d) ((uint32_t)((((uint64_t)(d) >> 12) & 0xffffff00u) | (0xffu & (d))))

/* ---- open(2) flags (arm64 values: O_DIRECTORY etc. differ from x86) -------- */
#define LINUX_O_ACCMODE 03
#define LINUX_O_RDONLY 00
#define LINUX_O_WRONLY 01
#define LINUX_O_RDWR 02
#define LINUX_O_CREAT 0100
#define LINUX_O_EXCL 0200
#define LINUX_O_NOCTTY 0400
#define LINUX_O_TRUNC 01000
#define LINUX_O_APPEND 02000
#define LINUX_O_NONBLOCK 04000
#define LINUX_O_DSYNC 010000
#define LINUX_O_DIRECTORY 040000
#define LINUX_O_NOFOLLOW 0100000
#define LINUX_O_DIRECT 0200000
#define LINUX_O_LARGEFILE 0400000
#define LINUX_O_NOATIME 01000000
#define LINUX_O_CLOEXEC 02000000
#define LINUX_O_SYNC 04010000
#define LINUX_O_PATH 010000000
#define LINUX_O_TMPFILE 020040000 /* with O_DIRECTORY, as Linux defines it */

/* ---- *at() flags ------------------------------------------------------------ */
#define LINUX_AT_FDCWD (-100)
#define LINUX_AT_SYMLINK_NOFOLLOW 0x100
#define LINUX_AT_REMOVEDIR 0x200
#define LINUX_AT_EACCESS 0x200 /* faccessat: same bit, other call */
#define LINUX_AT_SYMLINK_FOLLOW 0x400
#define LINUX_AT_NO_AUTOMOUNT 0x800
#define LINUX_AT_EMPTY_PATH 0x1000

/* access(2) modes */
#define LINUX_F_OK 0
#define LINUX_X_OK 1
#define LINUX_W_OK 2
#define LINUX_R_OK 4

/* renameat2(2) flags */
#define LINUX_RENAME_NOREPLACE 1
#define LINUX_RENAME_EXCHANGE 2
#define LINUX_RENAME_WHITEOUT 4

/* utimensat(2) special nanosecond values */
#define LINUX_UTIME_NOW ((1l << 30) - 1l)
#define LINUX_UTIME_OMIT ((1l << 30) - 2l)

/* mount(2) flags (the ones the VFS server looks at) and umount2(2) flags */
#define LINUX_MS_RDONLY 1
#define LINUX_MS_NOSUID 2
#define LINUX_MS_NODEV 4
#define LINUX_MS_NOEXEC 8
#define LINUX_MS_SYNCHRONOUS 16
#define LINUX_MS_REMOUNT 32
#define LINUX_MS_NOATIME 1024
#define LINUX_MS_NODIRATIME 2048
#define LINUX_MS_BIND 4096
#define LINUX_MS_MOVE 8192
#define LINUX_MS_REC 16384
#define LINUX_MS_SILENT 32768
#define LINUX_MS_RELATIME (1 << 21)
#define LINUX_MS_STRICTATIME (1 << 24)
#define LINUX_MNT_FORCE 1
#define LINUX_MNT_DETACH 2
#define LINUX_MNT_EXPIRE 4
#define LINUX_UMOUNT_NOFOLLOW 8

/* ---- struct timespec -------------------------------------------------------- */
struct linux_timespec {
    int64_t tv_sec;
    int64_t tv_nsec;
};
_Static_assert(sizeof(struct linux_timespec) == 16, "timespec is two longs");

/* ---- struct stat (asm-generic, as arm64 uses it: stat, fstat, newfstatat) --- */
struct linux_stat {
    uint64_t st_dev;
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint64_t __pad1;
    int64_t st_size;
    int32_t st_blksize;
    int32_t __pad2;
    int64_t st_blocks; /* 512-byte units */
    int64_t st_atime_sec;
    uint64_t st_atime_nsec;
    int64_t st_mtime_sec;
    uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;
    uint64_t st_ctime_nsec;
    uint32_t __unused4;
    uint32_t __unused5;
};
_Static_assert(sizeof(struct linux_stat) == 128, "asm-generic struct stat is 128 bytes");

/* ---- struct statx ---------------------------------------------------------- */
#define LINUX_STATX_TYPE 0x0001u
#define LINUX_STATX_MODE 0x0002u
#define LINUX_STATX_NLINK 0x0004u
#define LINUX_STATX_UID 0x0008u
#define LINUX_STATX_GID 0x0010u
#define LINUX_STATX_ATIME 0x0020u
#define LINUX_STATX_MTIME 0x0040u
#define LINUX_STATX_CTIME 0x0080u
#define LINUX_STATX_INO 0x0100u
#define LINUX_STATX_SIZE 0x0200u
#define LINUX_STATX_BLOCKS 0x0400u
#define LINUX_STATX_BASIC_STATS 0x07ffu
#define LINUX_STATX_BTIME 0x0800u
#define LINUX_STATX_MNT_ID 0x1000u

struct linux_statx_timestamp {
    int64_t tv_sec;
    uint32_t tv_nsec;
    int32_t __reserved;
};

struct linux_statx {
    uint32_t stx_mask;
    uint32_t stx_blksize;
    uint64_t stx_attributes;
    uint32_t stx_nlink;
    uint32_t stx_uid;
    uint32_t stx_gid;
    uint16_t stx_mode;
    uint16_t __spare0;
    uint64_t stx_ino;
    uint64_t stx_size;
    uint64_t stx_blocks;
    uint64_t stx_attributes_mask;
    struct linux_statx_timestamp stx_atime;
    struct linux_statx_timestamp stx_btime;
    struct linux_statx_timestamp stx_ctime;
    struct linux_statx_timestamp stx_mtime;
    uint32_t stx_rdev_major;
    uint32_t stx_rdev_minor;
    uint32_t stx_dev_major;
    uint32_t stx_dev_minor;
    uint64_t stx_mnt_id;
    uint32_t stx_dio_mem_align;
    uint32_t stx_dio_offset_align;
    uint64_t __spare3[12];
};
_Static_assert(sizeof(struct linux_statx) == 256, "struct statx is 256 bytes");

/* ---- getdents64 ------------------------------------------------------------- */
/* One record: the header below, the name and its NUL, zero padding to a
 * multiple of 8 (d_reclen is the whole record).  d_off is the cookie that
 * continues the listing after this entry. */
struct linux_dirent64 {
    uint64_t d_ino;
    int64_t d_off;
    uint16_t d_reclen;
    uint8_t d_type;
    char d_name[]; /* NUL-terminated */
};
#define LINUX_DIRENT64_NAME_OFFSET 19
_Static_assert(sizeof(struct linux_dirent64) == 24, "header, padded to 8");
#define LINUX_DIRENT64_RECLEN(namelen) ((LINUX_DIRENT64_NAME_OFFSET + (namelen) + 1 + 7) & ~7u)

#define LINUX_DT_UNKNOWN 0
#define LINUX_DT_FIFO 1
#define LINUX_DT_CHR 2
#define LINUX_DT_DIR 4
#define LINUX_DT_BLK 6
#define LINUX_DT_REG 8
#define LINUX_DT_LNK 10
#define LINUX_DT_SOCK 12
#define LINUX_IFTODT(mode) ((LINUX_S_IFMT & (mode)) >> 12)

/* ---- struct statfs (asm-generic, 64-bit words) ----------------------------- */
struct linux_statfs {
    int64_t f_type;
    int64_t f_bsize;
    uint64_t f_blocks;
    uint64_t f_bfree;
    uint64_t f_bavail;
    uint64_t f_files;
    uint64_t f_ffree;
    int32_t f_fsid[2];
    int64_t f_namelen;
    int64_t f_frsize;
    int64_t f_flags;
    int64_t f_spare[4];
};
_Static_assert(sizeof(struct linux_statfs) == 120, "asm-generic struct statfs is 120 bytes");

/* f_flags (ST_VALID says the field is filled) */
#define LINUX_ST_RDONLY 0x0001
#define LINUX_ST_NOSUID 0x0002
#define LINUX_ST_NODEV 0x0004
#define LINUX_ST_NOEXEC 0x0008
#define LINUX_ST_VALID 0x0020
#define LINUX_ST_NOATIME 0x0400
#define LINUX_ST_RELATIME 0x1000

/* f_type */
#define LINUX_TMPFS_MAGIC 0x01021994
#define LINUX_PROC_SUPER_MAGIC 0x9fa0

/* ---- process information (procfs) ------------------------------------------ */
#define LINUX_USER_HZ 100 /* clock ticks in /proc/<pid>/stat */

#endif
