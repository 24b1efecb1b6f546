/*
 * abi/vfs_msg.h — the messages between the kernel and the VFS server.
 *
 * The kernel is the server's only client: an ordinary process's file
 * system call becomes one synchronous call on the server's endpoint
 * (abi/native.h), with the calling process's pid as the client id.  One
 * named struct per request and per reply, each exactly one struct ipc_msg
 * (six 64-bit words; word 0 is the label in a request and the result in a
 * reply).  Convert with union vfs_msg (or memcpy); both sides are
 * little-endian, so two uint32_t fields share one word low half first.
 *
 * Conventions
 *   - Labels: VFS_* below; 0 is never a label.  An unknown label gets
 *     -ENOSYS.
 *   - Result (word 0 of every reply): >= 0 on success, -errno on failure
 *     (abi/errno.h).  On failure the other reply words are 0.
 *   - Handles: opaque 64-bit numbers the server chooses; 0 (VFS_NO_HANDLE)
 *     is never one.  The server checks every handle it is given: an unknown,
 *     closed or garbage one gives -EBADF.  A handle is one reference, owned
 *     by the kernel until it sends VFS_CLOSE; handles are not tied to the
 *     client pid (the kernel keeps the fd tables and may pass them on at
 *     fork).
 *   - Grants: bulk data only through the call's grant windows.  A path is
 *     NUL-terminated in grant 0 (read right); path_len is the size of that
 *     window (the kernel makes it the string plus its NUL, at most
 *     LINUX_PATH_MAX).  The server copies at most LINUX_PATH_MAX bytes and
 *     wants a NUL inside the window: none within LINUX_PATH_MAX bytes gives
 *     -ENAMETOOLONG, none in a shorter window -EFAULT.  A second path or
 *     string is in grant 1 the same way; output buffers are in the grant the
 *     request names, of the size it gives.  A grant that is missing or
 *     smaller than what the server must copy gives -EFAULT.
 *   - path_len == 0 (no path at all, not an empty string) means the object
 *     is the handle `dir` itself: fstat, fchmod, fchown, futimens,
 *     ftruncate, fstatfs, fchdir, and the *at() calls with AT_EMPTY_PATH and
 *     an empty path.  An empty string (path_len 1) is -ENOENT, as in Linux.
 *   - `dir` is the handle relative paths start from: the caller's working
 *     directory for AT_FDCWD, else the dirfd's handle.  It is not looked at
 *     for absolute paths (the kernel may pass 0 there).
 *   - Credentials: the kernel passes the caller's (filesystem) uid and gid
 *     in `cred`; for VFS_ACCESS without AT_EACCESS the real ones.  The
 *     server applies the umask it is given on creation.
 *   - Offsets: the kernel keeps the file position of each open file
 *     description and passes it in every read and write (pread/pwrite
 *     style); the server returns bytes done.  For an O_APPEND description
 *     the kernel sets VFS_WRITE_APPEND and the server writes at the end of
 *     file and returns the position after the write.
 *   - Flags are Linux's (abi/linux_types.h, LINUX_O_*, LINUX_AT_*).
 */
#ifndef ABI_VFS_MSG_H
#define ABI_VFS_MSG_H

#include <stdint.h>

#include "abi/native.h"

#define VFS_NO_HANDLE 0

/* ---- labels ----------------------------------------------------------------- */
#define VFS_OPEN 1       /* openat: a handle, or "this is a kernel device" */
#define VFS_CLOSE 2      /* drop a handle */
#define VFS_READ 3       /* pread into grant 0 */
#define VFS_WRITE 4      /* pwrite from grant 0 */
#define VFS_STAT 5       /* newfstatat / fstat / statx into grant 1 */
#define VFS_GETDENTS 6   /* getdents64 into grant 0 */
#define VFS_MKDIR 7      /* mkdirat */
#define VFS_UNLINK 8     /* unlinkat (AT_REMOVEDIR: rmdir) */
#define VFS_RENAME 9     /* renameat2 */
#define VFS_LINK 10      /* linkat */
#define VFS_SYMLINK 11   /* symlinkat */
#define VFS_READLINK 12  /* readlinkat into grant 1 */
#define VFS_ACCESS 13    /* faccessat2 */
#define VFS_CHMOD 14     /* fchmodat / fchmod */
#define VFS_CHOWN 15     /* fchownat / fchown */
#define VFS_UTIMENS 16   /* utimensat / futimens */
#define VFS_TRUNCATE 17  /* truncate / ftruncate */
#define VFS_FSYNC 18     /* fsync / fdatasync */
#define VFS_STATFS 19    /* statfs / fstatfs into grant 1 */
#define VFS_CHDIR 20     /* resolve a directory (search permission): a handle for the cwd */
#define VFS_MOUNT 21     /* mount a file system of the server's at a directory */
#define VFS_UMOUNT 22    /* umount2 */
#define VFS_DUP 23       /* a new handle on the same open object (fork, dup) */
#define VFS_EXEC_OPEN 24 /* open for execve: execute permission, a readable handle */
#define VFS_MKNOD 25     /* mknodat */
#define VFS_GETPATH 26   /* the absolute path of a handle (getcwd, /proc links) */
#define VFS_LABEL_MAX 26

