/*
 * vfs/internal.h — what the VFS server's core files share: nodes, file
 * system instances and their ops tables, mounts, handles, path resolution.
 * Not an interface for anyone else (ops.h is).
 *
 * Lifetimes
 *   - A node lives while it is reachable: tmpfs nodes while nlink > 0 or
 *     refs > 0 (handles, mount points, temporary holds of an operation);
 *     procfs nodes (other than the root) are made by every lookup, hold a
 *     reference on their parent and are swept by vfs_sweep() at the end of
 *     each operation once refs is 0.  Raw node pointers are therefore valid
 *     until the end of the operation that found them, unless the operation
 *     itself unlinks them (it holds a reference first).
 *   - A mount holds a reference on its mount point.  mount.refs counts the
 *     handles inside it, mount.children the mounts on it; a mount with
 *     either cannot be unmounted (with MNT_DETACH and no children it leaves
 *     the namespace at once and is freed with its last handle).
 *   - Budget: tmpfs charges every node, name, page and symlink target to the
 *     instance and to the server (vfs_charge); -ENOSPC past cfg.budget.
 */
#ifndef KEEL_VFS_INTERNAL_H
#define KEEL_VFS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "abi/errno.h"
#include "abi/linux_types.h"
#include "ops.h"

#define TMPFS_PAGE 4096u
#define VFS_DEFAULT_MAX_HANDLES 65536u

#define MAY_EXEC 1
#define MAY_WRITE 2
#define MAY_READ 4

#define S_TYPE(m) ((m)&LINUX_S_IFMT)
#define IS_DIR(n) (S_TYPE((n)->mode) == LINUX_S_IFDIR)
#define IS_REG(n) (S_TYPE((n)->mode) == LINUX_S_IFREG)
#define IS_LNK(n) (S_TYPE((n)->mode) == LINUX_S_IFLNK)
#define IS_CHR(n) (S_TYPE((n)->mode) == LINUX_S_IFCHR)

struct vfs;
struct vnode;
struct mount;
struct fs;
struct handle;

struct loc {
    struct mount *mnt;
    struct vnode *node;
};

/* One name in a tmpfs directory.  seq orders the directory (getdents
 * cookies): entries are kept in increasing seq. */
struct vdirent {
    struct vnode *node;
    uint64_t seq;
    uint32_t len;
    char name[]; /* NUL-terminated */
};

struct vnode {
    struct fs *fs;
    uint64_t ino;
    uint32_t mode;
    uint32_t uid;
    uint32_t gid;
    uint32_t nlink;
    uint64_t rdev;
    struct linux_timespec atime, mtime, ctime;
    uint32_t refs;          /* handles, mount points, procfs children, operation holds */
    uint32_t mounted;       /* mounts whose mount point this is */
    struct vnode *parent;   /* directories: the directory holding it; NULL for a root or a
                               removed directory */
    struct vnode *eph_next; /* procfs: v->eph list */
    union {
        struct {
            struct vdirent **ents;
            uint32_t count, cap;
            uint64_t next_seq;
        } dir;
        struct {
            unsigned char **pages; /* NULL slots are holes */
            uint64_t slots;
            uint64_t size;
        } reg;
        struct {
            char *target;
            uint32_t len;
        } lnk;
        struct {
            uint32_t kind;  /* procfs.c's P_* */
            uint32_t which; /* the entry of its table */
            int32_t pid;
            int32_t fd;
            char name[24];
        } proc;
    } u;
};

/* How a link resolves (fs_ops.readlink). */
#define LINK_TEXT 0 /* the target is text (in buf) */
#define LINK_JUMP 1 /* the target is the object at jump (procfs fd, exe, cwd links) */
#define LINK_KFD 2  /* the target is a descriptor the kernel owns: kfd_pid, kfd_fd */
struct link_target {
    int kind;
    size_t len; /* LINK_TEXT */
    struct loc jump;
    uint64_t jump_handle; /* LINK_JUMP to a handle's object: that handle */
    int32_t kfd_pid, kfd_fd;
};

/* A getdents consumer: emit returns 0 to go on, 1 when the record did not
 * fit (it is not taken), or -errno. */
struct dir_sink {
    int (*emit)(struct dir_sink *s, uint64_t ino, unsigned type, const char *name, size_t len,
                uint64_t next_cookie);
};

