/*
 * kernel/sys_file.c — path-based file system calls, each one call to the
 * VFS server (abi/vfs_msg.h): openat, newfstatat, statx, getdents64,
 * mkdirat, mknodat, unlinkat, renameat(2), linkat, symlinkat, readlinkat,
 * faccessat, fchmod(at), fchown(at), utimensat, truncate, ftruncate,
 * fsync, fdatasync, sync, chdir, fchdir, getcwd, statfs, fstatfs, mount,
 * umount2.
 */
#include <abi/errno.h>
#include <abi/linux_types.h>
#include <abi/vfs_msg.h>
#include <keel/compiler.h>
#include <keel/file.h>
#include <keel/mm.h>
#include <keel/pipe.h>
#include <keel/process.h>
#include <keel/string.h>
#include <keel/syscall.h>
#include <keel/tty.h>
#include <keel/uaccess.h>
#include <keel/vfs.h>
#include <keel/vfs_client.h>

/* A path copied in from user space: kmalloc'd, NUL-terminated. */
struct kpath {
    char *s;
    uint32_t len; /* with the NUL */
};

static int get_path(uint64_t upath, struct kpath *kp)
{
    kp->s = kmalloc(LINUX_PATH_MAX);
    if (!kp->s)
        return -ENOMEM;
    long n = strncpy_from_user(kp->s, upath, LINUX_PATH_MAX);
    if (n < 0) {
        kfree(kp->s);
        kp->s = NULL;
        return (int)n;
    }
    kp->len = (uint32_t)n + 1;
    return 0;
}

static void put_path(struct kpath *kp)
{
    kfree(kp->s);
}

/*
 * dir_handle: the handle relative paths start from: the working directory
 * for AT_FDCWD, else dirfd's (which must be a server file: -ENOTDIR for a
 * pipe or the console, -EBADF for no file).  *ref holds the file while the
 * handle is in use (release with file_put, may be NULL).
 */
static int dir_handle(int dirfd, const struct kpath *kp, uint64_t *h, struct file **ref)
{
    struct process *p = current_process();
    *ref = NULL;
    *h = 0;
    if (kp && kp->len > 1 && kp->s[0] == '/')
        return 0;
    if (dirfd == LINUX_AT_FDCWD) {
        *h = p->cwd_ref ? p->cwd_ref->handle : 0;
        return 0;
    }
    struct file *f = fd_get(p->fds, dirfd);
    if (!f)
        return -EBADF;
    if (!file_is_vfs(f)) {
        file_put(f);
        return -ENOTDIR;
    }
    *h = f->handle;
    *ref = f;
    return 0;
}

static struct vfs_msg_cred cred(void)
{
    struct process *p = current_process();
    return (struct vfs_msg_cred){p->fsuid, p->fsgid};
}

static void grant_path(struct ipc_grant *g, const struct kpath *kp)
{
    *g = (struct ipc_grant){(uint64_t)kp->s, kp->len, GRANT_READ, NULL};
}

static void drop(struct file *ref)
{
    if (ref)
        file_put(ref);
}

/* ---- open ------------------------------------------------------------------ */

