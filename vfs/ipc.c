/*
 * vfs/ipc.c — decoding of abi/vfs_msg.h requests, grant copies, replies.
 * See ipc.h.
 */
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "abi/vfs_msg.h"
#include "ipc.h"

#define PATH_CHUNK 256 /* paths are copied in pieces until their NUL */

/* Two path buffers, one per grant: the server serves one request at a time. */
static char path_buf[IPC_MAX_GRANTS][LINUX_PATH_MAX];

struct call {
    struct vfs *v;
    const struct vfs_transport *t;
    uint64_t req;
    struct vfs_ctx c;
};

/* A client buffer in one grant, seen as a vfs_xfer. */
struct grant_xfer {
    struct vfs_xfer x;
    const struct call *call;
    unsigned grant;
};

static int grant_copy(const struct call *k, unsigned grant, uint64_t off, void *p, size_t len,
                      int to_client)
{
    int64_t r;

    if (len == 0)
        return 0;
    r = k->t->grant_copy(k->t->ctx, k->req, grant, off, p, len,
                         to_client ? GRANT_COPY_TO_CLIENT : GRANT_COPY_FROM_CLIENT);
    if (r < 0)
        return (int)r;
    return (uint64_t)r == len ? 0 : -EFAULT;
}

static int xfer_copy(struct vfs_xfer *x, uint64_t off, void *p, size_t len, int to_client)
{
    struct grant_xfer *g = (struct grant_xfer *)x;

    if (off > x->size || len > x->size - off)
        return -EFAULT;
    return grant_copy(g->call, g->grant, off, p, len, to_client);
}

static void xfer_init(struct grant_xfer *g, const struct call *k, unsigned grant, uint64_t size)
{
    g->x.copy = xfer_copy;
    g->x.size = size;
    g->call = k;
    g->grant = grant;
}

/* get_path: the NUL-terminated string in grant `grant`, window len bytes.
 * len 0: no path (*out NULL).  -ENAMETOOLONG when no NUL comes within
 * LINUX_PATH_MAX bytes, -EFAULT when the window ends first. */
static int get_path(const struct call *k, unsigned grant, uint32_t len, const char **out)
{
    char *buf = path_buf[grant];
    size_t limit = len < LINUX_PATH_MAX ? len : LINUX_PATH_MAX, off = 0;

    *out = NULL;
    if (len == 0)
        return 0;
    while (off < limit) {
        size_t chunk = limit - off < PATH_CHUNK ? limit - off : PATH_CHUNK;
        int err = grant_copy(k, grant, off, buf + off, chunk, 0);

        if (err)
            return err;
        if (memchr(buf + off, 0, chunk)) {
            *out = buf;
            return 0;
        }
        off += chunk;
    }
    return len >= LINUX_PATH_MAX ? -ENAMETOOLONG : -EFAULT;
}

/* need_path: as get_path, but a missing path is -ENOENT. */
static int need_path(const struct call *k, unsigned grant, uint32_t len, const char **out)
{
    int err = get_path(k, grant, len, out);

    if (!err && !*out)
        return -ENOENT;
    return err;
}

static uint32_t open_flags(uint32_t f)
{
    return (f & VFS_OPEN_INFO_KDEV ? VFS_OPEN_KDEV : 0) |
           (f & VFS_OPEN_INFO_PROC_FD ? VFS_OPEN_PROC_FD : 0) |
           (f & VFS_OPEN_INFO_CREATED ? VFS_OPEN_CREATED : 0) |
           (f & VFS_OPEN_INFO_FIFO ? VFS_OPEN_FIFO : 0);
}

static void set_cred(struct call *k, struct vfs_msg_cred cred, uint32_t umask)
{
    k->c.uid = cred.uid;
    k->c.gid = cred.gid;
    k->c.umask = umask & 0777;
}

