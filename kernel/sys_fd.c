/*
 * kernel/sys_fd.c — system calls on descriptors, whatever the file is:
 * read, write, readv, writev, pread64, pwrite64, lseek, close, dup, dup3,
 * fcntl, ioctl, pipe2, fstat.  (Path-based calls: sys_file.c.)
 */
#include <abi/errno.h>
#include <abi/linux_types.h>
#include <keel/compiler.h>
#include <keel/file.h>
#include <keel/pipe.h>
#include <keel/process.h>
#include <keel/syscall.h>
#include <keel/uaccess.h>

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_GETLK 5
#define F_SETLK 6
#define F_SETLKW 7
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1
#define IOV_MAX 1024
#define FIONBIO 0x5421
#define FIOCLEX 0x5451
#define FIONCLEX 0x5450

static struct fd_table *fds(void)
{
    return current_process()->fds;
}

/* do_rw: one read or write on fd at *pos (NULL: the file's offset).  A
 * buffer outside user space fails with EFAULT before the file is touched. */
static int64_t do_rw(int fd, uint64_t ubuf, size_t len, bool write, const uint64_t *pos)
{
    struct file *f = fd_get(fds(), fd);
    if (!f)
        return -EBADF;
    unsigned acc = f->flags & O_ACCMODE;
    int64_t r;
    if ((write && acc == O_RDONLY) || (!write && acc == O_WRONLY) || (f->flags & O_PATH)) {
        r = -EBADF;
    } else if (!(write ? f->ops->write : f->ops->read)) {
        r = -EINVAL;
    } else if (pos && !f->ops->seek) {
        r = -ESPIPE;
    } else if (!user_range_ok(ubuf, len)) {
        r = -EFAULT; /* before any blocking, as Linux's access_ok */
    } else {
        if (len > 0x7ffff000)
            len = 0x7ffff000; /* Linux's MAX_RW_COUNT */
        uint64_t off = pos ? *pos : f->offset;
        r = write ? f->ops->write(f, ubuf, len, &off) : f->ops->read(f, ubuf, len, &off);
        if (!pos && f->ops->seek)
            f->offset = off;
    }
    file_put(f);
    return r;
}

SYSCALL(read)
{
    return do_rw((int)a0, a1, (size_t)a2, false, NULL);
}

SYSCALL(write)
{
    return do_rw((int)a0, a1, (size_t)a2, true, NULL);
}

SYSCALL(pread64)
{
    if ((int64_t)a3 < 0)
        return -EINVAL;
    return do_rw((int)a0, a1, (size_t)a2, false, &a3);
}

SYSCALL(pwrite64)
{
    if ((int64_t)a3 < 0)
        return -EINVAL;
    return do_rw((int)a0, a1, (size_t)a2, true, &a3);
}

struct iovec {
    uint64_t base;
    uint64_t len;
};

static int64_t do_rwv(int fd, uint64_t uiov, uint64_t cnt, bool write)
{
    if (cnt > IOV_MAX)
        return -EINVAL;
    int64_t total = 0;
    for (uint64_t i = 0; i < cnt; i++) {
        struct iovec v;
        if (copy_from_user(&v, uiov + i * sizeof v, sizeof v))
            return total ? total : -EFAULT;
        if ((int64_t)v.len < 0)
            return -EINVAL;
        if (!v.len)
            continue;
        int64_t r = do_rw(fd, v.base, (size_t)v.len, write, NULL);
        if (r < 0)
            return total ? total : r;
        total += r;
        if ((uint64_t)r < v.len)
            break;
    }
    return total;
}

SYSCALL(readv)
{
    return do_rwv((int)a0, a1, a2, false);
}

SYSCALL(writev)
{
    return do_rwv((int)a0, a1, a2, true);
}

SYSCALL(lseek)
{
    struct file *f = fd_get(fds(), (int)a0);
    if (!f)
        return -EBADF;
    int64_t r = f->ops->seek ? f->ops->seek(f, (int64_t)a1, (int)a2) : -ESPIPE;
    file_put(f);
    return r;
}

SYSCALL(close)
{
    return fd_close(fds(), (int)a0);
}