/* ---- shared pieces ---------------------------------------------------------- */
struct vfs_msg_cred {
    uint32_t uid;
    uint32_t gid;
};

/* Time values of VFS_UTIMENS: nanoseconds since the epoch, or one of these. */
#define VFS_UTIME_NOW INT64_MAX
#define VFS_UTIME_OMIT (INT64_MAX - 1)

/* ---- VFS_OPEN ----------------------------------------------------------------
 * Grant 0: the path.  O_CREAT|O_EXCL|O_TRUNC|O_DIRECTORY|O_NOFOLLOW|O_PATH
 * are the server's; O_CLOEXEC, O_NONBLOCK, O_APPEND (beyond remembering it)
 * are the kernel's.  Opening a device the kernel owns (the console 5:1, the
 * controlling terminal 5:0) returns VFS_OPEN_KDEV, no handle, and the
 * device number; the kernel opens its own object.  Opening
 * /proc/<pid>/fd/<n> (or /dev/fd/<n>, /dev/stdin ...) of a descriptor the
 * kernel owns that has no path (a pipe, QUERY_FD_OTHER) returns
 * VFS_OPEN_PROC_FD with that pid and fd: the kernel reopens that object
 * (the console's link is "/dev/console" and comes back as VFS_OPEN_KDEV).
 * The caller must be root or the process's owner (-EACCES).  Sockets and
 * block devices give -ENXIO. */
struct vfs_open_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    uint32_t flags; /* LINUX_O_* */
    uint16_t mode;  /* permission bits for a created file */
    uint16_t umask; /* the caller's */
    uint32_t path_len;
    uint32_t reserved0;
    uint64_t reserved1;
};

#define VFS_OPEN_KDEV 1    /* a kernel device: rdev names it, handle is 0 */
#define VFS_OPEN_PROC_FD 2 /* reopen descriptor proc_fd of process proc_pid; handle is 0 */
#define VFS_OPEN_CREATED 4 /* O_CREAT made a new file */
/* VFS_OPEN_FIFO: a named pipe.  Its data is the kernel's: the kernel finds
 * its pipe object by the (st_dev, st_ino) of VFS_STAT on the handle, which
 * keeps the node alive; VFS_READ/VFS_WRITE on that handle give -EINVAL. */
#define VFS_OPEN_FIFO 8

struct vfs_open_rep {
    int64_t result; /* 0 or -errno */
    uint64_t handle;
    uint32_t mode;  /* the object's type and permission bits */
    uint32_t flags; /* VFS_OPEN_* */
    uint64_t size;
    uint64_t rdev; /* device number (LINUX_MKDEV) of a device node */
    int32_t proc_pid;
    int32_t proc_fd;
};

/* ---- VFS_CLOSE ---------------------------------------------------------------
 * The handle is gone after the call (an unlinked file's data with it when it
 * was the last reference). */
struct vfs_close_req {
    uint64_t label;
    uint64_t handle;
    uint64_t reserved[4];
};
struct vfs_close_rep {
    int64_t result; /* 0 or -EBADF */
    uint64_t reserved[5];
};

/* ---- VFS_READ ----------------------------------------------------------------
 * Grant 0 (write right): count bytes.  -EBADF for a handle not open for
 * reading, -EISDIR for a directory. */
struct vfs_read_req {
    uint64_t label;
    uint64_t handle;
    uint64_t offset;
    uint64_t count;
    uint64_t reserved[2];
};
struct vfs_read_rep {
    int64_t result; /* bytes read, 0 at end of file */
    uint64_t reserved[5];
};

