/*
 * vfs/ops.c — the operations of ops.h: Linux file semantics over the mount
 * tree (permissions, types, link counts, timestamps, the error of every
 * case), plus the machinery the file systems share: nodes, handles,
 * budget, mounts.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NSEC 1000000000ll
#define MAX_NLINK 65000u
#define MAX_RW_COUNT 0x7ffff000u /* Linux's limit of one read or write */

/* ---- memory buffers as vfs_xfer ------------------------------------------- */

static int mem_copy(struct vfs_xfer *x, uint64_t off, void *p, size_t len, int to_client)
{
    struct vfs_xfer_mem *m = (struct vfs_xfer_mem *)x;

    if (off > x->size || len > x->size - off)
        return -EFAULT;
    if (to_client)
        memcpy(m->buf + off, p, len);
    else
        memcpy(p, m->buf + off, len);
    return 0;
}

void vfs_xfer_mem_init(struct vfs_xfer_mem *m, void *buf, size_t size)
{
    m->x.copy = mem_copy;
    m->x.size = size;
    m->buf = buf;
}

/* ---- shared machinery --------------------------------------------------------- */

struct linux_timespec vfs_now(struct vfs *v)
{
    struct linux_timespec t;
    int64_t ns = v->cfg.clock ? v->cfg.clock(v->cfg.cb_ctx) : 0;

    t.tv_sec = ns / NSEC;
    t.tv_nsec = ns % NSEC;
    if (t.tv_nsec < 0) {
        t.tv_nsec += NSEC;
        t.tv_sec--;
    }
    return t;
}

static struct linux_timespec ns_to_ts(int64_t ns)
{
    struct linux_timespec t;

    t.tv_sec = ns / NSEC;
    t.tv_nsec = ns % NSEC;
    if (t.tv_nsec < 0) {
        t.tv_nsec += NSEC;
        t.tv_sec--;
    }
    return t;
}

int vfs_charge(struct vfs *v, struct fs *fs, uint64_t bytes)
{
    if (bytes > v->cfg.budget || v->used > v->cfg.budget - bytes)
        return -ENOSPC;
    v->used += bytes;
    fs->used += bytes;
    return 0;
}

void vfs_uncharge(struct vfs *v, struct fs *fs, uint64_t bytes)
{
    v->used -= bytes;
    fs->used -= bytes;
}

struct vnode *node_alloc(struct vfs *v, struct fs *fs, uint32_t mode)
{
    struct vnode *n = calloc(1, sizeof *n);

    if (!n)
        return NULL;
    n->fs = fs;
    n->ino = fs->next_ino++;
    n->mode = mode;
    n->nlink = 1;
    n->atime = n->mtime = n->ctime = vfs_now(v);
    fs->nodes++;
    v->nodes++;
    return n;
}

void node_free_struct(struct vfs *v, struct vnode *n)
{
    n->fs->nodes--;
    v->nodes--;
    free(n);
}

void vnode_get(struct vnode *n)
{
    n->refs++;
}

void vnode_put(struct vfs *v, struct vnode *n)
{
    if (--n->refs == 0)
        n->fs->type->ops->release(v, n);
}

void vfs_sweep(struct vfs *v)
{
    int freed;

    do {
        struct vnode **pp = &v->eph;

        freed = 0;
        while (*pp) {
            struct vnode *n = *pp;

            if (n->refs) {
                pp = &n->eph_next;
                continue;
            }
            *pp = n->eph_next;
            if (n->parent)
                n->parent->refs--; /* a procfs parent: swept in a later round */
            node_free_struct(v, n);
            freed = 1;
        }
    } while (freed);
}

int vfs_may(const struct vfs_ctx *c, const struct vnode *n, int mask)
{
    uint32_t bits;

    if (c->uid == 0) {
        if ((mask & MAY_EXEC) && !IS_DIR(n) && !(n->mode & LINUX_S_IXUGO))
            return -EACCES;
        return 0;
    }
    if (c->uid == n->uid)
        bits = n->mode >> 6;
    else if (c->gid == n->gid)
        bits = n->mode >> 3;
    else
        bits = n->mode;
    return ((bits & 7u & (uint32_t)mask) == ((uint32_t)mask & 7u)) ? 0 : -EACCES;
}

void vfs_fill_attr(struct vfs *v, struct vnode *n, struct vfs_attr *a)
{
    memset(a, 0, sizeof *a);
    a->dev = LINUX_MKDEV(0, n->fs->dev_minor);
    a->ino = n->ino;
    a->mode = n->mode;
    a->nlink = n->nlink;
    a->uid = n->uid;
    a->gid = n->gid;
    a->rdev = n->rdev;
    if (fs_is_tmpfs(n->fs)) {
        if (IS_REG(n))
            a->size = n->u.reg.size;
        else if (IS_DIR(n))
            a->size = ((uint64_t)n->u.dir.count + 2) * 20;
        else if (IS_LNK(n))
            a->size = n->u.lnk.len;
        a->blocks = tmpfs_blocks(n);
    } else if (IS_LNK(n)) {
        a->size = 64;
    }
    a->atime = n->atime;
    a->mtime = n->mtime;
    a->ctime = n->ctime;
}

void vfs_attr_to_stat(const struct vfs_attr *a, struct linux_stat *st)
{
    memset(st, 0, sizeof *st);
    st->st_dev = a->dev;
    st->st_ino = a->ino;
    st->st_mode = a->mode;
    st->st_nlink = a->nlink;
    st->st_uid = a->uid;
    st->st_gid = a->gid;
    st->st_rdev = a->rdev;
    st->st_size = (int64_t)a->size;
    st->st_blksize = (int32_t)TMPFS_PAGE;
    st->st_blocks = (int64_t)a->blocks;
    st->st_atime_sec = a->atime.tv_sec;
    st->st_atime_nsec = (uint64_t)a->atime.tv_nsec;
    st->st_mtime_sec = a->mtime.tv_sec;
    st->st_mtime_nsec = (uint64_t)a->mtime.tv_nsec;
    st->st_ctime_sec = a->ctime.tv_sec;
    st->st_ctime_nsec = (uint64_t)a->ctime.tv_nsec;
}

void vfs_attr_to_statx(const struct vfs_attr *a, struct linux_statx *x)
{
    memset(x, 0, sizeof *x);
    x->stx_mask = LINUX_STATX_BASIC_STATS;
    x->stx_blksize = TMPFS_PAGE;
    x->stx_nlink = a->nlink;
    x->stx_uid = a->uid;
    x->stx_gid = a->gid;
    x->stx_mode = (uint16_t)a->mode;
    x->stx_ino = a->ino;
    x->stx_size = a->size;
    x->stx_blocks = a->blocks;
    x->stx_atime.tv_sec = a->atime.tv_sec;
    x->stx_atime.tv_nsec = (uint32_t)a->atime.tv_nsec;
    x->stx_ctime.tv_sec = a->ctime.tv_sec;
    x->stx_ctime.tv_nsec = (uint32_t)a->ctime.tv_nsec;
    x->stx_mtime.tv_sec = a->mtime.tv_sec;
    x->stx_mtime.tv_nsec = (uint32_t)a->mtime.tv_nsec;
    x->stx_rdev_major = LINUX_MAJOR(a->rdev);
    x->stx_rdev_minor = LINUX_MINOR(a->rdev);
    x->stx_dev_major = LINUX_MAJOR(a->dev);
    x->stx_dev_minor = LINUX_MINOR(a->dev);
}