SYSCALL(openat)
{
    struct process *p = current_process();
    unsigned flags = (unsigned)a2;
    struct kpath kp = {NULL, 0};
    int e = get_path(a1, &kp);
    if (e)
        return e;
    uint64_t dir;
    struct file *ref;
    e = dir_handle((int)a0, &kp, &dir, &ref);
    if (e) {
        put_path(&kp);
        return e;
    }
    struct vfs_open_req req = {.label = VFS_OPEN,
                               .dir = dir,
                               .cred = cred(),
                               .flags = flags,
                               .mode = (uint16_t)(a3 & 07777),
                               .umask = (uint16_t)p->umask,
                               .path_len = kp.len};
    struct ipc_grant g[IPC_MAX_GRANTS] = {{0}};
    grant_path(&g[0], &kp);
    struct vfs_open_rep rep;
    e = vfs_call(p, &req, g, &rep);
    drop(ref);
    put_path(&kp);
    if (e)
        return e;
    struct file *f;
    unsigned fflags = flags & (O_ACCMODE | O_APPEND | O_NONBLOCK | O_PATH | O_DIRECTORY);
    if (rep.flags & VFS_OPEN_FIFO) {
        /* A named pipe: the kernel's pipe for this node (by inode). */
        struct vfs_stat_req sr = {.label = VFS_STAT, .dir = rep.handle, .format = VFS_STAT_LINUX};
        struct vfs_stat_rep srep;
        int se = vfs_call(p, &sr, NULL, &srep);
        struct vfs_close_req cr = {.label = VFS_CLOSE, .handle = rep.handle};
        struct vfs_close_rep crr;
        vfs_call(p, &cr, NULL, &crr);
        if (se)
            return se;
        e = fifo_open(srep.ino, flags & (O_ACCMODE | O_NONBLOCK), &f);
        if (e)
            return e;
        int fd = fd_install(p->fds, f, 0, (flags & O_CLOEXEC) != 0);
        if (fd < 0)
            file_put(f);
        return fd;
    }
    if (rep.flags & VFS_OPEN_KDEV) {
        f = tty_open(fflags);
        if (!f)
            return -ENOMEM;
    } else if (rep.flags & VFS_OPEN_PROC_FD) {
        struct process *owner = process_find(rep.proc_pid);
        f = owner && owner->fds ? fd_get(owner->fds, rep.proc_fd) : NULL;
        if (!f)
            return -ENOENT;
    } else {
        f = vfs_file_new(rep.handle, rep.mode, fflags);
        if (!f)
            return -ENOMEM;
    }
    int fd = fd_install(p->fds, f, 0, (flags & O_CLOEXEC) != 0);
    if (fd < 0)
        file_put(f);
    return fd;
}

/* ---- stat family ----------------------------------------------------------- */

static int64_t do_stat(int dirfd, uint64_t upath, unsigned atflags, void *out, uint32_t out_len,
                       uint32_t format)
{
    struct kpath kp = {NULL, 0};
    struct ipc_grant g[IPC_MAX_GRANTS] = {{0}};
    int e = get_path(upath, &kp);
    if (e)
        return e;
    bool empty = kp.len == 1 && (atflags & LINUX_AT_EMPTY_PATH);
    uint64_t dir;
    struct file *ref = NULL;
    if (empty && dirfd != LINUX_AT_FDCWD) {
        struct file *f = fd_get(current_process()->fds, dirfd);
        if (!f) {
            put_path(&kp);
            return -EBADF;
        }
        if (!file_is_vfs(f)) {
            /* a pipe or the console: the kernel knows it */
            struct linux_stat st;
            e = f->ops->stat ? f->ops->stat(f, &st) : -EINVAL;
            file_put(f);
            put_path(&kp);
            if (e)
                return e;
            if (format == VFS_STAT_LINUX)
                memcpy(out, &st, sizeof st);
            else
                return -EOPNOTSUPP;
            return 0;
        }
        dir = f->handle;
        ref = f;
    } else if ((e = dir_handle(dirfd, &kp, &dir, &ref))) {
        put_path(&kp);
        return e;
    }
    struct vfs_stat_req req = {.label = VFS_STAT,
                               .dir = dir,
                               .cred = cred(),
                               .flags = atflags & LINUX_AT_SYMLINK_NOFOLLOW,
                               .path_len = empty ? 0 : kp.len,
                               .out_len = out_len,
                               .format = format};
    grant_path(&g[0], &kp);
    g[1] = (struct ipc_grant){(uint64_t)out, out_len, GRANT_WRITE, NULL};
    struct vfs_stat_rep rep;
    e = vfs_call(current_process(), &req, g, &rep);
    drop(ref);
    put_path(&kp);
    return e;
}