/* ---- VFS_WRITE ---------------------------------------------------------------
 * Grant 0 (read right): count bytes.  -EBADF for a handle not open for
 * writing, -ENOSPC when the file system's budget is spent, -EFBIG past the
 * largest offset. */
#define VFS_WRITE_APPEND 1 /* write at the end of file, ignore offset */

struct vfs_write_req {
    uint64_t label;
    uint64_t handle;
    uint64_t offset;
    uint64_t count;
    uint32_t flags; /* VFS_WRITE_* */
    uint32_t reserved0;
    uint64_t reserved1;
};
struct vfs_write_rep {
    int64_t result; /* bytes written */
    uint64_t end;   /* file position after the write (where the data ended) */
    uint64_t size;  /* file size after the write */
    uint64_t reserved[3];
};

/* ---- VFS_STAT ----------------------------------------------------------------
 * Grant 0: the path (path_len 0: the handle dir itself).  Grant 1 (write
 * right): out_len bytes for the result in `format`; out_len 0: no copy, the
 * reply words only (the kernel's own uses: lseek SEEK_END, fchdir). */
#define VFS_STAT_LINUX 0 /* struct linux_stat */
#define VFS_STAT_STATX 1 /* struct linux_statx (every basic field filled) */

struct vfs_stat_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    uint32_t flags; /* LINUX_AT_SYMLINK_NOFOLLOW */
    uint32_t path_len;
    uint32_t out_len;
    uint32_t format; /* VFS_STAT_* */
    uint64_t reserved;
};
struct vfs_stat_rep {
    int64_t result; /* 0 or -errno */
    uint32_t mode;
    uint32_t nlink;
    uint64_t size;
    uint64_t ino;
    uint64_t rdev;
    uint32_t uid;
    uint32_t gid;
};

/* ---- VFS_GETDENTS ------------------------------------------------------------
 * Grant 0 (write right): count bytes, filled with as many whole struct
 * linux_dirent64 records as fit.  cookie 0 starts at the beginning ("." and
 * ".." come first); the reply's cookie continues after the last record
 * returned (the kernel keeps it as the directory's file position).  Result
 * 0: the end.  -EINVAL when not even one record fits, -ENOTDIR for a
 * handle that is not a directory. */
struct vfs_getdents_req {
    uint64_t label;
    uint64_t handle;
    uint64_t cookie;
    uint64_t count;
    uint64_t reserved[2];
};
struct vfs_getdents_rep {
    int64_t result; /* bytes filled */
    uint64_t cookie;
    uint64_t reserved[4];
};

/* ---- VFS_MKDIR (grant 0: path) ------------------------------------------------ */
struct vfs_mkdir_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    uint16_t mode;
    uint16_t umask;
    uint32_t path_len;
    uint64_t reserved[2];
};
struct vfs_mkdir_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* ---- VFS_UNLINK (grant 0: path) ----------------------------------------------- */
struct vfs_unlink_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    uint32_t flags; /* LINUX_AT_REMOVEDIR */
    uint32_t path_len;
    uint64_t reserved[2];
};
struct vfs_unlink_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* ---- VFS_RENAME (grant 0: old path, grant 1: new path) ------------------------- */
struct vfs_rename_req {
    uint64_t label;
    uint64_t olddir;
    uint64_t newdir;
    struct vfs_msg_cred cred;
    uint32_t old_len;
    uint32_t new_len;
    uint32_t flags; /* LINUX_RENAME_NOREPLACE, LINUX_RENAME_EXCHANGE */
    uint32_t reserved;
};
struct vfs_rename_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* ---- VFS_LINK (grant 0: existing path, grant 1: new path) ---------------------
 * old_len 0 with LINUX_AT_EMPTY_PATH: the existing object is olddir. */
struct vfs_link_req {
    uint64_t label;
    uint64_t olddir;
    uint64_t newdir;
    struct vfs_msg_cred cred;
    uint32_t old_len;
    uint32_t new_len;
    uint32_t flags; /* LINUX_AT_SYMLINK_FOLLOW, LINUX_AT_EMPTY_PATH */
    uint32_t reserved;
};
struct vfs_link_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* ---- VFS_SYMLINK (grant 0: the new link's path, grant 1: its target) ------------ */
struct vfs_symlink_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    uint32_t path_len;
    uint32_t target_len; /* window of grant 1, the target's NUL included */
    uint64_t reserved[2];
};
struct vfs_symlink_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* ---- VFS_READLINK (grant 0: path, grant 1: bufsize bytes out, no NUL added) ---- */
struct vfs_readlink_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    uint32_t path_len;
    uint32_t reserved0;
    uint64_t bufsize;
    uint64_t reserved1;
};
struct vfs_readlink_rep {
    int64_t result; /* bytes placed (the target, cut at bufsize) */
    uint64_t reserved[5];
};