static int64_t do_open(struct call *k, const struct vfs_open_req *q, union vfs_msg *r)
{
    struct vfs_open_info info;
    const char *path;
    int err;

    set_cred(k, q->cred, q->umask);
    err = need_path(k, 0, q->path_len, &path);
    if (!err)
        err = vfs_open(k->v, &k->c, q->dir, path, q->flags, q->mode, &info);
    if (err)
        return err;
    r->open_rep.handle = info.handle;
    r->open_rep.mode = info.mode;
    r->open_rep.flags = open_flags(info.flags);
    r->open_rep.size = info.size;
    r->open_rep.rdev = info.rdev;
    r->open_rep.proc_pid = info.proc_pid;
    r->open_rep.proc_fd = info.proc_fd;
    return 0;
}

static int64_t do_stat(struct call *k, const struct vfs_stat_req *q, union vfs_msg *r)
{
    struct vfs_attr a;
    const char *path;
    int err;

    if (q->format != VFS_STAT_LINUX && q->format != VFS_STAT_STATX)
        return -EINVAL;
    set_cred(k, q->cred, 0);
    err = get_path(k, 0, q->path_len, &path);
    if (!err)
        err = vfs_stat(k->v, &k->c, q->dir, path, q->flags, &a);
    if (err)
        return err;
    if (q->out_len && q->format == VFS_STAT_LINUX) {
        struct linux_stat st;

        if (q->out_len < sizeof st)
            return -EFAULT;
        vfs_attr_to_stat(&a, &st);
        err = grant_copy(k, 1, 0, &st, sizeof st, 1);
    } else if (q->out_len) {
        struct linux_statx stx;

        if (q->out_len < sizeof stx)
            return -EFAULT;
        vfs_attr_to_statx(&a, &stx);
        err = grant_copy(k, 1, 0, &stx, sizeof stx, 1);
    }
    if (err)
        return err;
    r->stat_rep.mode = a.mode;
    r->stat_rep.nlink = a.nlink;
    r->stat_rep.size = a.size;
    r->stat_rep.ino = a.ino;
    r->stat_rep.rdev = a.rdev;
    r->stat_rep.uid = a.uid;
    r->stat_rep.gid = a.gid;
    return 0;
}

static int64_t do_readlink(struct call *k, const struct vfs_readlink_req *q)
{
    char *buf;
    const char *path;
    size_t size = q->bufsize < LINUX_PATH_MAX ? (size_t)q->bufsize : LINUX_PATH_MAX;
    int64_t n;
    int err;

    set_cred(k, q->cred, 0);
    err = get_path(k, 0, q->path_len, &path);
    if (err)
        return err;
    if (size == 0)
        return -EINVAL;
    buf = malloc(size);
    if (!buf)
        return -ENOMEM;
    n = vfs_readlink(k->v, &k->c, q->dir, path, buf, size);
    if (n > 0) {
        err = grant_copy(k, 1, 0, buf, (size_t)n, 1);
        if (err)
            n = err;
    }
    free(buf);
    return n;
}

static int64_t do_statfs(struct call *k, const struct vfs_statfs_req *q, union vfs_msg *r)
{
    struct linux_statfs st;
    const char *path;
    int err;

    set_cred(k, q->cred, 0);
    err = get_path(k, 0, q->path_len, &path);
    if (!err)
        err = vfs_statfs(k->v, &k->c, q->dir, path, &st);
    if (!err && q->out_len)
        err = q->out_len < sizeof st ? -EFAULT : grant_copy(k, 1, 0, &st, sizeof st, 1);
    if (err)
        return err;
    r->statfs_rep.type = st.f_type;
    return 0;
}

static int64_t do_mount(struct call *k, const struct vfs_mount_req *q)
{
    char fstype[VFS_FSTYPE_LEN + 1];
    const char *path, *source;
    int err;

    set_cred(k, q->cred, 0);
    memcpy(fstype, q->fstype, VFS_FSTYPE_LEN);
    fstype[VFS_FSTYPE_LEN] = 0;
    err = need_path(k, 0, q->path_len, &path);
    if (!err)
        err = get_path(k, 1, q->source_len, &source);
    if (err)
        return err;
    return vfs_mount(k->v, &k->c, q->dir, path, fstype, source, q->flags);
}