SYSCALL(newfstatat)
{
    if (a3 & ~(uint64_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH | LINUX_AT_NO_AUTOMOUNT))
        return -EINVAL;
    struct linux_stat st;
    int64_t e = do_stat((int)a0, a1, (unsigned)a3, &st, sizeof st, VFS_STAT_LINUX);
    if (e)
        return e;
    return copy_to_user(a2, &st, sizeof st);
}

SYSCALL(statx)
{
    if (a3 & 0x80000000U) /* STATX__RESERVED */
        return -EINVAL;
    if (a2 & ~(uint64_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH | LINUX_AT_NO_AUTOMOUNT |
                         0x6000 /* AT_STATX_SYNC_TYPE */))
        return -EINVAL;
    struct linux_statx *sx = kzalloc(sizeof *sx);
    if (!sx)
        return -ENOMEM;
    int64_t e = do_stat((int)a0, a1, (unsigned)a2, sx, sizeof *sx, VFS_STAT_STATX);
    if (!e)
        e = copy_to_user(a4, sx, sizeof *sx);
    kfree(sx);
    return e;
}

SYSCALL(getdents64)
{
    struct file *f = fd_get(current_process()->fds, (int)a0);
    if (!f)
        return -EBADF;
    if (!file_is_vfs(f)) {
        file_put(f);
        return -ENOTDIR;
    }
    if (!user_range_ok(a1, a2)) {
        file_put(f);
        return -EFAULT;
    }
    struct vfs_getdents_req req = {
        .label = VFS_GETDENTS, .handle = f->handle, .cookie = f->offset, .count = a2};
    struct ipc_grant g[IPC_MAX_GRANTS] = {{a1, a2, GRANT_WRITE, current_process()}};
    struct vfs_getdents_rep rep;
    int e = vfs_call(current_process(), &req, g, &rep);
    if (!e)
        f->offset = rep.cookie;
    file_put(f);
    return e ? e : rep.result;
}

/* ---- calls that return only a result ----------------------------------------- */

/* path_call: fill req's dir/path_len via the callback, send with the path in
 * grant 0 and `g1` as grant 1. */
static int64_t path_call(int dirfd, uint64_t upath, void *req, uint64_t *dir_field,
                         uint32_t *len_field, const struct ipc_grant *g1, bool allow_empty)
{
    struct kpath kp = {NULL, 0};
    int e = get_path(upath, &kp);
    if (e)
        return e;
    uint64_t dir;
    struct file *ref;
    if (allow_empty && kp.len == 1 && dirfd != LINUX_AT_FDCWD) {
        struct file *f = fd_get(current_process()->fds, dirfd);
        if (!f || !file_is_vfs(f)) {
            if (f)
                file_put(f);
            put_path(&kp);
            return f ? -EINVAL : -EBADF;
        }
        dir = f->handle;
        ref = f;
        *len_field = 0;
    } else {
        e = dir_handle(dirfd, &kp, &dir, &ref);
        if (e) {
            put_path(&kp);
            return e;
        }
        *len_field = kp.len;
    }
    *dir_field = dir;
    struct ipc_grant g[IPC_MAX_GRANTS] = {{0}};
    grant_path(&g[0], &kp);
    if (g1)
        g[1] = *g1;
    struct vfs_result_rep rep;
    e = vfs_call(current_process(), req, g, &rep);
    drop(ref);
    put_path(&kp);
    return e ? e : rep.result;
}

/* handle_call: the same for an fd's own handle (fchmod, ftruncate...). */
static int64_t handle_call(int fd, void *req, uint64_t *dir_field, uint32_t *len_field,
                           const struct ipc_grant *g1)
{
    struct file *f = fd_get(current_process()->fds, fd);
    if (!f)
        return -EBADF;
    if (!file_is_vfs(f)) {
        file_put(f);
        return -EINVAL;
    }
    *dir_field = f->handle;
    *len_field = 0;
    struct ipc_grant g[IPC_MAX_GRANTS] = {{0}};
    if (g1)
        g[1] = *g1;
    struct vfs_result_rep rep;
    int e = vfs_call(current_process(), req, g, &rep);
    file_put(f);
    return e ? e : rep.result;
}