struct fs_ops {
    /* lookup: the entry name[0..len) of directory dir into *out (NULL: none). */
    int (*lookup)(struct vfs *v, const struct vfs_ctx *c, struct vnode *dir, const char *name,
                  size_t len, struct vnode **out);
    /* readdir: entries from cookie on (after "." and "..", which the caller
     * emits for cookies 0 and 1), until the sink is full. */
    int (*readdir)(struct vfs *v, struct vnode *dir, uint64_t cookie, struct dir_sink *sink);
    /* readlink: the link's target; text into buf[0..cap). */
    int (*readlink)(struct vfs *v, const struct vfs_ctx *c, struct vnode *n, char *buf, size_t cap,
                    struct link_target *t);
    /* open: a handle on a regular file or directory was made (procfs builds
     * its text); 0 or -errno (the handle is then dropped). */
    int (*open)(struct vfs *v, const struct vfs_ctx *c, struct handle *h);
    int64_t (*read)(struct vfs *v, struct handle *h, uint64_t off, struct vfs_xfer *x,
                    uint64_t len);
    /* close: the handle goes away (free what open made). */
    void (*close)(struct vfs *v, struct handle *h);
    /* getname: the name of directory n in its parent into buf (NUL-terminated). */
    int (*getname)(struct vfs *v, struct vnode *n, char *buf, size_t cap);
    void (*statfs)(struct vfs *v, struct fs *fs, struct linux_statfs *out);
    /* release: n's refs fell to 0. */
    void (*release)(struct vfs *v, struct vnode *n);
    /* destroy: the instance is unmounted and unused: free every node. */
    void (*destroy)(struct vfs *v, struct fs *fs);
    /* writable: tmpfs only (namespace changes, attributes, file data). */
    int writable;
};

struct fs_type {
    const char *name; /* as mount(2) and /proc/mounts call it */
    int64_t magic;
    const struct fs_ops *ops;
    int (*fill)(struct vfs *v, struct fs *fs); /* make the root and first contents */
};

struct fs {
    const struct fs_type *type;
    struct vnode *root;
    uint32_t dev_minor; /* st_dev is LINUX_MKDEV(0, dev_minor) */
    uint32_t mounts;    /* mounts of this instance */
    uint64_t next_ino;
    uint64_t nodes;
    uint64_t used; /* bytes charged */
};

struct mount {
    struct fs *fs;
    const char *type_name;    /* shown in /proc/mounts */
    struct mount *parent;     /* NULL: the root mount, or a detached one */
    struct vnode *mountpoint; /* in parent's file system (a reference) */
    char *source;
    uint32_t flags;    /* LINUX_MS_* */
    uint32_t refs;     /* handles inside */
    uint32_t children; /* mounts on it */
    int detached;
    struct mount *next; /* v->mounts, in mount order */
};

#define H_READ 1
#define H_WRITE 2
#define H_PATH 4 /* O_PATH: only a place */
#define H_EXEC 8

struct handle {
    uint32_t gen; /* part of the handle number; never 0 */
    uint32_t used;
    uint32_t access; /* H_* */
    uint32_t oflags; /* LINUX_O_* as opened */
    struct loc loc;  /* references on loc.node and loc.mnt */
    char *path;      /* absolute path at open (non-directories) */
    char *text;      /* procfs: generated contents */
    size_t text_len;
};

struct vfs {
    struct vfs_config cfg;
    struct mount *root;
    struct mount *mounts; /* attached mounts in mount order, the root first */
    struct handle *handles;
    uint32_t nhandles, cap_handles;
    uint32_t free_hint; /* no free slot below this index */
    uint64_t open_handles;
    uint64_t used;  /* bytes charged, all tmpfs instances */
    uint64_t nodes; /* live nodes */
    uint32_t next_dev;
    struct vnode *eph; /* procfs nodes that may be swept */
    char *scratch[2];  /* path resolution: two LINUX_PATH_MAX buffers */
};

/* ---- ops.c: the shared machinery ---------------------------------------- */
struct linux_timespec vfs_now(struct vfs *v);
int vfs_charge(struct vfs *v, struct fs *fs, uint64_t bytes); /* 0 or -ENOSPC */
void vfs_uncharge(struct vfs *v, struct fs *fs, uint64_t bytes);
/* node_alloc: a zeroed node of fs with a new inode number, nlink 1, times
 * now, refs 0; NULL when out of memory (no charge: the fs charges). */
struct vnode *node_alloc(struct vfs *v, struct fs *fs, uint32_t mode);
void node_free_struct(struct vfs *v, struct vnode *n);
void vnode_get(struct vnode *n);
void vnode_put(struct vfs *v, struct vnode *n);
/* vfs_may: permission for mask (MAY_*) on n; root passes except for
 * execution of a non-directory without any x bit.  0 or -EACCES. */
int vfs_may(const struct vfs_ctx *c, const struct vnode *n, int mask);
struct handle *handle_get(struct vfs *v, uint64_t h);
/* fs_new: an instance of type, filled; NULL when out of memory/budget. */
struct fs *fs_new(struct vfs *v, const struct fs_type *type);
void fs_free(struct vfs *v, struct fs *fs);
/* vfs_sweep: frees swept-able procfs nodes (end of every operation). */
void vfs_sweep(struct vfs *v);
void vfs_fill_attr(struct vfs *v, struct vnode *n, struct vfs_attr *a);
/* handle_path: the absolute path of what h names (" (deleted)" appended
 * for an unlinked file) into buf; length without the NUL or -errno. */
int handle_path(struct vfs *v, struct handle *h, char *buf, size_t cap);

/* ---- path.c --------------------------------------------------------------- */
#define LAST_NORM 0
#define LAST_DOT 1
#define LAST_DOTDOT 2
#define LAST_ROOT 3