/* ---- handles ------------------------------------------------------------------------ */

static uint64_t handle_number(const struct vfs *v, const struct handle *h)
{
    return (uint64_t)h->gen << 32 | (uint64_t)(h - v->handles + 1);
}

struct handle *handle_get(struct vfs *v, uint64_t num)
{
    uint32_t idx = (uint32_t)num;
    struct handle *h;

    if (idx == 0 || idx > v->nhandles)
        return NULL;
    h = &v->handles[idx - 1];
    if (!h->used || h->gen != (uint32_t)(num >> 32))
        return NULL;
    return h;
}

static void mount_free(struct vfs *v, struct mount *m);

static void mount_put(struct vfs *v, struct mount *m)
{
    if (--m->refs == 0 && m->detached && !m->children)
        mount_free(v, m);
}

/* handle_new: a handle on loc (taking references); *out stays valid until
 * the next handle_new.  -ENFILE when the table is full. */
static int handle_new(struct vfs *v, struct loc loc, uint32_t access, uint32_t oflags,
                      struct handle **out)
{
    struct handle *h = NULL;
    uint32_t i;

    for (i = v->free_hint; i < v->nhandles; i++) {
        if (!v->handles[i].used) {
            h = &v->handles[i];
            break;
        }
    }
    if (!h) {
        if (v->nhandles == v->cap_handles) {
            uint32_t cap = v->cap_handles ? v->cap_handles * 2 : 64;
            struct handle *t;

            if (cap > v->cfg.max_handles)
                cap = v->cfg.max_handles;
            if (cap <= v->cap_handles)
                return -ENFILE;
            t = realloc(v->handles, cap * sizeof *t);
            if (!t)
                return -ENOMEM;
            memset(t + v->cap_handles, 0, (cap - v->cap_handles) * sizeof *t);
            v->handles = t;
            v->cap_handles = cap;
        }
        h = &v->handles[v->nhandles++];
    }
    v->free_hint = (uint32_t)(h - v->handles) + 1;
    if (++h->gen == 0)
        h->gen = 1;
    h->used = 1;
    h->access = access;
    h->oflags = oflags;
    h->loc = loc;
    h->path = NULL;
    h->text = NULL;
    h->text_len = 0;
    vnode_get(loc.node);
    loc.mnt->refs++;
    v->open_handles++;
    *out = h;
    return 0;
}

static void handle_drop(struct vfs *v, struct handle *h)
{
    const struct fs_ops *ops = h->loc.node->fs->type->ops;

    if (ops->close)
        ops->close(v, h);
    free(h->path);
    free(h->text);
    h->path = h->text = NULL;
    h->used = 0;
    if ((uint32_t)(h - v->handles) < v->free_hint)
        v->free_hint = (uint32_t)(h - v->handles);
    v->open_handles--;
    vnode_put(v, h->loc.node);
    mount_put(v, h->loc.mnt);
}

int handle_path(struct vfs *v, struct handle *h, char *buf, size_t cap)
{
    size_t len;

    if (IS_DIR(h->loc.node) || !h->path)
        return loc_path(v, h->loc, buf, cap);
    len = strlen(h->path);
    if (h->loc.node->nlink == 0 && fs_is_tmpfs(h->loc.node->fs)) {
        if (len + 11 > cap)
            return -ERANGE;
        memcpy(buf, h->path, len);
        memcpy(buf + len, " (deleted)", 11);
        return (int)(len + 10);
    }
    if (len + 1 > cap)
        return -ERANGE;
    memcpy(buf, h->path, len + 1);
    return (int)len;
}

/* ---- file systems and mounts ------------------------------------------------------- */

struct fs *fs_new(struct vfs *v, const struct fs_type *type)
{
    struct fs *fs = calloc(1, sizeof *fs);

    if (!fs)
        return NULL;
    fs->type = type;
    fs->dev_minor = ++v->next_dev;
    fs->next_ino = 1;
    if (type->fill(v, fs)) {
        free(fs);
        return NULL;
    }
    return fs;
}

void fs_free(struct vfs *v, struct fs *fs)
{
    vfs_sweep(v); /* no procfs node of fs may outlive it */
    fs->type->ops->destroy(v, fs);
    free(fs);
}

static void mount_free(struct vfs *v, struct mount *m)
{
    if (m->mountpoint) {
        m->mountpoint->mounted--;
        vnode_put(v, m->mountpoint);
    }
    if (m->parent && --m->parent->children == 0 && m->parent->detached && !m->parent->refs)
        mount_free(v, m->parent);
    if (--m->fs->mounts == 0)
        fs_free(v, m->fs);
    free(m->source);
    free(m);
}

static char *str_dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);

    if (d)
        memcpy(d, s, n);
    return d;
}

static struct mount *mount_new(struct vfs *v, struct fs *fs, const char *source,
                               const char *type_name, uint32_t flags)
{
    struct mount *m = calloc(1, sizeof *m);

    if (!m)
        return NULL;
    m->source = str_dup(source ? source : "none");
    if (!m->source) {
        free(m);
        return NULL;
    }
    m->fs = fs;
    m->type_name = type_name;
    m->flags = flags;
    fs->mounts++;
    return m;
}

static void mount_append(struct vfs *v, struct mount *m)
{
    struct mount **pp = &v->mounts;

    while (*pp)
        pp = &(*pp)->next;
    m->next = NULL;
    *pp = m;
}

static void mount_unlink(struct vfs *v, struct mount *m)
{
    struct mount **pp = &v->mounts;

    while (*pp && *pp != m)
        pp = &(*pp)->next;
    if (*pp)
        *pp = m->next;
    m->next = NULL;
}

struct vfs *vfs_create(const struct vfs_config *cfg)
{
    struct vfs *v = calloc(1, sizeof *v);
    struct fs *fs;

    if (!v)
        return NULL;
    v->cfg = *cfg;
    if (!v->cfg.max_handles)
        v->cfg.max_handles = VFS_DEFAULT_MAX_HANDLES;
    /* Each scratch buffer: a path, and room for a link's text after it. */
    v->scratch[0] = malloc(2 * LINUX_PATH_MAX);
    v->scratch[1] = malloc(2 * LINUX_PATH_MAX);
    fs = v->scratch[0] && v->scratch[1] ? fs_new(v, &tmpfs_type) : NULL;
    if (fs) {
        fs->root->mode = LINUX_S_IFDIR | 0755;
        v->root = mount_new(v, fs, "rootfs", "rootfs", 0);
    }
    if (!v->root) {
        if (fs)
            fs_free(v, fs);
        free(v->scratch[0]);
        free(v->scratch[1]);
        free(v);
        return NULL;
    }
    v->mounts = v->root;
    return v;
}