SYSCALL(mkdirat)
{
    struct vfs_mkdir_req req = {.label = VFS_MKDIR,
                                .cred = cred(),
                                .mode = (uint16_t)(a2 & 07777),
                                .umask = (uint16_t)current_process()->umask};
    return path_call((int)a0, a1, &req, &req.dir, &req.path_len, NULL, false);
}

SYSCALL(mknodat)
{
    struct vfs_mknod_req req = {
        .label = VFS_MKNOD,
        .cred = cred(),
        .mode = (uint16_t)a2,
        .umask = (uint16_t)current_process()->umask,
        .rdev = LINUX_MKDEV((a3 >> 8) & 0xfff, (a3 & 0xff) | ((a3 >> 12) & 0xfff00))};
    return path_call((int)a0, a1, &req, &req.dir, &req.path_len, NULL, false);
}

SYSCALL(unlinkat)
{
    if (a2 & ~(uint64_t)LINUX_AT_REMOVEDIR)
        return -EINVAL;
    struct vfs_unlink_req req = {.label = VFS_UNLINK, .cred = cred(), .flags = (uint32_t)a2};
    return path_call((int)a0, a1, &req, &req.dir, &req.path_len, NULL, false);
}

SYSCALL(faccessat)
{
    if (a2 & ~(uint64_t)7)
        return -EINVAL;
    struct process *p = current_process();
    struct vfs_access_req req = {
        .label = VFS_ACCESS, .cred = {p->uid, p->gid}, .mode = (uint32_t)a2};
    return path_call((int)a0, a1, &req, &req.dir, &req.path_len, NULL, false);
}