#define RES_FOLLOW 1 /* follow a symbolic link in the last component */
#define RES_KFD 2    /* a /proc fd link to a kernel object may end the path */

struct nameres {
    struct loc dir; /* the directory the last component was looked up in */
    char last[LINUX_NAME_MAX + 1];
    size_t last_len;
    int last_type;        /* LAST_* */
    int trailing;         /* the path ended in '/' after the last component */
    struct vnode *raw;    /* the entry `last` in dir as found, mounts not crossed */
    struct loc node;      /* the object (mounts crossed, links followed as asked);
                             node.node NULL: the last component does not exist */
    uint64_t jump_handle; /* the path ended in a procfs link to this handle's object
                             (dir and node are that object) */
    int kfd;              /* RES_KFD: node is a /proc fd link to kfd_pid's kfd_fd */
    int32_t kfd_pid, kfd_fd;
};

/* path_resolve: walks path from the root or from handle dirh.  Intermediate
 * components must exist and be searchable directories; the last one may be
 * missing (node.node NULL).  Symbolic links are followed in the middle and,
 * with RES_FOLLOW or a trailing slash, at the end (at most
 * LINUX_SYMLOOP_MAX: -ELOOP).  -ENOENT (empty path, missing middle),
 * -ENOTDIR, -EACCES, -ENAMETOOLONG, -EBADF (bad dirh). */
int path_resolve(struct vfs *v, const struct vfs_ctx *c, uint64_t dirh, const char *path,
                 unsigned flags, struct nameres *out);
struct loc root_loc(struct vfs *v);
/* loc_enter_mounts: from a mount point down to what is mounted on it. */
void loc_enter_mounts(struct vfs *v, struct loc *l);
/* loc_parent: "..": stays at the root, crosses mount roots upwards;
 * -ENOENT for a removed directory. */
int loc_parent(struct vfs *v, struct loc cur, struct loc *out);
/* loc_path: the absolute path of a directory loc into buf; length without
 * the NUL, -ERANGE if it does not fit, -ENOENT if removed. */
int loc_path(struct vfs *v, struct loc l, char *buf, size_t cap);
struct mount *mount_on(struct vfs *v, struct mount *parent, struct vnode *mp);

/* ---- tmpfs.c ----------------------------------------------------------------- */
extern const struct fs_type tmpfs_type;
extern const struct fs_ops tmpfs_ops; /* devfs is a tmpfs filled with devices */
/* tmpfs_fill_root: makes fs's root directory with permission bits mode. */
int tmpfs_fill_root(struct vfs *v, struct fs *fs, uint32_t mode);
/* Namespace changes on a tmpfs directory; the caller has checked names,
 * permissions and types. */
int tmpfs_create(struct vfs *v, struct vnode *dir, const char *name, size_t len, uint32_t mode,
                 uint32_t uid, uint32_t gid, uint64_t rdev, const char *target, size_t tlen,
                 struct vnode **out);
int tmpfs_link(struct vfs *v, struct vnode *dir, const char *name, size_t len, struct vnode *n);
/* tmpfs_unlink: removes the entry (nlink and parent updates; a directory
 * must be empty); frees the node when nothing holds it. */
int tmpfs_unlink(struct vfs *v, struct vnode *dir, const char *name, size_t len);
/* tmpfs_rename: moves/exchanges entries; a replaced target is unlinked. */
int tmpfs_rename(struct vfs *v, struct vnode *od, const char *on, size_t ol, struct vnode *nd,
                 const char *nn, size_t nl, int exchange);
int tmpfs_truncate(struct vfs *v, struct vnode *n, uint64_t size);
int64_t tmpfs_write(struct vfs *v, struct vnode *n, uint64_t off, struct vfs_xfer *x, uint64_t len);
/* tmpfs_write_mem: the same from server memory (initrd). */
int64_t tmpfs_write_mem(struct vfs *v, struct vnode *n, uint64_t off, const void *p, uint64_t len);
struct vnode *tmpfs_find(struct vnode *dir, const char *name, size_t len);
int tmpfs_dir_empty(const struct vnode *dir);
uint64_t tmpfs_blocks(const struct vnode *n);
int fs_is_tmpfs(const struct fs *fs);

/* ---- devfs.c ------------------------------------------------------------------- */
extern const struct fs_type devfs_type;
#define CHARDEV_KERNEL 1 /* the kernel owns it (console, tty) */
/* chardev_open: -ENXIO for no driver; CHARDEV_KERNEL for the kernel's; 0. */
int chardev_open(uint64_t rdev);
int64_t chardev_read(struct vfs *v, uint64_t rdev, struct vfs_xfer *x, uint64_t len);
int64_t chardev_write(struct vfs *v, uint64_t rdev, struct vfs_xfer *x, uint64_t len);

/* ---- procfs.c ------------------------------------------------------------------ */
extern const struct fs_type procfs_type;
int procfs_is_node(const struct vnode *n);

/* ---- initrd.c -------------------------------------------------------------------- */
/* (vfs_load_initrd is in ops.h) */

#endif
