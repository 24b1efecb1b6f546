/*
 * vfs/ops.h — the VFS server's file semantics, without IPC: the namespace
 * (mounts, path resolution), tmpfs, devfs, procfs, handles and every
 * operation of abi/vfs_msg.h as a C call.  Pure C over the C library
 * (malloc, string functions, snprintf): the server links it against newlib,
 * the unit tests against the host's libc.  The outside world (time,
 * entropy, process information) comes in through callbacks.
 *
 * Conventions: every function returning int or int64_t returns >= 0 on
 * success or a negative errno value of abi/errno.h.  Paths are
 * NUL-terminated strings in the server's memory; a NULL path means "the
 * handle dir itself" (path_len 0 in the messages).  `dir` is the handle
 * relative paths start from; it is only checked when it is used.  Handles
 * are opaque numbers, never 0; a bad one gives -EBADF.  Not thread-safe:
 * one request at a time.
 */
#ifndef KEEL_VFS_OPS_H
#define KEEL_VFS_OPS_H

#include <stddef.h>
#include <stdint.h>

#include "abi/linux_types.h"

struct vfs;

/* CLOCK_REALTIME in nanoseconds. */
typedef int64_t (*vfs_clock_fn)(void *ctx);
/* Fills buf with len random bytes; 0 or -errno. */
typedef int (*vfs_entropy_fn)(void *ctx, void *buf, size_t len);
/* KEEL_SYS_QUERY (abi/query.h): bytes written or -errno. */
typedef int64_t (*vfs_query_fn)(void *ctx, uint32_t what, uint64_t index, void *buf, size_t len);

struct vfs_config {
    uint64_t budget;        /* bytes tmpfs file data and metadata may use, all instances together */
    uint32_t max_handles;   /* open handles at most (-ENFILE beyond); 0: 65536 */
    vfs_clock_fn clock;     /* NULL: time stands at 0 */
    vfs_entropy_fn entropy; /* NULL: /dev/random reads fail with -EIO */
    vfs_query_fn query;     /* NULL: procfs shows no process and zero memory */
    void *cb_ctx;           /* passed to the three callbacks */
};

/* Who asks: the client pid (for /proc/self), the credentials the kernel
 * passed, and the umask for creation. */
struct vfs_ctx {
    int32_t pid;
    uint32_t uid;
    uint32_t gid;
    uint32_t umask;
};

/* A client buffer: copy moves len bytes between server memory p and the
 * buffer at byte offset off (to_client != 0: p -> buffer).  Returns 0 or
 * -errno (-EFAULT outside the buffer).  size is the buffer's length; the
 * operations never ask for bytes past it. */
struct vfs_xfer {
    int (*copy)(struct vfs_xfer *x, uint64_t off, void *p, size_t len, int to_client);
    uint64_t size;
};

/* A vfs_xfer over plain server memory (tests, the IPC layer's bounce). */
struct vfs_xfer_mem {
    struct vfs_xfer x;
    unsigned char *buf;
};
void vfs_xfer_mem_init(struct vfs_xfer_mem *m, void *buf, size_t size);

/* ---- the server's state -------------------------------------------------- */

/* vfs_create: an empty namespace (a root tmpfs holding nothing).  The
 * config is copied.  NULL when out of memory. */
struct vfs *vfs_create(const struct vfs_config *cfg);
/* vfs_destroy: frees everything, open handles included. */
void vfs_destroy(struct vfs *v);

struct vfs_initrd_info {
    uint64_t entries; /* entries created */
    uint64_t bytes;   /* file data bytes */
    char error[160];  /* on failure: what and where, for the log */
};

/* vfs_load_initrd: unpacks a cpio newc archive into a new tmpfs that then
 * becomes the root.  All or nothing: the archive is checked completely
 * before anything is built, and on any failure (format, -ENOSPC, a name
 * with a ".." component, ...) the old root is left as it was; info->error
 * then says why.  The archive is not kept.  Returns 0, -EINVAL for a
 * malformed archive, -ENOTDIR/-ENOTEMPTY for well-formed entries that do
 * not fit the tree built so far (a file as a later entry's parent, a
 * directory replaced by a file while it holds entries), -ENOSPC/-ENOMEM,
 * -EBUSY if the current root is in use (a handle or a mount on it). */
int vfs_load_initrd(struct vfs *v, const void *archive, size_t len, struct vfs_initrd_info *info);

struct vfs_usage {
    uint64_t budget;
    uint64_t used;    /* bytes charged to tmpfs instances */
    uint64_t handles; /* open handles */
    uint64_t nodes;   /* live nodes of every file system */
    uint64_t mounts;  /* mounted file systems, the root included */
};
void vfs_get_usage(const struct vfs *v, struct vfs_usage *out);

/*
 * vfs_budget_under_pressure: the tmpfs budget to use when the kernel says
 * memory is low: never more than now, and at most what is in use plus half
 * of the RAM still free, so tmpfs writes fail with ENOSPC before the
 * machine runs out.  Pure.
 */
uint64_t vfs_budget_under_pressure(uint64_t budget, uint64_t used, uint64_t free_bytes);

/* vfs_set_budget: change the byte budget (files already there stay). */
void vfs_set_budget(struct vfs *v, uint64_t budget);

/* ---- attributes ------------------------------------------------------------ */