/* ---- VFS_ACCESS (grant 0: path) ------------------------------------------------ */
struct vfs_access_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    uint32_t mode;  /* LINUX_F_OK or an OR of LINUX_R_OK, W_OK, X_OK */
    uint32_t flags; /* LINUX_AT_SYMLINK_NOFOLLOW (AT_EACCESS is the kernel's: cred) */
    uint32_t path_len;
    uint32_t reserved0;
    uint64_t reserved1;
};
struct vfs_access_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* ---- VFS_CHMOD (grant 0: path, or path_len 0: the handle) ---------------------- */
struct vfs_chmod_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    uint32_t mode;  /* permission bits (07777) */
    uint32_t flags; /* LINUX_AT_SYMLINK_NOFOLLOW: -EOPNOTSUPP on a symlink */
    uint32_t path_len;
    uint32_t reserved0;
    uint64_t reserved1;
};
struct vfs_chmod_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* ---- VFS_CHOWN (grant 0: path, or path_len 0: the handle) ---------------------- */
#define VFS_ID_UNCHANGED 0xffffffffu

struct vfs_chown_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    uint32_t uid; /* new owner or VFS_ID_UNCHANGED */
    uint32_t gid;
    uint32_t flags; /* LINUX_AT_SYMLINK_NOFOLLOW */
    uint32_t path_len;
    uint64_t reserved;
};
struct vfs_chown_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* ---- VFS_UTIMENS (grant 0: path, or path_len 0: the handle) --------------------
 * Times NULL in the system call: both VFS_UTIME_NOW. */
struct vfs_utimens_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    int64_t atime_ns; /* or VFS_UTIME_NOW, VFS_UTIME_OMIT */
    int64_t mtime_ns;
    uint32_t flags; /* LINUX_AT_SYMLINK_NOFOLLOW */
    uint32_t path_len;
};
struct vfs_utimens_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* ---- VFS_TRUNCATE (grant 0: path, or path_len 0: the handle, which must be
 * open for writing: -EINVAL otherwise, as ftruncate) ----------------------------- */
struct vfs_truncate_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    int64_t length;
    uint32_t path_len;
    uint32_t reserved0;
    uint64_t reserved1;
};
struct vfs_truncate_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* ---- VFS_FSYNC ----------------------------------------------------------------- */
struct vfs_fsync_req {
    uint64_t label;
    uint64_t handle;
    uint64_t reserved[4];
};
struct vfs_fsync_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* ---- VFS_STATFS (grant 0: path or path_len 0; grant 1: out_len bytes for a
 * struct linux_statfs, out_len 0: reply words only) ------------------------------ */
struct vfs_statfs_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    uint32_t path_len;
    uint32_t out_len;
    uint64_t reserved[2];
};
struct vfs_statfs_rep {
    int64_t result;
    int64_t type; /* f_type */
    uint64_t reserved[4];
};

/* ---- VFS_CHDIR (grant 0: path, or path_len 0: the handle, as fchdir) ------------
 * The object must be a directory (-ENOTDIR) the caller may search (-EACCES);
 * the reply's handle is new (the kernel closes the old cwd's). */
struct vfs_chdir_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    uint32_t path_len;
    uint32_t reserved0;
    uint64_t reserved1[2];
};
struct vfs_chdir_rep {
    int64_t result;
    uint64_t handle;
    uint64_t reserved[4];
};

/* ---- VFS_MOUNT (grant 0: target directory, grant 1: source name, optional) ------
 * fstype: "tmpfs", "proc", "devtmpfs" or "devfs", NUL-padded (8 bytes, no NUL
 * needed when full).  Root only (-EPERM); -ENODEV for another type; -EBUSY
 * for MS_REMOUNT/MS_BIND/MS_MOVE (not supported).  The mount options string
 * (data) is not passed. */
#define VFS_FSTYPE_LEN 8

