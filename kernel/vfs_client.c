/*
 * kernel/vfs_client.c — files served by the VFS server (keel/vfs.h): the
 * file ops of a server-backed open file, working-directory references,
 * the source exec reads programs from, and private file mappings.  Each
 * operation is one ipc_call (abi/vfs_msg.h); bulk data goes through
 * grants straight into or out of the calling process's memory.
 */
#include <abi/errno.h>
#include <abi/linux_types.h>
#include <abi/vfs_msg.h>
#include <arch/memlayout.h>
#include <keel/compiler.h>
#include <keel/ipc.h>
#include <keel/mm.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/signal.h>
#include <keel/string.h>
#include <keel/uaccess.h>
#include <keel/vfs.h>
#include <keel/vfs_client.h>

int vfs_call(struct process *client, const void *req, const struct ipc_grant *grants, void *rep)
{
    struct ipc_msg m, r;
    memcpy(&m, req, sizeof m);
    int e = ipc_call(&vfs_endpoint, client, &m, grants, &r);
    if (e)
        return e;
    memcpy(rep, &r, sizeof r);
    return (int)((int64_t)r.words[0] < 0 ? (int64_t)r.words[0] : 0);
}

static void close_handle(uint64_t handle)
{
    struct vfs_close_req req = {.label = VFS_CLOSE, .handle = handle};
    struct vfs_close_rep rep;
    vfs_call(current_process(), &req, NULL, &rep);
}

/* ---- working directories ---------------------------------------------- */

struct vnode_ref *vnode_ref_new(uint64_t handle)
{
    struct vnode_ref *r = kmalloc(sizeof *r);
    if (!r) {
        close_handle(handle);
        return NULL;
    }
    r->refs = 1;
    r->handle = handle;
    return r;
}

void vnode_ref_get(struct vnode_ref *r)
{
    __atomic_add_fetch(&r->refs, 1, __ATOMIC_RELAXED);
}

void vnode_ref_put(struct vnode_ref *r)
{
    if (__atomic_sub_fetch(&r->refs, 1, __ATOMIC_ACQ_REL))
        return;
    close_handle(r->handle);
    kfree(r);
}

struct vnode_ref *vfs_root_cwd(void)
{
    static const char root[] = "/";
    struct vfs_chdir_req req = {.label = VFS_CHDIR, .path_len = sizeof root};
    struct ipc_grant g[IPC_MAX_GRANTS] = {{(uint64_t)root, sizeof root, GRANT_READ, NULL}};
    struct vfs_chdir_rep rep;
    if (vfs_call(NULL, &req, g, &rep))
        return NULL;
    return vnode_ref_new(rep.handle);
}

/* ---- server-backed open files ------------------------------------------- */

/* f->priv holds the object's mode (type and permission bits). */
static uint32_t file_mode(const struct file *f)
{
    return (uint32_t)(uintptr_t)f->priv;
}

static int64_t vfs_file_read(struct file *f, uint64_t ubuf, size_t len, uint64_t *off)
{
    if ((file_mode(f) & LINUX_S_IFMT) == LINUX_S_IFDIR)
        return -EISDIR;
    if (!len)
        return 0;
    struct process *p = current_process();
    struct vfs_read_req req = {
        .label = VFS_READ, .handle = f->handle, .offset = *off, .count = len};
    struct ipc_grant g[IPC_MAX_GRANTS] = {{ubuf, len, GRANT_WRITE, p}};
    struct vfs_read_rep rep;
    if (!user_range_ok(ubuf, len))
        return -EFAULT;
    int e = vfs_call(p, &req, g, &rep);
    if (e)
        return e;
    *off += (uint64_t)rep.result;
    return rep.result;
}

