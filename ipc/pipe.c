/*
 * ipc/pipe.c — kernel pipes; see keel/pipe.h.  pipe->lock guards the ring,
 * the reader/writer counts and both wait queues.
 */
#include <abi/errno.h>
#include <abi/linux_types.h>
#include <keel/compiler.h>
#include <keel/mm.h>
#include <keel/pipe.h>
#include <keel/process.h>
#include <keel/sched.h>
#include <keel/signal.h>
#include <keel/string.h>
#include <keel/uaccess.h>

#define SIGPIPE 13
#define FIONREAD 0x541B

struct pipe {
    spinlock_t lock;
    uint8_t *buf;     /* PIPE_SIZE bytes */
    size_t head, len; /* read position, bytes stored */
    int readers, writers;
    struct wait_queue rwait, wwait;
    uint64_t ino;
    uint64_t fifo_key;      /* named pipes: the FIFO node's inode, else 0 */
    struct pipe *fifo_next; /* fifo_lock */
};

/* Named pipes open right now, by FIFO node; fifo_lock guards the list. */
static spinlock_t fifo_lock = SPINLOCK_INIT;
static struct pipe *fifos;

static uint64_t next_ino = 0x10000;

/*
 * pipe_read / pipe_write copy straight between the ring and user memory
 * under p->lock (a user page fault is resolved without sleeping, so the
 * lock may be held across the copy).
 */
static int64_t pipe_read(struct file *f, uint64_t ubuf, size_t len, uint64_t *off)
{
    (void)off;
    struct pipe *p = f->priv;
    if (!len)
        return 0;
    irq_flags_t fl = spin_lock_irqsave(&p->lock);
    while (!p->len) {
        if (!p->writers) {
            spin_unlock_irqrestore(&p->lock, fl);
            return 0;
        }
        if (f->flags & O_NONBLOCK) {
            spin_unlock_irqrestore(&p->lock, fl);
            return -EAGAIN;
        }
        if (wait_sleep(&p->rwait, &p->lock, true, 0) == -EINTR) {
            spin_unlock_irqrestore(&p->lock, fl);
            return -EINTR;
        }
    }
    size_t done = 0;
    int err = 0;
    while (done < len && p->len) {
        size_t seg = MIN(MIN(len - done, p->len), PIPE_SIZE - p->head);
        if (copy_to_user(ubuf + done, p->buf + p->head, seg)) {
            err = -EFAULT;
            break;
        }
        p->head = (p->head + seg) % PIPE_SIZE;
        p->len -= seg;
        done += seg;
    }
    spin_unlock_irqrestore(&p->lock, fl);
    if (done)
        wake_all(&p->wwait);
    return done ? (int64_t)done : err;
}

static int64_t pipe_write(struct file *f, uint64_t ubuf, size_t len, uint64_t *off)
{
    (void)off;
    struct pipe *p = f->priv;
    size_t done = 0;
    irq_flags_t fl = spin_lock_irqsave(&p->lock);
    while (done < len) {
        if (!p->readers) {
            spin_unlock_irqrestore(&p->lock, fl);
            signal_send(current_process(), SIGPIPE);
            return done ? (int64_t)done : -EPIPE;
        }
        size_t space = PIPE_SIZE - p->len;
        /* A write of at most PIPE_BUF bytes goes in whole or waits. */
        size_t need = len <= PIPE_BUF ? len - done : 1;
        if (space < need) {
            if (done)
                wake_all(&p->rwait);
            if (f->flags & O_NONBLOCK) {
                spin_unlock_irqrestore(&p->lock, fl);
                return done ? (int64_t)done : -EAGAIN;
            }
            if (wait_sleep(&p->wwait, &p->lock, true, 0) == -EINTR) {
                spin_unlock_irqrestore(&p->lock, fl);
                return done ? (int64_t)done : -EINTR;
            }
            continue;
        }
        size_t tail = (p->head + p->len) % PIPE_SIZE;
        size_t seg = MIN(MIN(len - done, space), PIPE_SIZE - tail);
        if (copy_from_user(p->buf + tail, ubuf + done, seg)) {
            spin_unlock_irqrestore(&p->lock, fl);
            if (done)
                wake_all(&p->rwait);
            return done ? (int64_t)done : -EFAULT;
        }
        p->len += seg;
        done += seg;
    }
    spin_unlock_irqrestore(&p->lock, fl);
    wake_all(&p->rwait);
    return (int64_t)done;
}

static unsigned pipe_poll(struct file *f, struct wait_queue **wq)
{
    struct pipe *p = f->priv;
    bool reader = (f->flags & O_ACCMODE) != O_WRONLY;
    if (wq)
        *wq = reader ? &p->rwait : &p->wwait;
    irq_flags_t fl = spin_lock_irqsave(&p->lock);
    unsigned m = 0;
    if (reader) {
        if (p->len)
            m |= POLLIN;
        if (!p->writers)
            m |= POLLHUP;
    } else {
        if (PIPE_SIZE - p->len >= PIPE_BUF)
            m |= POLLOUT;
        if (!p->readers)
            m |= POLLERR;
    }
    spin_unlock_irqrestore(&p->lock, fl);
    return m;
}

static int pipe_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
    struct pipe *p = f->priv;
    if (cmd != FIONREAD)
        return -ENOTTY;
    irq_flags_t fl = spin_lock_irqsave(&p->lock);
    int32_t n = (int32_t)p->len;
    spin_unlock_irqrestore(&p->lock, fl);
    return copy_to_user(arg, &n, sizeof n);
}

static int pipe_stat(struct file *f, struct linux_stat *st)
{
    struct pipe *p = f->priv;
    memset(st, 0, sizeof *st);
    st->st_mode = 0010600; /* FIFO, rw------- */
    st->st_ino = p->ino;
    st->st_nlink = 1;
    st->st_blksize = PIPE_BUF;
    st->st_uid = current_process()->uid;
    st->st_gid = current_process()->gid;
    return 0;
}