struct vfs_mount_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    char fstype[VFS_FSTYPE_LEN];
    uint32_t flags; /* LINUX_MS_RDONLY, NOSUID, NODEV, NOEXEC (shown in /proc/mounts) */
    uint32_t path_len;
    uint32_t source_len; /* 0: no source string ("none") */
    uint32_t reserved;
};
struct vfs_mount_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* ---- VFS_UMOUNT (grant 0: the mount point) --------------------------------------
 * -EBUSY while a handle (an open file, a working directory) or another
 * mount lies inside, unless LINUX_MNT_DETACH; -EINVAL when the path is not
 * a mount point. */
struct vfs_umount_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    uint32_t flags; /* LINUX_MNT_DETACH, LINUX_UMOUNT_NOFOLLOW */
    uint32_t path_len;
    uint64_t reserved[2];
};
struct vfs_umount_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* ---- VFS_DUP --------------------------------------------------------------------
 * A second, independent handle on the same object with the same access (each
 * is closed on its own). */
struct vfs_dup_req {
    uint64_t label;
    uint64_t handle;
    uint64_t reserved[4];
};
struct vfs_dup_rep {
    int64_t result;
    uint64_t handle;
    uint64_t reserved[4];
};

/* ---- VFS_EXEC_OPEN (grant 0: path) -----------------------------------------------
 * A regular file (-EACCES otherwise) with execute permission (root: at least
 * one x bit); the handle reads it whatever its read permission. */
struct vfs_exec_open_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    uint32_t path_len;
    uint32_t reserved0;
    uint64_t reserved1[2];
};
struct vfs_exec_open_rep {
    int64_t result;
    uint64_t handle;
    uint32_t mode; /* for set-user-ID and set-group-ID */
    uint32_t reserved0;
    uint64_t size;
    uint32_t uid;
    uint32_t gid;
    uint64_t reserved1;
};

/* ---- VFS_MKNOD (grant 0: path) ----------------------------------------------------
 * mode's type: S_IFREG (or 0), S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK; devices
 * need uid 0 (-EPERM).  Opening a FIFO gives VFS_OPEN_FIFO (see VFS_OPEN);
 * a socket node cannot be opened (-ENXIO). */
struct vfs_mknod_req {
    uint64_t label;
    uint64_t dir;
    struct vfs_msg_cred cred;
    uint16_t mode; /* type and permission bits */
    uint16_t umask;
    uint32_t path_len;
    uint64_t rdev; /* LINUX_MKDEV */
    uint64_t reserved;
};
struct vfs_mknod_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* ---- VFS_GETPATH (grant 0: bufsize bytes out) ---------------------------------------
 * The handle's absolute path, NUL-terminated, as getcwd(2) returns it:
 * result is its length with the NUL; -ERANGE if bufsize is too small;
 * -ENOENT for a directory that was removed. */
struct vfs_getpath_req {
    uint64_t label;
    uint64_t handle;
    uint64_t bufsize;
    uint64_t reserved[3];
};
struct vfs_getpath_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* Any reply that carries nothing but the result (and every failure). */
struct vfs_result_rep {
    int64_t result;
    uint64_t reserved[5];
};