static int64_t vfs_file_write(struct file *f, uint64_t ubuf, size_t len, uint64_t *off)
{
    if (!len)
        return 0;
    struct process *p = current_process();
    uint64_t fsize_limit = p->rlim_cur[1]; /* RLIMIT_FSIZE */
    if (fsize_limit != ~0UL && !(f->flags & O_APPEND) &&
        (file_mode(f) & LINUX_S_IFMT) == LINUX_S_IFREG) {
        if (*off >= fsize_limit) {
            signal_send(p, 25 /* SIGXFSZ */);
            return -EFBIG;
        }
        if (len > fsize_limit - *off)
            len = (size_t)(fsize_limit - *off);
    }
    if (!user_range_ok(ubuf, len))
        return -EFAULT;
    struct vfs_write_req req = {.label = VFS_WRITE,
                                .handle = f->handle,
                                .offset = *off,
                                .count = len,
                                .flags = (f->flags & O_APPEND) ? VFS_WRITE_APPEND : 0};
    struct ipc_grant g[IPC_MAX_GRANTS] = {{ubuf, len, GRANT_READ, p}};
    struct vfs_write_rep rep;
    int e = vfs_call(p, &req, g, &rep);
    if (e)
        return e;
    *off = (f->flags & O_APPEND) ? rep.end : *off + (uint64_t)rep.result;
    return rep.result;
}

static int64_t vfs_file_pread_kernel(struct file *f, void *buf, size_t len, uint64_t off)
{
    struct vfs_read_req req = {.label = VFS_READ, .handle = f->handle, .offset = off, .count = len};
    struct ipc_grant g[IPC_MAX_GRANTS] = {{(uint64_t)buf, len, GRANT_WRITE, NULL}};
    struct vfs_read_rep rep;
    int e = vfs_call(current_process(), &req, g, &rep);
    return e ? e : rep.result;
}

int vfs_stat_handle(uint64_t handle, struct linux_stat *st)
{
    struct vfs_stat_req req = {
        .label = VFS_STAT, .dir = handle, .out_len = st ? sizeof *st : 0, .format = VFS_STAT_LINUX};
    struct ipc_grant g[IPC_MAX_GRANTS] = {{0, 0, 0, NULL},
                                          {(uint64_t)st, st ? sizeof *st : 0, GRANT_WRITE, NULL}};
    struct vfs_stat_rep rep;
    return vfs_call(current_process(), &req, g, &rep);
}

static int vfs_file_stat(struct file *f, struct linux_stat *st)
{
    return vfs_stat_handle(f->handle, st);
}

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

static int64_t vfs_file_seek(struct file *f, int64_t off, int whence)
{
    int64_t base;
    bool dir = (file_mode(f) & LINUX_S_IFMT) == LINUX_S_IFDIR;
    switch (whence) {
    case SEEK_SET:
        base = 0;
        break;
    case SEEK_CUR:
        base = (int64_t)f->offset;
        break;
    case SEEK_END: {
        if (dir)
            return -EINVAL;
        struct linux_stat st;
        int e = vfs_stat_handle(f->handle, &st);
        if (e)
            return e;
        base = st.st_size;
        break;
    }
    default:
        return -EINVAL;
    }
    if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
        return -EINVAL;
    if (dir && base + off != 0 && whence != SEEK_CUR)
        return -EINVAL; /* directory positions are cookies: rewind only */
    f->offset = (uint64_t)(base + off);
    return (int64_t)f->offset;
}

static unsigned vfs_file_poll(struct file *f, struct wait_queue **wq)
{
    (void)f;
    if (wq)
        *wq = NULL;
    return POLLIN | POLLOUT;
}

static void vfs_file_release(struct file *f)
{
    if (f->handle)
        close_handle(f->handle);
}

static const struct file_ops vfs_file_ops = {
    .read = vfs_file_read,
    .write = vfs_file_write,
    .pread_kernel = vfs_file_pread_kernel,
    .stat = vfs_file_stat,
    .seek = vfs_file_seek,
    .poll = vfs_file_poll,
    .release = vfs_file_release,
};

bool file_is_vfs(const struct file *f)
{
    return f->ops == &vfs_file_ops;
}

struct file *vfs_file_new(uint64_t handle, uint32_t mode, unsigned flags)
{
    struct file *f = file_new(&vfs_file_ops, flags, (void *)(uintptr_t)mode);
    if (!f) {
        close_handle(handle);
        return NULL;
    }
    f->handle = handle;
    return f;
}

uint32_t vfs_file_mode(const struct file *f)
{
    return file_is_vfs(f) ? file_mode(f) : 0;
}

/* ---- exec ---------------------------------------------------------------- */

struct vfs_exec_ctx {
    uint64_t handle;
};