SYSCALL(dup)
{
    struct file *f = fd_get(fds(), (int)a0);
    if (!f)
        return -EBADF;
    int fd = fd_install(fds(), f, 0, false);
    if (fd < 0)
        file_put(f);
    return fd;
}

SYSCALL(dup3)
{
    if (a2 & ~(uint64_t)O_CLOEXEC)
        return -EINVAL;
    if (a0 == a1)
        return -EINVAL;
    if ((int)a1 < 0 || (int)a1 >= fd_limit())
        return -EBADF;
    return fd_dup2(fds(), (int)a0, (int)a1, (a2 & O_CLOEXEC) != 0);
}

SYSCALL(fcntl)
{
    int fd = (int)a0;
    struct fd_table *t = fds();
    struct file *f = fd_get(t, fd);
    if (!f)
        return -EBADF;
    int64_t r;
    switch (a1) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
        if ((int64_t)a2 < 0 || a2 >= (uint64_t)fd_limit()) {
            r = -EINVAL;
            break;
        }
        file_get(f);
        r = fd_install(t, f, (int)a2, a1 == F_DUPFD_CLOEXEC);
        if (r < 0)
            file_put(f);
        break;
    case F_GETFD:
        r = fd_cloexec(t, fd) ? FD_CLOEXEC : 0;
        break;
    case F_SETFD:
        fd_set_cloexec(t, fd, (a2 & FD_CLOEXEC) != 0);
        r = 0;
        break;
    case F_GETFL:
        r = f->flags & ~(unsigned)O_CLOEXEC;
        break;
    case F_SETFL:
        f->flags = (f->flags & ~(unsigned)(O_APPEND | O_NONBLOCK)) |
                   ((unsigned)a2 & (O_APPEND | O_NONBLOCK));
        r = 0;
        break;
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
        r = 0; /* advisory locks: a single-user system grants every lock */
        break;
    default:
        r = -EINVAL;
    }
    file_put(f);
    return r;
}

SYSCALL(ioctl)
{
    struct file *f = fd_get(fds(), (int)a0);
    if (!f)
        return -EBADF;
    int64_t r;
    if (a1 == FIONBIO) {
        int32_t on;
        r = copy_from_user(&on, a2, sizeof on);
        if (!r)
            f->flags = on ? f->flags | O_NONBLOCK : f->flags & ~(unsigned)O_NONBLOCK;
    } else if (a1 == FIOCLEX || a1 == FIONCLEX) {
        fd_set_cloexec(fds(), (int)a0, a1 == FIOCLEX);
        r = 0;
    } else {
        r = f->ops->ioctl ? f->ops->ioctl(f, (unsigned)a1, a2) : -ENOTTY;
    }
    file_put(f);
    return r;
}

SYSCALL(pipe2)
{
    if (a1 & ~(uint64_t)(O_CLOEXEC | O_NONBLOCK))
        return -EINVAL;
    struct file *rd, *wr;
    int r = pipe_create(&rd, &wr, (unsigned)a1);
    if (r)
        return r;
    bool cloexec = (a1 & O_CLOEXEC) != 0;
    int fd0 = fd_install(fds(), rd, 0, cloexec);
    if (fd0 < 0) {
        file_put(rd);
        file_put(wr);
        return fd0;
    }
    int fd1 = fd_install(fds(), wr, 0, cloexec);
    if (fd1 < 0) {
        fd_close(fds(), fd0);
        file_put(wr);
        return fd1;
    }
    int32_t pair[2] = {fd0, fd1};
    if (copy_to_user(a0, pair, sizeof pair)) {
        fd_close(fds(), fd0);
        fd_close(fds(), fd1);
        return -EFAULT;
    }
    return 0;
}

SYSCALL(fstat)
{
    struct file *f = fd_get(fds(), (int)a0);
    if (!f)
        return -EBADF;
    struct linux_stat st;
    int64_t r = f->ops->stat ? f->ops->stat(f, &st) : -EINVAL;
    file_put(f);
    if (r)
        return r;
    return copy_to_user(a1, &st, sizeof st);
}