/* ---- every message is one struct ipc_msg -------------------------------------------- */
#define VFS_MSG_SIZE_CHECK(t) _Static_assert(sizeof(struct t) == sizeof(struct ipc_msg), #t)
VFS_MSG_SIZE_CHECK(vfs_open_req);
VFS_MSG_SIZE_CHECK(vfs_open_rep);
VFS_MSG_SIZE_CHECK(vfs_close_req);
VFS_MSG_SIZE_CHECK(vfs_close_rep);
VFS_MSG_SIZE_CHECK(vfs_read_req);
VFS_MSG_SIZE_CHECK(vfs_read_rep);
VFS_MSG_SIZE_CHECK(vfs_write_req);
VFS_MSG_SIZE_CHECK(vfs_write_rep);
VFS_MSG_SIZE_CHECK(vfs_stat_req);
VFS_MSG_SIZE_CHECK(vfs_stat_rep);
VFS_MSG_SIZE_CHECK(vfs_getdents_req);
VFS_MSG_SIZE_CHECK(vfs_getdents_rep);
VFS_MSG_SIZE_CHECK(vfs_mkdir_req);
VFS_MSG_SIZE_CHECK(vfs_mkdir_rep);
VFS_MSG_SIZE_CHECK(vfs_unlink_req);
VFS_MSG_SIZE_CHECK(vfs_unlink_rep);
VFS_MSG_SIZE_CHECK(vfs_rename_req);
VFS_MSG_SIZE_CHECK(vfs_rename_rep);
VFS_MSG_SIZE_CHECK(vfs_link_req);
VFS_MSG_SIZE_CHECK(vfs_link_rep);
VFS_MSG_SIZE_CHECK(vfs_symlink_req);
VFS_MSG_SIZE_CHECK(vfs_symlink_rep);
VFS_MSG_SIZE_CHECK(vfs_readlink_req);
VFS_MSG_SIZE_CHECK(vfs_readlink_rep);
VFS_MSG_SIZE_CHECK(vfs_access_req);
VFS_MSG_SIZE_CHECK(vfs_access_rep);
VFS_MSG_SIZE_CHECK(vfs_chmod_req);
VFS_MSG_SIZE_CHECK(vfs_chmod_rep);
VFS_MSG_SIZE_CHECK(vfs_chown_req);
VFS_MSG_SIZE_CHECK(vfs_chown_rep);
VFS_MSG_SIZE_CHECK(vfs_utimens_req);
VFS_MSG_SIZE_CHECK(vfs_utimens_rep);
VFS_MSG_SIZE_CHECK(vfs_truncate_req);
VFS_MSG_SIZE_CHECK(vfs_truncate_rep);
VFS_MSG_SIZE_CHECK(vfs_fsync_req);
VFS_MSG_SIZE_CHECK(vfs_fsync_rep);
VFS_MSG_SIZE_CHECK(vfs_statfs_req);
VFS_MSG_SIZE_CHECK(vfs_statfs_rep);
VFS_MSG_SIZE_CHECK(vfs_chdir_req);
VFS_MSG_SIZE_CHECK(vfs_chdir_rep);
VFS_MSG_SIZE_CHECK(vfs_mount_req);
VFS_MSG_SIZE_CHECK(vfs_mount_rep);
VFS_MSG_SIZE_CHECK(vfs_umount_req);
VFS_MSG_SIZE_CHECK(vfs_umount_rep);
VFS_MSG_SIZE_CHECK(vfs_dup_req);
VFS_MSG_SIZE_CHECK(vfs_dup_rep);
VFS_MSG_SIZE_CHECK(vfs_exec_open_req);
VFS_MSG_SIZE_CHECK(vfs_exec_open_rep);
VFS_MSG_SIZE_CHECK(vfs_mknod_req);
VFS_MSG_SIZE_CHECK(vfs_mknod_rep);
VFS_MSG_SIZE_CHECK(vfs_getpath_req);
VFS_MSG_SIZE_CHECK(vfs_getpath_rep);
VFS_MSG_SIZE_CHECK(vfs_result_rep);
#undef VFS_MSG_SIZE_CHECK

/* One message seen as any of the above (type punning through a union is
 * defined in C). */
union vfs_msg {
    struct ipc_msg raw;
    uint64_t label;
    struct vfs_open_req open;
    struct vfs_open_rep open_rep;
    struct vfs_close_req close;
    struct vfs_read_req read;
    struct vfs_write_req write;
    struct vfs_write_rep write_rep;
    struct vfs_stat_req stat;
    struct vfs_stat_rep stat_rep;
    struct vfs_getdents_req getdents;
    struct vfs_getdents_rep getdents_rep;
    struct vfs_mkdir_req mkdir;
    struct vfs_unlink_req unlink;
    struct vfs_rename_req rename;
    struct vfs_link_req link;
    struct vfs_symlink_req symlink;
    struct vfs_readlink_req readlink;
    struct vfs_access_req access;
    struct vfs_chmod_req chmod;
    struct vfs_chown_req chown;
    struct vfs_utimens_req utimens;
    struct vfs_truncate_req truncate;
    struct vfs_fsync_req fsync;
    struct vfs_statfs_req statfs;
    struct vfs_statfs_rep statfs_rep;
    struct vfs_chdir_req chdir;
    struct vfs_chdir_rep chdir_rep;
    struct vfs_mount_req mount;
    struct vfs_umount_req umount;
    struct vfs_dup_req dup;
    struct vfs_dup_rep dup_rep;
    struct vfs_exec_open_req exec_open;
    struct vfs_exec_open_rep exec_open_rep;
    struct vfs_mknod_req mknod;
    struct vfs_getpath_req getpath;
    struct vfs_result_rep result;
};
_Static_assert(sizeof(union vfs_msg) == sizeof(struct ipc_msg), "vfs_msg is one ipc_msg");

#endif
