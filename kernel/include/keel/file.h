/*
 * keel/file.h — open file descriptions and per-process descriptor tables.
 *
 * A struct file is one open file description (POSIX): shared by dup() and
 * fork(), it holds the offset and status flags.  Its ops decide what it
 * is: the console tty, a pipe end, or a file served by the VFS server.
 * Reference counts use f->lock-free atomics; the offset and flags are
 * guarded by f->lock.  A struct fd_table is shared only by vfork children;
 * t->lock guards its slots.
 */
#ifndef KEEL_FILE_H
#define KEEL_FILE_H

#include <keel/sched.h>
#include <keel/spinlock.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FD_MAX 1024 /* RLIMIT_NOFILE default, as Linux */

/* open(2) flags (asm-generic values, as musl uses on aarch64). */
#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_CREAT 00000100
#define O_EXCL 00000200
#define O_NOCTTY 00000400
#define O_TRUNC 00001000
#define O_APPEND 00002000
#define O_NONBLOCK 00004000
#define O_DIRECTORY 00040000
#define O_NOFOLLOW 00100000
#define O_CLOEXEC 02000000
#define O_PATH 010000000

struct file;
struct linux_stat;
struct poll_table;

/* Poll bits (asm-generic). */
#define POLLIN 0x001
#define POLLPRI 0x002
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010
#define POLLNVAL 0x020

struct file_ops {
    /* read/write: move up to len bytes between the file and the user
     * buffer at ubuf, at *off (files) or the stream's position; return the
     * count or -errno (-EAGAIN with O_NONBLOCK). */
    int64_t (*read)(struct file *f, uint64_t ubuf, size_t len, uint64_t *off);
    int64_t (*write)(struct file *f, uint64_t ubuf, size_t len, uint64_t *off);
    /* pread_kernel: read into kernel memory (exec, mmap); NULL if the file
     * cannot be read that way. */
    int64_t (*pread_kernel)(struct file *f, void *buf, size_t len, uint64_t off);
    int (*ioctl)(struct file *f, unsigned cmd, uint64_t arg);
    /* poll: the POLL* bits ready now; if `wq_out` is given, the wait
     * queue to sleep on for a change. */
    unsigned (*poll)(struct file *f, struct wait_queue **wq_out);
    int (*stat)(struct file *f, struct linux_stat *st);
    int64_t (*seek)(struct file *f, int64_t off, int whence); /* NULL: ESPIPE */
    void (*release)(struct file *f);
};

struct file {
    int refs;
    const struct file_ops *ops;
    unsigned flags; /* O_ACCMODE | O_APPEND | O_NONBLOCK ... */
    uint64_t offset;
    void *priv;
    uint64_t handle; /* VFS files: the server's handle */
    spinlock_t lock;
};

struct fd_table {
    int refs;
    spinlock_t lock;
    struct file *fd[FD_MAX];
    uint64_t cloexec[FD_MAX / 64]; /* bit per descriptor */
};

/* fd_cloexec / fd_set_cloexec: the close-on-exec flag of an open fd. */
bool fd_cloexec(struct fd_table *t, int fd);
void fd_set_cloexec(struct fd_table *t, int fd, bool on);

/* file_new: a file with one reference, or NULL. */
struct file *file_new(const struct file_ops *ops, unsigned flags, void *priv);
void file_get(struct file *f);
/* file_put: drop a reference; the last calls ops->release. */
void file_put(struct file *f);

struct fd_table *fd_table_new(void);
/* fd_table_copy: for fork: every open descriptor, sharing the files. */
struct fd_table *fd_table_copy(struct fd_table *t);
void fd_table_put(struct fd_table *t);

/*
 * fd_install: put f in the lowest free slot >= min; takes over the
 * caller's reference.  Returns the descriptor or -EMFILE.
 */
int fd_install(struct fd_table *t, struct file *f, int min, bool cloexec);

/* fd_limit: RLIMIT_NOFILE of the calling process (at most FD_MAX). */
int fd_limit(void);

/* fd_get: the file at fd with a new reference, or NULL (EBADF). */
struct file *fd_get(struct fd_table *t, int fd);

/* fd_close: close fd; 0 or -EBADF. */
int fd_close(struct fd_table *t, int fd);

/* fd_close_on_exec: close every close-on-exec descriptor. */
void fd_close_on_exec(struct fd_table *t);

/* fd_dup2: make newfd refer to oldfd's file (closing newfd first). */
int fd_dup2(struct fd_table *t, int oldfd, int newfd, bool cloexec);

#endif
