/* kernel/file.c — files and descriptor tables; see keel/file.h. */
#include <abi/errno.h>
#include <keel/compiler.h>
#include <keel/file.h>
#include <keel/mm.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/string.h>

struct file *file_new(const struct file_ops *ops, unsigned flags, void *priv)
{
    struct file *f = kzalloc(sizeof *f);
    if (!f)
        return NULL;
    f->refs = 1;
    f->ops = ops;
    f->flags = flags;
    f->priv = priv;
    f->lock = (spinlock_t)SPINLOCK_INIT;
    return f;
}

void file_get(struct file *f)
{
    __atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
}

void file_put(struct file *f)
{
    if (__atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL) == 0) {
        if (f->ops->release)
            f->ops->release(f);
        kfree(f);
    }
}

struct fd_table *fd_table_new(void)
{
    struct fd_table *t = page_alloc(2); /* 16 KiB: FD_MAX slots */
    _Static_assert(sizeof(struct fd_table) <= 4 * 4096, "fd table fits 4 pages");
    if (!t)
        return NULL;
    t->refs = 1;
    t->lock = (spinlock_t)SPINLOCK_INIT;
    return t;
}

struct fd_table *fd_table_copy(struct fd_table *src)
{
    struct fd_table *t = fd_table_new();
    if (!t)
        return NULL;
    irq_flags_t f = spin_lock_irqsave(&src->lock);
    for (int i = 0; i < FD_MAX; i++) {
        if (src->fd[i]) {
            t->fd[i] = src->fd[i];
            file_get(t->fd[i]);
        }
    }
    memcpy(t->cloexec, src->cloexec, sizeof t->cloexec);
    spin_unlock_irqrestore(&src->lock, f);
    return t;
}

void fd_table_put(struct fd_table *t)
{
    if (__atomic_sub_fetch(&t->refs, 1, __ATOMIC_ACQ_REL))
        return;
    for (int i = 0; i < FD_MAX; i++)
        if (t->fd[i])
            file_put(t->fd[i]);
    page_free(t, 2);
}

int fd_limit(void)
{
    struct process *p = current_process();
    uint64_t lim = p ? p->rlim_cur[7] : FD_MAX; /* RLIMIT_NOFILE */
    return lim > FD_MAX ? FD_MAX : (int)lim;
}

int fd_install(struct fd_table *t, struct file *file, int min, bool cloexec)
{
    int limit = fd_limit();
    if (min < 0)
        return -EINVAL;
    irq_flags_t f = spin_lock_irqsave(&t->lock);
    for (int i = min; i < limit; i++) {
        if (!t->fd[i]) {
            t->fd[i] = file;
            fd_set_cloexec(t, i, cloexec);
            spin_unlock_irqrestore(&t->lock, f);
            return i;
        }
    }
    spin_unlock_irqrestore(&t->lock, f);
    return -EMFILE;
}

struct file *fd_get(struct fd_table *t, int fd)
{
    if (fd < 0 || fd >= FD_MAX)
        return NULL;
    irq_flags_t f = spin_lock_irqsave(&t->lock);
    struct file *file = t->fd[fd];
    if (file)
        file_get(file);
    spin_unlock_irqrestore(&t->lock, f);
    return file;
}

int fd_close(struct fd_table *t, int fd)
{
    if (fd < 0 || fd >= FD_MAX)
        return -EBADF;
    irq_flags_t f = spin_lock_irqsave(&t->lock);
    struct file *file = t->fd[fd];
    t->fd[fd] = NULL;
    fd_set_cloexec(t, fd, false);
    spin_unlock_irqrestore(&t->lock, f);
    if (!file)
        return -EBADF;
    file_put(file);
    return 0;
}

void fd_close_on_exec(struct fd_table *t)
{
    for (int i = 0; i < FD_MAX; i++)
        if (t->fd[i] && fd_cloexec(t, i))
            fd_close(t, i);
}

int fd_dup2(struct fd_table *t, int oldfd, int newfd, bool cloexec)
{
    if (newfd < 0 || newfd >= fd_limit())
        return -EBADF;
    struct file *file = fd_get(t, oldfd);
    if (!file)
        return -EBADF;
    irq_flags_t f = spin_lock_irqsave(&t->lock);
    struct file *old = t->fd[newfd];
    t->fd[newfd] = file;
    fd_set_cloexec(t, newfd, cloexec);
    spin_unlock_irqrestore(&t->lock, f);
    if (old)
        file_put(old);
    return newfd;
}

bool fd_cloexec(struct fd_table *t, int fd)
{
    return (t->cloexec[fd / 64] >> (fd % 64)) & 1;
}

void fd_set_cloexec(struct fd_table *t, int fd, bool on)
{
    if (on)
        t->cloexec[fd / 64] |= 1UL << (fd % 64);
    else
        t->cloexec[fd / 64] &= ~(1UL << (fd % 64));
}