void vfs_destroy(struct vfs *v)
{
    uint32_t i;

    if (!v)
        return;
    for (i = 0; i < v->nhandles; i++)
        if (v->handles[i].used)
            handle_drop(v, &v->handles[i]);
    vfs_sweep(v);
    /* Unmount the newest first: children before their parents. */
    while (v->mounts) {
        struct mount *m = v->mounts, *last = NULL;

        for (; m; m = m->next)
            if (!m->children)
                last = m;
        if (!last)
            break;
        mount_unlink(v, last);
        mount_free(v, last);
    }
    free(v->handles);
    free(v->scratch[0]);
    free(v->scratch[1]);
    free(v);
}

void vfs_get_usage(const struct vfs *v, struct vfs_usage *out)
{
    const struct mount *m;

    out->budget = v->cfg.budget;
    out->used = v->used;
    out->handles = v->open_handles;
    out->nodes = v->nodes;
    out->mounts = 0;
    for (m = v->mounts; m; m = m->next)
        out->mounts++;
}

/* ---- helpers of the operations -------------------------------------------------------- */

static int done(struct vfs *v, int r)
{
    vfs_sweep(v);
    return r;
}

static int64_t done64(struct vfs *v, int64_t r)
{
    vfs_sweep(v);
    return r;
}

/* no_path: an empty path with AT_EMPTY_PATH means the handle itself. */
static const char *no_path(const char *path, uint32_t flags)
{
    return path && !path[0] && (flags & LINUX_AT_EMPTY_PATH) ? NULL : path;
}

/* target: the object a path (or, path NULL, the handle dir) names. */
static int target(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
                  int follow, struct loc *out)
{
    struct nameres nr;
    int err;

    if (!path) {
        struct handle *h = handle_get(v, dir);

        if (!h)
            return -EBADF;
        *out = h->loc;
        return 0;
    }
    err = path_resolve(v, c, dir, path, follow ? RES_FOLLOW : 0, &nr);
    if (err)
        return err;
    if (!nr.node.node)
        return -ENOENT;
    if (nr.trailing && !IS_DIR(nr.node.node))
        return -ENOTDIR;
    *out = nr.node;
    return 0;
}

static int mount_ro(const struct loc *l)
{
    return (l->mnt->flags & LINUX_MS_RDONLY) != 0;
}

/* may_change: attributes and contents of l may change at all. */
static int may_change(const struct loc *l)
{
    if (mount_ro(l))
        return -EROFS;
    if (!l->node->fs->type->ops->writable)
        return -EPERM;
    return 0;
}

static int is_owner(const struct vfs_ctx *c, const struct vnode *n)
{
    return c->uid == 0 || c->uid == n->uid;
}

/* sticky: may c remove n from dir? (the restricted deletion flag) */
static int sticky_ok(const struct vfs_ctx *c, const struct vnode *dir, const struct vnode *n)
{
    if (!(dir->mode & LINUX_S_ISVTX))
        return 1;
    return c->uid == 0 || c->uid == n->uid || c->uid == dir->uid;
}

/* prepare_create: checks for making the last component of nr (must not
 * exist).  is_dir: mkdir (a trailing slash is then fine). */
static int prepare_create(struct vfs *v, const struct vfs_ctx *c, struct nameres *nr, int is_dir,
                          int nodir_op_err)
{
    int err;

    if (nr->last_type != LAST_NORM || nr->node.node)
        return -EEXIST;
    if (nr->trailing && !is_dir)
        return -ENOENT;
    if (mount_ro(&nr->dir))
        return -EROFS;
    err = vfs_may(c, nr->dir.node, MAY_WRITE | MAY_EXEC);
    if (err)
        return err;
    if (!nr->dir.node->fs->type->ops->writable)
        return nodir_op_err;
    if (nr->dir.node->nlink == 0)
        return -ENOENT; /* a removed directory */
    return 0;
}

/* new_owner: uid and gid of a new node in dir, and whether it inherits
 * set-group-ID (directories). */
static void new_owner(const struct vfs_ctx *c, const struct vnode *dir, uint32_t *mode,
                      uint32_t *uid, uint32_t *gid)
{
    *uid = c->uid;
    *gid = c->gid;
    if (dir->mode & LINUX_S_ISGID) {
        *gid = dir->gid;
        if (S_TYPE(*mode) == LINUX_S_IFDIR)
            *mode |= LINUX_S_ISGID;
    }
}

static char *path_join(struct vfs *v, struct loc dir, const char *name);

/* nameres_path: the absolute path of a resolved non-directory, malloc'd;
 * NULL when unknown (a removed directory, no memory). */
static char *nameres_path(struct vfs *v, const struct nameres *nr)
{
    if (nr->jump_handle) {
        struct handle *src = handle_get(v, nr->jump_handle);

        return src && src->path ? str_dup(src->path) : NULL;
    }
    if (nr->last_type != LAST_NORM)
        return NULL;
    return path_join(v, nr->dir, nr->last);
}

static char *path_join(struct vfs *v, struct loc dir, const char *name)
{
    char *buf = malloc(LINUX_PATH_MAX + LINUX_NAME_MAX + 2);
    int len;

    if (!buf)
        return NULL;
    len = loc_path(v, dir, buf, LINUX_PATH_MAX);
    if (len < 0) {
        free(buf);
        return NULL;
    }
    if (len > 1)
        buf[len++] = '/';
    strcpy(buf + len, name);
    return buf;
}

/* relatime: the access time moves when it is not newer than the change
 * times, or a day old. */
static void touch_atime(struct vfs *v, struct handle *h)
{
    struct vnode *n = h->loc.node;
    struct linux_timespec now;

    if (!fs_is_tmpfs(n->fs) || mount_ro(&h->loc) || (h->oflags & LINUX_O_NOATIME) ||
        (h->loc.mnt->flags & LINUX_MS_NOATIME))
        return;
    now = vfs_now(v);
    if (n->atime.tv_sec < n->mtime.tv_sec ||
        (n->atime.tv_sec == n->mtime.tv_sec && n->atime.tv_nsec <= n->mtime.tv_nsec) ||
        n->atime.tv_sec < n->ctime.tv_sec ||
        (n->atime.tv_sec == n->ctime.tv_sec && n->atime.tv_nsec <= n->ctime.tv_nsec) ||
        now.tv_sec - n->atime.tv_sec >= 24 * 3600)
        n->atime = now;
}

/* ---- open, close, read, write ------------------------------------------------------------ */