SYSCALL(faccessat2)
{
    if (a3 & ~(uint64_t)(LINUX_AT_EACCESS | LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
        return -EINVAL;
    if (a2 & ~(uint64_t)7)
        return -EINVAL;
    struct process *p = current_process();
    bool eff = (a3 & LINUX_AT_EACCESS) != 0;
    struct vfs_access_req req = {.label = VFS_ACCESS,
                                 .cred = {eff ? p->fsuid : p->uid, eff ? p->fsgid : p->gid},
                                 .mode = (uint32_t)a2,
                                 .flags = (uint32_t)(a3 & LINUX_AT_SYMLINK_NOFOLLOW)};
    return path_call((int)a0, a1, &req, &req.dir, &req.path_len, NULL,
                     (a3 & LINUX_AT_EMPTY_PATH) != 0);
}

SYSCALL(fchmodat)
{
    struct vfs_chmod_req req = {.label = VFS_CHMOD, .cred = cred(), .mode = (uint32_t)(a2 & 07777)};
    return path_call((int)a0, a1, &req, &req.dir, &req.path_len, NULL, false);
}

SYSCALL(fchmod)
{
    struct vfs_chmod_req req = {.label = VFS_CHMOD, .cred = cred(), .mode = (uint32_t)(a1 & 07777)};
    return handle_call((int)a0, &req, &req.dir, &req.path_len, NULL);
}

SYSCALL(fchownat)
{
    if (a4 & ~(uint64_t)(LINUX_AT_SYMLINK_NOFOLLOW | LINUX_AT_EMPTY_PATH))
        return -EINVAL;
    struct vfs_chown_req req = {.label = VFS_CHOWN,
                                .cred = cred(),
                                .uid = (uint32_t)a2,
                                .gid = (uint32_t)a3,
                                .flags = (uint32_t)(a4 & LINUX_AT_SYMLINK_NOFOLLOW)};
    return path_call((int)a0, a1, &req, &req.dir, &req.path_len, NULL,
                     (a4 & LINUX_AT_EMPTY_PATH) != 0);
}

SYSCALL(fchown)
{
    struct vfs_chown_req req = {
        .label = VFS_CHOWN, .cred = cred(), .uid = (uint32_t)a1, .gid = (uint32_t)a2};
    return handle_call((int)a0, &req, &req.dir, &req.path_len, NULL);
}

#define UTIME_NOW ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

SYSCALL(utimensat)
{
    int64_t at = VFS_UTIME_NOW, mt = VFS_UTIME_NOW;
    if (a2) {
        int64_t ts[4];
        if (copy_from_user(ts, a2, sizeof ts))
            return -EFAULT;
        for (int i = 0; i < 2; i++) {
            int64_t sec = ts[2 * i], nsec = ts[2 * i + 1];
            int64_t v;
            if (nsec == UTIME_NOW)
                v = VFS_UTIME_NOW;
            else if (nsec == UTIME_OMIT)
                v = VFS_UTIME_OMIT;
            else if (nsec < 0 || nsec >= 1000000000)
                return -EINVAL;
            else
                v = sec * 1000000000 + nsec;
            if (i == 0)
                at = v;
            else
                mt = v;
        }
    }
    struct vfs_utimens_req req = {.label = VFS_UTIMENS,
                                  .cred = cred(),
                                  .atime_ns = at,
                                  .mtime_ns = mt,
                                  .flags = (uint32_t)(a3 & LINUX_AT_SYMLINK_NOFOLLOW)};
    if (!a1) /* futimens */
        return handle_call((int)a0, &req, &req.dir, &req.path_len, NULL);
    return path_call((int)a0, a1, &req, &req.dir, &req.path_len, NULL,
                     (a3 & LINUX_AT_EMPTY_PATH) != 0);
}

SYSCALL(truncate)
{
    if ((int64_t)a1 < 0)
        return -EINVAL;
    struct vfs_truncate_req req = {.label = VFS_TRUNCATE, .cred = cred(), .length = (int64_t)a1};
    return path_call(LINUX_AT_FDCWD, a0, &req, &req.dir, &req.path_len, NULL, false);
}

SYSCALL(ftruncate)
{
    if ((int64_t)a1 < 0)
        return -EINVAL;
    struct file *f = fd_get(current_process()->fds, (int)a0);
    if (!f)
        return -EBADF;
    bool writable = (f->flags & O_ACCMODE) != O_RDONLY;
    file_put(f);
    if (!writable)
        return -EINVAL;
    struct vfs_truncate_req req = {.label = VFS_TRUNCATE, .cred = cred(), .length = (int64_t)a1};
    return handle_call((int)a0, &req, &req.dir, &req.path_len, NULL);
}

SYSCALL(fsync)
{
    struct file *f = fd_get(current_process()->fds, (int)a0);
    if (!f)
        return -EBADF;
    int64_t r = 0;
    if (file_is_vfs(f)) {
        struct vfs_fsync_req req = {.label = VFS_FSYNC, .handle = f->handle};
        struct vfs_fsync_rep rep;
        r = vfs_call(current_process(), &req, NULL, &rep);
    } else if (!tty_is_console(f)) {
        r = -EINVAL; /* pipes, as Linux */
    }
    file_put(f);
    return r;
}

SYSCALL(fdatasync)
{
    return sys_fsync(a0, 0, 0, 0, 0, 0);
}

SYSCALL(sync)
{
    return 0; /* tmpfs lives in memory: nothing to write back */
}

/*
 * two_path_call: rename and link: the new path (newdirfd, unew) goes in
 * grant 1 and its directory handle in *newdir; the old path is sent by
 * path_call.  `req` must have its other fields set.
 */
static int64_t two_path_call(int olddirfd, uint64_t uold, int newdirfd, uint64_t unew, void *req,
                             uint64_t *olddir, uint32_t *old_len, uint64_t *newdir,
                             uint32_t *new_len, bool allow_empty)
{
    struct kpath np = {NULL, 0};
    int e = get_path(unew, &np);
    if (e)
        return e;
    struct file *nref;
    e = dir_handle(newdirfd, &np, newdir, &nref);
    if (e) {
        put_path(&np);
        return e;
    }
    *new_len = np.len;
    struct ipc_grant g1 = {(uint64_t)np.s, np.len, GRANT_READ, NULL};
    int64_t r = path_call(olddirfd, uold, req, olddir, old_len, &g1, allow_empty);
    drop(nref);
    put_path(&np);
    return r;
}

SYSCALL(renameat2)
{
    if (a4 & ~(uint64_t)(LINUX_RENAME_NOREPLACE | LINUX_RENAME_EXCHANGE))
        return -EINVAL;
    struct vfs_rename_req req = {.label = VFS_RENAME, .cred = cred(), .flags = (uint32_t)a4};
    return two_path_call((int)a0, a1, (int)a2, a3, &req, &req.olddir, &req.old_len, &req.newdir,
                         &req.new_len, false);
}

SYSCALL(renameat)
{
    return sys_renameat2(a0, a1, a2, a3, 0, 0);
}

SYSCALL(linkat)
{
    if (a4 & ~(uint64_t)(LINUX_AT_SYMLINK_FOLLOW | LINUX_AT_EMPTY_PATH))
        return -EINVAL;
    struct vfs_link_req req = {.label = VFS_LINK, .cred = cred(), .flags = (uint32_t)a4};
    return two_path_call((int)a0, a1, (int)a2, a3, &req, &req.olddir, &req.old_len, &req.newdir,
                         &req.new_len, (a4 & LINUX_AT_EMPTY_PATH) != 0);
}

SYSCALL(symlinkat)
{
    struct kpath target = {NULL, 0};
    int e = get_path(a0, &target);
    if (e)
        return e;
    struct vfs_symlink_req req = {.label = VFS_SYMLINK, .cred = cred(), .target_len = target.len};
    struct ipc_grant g1 = {(uint64_t)target.s, target.len, GRANT_READ, NULL};
    int64_t r = path_call((int)a1, a2, &req, &req.dir, &req.path_len, &g1, false);
    put_path(&target);
    return r;
}

SYSCALL(readlinkat)
{
    if ((int64_t)a3 <= 0)
        return -EINVAL;
    if (!user_range_ok(a2, a3))
        return -EFAULT;
    struct vfs_readlink_req req = {.label = VFS_READLINK, .cred = cred(), .bufsize = a3};
    struct ipc_grant g1 = {a2, a3, GRANT_WRITE, current_process()};
    return path_call((int)a0, a1, &req, &req.dir, &req.path_len, &g1, false);
}

/* ---- working directory ------------------------------------------------------- */

static int64_t set_cwd(uint64_t handle)
{
    struct vnode_ref *r = vnode_ref_new(handle);
    if (!r)
        return -ENOMEM;
    struct process *p = current_process();
    struct vnode_ref *old = p->cwd_ref;
    p->cwd_ref = r;
    if (old)
        vnode_ref_put(old);
    return 0;
}

SYSCALL(chdir)
{
    struct kpath kp = {NULL, 0};
    int e = get_path(a0, &kp);
    if (e)
        return e;
    uint64_t dir;
    struct file *ref;
    e = dir_handle(LINUX_AT_FDCWD, &kp, &dir, &ref);
    struct vfs_chdir_req req = {.label = VFS_CHDIR, .dir = dir, .cred = cred(), .path_len = kp.len};
    struct ipc_grant g[IPC_MAX_GRANTS] = {{0}};
    grant_path(&g[0], &kp);
    struct vfs_chdir_rep rep;
    if (!e)
        e = vfs_call(current_process(), &req, g, &rep);
    put_path(&kp);
    return e ? e : set_cwd(rep.handle);
}

SYSCALL(fchdir)
{
    struct file *f = fd_get(current_process()->fds, (int)a0);
    if (!f)
        return -EBADF;
    if (!file_is_vfs(f)) {
        file_put(f);
        return -ENOTDIR;
    }
    struct vfs_chdir_req req = {.label = VFS_CHDIR, .dir = f->handle, .cred = cred()};
    struct vfs_chdir_rep rep;
    int e = vfs_call(current_process(), &req, NULL, &rep);
    file_put(f);
    return e ? e : set_cwd(rep.handle);
}

SYSCALL(getcwd)
{
    struct process *p = current_process();
    if (!p->cwd_ref)
        return -ENOENT;
    if (!a1)
        return -ERANGE;
    if (!user_range_ok(a0, a1))
        return -EFAULT;
    struct vfs_getpath_req req = {
        .label = VFS_GETPATH, .handle = p->cwd_ref->handle, .bufsize = a1};
    struct ipc_grant g[IPC_MAX_GRANTS] = {{a0, a1, GRANT_WRITE, p}};
    struct vfs_getpath_rep rep;
    int e = vfs_call(p, &req, g, &rep);
    return e ? e : rep.result;
}

SYSCALL(chroot)
{
    return current_process()->euid ? -EPERM : -ENOSYS;
}

/* ---- file systems ------------------------------------------------------------ */

static int64_t do_statfs(int fd, uint64_t upath, uint64_t ubuf)
{
    struct linux_statfs sf;
    struct vfs_statfs_req req = {.label = VFS_STATFS, .cred = cred(), .out_len = sizeof sf};
    struct ipc_grant g1 = {(uint64_t)&sf, sizeof sf, GRANT_WRITE, NULL};
    int64_t r;
    if (upath) {
        r = path_call(LINUX_AT_FDCWD, upath, &req, &req.dir, &req.path_len, &g1, false);
    } else {
        struct file *f = fd_get(current_process()->fds, fd);
        if (!f)
            return -EBADF;
        bool vfs = file_is_vfs(f);
        file_put(f);
        if (!vfs) {
            memset(&sf, 0, sizeof sf);
            sf.f_type = 0x50495045; /* PIPEFS_MAGIC; the console: devpts-like */
            sf.f_bsize = 4096;
            sf.f_namelen = 255;
            r = 0;
        } else {
            r = handle_call(fd, &req, &req.dir, &req.path_len, &g1);
        }
    }
    if (r < 0)
        return r;
    return copy_to_user(ubuf, &sf, sizeof sf);
}

SYSCALL(statfs)
{
    return do_statfs(-1, a0, a1);
}

SYSCALL(fstatfs)
{
    return do_statfs((int)a0, 0, a1);
}

SYSCALL(mount)
{
    char fstype[VFS_FSTYPE_LEN + 1] = {0};
    if (a2) {
        long n = strncpy_from_user(fstype, a2, sizeof fstype);
        if (n == -EFAULT)
            return -EFAULT;
        if (n < 0)
            return -ENODEV;
    }
    struct kpath src = {NULL, 0};
    if (a0 && get_path(a0, &src) < 0)
        src.s = NULL;
    struct vfs_mount_req req = {.label = VFS_MOUNT,
                                .cred = cred(),
                                .flags = (uint32_t)a3,
                                .source_len = src.s ? src.len : 0};
    memcpy(req.fstype, fstype, VFS_FSTYPE_LEN);
    struct ipc_grant g1 = {(uint64_t)src.s, src.s ? src.len : 0, GRANT_READ, NULL};
    int64_t r =
        path_call(LINUX_AT_FDCWD, a1, &req, &req.dir, &req.path_len, src.s ? &g1 : NULL, false);
    if (src.s)
        put_path(&src);
    return r;
}

SYSCALL(umount2)
{
    struct vfs_umount_req req = {.label = VFS_UMOUNT, .cred = cred(), .flags = (uint32_t)a1};
    return path_call(LINUX_AT_FDCWD, a0, &req, &req.dir, &req.path_len, NULL, false);
}