struct vfs_attr {
    uint64_t dev; /* LINUX_MKDEV */
    uint64_t ino;
    uint32_t mode;
    uint32_t nlink;
    uint32_t uid;
    uint32_t gid;
    uint64_t rdev;
    uint64_t size;
    uint64_t blocks; /* 512-byte units */
    struct linux_timespec atime, mtime, ctime;
};
void vfs_attr_to_stat(const struct vfs_attr *a, struct linux_stat *st);
void vfs_attr_to_statx(const struct vfs_attr *a, struct linux_statx *stx);

/* ---- operations (one per message of abi/vfs_msg.h) -------------------------- */

#define VFS_OPEN_INFO_KDEV 1    /* a kernel device, see rdev; no handle */
#define VFS_OPEN_INFO_PROC_FD 2 /* reopen proc_fd of proc_pid; no handle */
#define VFS_OPEN_INFO_CREATED 4
#define VFS_OPEN_INFO_FIFO 8 /* a named pipe: the handle only names it */

struct vfs_open_info {
    uint64_t handle;
    uint32_t mode;
    uint32_t flags; /* VFS_OPEN_INFO_* */
    uint64_t size;
    uint64_t rdev;
    int32_t proc_pid;
    int32_t proc_fd;
};

int vfs_open(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path, uint32_t flags,
             uint32_t mode, struct vfs_open_info *out);
int vfs_close(struct vfs *v, uint64_t handle);
/* vfs_read: up to count bytes (count <= buf->size) from offset. */
int64_t vfs_read(struct vfs *v, uint64_t handle, uint64_t offset, struct vfs_xfer *buf,
                 uint64_t count);
/* vfs_write: count bytes at offset, or at the end of file with append.
 * *end: the position after the data; *size: the file size after. */
int64_t vfs_write(struct vfs *v, uint64_t handle, uint64_t offset, int append, struct vfs_xfer *buf,
                  uint64_t count, uint64_t *end, uint64_t *size);
/* vfs_stat: flags LINUX_AT_SYMLINK_NOFOLLOW. */
int vfs_stat(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path, uint32_t flags,
             struct vfs_attr *out);
/* vfs_getdents: whole linux_dirent64 records from cookie on into buf (at
 * most count bytes); *next: the cookie after the last one.  Returns bytes,
 * 0 at the end, -EINVAL if the first record does not fit. */
int64_t vfs_getdents(struct vfs *v, uint64_t handle, uint64_t cookie, struct vfs_xfer *buf,
                     uint64_t count, uint64_t *next);
int vfs_mkdir(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
              uint32_t mode);
int vfs_mknod(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path, uint32_t mode,
              uint64_t rdev);
/* vfs_unlink: flags LINUX_AT_REMOVEDIR. */
int vfs_unlink(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
               uint32_t flags);
/* vfs_rename: flags LINUX_RENAME_NOREPLACE or LINUX_RENAME_EXCHANGE. */
int vfs_rename(struct vfs *v, const struct vfs_ctx *c, uint64_t olddir, const char *oldpath,
               uint64_t newdir, const char *newpath, uint32_t flags);
/* vfs_link: flags LINUX_AT_SYMLINK_FOLLOW; oldpath NULL: olddir's object. */
int vfs_link(struct vfs *v, const struct vfs_ctx *c, uint64_t olddir, const char *oldpath,
             uint64_t newdir, const char *newpath, uint32_t flags);
int vfs_symlink(struct vfs *v, const struct vfs_ctx *c, const char *target, uint64_t dir,
                const char *path);
/* vfs_readlink: the target into buf (no NUL, cut at bufsize); bytes. */
int64_t vfs_readlink(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
                     char *buf, size_t bufsize);
/* vfs_access: mode LINUX_F_OK or R_OK|W_OK|X_OK; flags AT_SYMLINK_NOFOLLOW. */
int vfs_access(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
               uint32_t mode, uint32_t flags);
int vfs_chmod(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path, uint32_t mode,
              uint32_t flags);
/* vfs_chown: uid/gid 0xffffffff: unchanged. */
int vfs_chown(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path, uint32_t uid,
              uint32_t gid, uint32_t flags);
/* vfs_utimens: nanoseconds since the epoch, or VFS_TIME_NOW / VFS_TIME_OMIT. */
#define VFS_TIME_NOW INT64_MAX
#define VFS_TIME_OMIT (INT64_MAX - 1)
int vfs_utimens(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
                int64_t atime_ns, int64_t mtime_ns, uint32_t flags);
int vfs_truncate(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
                 int64_t length);
int vfs_fsync(struct vfs *v, uint64_t handle);
int vfs_statfs(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
               struct linux_statfs *out);
/* vfs_chdir: a new handle on the directory (search permission needed). */
int vfs_chdir(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
              uint64_t *handle);
/* vfs_mount: fstype "tmpfs", "proc", "devtmpfs" or "devfs"; source may be
 * NULL ("none"); flags LINUX_MS_*. */
int vfs_mount(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
              const char *fstype, const char *source, uint32_t flags);
/* vfs_umount: flags LINUX_MNT_DETACH, LINUX_UMOUNT_NOFOLLOW. */
int vfs_umount(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
               uint32_t flags);
int vfs_dup(struct vfs *v, uint64_t handle, uint64_t *out);

struct vfs_exec_info {
    uint64_t handle;
    uint32_t mode;
    uint32_t uid;
    uint32_t gid;
    uint64_t size;
};
int vfs_exec_open(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
                  struct vfs_exec_info *out);
/* vfs_getpath: the handle's absolute path with its NUL into buf; returns
 * its length with the NUL, -ERANGE if bufsize is too small. */
int64_t vfs_getpath(struct vfs *v, uint64_t handle, char *buf, size_t bufsize);

#endif