int vfs_open(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path, uint32_t flags,
             uint32_t mode, struct vfs_open_info *out)
{
    struct nameres nr;
    struct handle *h;
    struct vnode *n;
    uint32_t acc = flags & LINUX_O_ACCMODE, access = 0;
    unsigned rflags = RES_KFD;
    int created = 0, err, mask = 0;

    memset(out, 0, sizeof *out);
    if (!path)
        return -ENOENT;
    if ((flags & LINUX_O_TMPFILE) == LINUX_O_TMPFILE)
        return -EOPNOTSUPP;
    if (flags & LINUX_O_PATH)
        flags &= LINUX_O_PATH | LINUX_O_DIRECTORY | LINUX_O_NOFOLLOW | LINUX_O_CLOEXEC;
    if ((flags & LINUX_O_CREAT) && (flags & LINUX_O_DIRECTORY))
        return -EINVAL;
    if (!(flags & LINUX_O_NOFOLLOW) && !((flags & LINUX_O_CREAT) && (flags & LINUX_O_EXCL)))
        rflags |= RES_FOLLOW;
    err = path_resolve(v, c, dir, path, rflags, &nr);
    if (err)
        return done(v, err);
    if (nr.kfd) {
        if (c->uid != 0 && c->uid != nr.node.node->uid)
            return done(v, -EACCES);
        out->flags = VFS_OPEN_INFO_PROC_FD;
        out->proc_pid = nr.kfd_pid;
        out->proc_fd = nr.kfd_fd;
        return done(v, 0);
    }
    if (flags & LINUX_O_CREAT) {
        if (nr.last_type != LAST_NORM || nr.trailing)
            return done(v, -EISDIR);
        if (!nr.node.node) {
            uint32_t m = LINUX_S_IFREG | (mode & 07777 & ~c->umask), uid, gid;

            err = prepare_create(v, c, &nr, 0, -EACCES);
            if (err)
                return done(v, err);
            new_owner(c, nr.dir.node, &m, &uid, &gid);
            err = tmpfs_create(v, nr.dir.node, nr.last, nr.last_len, m, uid, gid, 0, NULL, 0, &n);
            if (err)
                return done(v, err);
            nr.node.mnt = nr.dir.mnt;
            nr.node.node = n;
            created = 1;
        } else if (flags & LINUX_O_EXCL) {
            return done(v, -EEXIST);
        } else if (IS_DIR(nr.node.node)) {
            return done(v, -EISDIR);
        }
    }
    n = nr.node.node;
    if (!n)
        return done(v, -ENOENT);
    if (nr.trailing && !IS_DIR(n))
        return done(v, -ENOTDIR);
    if (IS_LNK(n) && !(flags & LINUX_O_PATH))
        return done(v, -ELOOP);
    if ((flags & LINUX_O_DIRECTORY) && !IS_DIR(n))
        return done(v, -ENOTDIR);

    if (!(flags & LINUX_O_PATH)) {
        if (acc == LINUX_O_RDONLY)
            mask = MAY_READ;
        else if (acc == LINUX_O_WRONLY)
            mask = MAY_WRITE;
        else
            mask = MAY_READ | MAY_WRITE;
        if (flags & LINUX_O_TRUNC)
            mask |= MAY_WRITE;
        if (IS_DIR(n) && (mask & MAY_WRITE))
            return done(v, -EISDIR);
        if (!created) {
            err = vfs_may(c, n, mask);
            if (err)
                return done(v, err);
        }
        switch (S_TYPE(n->mode)) {
        case LINUX_S_IFREG:
        case LINUX_S_IFDIR:
            if ((mask & MAY_WRITE) && mount_ro(&nr.node))
                return done(v, -EROFS);
            if ((mask & MAY_WRITE) && !n->fs->type->ops->writable)
                return done(v, -EACCES);
            break;
        case LINUX_S_IFCHR:
            if (nr.node.mnt->flags & LINUX_MS_NODEV)
                return done(v, -EACCES);
            err = chardev_open(n->rdev);
            if (err < 0)
                return done(v, err);
            if (err == CHARDEV_KERNEL) {
                out->flags = VFS_OPEN_INFO_KDEV;
                out->mode = n->mode;
                out->rdev = n->rdev;
                return done(v, 0);
            }
            break;
        case LINUX_S_IFIFO:
            out->flags = VFS_OPEN_INFO_FIFO; /* the pipe itself is the kernel's */
            break;
        default: /* block devices, sockets */
            return done(v, -ENXIO);
        }
        if (mask & MAY_READ)
            access |= H_READ;
        if ((mask & MAY_WRITE) && acc != LINUX_O_RDONLY)
            access |= H_WRITE;
        if (IS_REG(n) && (flags & LINUX_O_TRUNC) && !created) {
            err = tmpfs_truncate(v, n, 0);
            if (err)
                return done(v, err);
            n->mtime = n->ctime = vfs_now(v);
        }
    } else {
        access = H_PATH;
    }

    err = handle_new(v, nr.node, access, flags, &h);
    if (err)
        return done(v, err);
    if (!IS_DIR(n))
        h->path = nameres_path(v, &nr);
    if (!(flags & LINUX_O_PATH) && n->fs->type->ops->open) {
        err = n->fs->type->ops->open(v, c, h);
        if (err) {
            handle_drop(v, h);
            return done(v, err);
        }
    }
    out->handle = handle_number(v, h);
    out->mode = n->mode;
    out->flags |= created ? VFS_OPEN_INFO_CREATED : 0;
    out->rdev = n->rdev;
    out->size = IS_REG(n) && fs_is_tmpfs(n->fs) ? n->u.reg.size : 0;
    return done(v, 0);
}

int vfs_close(struct vfs *v, uint64_t handle)
{
    struct handle *h = handle_get(v, handle);

    if (!h)
        return -EBADF;
    handle_drop(v, h);
    return done(v, 0);
}

int64_t vfs_read(struct vfs *v, uint64_t handle, uint64_t offset, struct vfs_xfer *buf,
                 uint64_t count)
{
    struct handle *h = handle_get(v, handle);
    struct vnode *n;
    int64_t r;

    if (!h || !(h->access & H_READ))
        return -EBADF;
    n = h->loc.node;
    if (IS_DIR(n))
        return -EISDIR;
    if (offset > (uint64_t)INT64_MAX)
        return -EINVAL;
    if (count > buf->size)
        count = buf->size;
    if (count > MAX_RW_COUNT)
        count = MAX_RW_COUNT;
    if (IS_CHR(n))
        return chardev_read(v, n->rdev, buf, count);
    if (!IS_REG(n) || !n->fs->type->ops->read)
        return -EINVAL; /* a FIFO's data is the kernel's */
    r = n->fs->type->ops->read(v, h, offset, buf, count);
    if (r >= 0)
        touch_atime(v, h);
    return done64(v, r);
}

int64_t vfs_write(struct vfs *v, uint64_t handle, uint64_t offset, int append, struct vfs_xfer *buf,
                  uint64_t count, uint64_t *end, uint64_t *size)
{
    struct handle *h = handle_get(v, handle);
    struct vnode *n;
    int64_t r;

    *end = *size = 0;
    if (!h || !(h->access & H_WRITE))
        return -EBADF;
    n = h->loc.node;
    if (count > buf->size)
        count = buf->size;
    if (count > MAX_RW_COUNT)
        count = MAX_RW_COUNT;
    if (IS_CHR(n)) {
        r = chardev_write(v, n->rdev, buf, count);
        if (r > 0)
            *end = offset + (uint64_t)r;
        return r;
    }
    if (!IS_REG(n) || !fs_is_tmpfs(n->fs))
        return -EINVAL;
    if (append)
        offset = n->u.reg.size;
    else if (offset > (uint64_t)INT64_MAX)
        return -EINVAL;
    r = tmpfs_write(v, n, offset, buf, count);
    if (r >= 0) {
        *end = offset + (uint64_t)r;
        *size = n->u.reg.size;
    }
    return r;
}

/* ---- attributes ------------------------------------------------------------------------------ */

int vfs_stat(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path, uint32_t flags,
             struct vfs_attr *out)
{
    struct loc l;
    int err;