static int64_t do_getpath(struct call *k, const struct vfs_getpath_req *q)
{
    size_t size = q->bufsize < LINUX_PATH_MAX ? (size_t)q->bufsize : LINUX_PATH_MAX;
    char *buf = malloc(size ? size : 1);
    int64_t n;
    int err;

    if (!buf)
        return -ENOMEM;
    n = vfs_getpath(k->v, q->handle, buf, size);
    if (n > 0) {
        err = grant_copy(k, 0, 0, buf, (size_t)n, 1);
        if (err)
            n = err;
    }
    free(buf);
    return n;
}

static int64_t dispatch(struct call *k, const union vfs_msg *m, union vfs_msg *r)
{
    struct grant_xfer g;
    const char *p1, *p2;
    uint64_t a, b;
    int64_t n;
    int err;

    switch (m->label) {
    case VFS_OPEN:
        return do_open(k, &m->open, r);
    case VFS_CLOSE:
        return vfs_close(k->v, m->close.handle);
    case VFS_READ:
        xfer_init(&g, k, 0, m->read.count);
        return vfs_read(k->v, m->read.handle, m->read.offset, &g.x, m->read.count);
    case VFS_WRITE:
        xfer_init(&g, k, 0, m->write.count);
        n = vfs_write(k->v, m->write.handle, m->write.offset,
                      (m->write.flags & VFS_WRITE_APPEND) != 0, &g.x, m->write.count, &a, &b);
        if (n >= 0) {
            r->write_rep.end = a;
            r->write_rep.size = b;
        }
        return n;
    case VFS_STAT:
        return do_stat(k, &m->stat, r);
    case VFS_GETDENTS:
        xfer_init(&g, k, 0, m->getdents.count);
        n = vfs_getdents(k->v, m->getdents.handle, m->getdents.cookie, &g.x, m->getdents.count, &a);
        if (n >= 0)
            r->getdents_rep.cookie = a;
        return n;
    case VFS_MKDIR:
        set_cred(k, m->mkdir.cred, m->mkdir.umask);
        err = need_path(k, 0, m->mkdir.path_len, &p1);
        return err ? err : vfs_mkdir(k->v, &k->c, m->mkdir.dir, p1, m->mkdir.mode);
    case VFS_MKNOD:
        set_cred(k, m->mknod.cred, m->mknod.umask);
        err = need_path(k, 0, m->mknod.path_len, &p1);
        return err ? err : vfs_mknod(k->v, &k->c, m->mknod.dir, p1, m->mknod.mode, m->mknod.rdev);
    case VFS_UNLINK:
        set_cred(k, m->unlink.cred, 0);
        err = need_path(k, 0, m->unlink.path_len, &p1);
        return err ? err : vfs_unlink(k->v, &k->c, m->unlink.dir, p1, m->unlink.flags);
    case VFS_RENAME:
        set_cred(k, m->rename.cred, 0);
        err = need_path(k, 0, m->rename.old_len, &p1);
        if (!err)
            err = need_path(k, 1, m->rename.new_len, &p2);
        return err ? err
                   : vfs_rename(k->v, &k->c, m->rename.olddir, p1, m->rename.newdir, p2,
                                m->rename.flags);
    case VFS_LINK:
        set_cred(k, m->link.cred, 0);
        err = get_path(k, 0, m->link.old_len, &p1);
        if (!err && !p1 && !(m->link.flags & LINUX_AT_EMPTY_PATH))
            err = -ENOENT;
        if (!err)
            err = need_path(k, 1, m->link.new_len, &p2);
        return err ? err
                   : vfs_link(k->v, &k->c, m->link.olddir, p1, m->link.newdir, p2, m->link.flags);
    case VFS_SYMLINK:
        set_cred(k, m->symlink.cred, 0);
        err = need_path(k, 0, m->symlink.path_len, &p1);
        if (!err)
            err = need_path(k, 1, m->symlink.target_len, &p2);
        return err ? err : vfs_symlink(k->v, &k->c, p2, m->symlink.dir, p1);
    case VFS_READLINK:
        return do_readlink(k, &m->readlink);
    case VFS_ACCESS:
        set_cred(k, m->access.cred, 0);
        err = get_path(k, 0, m->access.path_len, &p1);
        return err ? err
                   : vfs_access(k->v, &k->c, m->access.dir, p1, m->access.mode, m->access.flags);
    case VFS_CHMOD:
        set_cred(k, m->chmod.cred, 0);
        err = get_path(k, 0, m->chmod.path_len, &p1);
        return err ? err : vfs_chmod(k->v, &k->c, m->chmod.dir, p1, m->chmod.mode, m->chmod.flags);
    case VFS_CHOWN:
        set_cred(k, m->chown.cred, 0);
        err = get_path(k, 0, m->chown.path_len, &p1);
        return err ? err
                   : vfs_chown(k->v, &k->c, m->chown.dir, p1, m->chown.uid, m->chown.gid,
                               m->chown.flags);
    case VFS_UTIMENS:
        set_cred(k, m->utimens.cred, 0);
        err = get_path(k, 0, m->utimens.path_len, &p1);
        return err ? err
                   : vfs_utimens(k->v, &k->c, m->utimens.dir, p1, m->utimens.atime_ns,
                                 m->utimens.mtime_ns, m->utimens.flags);
    case VFS_TRUNCATE:
        set_cred(k, m->truncate.cred, 0);
        err = get_path(k, 0, m->truncate.path_len, &p1);
        return err ? err : vfs_truncate(k->v, &k->c, m->truncate.dir, p1, m->truncate.length);
    case VFS_FSYNC:
        return vfs_fsync(k->v, m->fsync.handle);
    case VFS_STATFS:
        return do_statfs(k, &m->statfs, r);
    case VFS_CHDIR:
        set_cred(k, m->chdir.cred, 0);
        err = get_path(k, 0, m->chdir.path_len, &p1);
        if (!err)
            err = vfs_chdir(k->v, &k->c, m->chdir.dir, p1, &a);
        if (!err)
            r->chdir_rep.handle = a;
        return err;
    case VFS_MOUNT:
        return do_mount(k, &m->mount);
    case VFS_UMOUNT:
        set_cred(k, m->umount.cred, 0);
        err = need_path(k, 0, m->umount.path_len, &p1);
        return err ? err : vfs_umount(k->v, &k->c, m->umount.dir, p1, m->umount.flags);
    case VFS_DUP:
        err = vfs_dup(k->v, m->dup.handle, &a);
        if (!err)
            r->dup_rep.handle = a;
        return err;
    case VFS_EXEC_OPEN: {
        struct vfs_exec_info info;

        set_cred(k, m->exec_open.cred, 0);
        err = need_path(k, 0, m->exec_open.path_len, &p1);
        if (!err)
            err = vfs_exec_open(k->v, &k->c, m->exec_open.dir, p1, &info);
        if (err)
            return err;
        r->exec_open_rep.handle = info.handle;
        r->exec_open_rep.mode = info.mode;
        r->exec_open_rep.size = info.size;
        r->exec_open_rep.uid = info.uid;
        r->exec_open_rep.gid = info.gid;
        return 0;
    }
    case VFS_GETPATH:
        return do_getpath(k, &m->getpath);
    default:
        return -ENOSYS;
    }
}

void vfs_ipc_handle(struct vfs *v, const struct vfs_transport *t, uint64_t req, uint32_t client,
                    const struct ipc_msg *in, struct ipc_msg *out)
{
    union vfs_msg m, r;
    struct call k;
    int64_t result;

    memcpy(&m, in, sizeof m);
    memset(&r, 0, sizeof r);
    memset(&k, 0, sizeof k);
    k.v = v;
    k.t = t;
    k.req = req;
    k.c.pid = client <= INT32_MAX ? (int32_t)client : 0;
    result = dispatch(&k, &m, &r);
    if (result < 0)
        memset(&r, 0, sizeof r);
    r.result.result = result;
    memcpy(out, &r, sizeof *out);
}