static int64_t exec_read(struct exec_source *src, uint64_t off, void *buf, size_t len)
{
    struct vfs_exec_ctx *c = src->ctx;
    size_t done = 0;
    while (done < len) {
        struct vfs_read_req req = {
            .label = VFS_READ, .handle = c->handle, .offset = off + done, .count = len - done};
        struct ipc_grant g[IPC_MAX_GRANTS] = {
            {(uint64_t)buf + done, len - done, GRANT_WRITE, NULL}};
        struct vfs_read_rep rep;
        int e = vfs_call(current_process(), &req, g, &rep);
        if (e)
            return e;
        if (rep.result == 0)
            break;
        done += (size_t)rep.result;
    }
    return (int64_t)done;
}

int vfs_exec_open(struct process *p, const char *path, struct exec_source *src)
{
    size_t len = strlen(path) + 1;
    struct vfs_exec_open_req req = {.label = VFS_EXEC_OPEN,
                                    .dir = p->cwd_ref ? p->cwd_ref->handle : 0,
                                    .cred = {p->fsuid, p->fsgid},
                                    .path_len = (uint32_t)len};
    struct ipc_grant g[IPC_MAX_GRANTS] = {{(uint64_t)path, len, GRANT_READ, NULL}};
    struct vfs_exec_open_rep rep;
    int e = vfs_call(p, &req, g, &rep);
    if (e)
        return e;
    struct vfs_exec_ctx *c = kmalloc(sizeof *c);
    if (!c) {
        close_handle(rep.handle);
        return -ENOMEM;
    }
    c->handle = rep.handle;
    src->size = rep.size;
    src->read = exec_read;
    src->ctx = c;
    return 0;
}

void vfs_exec_close(struct exec_source *src)
{
    struct vfs_exec_ctx *c = src->ctx;
    close_handle(c->handle);
    kfree(c);
}

/* ---- private file mappings ------------------------------------------------ */

int64_t file_mmap(struct address_space *as, uint64_t addr, uint64_t len, unsigned prot, bool fixed,
                  bool noreplace, int fd, uint64_t offset, bool shared);
int64_t file_mmap(struct address_space *as, uint64_t addr, uint64_t len, unsigned prot, bool fixed,
                  bool noreplace, int fd, uint64_t offset, bool shared)
{
    struct file *f = fd_get(current_process()->fds, fd);
    if (!f)
        return -EBADF;
    int64_t err = 0;
    unsigned acc = f->flags & O_ACCMODE;
    bool regular = f->ops->pread_kernel && (vfs_file_mode(f) & LINUX_S_IFMT) == LINUX_S_IFREG;
    if (regular && (acc == O_WRONLY || (shared && (prot & UPROT_WRITE) && acc != O_RDWR)))
        err = -EACCES;
    else if (!regular || shared)
        err = -ENODEV; /* pipes, the console, directories; shared file maps: not yet */
    if (err) {
        file_put(f);
        return err;
    }
    int64_t va = as_map(as, addr, len, prot, 0, fixed, noreplace);
    if (va < 0) {
        file_put(f);
        return va;
    }
    /* Private: a copy of the file's bytes now; pages past EOF read zero. */
    void *buf = page_alloc(0);
    int64_t r = buf ? 0 : -ENOMEM;
    for (uint64_t done = 0; !r && done < len; done += PAGE_SIZE) {
        int64_t got = f->ops->pread_kernel(f, buf, PAGE_SIZE, offset + done);
        if (got < 0) {
            r = got;
            break;
        }
        if (got == 0)
            break;
        r = as_write_kernel(as, (uint64_t)va + done, buf, (size_t)got);
    }
    if (buf)
        page_free(buf, 0);
    if (!r) {
        /* remember the file: MADV_DONTNEED reads it again, and pages wholly
         * past its end raise SIGBUS, as Linux */
        struct linux_stat st;
        if (vfs_stat_handle(f->handle, &st) == 0)
            as_set_file(as, (uint64_t)va, f, offset,
                        (uint64_t)st.st_size > offset ? (uint64_t)st.st_size - offset : 0);
    }
    file_put(f);
    if (r) {
        as_unmap(as, (uint64_t)va, len);
        return r;
    }
    return va;
}