    memset(out, 0, sizeof *out);
    if (flags &
        ~(uint32_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH | LINUX_AT_NO_AUTOMOUNT))
        return -EINVAL;
    err = target(v, c, dir, no_path(path, flags), !(flags & LINUX_AT_SYMLINK_NOFOLLOW), &l);
    if (!err)
        vfs_fill_attr(v, l.node, out);
    return done(v, err);
}

int vfs_access(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
               uint32_t mode, uint32_t flags)
{
    struct loc l;
    int err;

    if (mode & ~7u)
        return -EINVAL;
    if (flags & ~(uint32_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EACCESS | LINUX_AT_EMPTY_PATH))
        return -EINVAL;
    err = target(v, c, dir, no_path(path, flags), !(flags & LINUX_AT_SYMLINK_NOFOLLOW), &l);
    if (err || mode == LINUX_F_OK)
        return done(v, err);
    if ((mode & LINUX_W_OK) && mount_ro(&l) && (IS_REG(l.node) || IS_DIR(l.node) || IS_LNK(l.node)))
        return done(v, -EROFS);
    if ((mode & LINUX_X_OK) && IS_REG(l.node) && (l.mnt->flags & LINUX_MS_NOEXEC))
        return done(v, -EACCES);
    return done(v, vfs_may(c, l.node, (int)mode));
}