static void pipe_release(struct file *f)
{
    struct pipe *p = f->priv;
    unsigned acc = f->flags & O_ACCMODE;
    irq_flags_t fl = spin_lock_irqsave(&p->lock);
    if (acc != O_WRONLY)
        p->readers--;
    if (acc != O_RDONLY)
        p->writers--;
    bool last = !p->readers && !p->writers;
    spin_unlock_irqrestore(&p->lock, fl);
    wake_all(&p->rwait);
    wake_all(&p->wwait);
    if (last && p->fifo_key) {
        /* unlink from the FIFO list unless someone is opening it again */
        irq_flags_t ff = spin_lock_irqsave(&fifo_lock);
        spin_lock(&p->lock);
        last = !p->readers && !p->writers;
        if (last)
            for (struct pipe **pp = &fifos; *pp; pp = &(*pp)->fifo_next)
                if (*pp == p) {
                    *pp = p->fifo_next;
                    break;
                }
        spin_unlock(&p->lock);
        spin_unlock_irqrestore(&fifo_lock, ff);
    }
    if (last) {
        page_free(p->buf, 4);
        kfree(p);
    }
}

static const struct file_ops pipe_ops = {
    .read = pipe_read,
    .write = pipe_write,
    .ioctl = pipe_ioctl,
    .poll = pipe_poll,
    .stat = pipe_stat,
    .release = pipe_release,
};
_Static_assert(PIPE_SIZE == 4096 << 4, "pipe ring is an order-4 block");

uint64_t pipe_inode(const struct file *f)
{
    return ((const struct pipe *)f->priv)->ino;
}

bool file_is_pipe(const struct file *f)
{
    return f->ops == &pipe_ops;
}

int pipe_create(struct file **rd, struct file **wr, unsigned flags)
{
    struct pipe *p = kzalloc(sizeof *p);
    if (!p)
        return -ENOMEM;
    p->buf = page_alloc(4);
    if (!p->buf) {
        kfree(p);
        return -ENOMEM;
    }
    p->lock = (spinlock_t)SPINLOCK_INIT;
    p->readers = p->writers = 1;
    p->ino = __atomic_fetch_add(&next_ino, 1, __ATOMIC_RELAXED);
    *rd = file_new(&pipe_ops, O_RDONLY | (flags & O_NONBLOCK), p);
    *wr = file_new(&pipe_ops, O_WRONLY | (flags & O_NONBLOCK), p);
    if (!*rd || !*wr) {
        if (*rd)
            kfree(*rd);
        if (*wr)
            kfree(*wr);
        page_free(p->buf, 4);
        kfree(p);
        return -ENOMEM;
    }
    return 0;
}

/*
 * fifo_open: open the named pipe whose node has inode `key`, as POSIX
 * says: a reader waits for a writer and a writer for a reader (unless
 * O_NONBLOCK: the reader goes on, the writer gets ENXIO); O_RDWR waits for
 * nobody.  Returns 0 with *out, or -ENXIO / -EINTR / -ENOMEM.
 */
int fifo_open(uint64_t key, unsigned flags, struct file **out)
{
    unsigned acc = flags & O_ACCMODE;
    irq_flags_t ff = spin_lock_irqsave(&fifo_lock);
    struct pipe *p = fifos;
    while (p && p->fifo_key != key)
        p = p->fifo_next;
    if (!p) {
        spin_unlock_irqrestore(&fifo_lock, ff);
        p = kzalloc(sizeof *p);
        uint8_t *buf = page_alloc(4);
        if (!p || !buf) {
            kfree(p);
            if (buf)
                page_free(buf, 4);
            return -ENOMEM;
        }
        p->buf = buf;
        p->lock = (spinlock_t)SPINLOCK_INIT;
        p->ino = key;
        p->fifo_key = key;
        ff = spin_lock_irqsave(&fifo_lock);
        struct pipe *q = fifos;
        while (q && q->fifo_key != key)
            q = q->fifo_next;
        if (q) { /* someone else created it meanwhile */
            page_free(p->buf, 4);
            kfree(p);
            p = q;
        } else {
            p->fifo_next = fifos;
            fifos = p;
        }
    }
    spin_lock(&p->lock);
    if (acc == O_WRONLY && !p->readers && (flags & O_NONBLOCK)) {
        spin_unlock(&p->lock);
        spin_unlock_irqrestore(&fifo_lock, ff);
        return -ENXIO;
    }
    if (acc != O_WRONLY)
        p->readers++;
    if (acc != O_RDONLY)
        p->writers++;
    spin_unlock(&p->lock);
    spin_unlock_irqrestore(&fifo_lock, ff);
    wake_all(&p->rwait);
    wake_all(&p->wwait);

    /* Wait for the other side (blocking opens only). */
    if (!(flags & O_NONBLOCK) && acc != O_RDWR) {
        irq_flags_t fl = spin_lock_irqsave(&p->lock);
        int r = 0;
        while (!r && (acc == O_RDONLY ? !p->writers : !p->readers))
            r = wait_sleep(acc == O_RDONLY ? &p->rwait : &p->wwait, &p->lock, true, 0);
        spin_unlock_irqrestore(&p->lock, fl);
        if (r) {
            struct file tmp = {.priv = p, .flags = acc};
            pipe_release(&tmp);
            return r;
        }
    }
    *out = file_new(&pipe_ops, acc | (flags & O_NONBLOCK), p);
    if (!*out) {
        struct file tmp = {.priv = p, .flags = acc};
        pipe_release(&tmp);
        return -ENOMEM;
    }
    return 0;
}