int vfs_chmod(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path, uint32_t mode,
              uint32_t flags)
{
    struct loc l;
    int err;

    if (flags & ~(uint32_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
        return -EINVAL;
    err = target(v, c, dir, no_path(path, flags), !(flags & LINUX_AT_SYMLINK_NOFOLLOW), &l);
    if (err)
        return done(v, err);
    if (IS_LNK(l.node))
        return done(v, -EOPNOTSUPP);
    if (!is_owner(c, l.node))
        return done(v, -EPERM);
    err = may_change(&l);
    if (err)
        return done(v, err);
    mode &= 07777;
    if (c->uid != 0 && c->gid != l.node->gid)
        mode &= ~(uint32_t)LINUX_S_ISGID;
    l.node->mode = S_TYPE(l.node->mode) | mode;
    l.node->ctime = vfs_now(v);
    return done(v, 0);
}

int vfs_chown(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path, uint32_t uid,
              uint32_t gid, uint32_t flags)
{
    struct loc l;
    struct vnode *n;
    int err;

    if (flags & ~(uint32_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
        return -EINVAL;
    err = target(v, c, dir, no_path(path, flags), !(flags & LINUX_AT_SYMLINK_NOFOLLOW), &l);
    if (err)
        return done(v, err);
    n = l.node;
    if (c->uid != 0) {
        /* Not root: the owner may only give the file to his own group. */
        if (uid != 0xffffffffu && (uid != n->uid || c->uid != n->uid))
            return done(v, -EPERM);
        if (gid != 0xffffffffu && (c->uid != n->uid || (gid != n->gid && gid != c->gid)))
            return done(v, -EPERM);
    }
    err = may_change(&l);
    if (err)
        return done(v, err);
    if (uid != 0xffffffffu)
        n->uid = uid;
    if (gid != 0xffffffffu)
        n->gid = gid;
    if (!IS_DIR(n) && !IS_LNK(n)) {
        n->mode &= ~(uint32_t)LINUX_S_ISUID;
        if ((n->mode & (LINUX_S_ISGID | 010)) == (LINUX_S_ISGID | 010))
            n->mode &= ~(uint32_t)LINUX_S_ISGID;
    }
    n->ctime = vfs_now(v);
    return done(v, 0);
}

int vfs_utimens(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
                int64_t atime_ns, int64_t mtime_ns, uint32_t flags)
{
    struct loc l;
    struct linux_timespec now;
    int err;
    int explicit_times = (atime_ns != VFS_TIME_NOW && atime_ns != VFS_TIME_OMIT) ||
                         (mtime_ns != VFS_TIME_NOW && mtime_ns != VFS_TIME_OMIT);

    if (flags & ~(uint32_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
        return -EINVAL;
    err = target(v, c, dir, no_path(path, flags), !(flags & LINUX_AT_SYMLINK_NOFOLLOW), &l);
    if (err)
        return done(v, err);
    if (atime_ns == VFS_TIME_OMIT && mtime_ns == VFS_TIME_OMIT)
        return done(v, 0);
    if (explicit_times) {
        if (!is_owner(c, l.node))
            return done(v, -EPERM);
    } else if (!is_owner(c, l.node)) {
        err = vfs_may(c, l.node, MAY_WRITE);
        if (err)
            return done(v, err);
    }
    err = may_change(&l);
    if (err)
        return done(v, err);
    now = vfs_now(v);
    if (atime_ns != VFS_TIME_OMIT)
        l.node->atime = atime_ns == VFS_TIME_NOW ? now : ns_to_ts(atime_ns);
    if (mtime_ns != VFS_TIME_OMIT)
        l.node->mtime = mtime_ns == VFS_TIME_NOW ? now : ns_to_ts(mtime_ns);
    l.node->ctime = now;
    return done(v, 0);
}

int vfs_truncate(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
                 int64_t length)
{
    struct loc l;
    int err;

    if (length < 0)
        return -EINVAL;
    if (!path) {
        struct handle *h = handle_get(v, dir);

        if (!h || (h->access & H_PATH))
            return -EBADF;
        if (!(h->access & H_WRITE) || !IS_REG(h->loc.node))
            return -EINVAL;
        l = h->loc;
    } else {
        err = target(v, c, dir, path, 1, &l);
        if (err)
            return done(v, err);
        if (IS_DIR(l.node))
            return done(v, -EISDIR);
        if (!IS_REG(l.node))
            return done(v, -EINVAL);
        err = vfs_may(c, l.node, MAY_WRITE);
        if (err)
            return done(v, err);
    }
    err = may_change(&l);
    if (err)
        return done(v, err == -EPERM ? -EACCES : err);
    return done(v, tmpfs_truncate(v, l.node, (uint64_t)length));
}

int vfs_fsync(struct vfs *v, uint64_t handle)
{
    struct handle *h = handle_get(v, handle);

    if (!h || (h->access & H_PATH))
        return -EBADF;
    return 0;
}

int vfs_statfs(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
               struct linux_statfs *out)
{
    struct loc l;
    uint32_t f;
    int err;

    memset(out, 0, sizeof *out);
    err = target(v, c, dir, path, 1, &l);
    if (err)
        return done(v, err);
    l.node->fs->type->ops->statfs(v, l.node->fs, out);
    f = l.mnt->flags;
    out->f_fsid[0] = (int32_t)l.node->fs->dev_minor;
    out->f_flags = LINUX_ST_VALID | (f & LINUX_MS_RDONLY ? LINUX_ST_RDONLY : 0) |
                   (f & LINUX_MS_NOSUID ? LINUX_ST_NOSUID : 0) |
                   (f & LINUX_MS_NODEV ? LINUX_ST_NODEV : 0) |
                   (f & LINUX_MS_NOEXEC ? LINUX_ST_NOEXEC : 0) |
                   (f & LINUX_MS_NOATIME ? LINUX_ST_NOATIME
                                         : (f & LINUX_MS_STRICTATIME ? 0 : LINUX_ST_RELATIME));
    return done(v, 0);
}

/* ---- directories
 * ---------------------------------------------------------------------------------- */

struct pack_sink {
    struct dir_sink s;
    unsigned char *buf;
    size_t cap, len;
    uint64_t cookie; /* after the last record packed */
    int full;
};

static int pack_emit(struct dir_sink *s, uint64_t ino, unsigned type, const char *name, size_t len,
                     uint64_t next_cookie)
{
    struct pack_sink *p = (struct pack_sink *)s;
    size_t rec = LINUX_DIRENT64_RECLEN(len);
    struct linux_dirent64 d;

    if (rec > p->cap - p->len) {
        p->full = 1;
        return 1;
    }
    memset(p->buf + p->len, 0, rec);
    d.d_ino = ino;
    d.d_off = (int64_t)next_cookie;
    d.d_reclen = (uint16_t)rec;
    d.d_type = (uint8_t)type;
    memcpy(p->buf + p->len, &d, LINUX_DIRENT64_NAME_OFFSET);
    memcpy(p->buf + p->len + LINUX_DIRENT64_NAME_OFFSET, name, len);
    p->len += rec;
    p->cookie = next_cookie;
    return 0;
}

int64_t vfs_getdents(struct vfs *v, uint64_t handle, uint64_t cookie, struct vfs_xfer *buf,
                     uint64_t count, uint64_t *next)
{
    struct handle *h = handle_get(v, handle);
    struct pack_sink p;
    struct loc parent;
    struct vnode *n;
    int err = 0;

    *next = cookie;
    if (!h || (h->access & H_PATH))
        return -EBADF;
    n = h->loc.node;
    if (!IS_DIR(n))
        return -ENOTDIR;
    if (count > buf->size)
        count = buf->size;
    memset(&p, 0, sizeof p);
    p.s.emit = pack_emit;
    p.cap = count < 65536 ? (size_t)count : 65536;
    p.cookie = cookie;
    p.buf = malloc(p.cap ? p.cap : 1);
    if (!p.buf)
        return -ENOMEM;
    if (n->nlink == 0 && fs_is_tmpfs(n->fs)) {
        free(p.buf);
        return 0; /* a removed directory lists nothing */
    }
    if (cookie == 0 && pack_emit(&p.s, n->ino, LINUX_DT_DIR, ".", 1, 1))
        goto out;
    if (cookie <= 1) {
        struct vnode *pn = loc_parent(v, h->loc, &parent) ? n : parent.node;

        if (pack_emit(&p.s, pn->ino, LINUX_DT_DIR, "..", 2, 2))
            goto out;
    }
    err = n->fs->type->ops->readdir(v, n, cookie < 2 ? 2 : cookie, &p.s);
out:
    if (!err && p.len == 0 && p.full)
        err = -EINVAL;
    if (!err && p.len)
        err = buf->copy(buf, 0, p.buf, p.len, 1);
    free(p.buf);
    if (err)
        return done64(v, err);
    *next = p.cookie;
    touch_atime(v, h);
    return done64(v, (int64_t)p.len);
}

int vfs_mkdir(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path, uint32_t mode)
{
    struct nameres nr;
    struct vnode *n;
    uint32_t m = LINUX_S_IFDIR | (mode & (0777 | LINUX_S_ISVTX) & ~c->umask), uid, gid;
    int err = path_resolve(v, c, dir, path, 0, &nr);

    if (!err)
        err = prepare_create(v, c, &nr, 1, -EPERM);
    if (err)
        return done(v, err);
    new_owner(c, nr.dir.node, &m, &uid, &gid);
    return done(v, tmpfs_create(v, nr.dir.node, nr.last, nr.last_len, m, uid, gid, 0, NULL, 0, &n));
}

int vfs_mknod(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path, uint32_t mode,
              uint64_t rdev)
{
    struct nameres nr;
    struct vnode *n;
    uint32_t type = S_TYPE(mode), m, uid, gid;
    int err;

    switch (type) {
    case 0:
        type = LINUX_S_IFREG;
        break;
    case LINUX_S_IFREG:
    case LINUX_S_IFIFO:
    case LINUX_S_IFSOCK:
        break;
    case LINUX_S_IFCHR:
    case LINUX_S_IFBLK:
        if (c->uid != 0)
            return -EPERM;
        break;
    case LINUX_S_IFDIR:
        return -EPERM;
    default:
        return -EINVAL;
    }
    m = type | (mode & 07777 & ~c->umask);
    err = path_resolve(v, c, dir, path, 0, &nr);
    if (!err)
        err = prepare_create(v, c, &nr, 0, -EPERM);
    if (err)
        return done(v, err);
    new_owner(c, nr.dir.node, &m, &uid, &gid);
    return done(v,
                tmpfs_create(v, nr.dir.node, nr.last, nr.last_len, m, uid, gid, rdev, NULL, 0, &n));
}

int vfs_unlink(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
               uint32_t flags)
{
    struct nameres nr;
    struct vnode *n;
    int rmdir = (flags & LINUX_AT_REMOVEDIR) != 0, err;

    if (flags & ~(uint32_t)LINUX_AT_REMOVEDIR)
        return -EINVAL;
    err = path_resolve(v, c, dir, path, 0, &nr);
    if (err)
        return done(v, err);
    if (nr.last_type != LAST_NORM) {
        if (!rmdir)
            return done(v, -EISDIR);
        return done(v, nr.last_type == LAST_DOT      ? -EINVAL
                       : nr.last_type == LAST_DOTDOT ? -ENOTEMPTY
                                                     : -EBUSY);
    }
    n = nr.raw;
    if (!n)
        return done(v, -ENOENT);
    if (rmdir ? !IS_DIR(n) : (nr.trailing && !IS_DIR(n)))
        return done(v, -ENOTDIR);
    if (!rmdir && IS_DIR(n))
        return done(v, -EISDIR);
    if (mount_ro(&nr.dir))
        return done(v, -EROFS);
    err = vfs_may(c, nr.dir.node, MAY_WRITE | MAY_EXEC);
    if (err)
        return done(v, err);
    if (!sticky_ok(c, nr.dir.node, n))
        return done(v, -EPERM);
    if (n->mounted)
        return done(v, -EBUSY);
    if (!nr.dir.node->fs->type->ops->writable)
        return done(v, -EPERM);
    if (rmdir && !tmpfs_dir_empty(n))
        return done(v, -ENOTEMPTY);
    return done(v, tmpfs_unlink(v, nr.dir.node, nr.last, nr.last_len));
}

/* is_ancestor: is a an ancestor of (or equal to) d, in one file system? */
static int is_ancestor(const struct vnode *a, const struct vnode *d)
{
    for (; d; d = d->parent)
        if (d == a)
            return 1;
    return 0;
}

int vfs_rename(struct vfs *v, const struct vfs_ctx *c, uint64_t olddir, const char *oldpath,
               uint64_t newdir, const char *newpath, uint32_t flags)
{
    struct nameres o, *nw;
    struct vnode *src, *dst;
    int exchange = (flags & LINUX_RENAME_EXCHANGE) != 0, err;

    if (flags & ~(uint32_t)(LINUX_RENAME_NOREPLACE | LINUX_RENAME_EXCHANGE) ||
        (exchange && (flags & LINUX_RENAME_NOREPLACE)))
        return -EINVAL;
    nw = malloc(sizeof *nw);
    if (!nw)
        return -ENOMEM;
    err = path_resolve(v, c, olddir, oldpath, 0, &o);
    if (!err)
        err = path_resolve(v, c, newdir, newpath, 0, nw);
    if (err)
        goto out;
    err = -EBUSY;
    if (o.last_type != LAST_NORM || nw->last_type != LAST_NORM)
        goto out;
    src = o.raw;
    dst = nw->raw;
    err = -ENOENT;
    if (!src || (exchange && !dst) || nw->dir.node->nlink == 0)
        goto out; /* nothing enters a removed directory */
    err = -EXDEV;
    if (o.dir.mnt != nw->dir.mnt)
        goto out;
    err = -EEXIST;
    if ((flags & LINUX_RENAME_NOREPLACE) && dst)
        goto out;
    err = -ENOTDIR;
    if (!IS_DIR(src) && (o.trailing || (!exchange && nw->trailing)))
        goto out;
    if (exchange && dst && !IS_DIR(dst) && nw->trailing)
        goto out;
    err = 0;
    if (src == dst)
        goto out;
    if (dst && !exchange) {
        if (IS_DIR(src) && !IS_DIR(dst)) {
            err = -ENOTDIR;
            goto out;
        }
        if (!IS_DIR(src) && IS_DIR(dst)) {
            err = -EISDIR;
            goto out;
        }
    }
    err = -EINVAL; /* a directory into itself */
    if (IS_DIR(src) && is_ancestor(src, nw->dir.node))
        goto out;
    if (exchange && IS_DIR(dst) && is_ancestor(dst, o.dir.node))
        goto out;
    err = -EROFS;
    if (mount_ro(&o.dir))
        goto out;
    err = vfs_may(c, o.dir.node, MAY_WRITE | MAY_EXEC);
    if (!err)
        err = vfs_may(c, nw->dir.node, MAY_WRITE | MAY_EXEC);
    if (!err && IS_DIR(src) && o.dir.node != nw->dir.node)
        err = vfs_may(c, src, MAY_WRITE);
    if (!err && exchange && IS_DIR(dst) && o.dir.node != nw->dir.node)
        err = vfs_may(c, dst, MAY_WRITE);
    if (err)
        goto out;
    err = -EPERM;
    if (!sticky_ok(c, o.dir.node, src) || (dst && !sticky_ok(c, nw->dir.node, dst)))
        goto out;
    err = -EBUSY;
    if (src->mounted || (dst && dst->mounted))
        goto out;
    err = -EPERM;
    if (!o.dir.node->fs->type->ops->writable)
        goto out;
    if (dst && !exchange && IS_DIR(dst) && !tmpfs_dir_empty(dst)) {
        err = -ENOTEMPTY;
        goto out;
    }
    err = tmpfs_rename(v, o.dir.node, o.last, o.last_len, nw->dir.node, nw->last, nw->last_len,
                       exchange);
out:
    free(nw);
    return done(v, err);
}

int vfs_link(struct vfs *v, const struct vfs_ctx *c, uint64_t olddir, const char *oldpath,
             uint64_t newdir, const char *newpath, uint32_t flags)
{
    struct nameres nr;
    struct loc old;
    int err;

    if (flags & ~(uint32_t)(LINUX_AT_SYMLINK_FOLLOW | LINUX_AT_EMPTY_PATH))
        return -EINVAL;
    oldpath = no_path(oldpath, flags);
    if (!oldpath && c->uid != 0)
        return -ENOENT; /* linkat(fd, "", AT_EMPTY_PATH) needs privilege */
    err = target(v, c, olddir, oldpath, (flags & LINUX_AT_SYMLINK_FOLLOW) != 0, &old);
    if (!err)
        err = path_resolve(v, c, newdir, newpath, 0, &nr);
    if (err)
        return done(v, err);
    if (nr.last_type != LAST_NORM || nr.node.node)
        return done(v, -EEXIST);
    if (nr.trailing)
        return done(v, -ENOENT);
    if (old.mnt != nr.dir.mnt)
        return done(v, -EXDEV);
    if (IS_DIR(old.node))
        return done(v, -EPERM);
    err = prepare_create(v, c, &nr, 0, -EPERM);
    if (err)
        return done(v, err);
    if (old.node->nlink == 0)
        return done(v, -ENOENT);
    if (old.node->nlink >= MAX_NLINK)
        return done(v, -EMLINK);
    return done(v, tmpfs_link(v, nr.dir.node, nr.last, nr.last_len, old.node));
}

int vfs_symlink(struct vfs *v, const struct vfs_ctx *c, const char *target_text, uint64_t dir,
                const char *path)
{
    struct nameres nr;
    struct vnode *n;
    size_t tlen = target_text ? strnlen(target_text, LINUX_PATH_MAX) : 0;
    uint32_t uid, gid, m = LINUX_S_IFLNK | 0777;
    int err;

    if (tlen == 0)
        return -ENOENT;
    if (tlen >= LINUX_PATH_MAX)
        return -ENAMETOOLONG;
    err = path_resolve(v, c, dir, path, 0, &nr);
    if (!err)
        err = prepare_create(v, c, &nr, 0, -EPERM);
    if (err)
        return done(v, err);
    new_owner(c, nr.dir.node, &m, &uid, &gid);
    return done(v, tmpfs_create(v, nr.dir.node, nr.last, nr.last_len, m, uid, gid, 0, target_text,
                                tlen, &n));
}

int64_t vfs_readlink(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
                     char *buf, size_t bufsize)
{
    struct link_target t;
    struct loc l;
    char *text;
    int err;

    if (bufsize == 0)
        return -EINVAL;
    err = target(v, c, dir, path, 0, &l);
    if (err)
        return done(v, err);
    if (!IS_LNK(l.node))
        return done(v, -EINVAL);
    text = malloc(LINUX_PATH_MAX);
    if (!text)
        return done(v, -ENOMEM);
    memset(&t, 0, sizeof t);
    err = l.node->fs->type->ops->readlink(v, c, l.node, text, LINUX_PATH_MAX, &t);
    if (!err) {
        size_t n = t.len < LINUX_PATH_MAX ? t.len : LINUX_PATH_MAX;

        if (n > bufsize)
            n = bufsize;
        memcpy(buf, text, n);
        free(text);
        return done64(v, (int64_t)n);
    }
    free(text);
    return done(v, err);
}

/* ---- working directories, exec, paths ------------------------------------------------------ */

int vfs_chdir(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
              uint64_t *handle)
{
    struct handle *h;
    struct loc l;
    int err;

    *handle = 0;
    err = target(v, c, dir, path, 1, &l);
    if (err)
        return done(v, err);
    if (!IS_DIR(l.node))
        return done(v, -ENOTDIR);
    err = vfs_may(c, l.node, MAY_EXEC);
    if (!err)
        err = handle_new(v, l, H_PATH, LINUX_O_PATH | LINUX_O_DIRECTORY, &h);
    if (!err)
        *handle = handle_number(v, h);
    return done(v, err);
}

int vfs_exec_open(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
                  struct vfs_exec_info *out)
{
    struct nameres nr;
    struct handle *h;
    struct vnode *n;
    int err;

    memset(out, 0, sizeof *out);
    if (!path)
        return -ENOENT;
    err = path_resolve(v, c, dir, path, RES_FOLLOW, &nr);
    if (err)
        return done(v, err);
    n = nr.node.node;
    if (!n)
        return done(v, -ENOENT);
    if (nr.trailing && !IS_DIR(n))
        return done(v, -ENOTDIR);
    if (!IS_REG(n) || (nr.node.mnt->flags & LINUX_MS_NOEXEC))
        return done(v, -EACCES);
    err = vfs_may(c, n, MAY_EXEC);
    if (!err)
        err = handle_new(v, nr.node, H_READ | H_EXEC, LINUX_O_RDONLY, &h);
    if (err)
        return done(v, err);
    h->path = nameres_path(v, &nr);
    out->handle = handle_number(v, h);
    out->mode = n->mode;
    if (nr.node.mnt->flags & LINUX_MS_NOSUID)
        out->mode &= ~(uint32_t)(LINUX_S_ISUID | LINUX_S_ISGID);
    out->uid = n->uid;
    out->gid = n->gid;
    out->size = fs_is_tmpfs(n->fs) ? n->u.reg.size : 0;
    return done(v, 0);
}

int vfs_dup(struct vfs *v, uint64_t handle, uint64_t *out)
{
    struct handle *h = handle_get(v, handle), *nh;
    struct loc loc;
    uint32_t access, oflags;
    char *path = NULL, *text = NULL;
    size_t text_len;
    int err;

    *out = 0;
    if (!h)
        return -EBADF;
    loc = h->loc;
    access = h->access;
    oflags = h->oflags;
    text_len = h->text_len;
    if (h->path && !(path = str_dup(h->path)))
        return -ENOMEM;
    if (h->text && !(text = malloc(text_len ? text_len : 1))) {
        free(path);
        return -ENOMEM;
    }
    if (text)
        memcpy(text, h->text, text_len);
    err = handle_new(v, loc, access, oflags, &nh); /* h may move */
    if (err) {
        free(path);
        free(text);
        return err;
    }
    nh->path = path;
    nh->text = text;
    nh->text_len = text_len;
    *out = handle_number(v, nh);
    return 0;
}

int64_t vfs_getpath(struct vfs *v, uint64_t handle, char *buf, size_t bufsize)
{
    struct handle *h = handle_get(v, handle);
    char *tmp;
    int len;

    if (!h)
        return -EBADF;
    tmp = malloc(LINUX_PATH_MAX + 16);
    if (!tmp)
        return -ENOMEM;
    len = handle_path(v, h, tmp, LINUX_PATH_MAX + 16);
    if (len >= 0 && (size_t)len + 1 > bufsize)
        len = -ERANGE;
    if (len >= 0)
        memcpy(buf, tmp, (size_t)len + 1);
    free(tmp);
    return len < 0 ? len : len + 1;
}

/* ---- mounts ------------------------------------------------------------------------------------
 */

static const struct fs_type *find_type(const char *name)
{
    if (!strcmp(name, "tmpfs"))
        return &tmpfs_type;
    if (!strcmp(name, "proc"))
        return &procfs_type;
    if (!strcmp(name, "devtmpfs") || !strcmp(name, "devfs"))
        return &devfs_type;
    return NULL;
}

int vfs_mount(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
              const char *fstype, const char *source, uint32_t flags)
{
    const struct fs_type *type;
    struct mount *m;
    struct fs *fs;
    struct loc l;
    int err;

    if (c->uid != 0)
        return -EPERM;
    err = target(v, c, dir, path, 1, &l);
    if (err)
        return done(v, err);
    if (flags & LINUX_MS_REMOUNT) {
        if (l.node != l.mnt->fs->root)
            return done(v, -EINVAL);
        l.mnt->flags = flags & ~(uint32_t)LINUX_MS_REMOUNT;
        return done(v, 0);
    }
    if (flags & (LINUX_MS_BIND | LINUX_MS_MOVE) || l.mnt->detached)
        return done(v, -EINVAL); /* detached trees take no new mounts */
    if (!fstype || !(type = find_type(fstype)))
        return done(v, -ENODEV);
    if (!IS_DIR(l.node))
        return done(v, -ENOTDIR);
    if (l.node->nlink == 0 && fs_is_tmpfs(l.node->fs))
        return done(v, -ENOENT);
    if (procfs_is_node(l.node) && l.node != l.node->fs->root)
        return done(v, -EINVAL); /* procfs nodes come and go */
    fs = fs_new(v, type);
    if (!fs)
        return done(v, -ENOMEM);
    m = mount_new(v, fs, source, type->name,
                  flags & (LINUX_MS_RDONLY | LINUX_MS_NOSUID | LINUX_MS_NODEV | LINUX_MS_NOEXEC |
                           LINUX_MS_SYNCHRONOUS | LINUX_MS_NOATIME | LINUX_MS_STRICTATIME));
    if (!m) {
        fs_free(v, fs);
        return done(v, -ENOMEM);
    }
    m->parent = l.mnt;
    m->mountpoint = l.node;
    vnode_get(l.node);
    l.node->mounted++;
    l.mnt->children++;
    mount_append(v, m);
    return done(v, 0);
}

int vfs_umount(struct vfs *v, const struct vfs_ctx *c, uint64_t dir, const char *path,
               uint32_t flags)
{
    struct mount *m;
    struct loc l;
    int err;

    if (c->uid != 0)
        return -EPERM;
    if (flags & ~(uint32_t)(LINUX_MNT_FORCE | LINUX_MNT_DETACH | LINUX_MNT_EXPIRE |
                            LINUX_UMOUNT_NOFOLLOW) ||
        ((flags & LINUX_MNT_EXPIRE) && (flags & (LINUX_MNT_FORCE | LINUX_MNT_DETACH))))
        return -EINVAL;
    err = target(v, c, dir, path, !(flags & LINUX_UMOUNT_NOFOLLOW), &l);
    if (err)
        return done(v, err);
    m = l.mnt;
    if (l.node != m->fs->root || m->detached)
        return done(v, -EINVAL);
    if (m == v->root || m->children)
        return done(v, -EBUSY);
    if (m->refs && !(flags & LINUX_MNT_DETACH))
        return done(v, -EBUSY);
    mount_unlink(v, m);
    if (m->refs) { /* detached: goes with its last handle */
        m->detached = 1;
        m->mountpoint->mounted--;
        vnode_put(v, m->mountpoint);
        m->mountpoint = NULL;
        if (--m->parent->children == 0 && m->parent->detached && !m->parent->refs)
            mount_free(v, m->parent);
        m->parent = NULL;
        return done(v, 0);
    }
    mount_free(v, m);
    return done(v, 0);
}

uint64_t vfs_budget_under_pressure(uint64_t budget, uint64_t used, uint64_t free_bytes)
{
    uint64_t cap = used + free_bytes / 2;
    if (cap < used) /* overflow */
        return budget;
    return cap < budget ? cap : budget;
}

void vfs_set_budget(struct vfs *v, uint64_t budget)
{
    v->cfg.budget = budget;
}
