/*
 * tests/unit/vfs_fixture.h — what the VFS server tests share: a server
 * with a fake clock, entropy and kernel (processes, descriptors, machine),
 * and short helpers for the common calls.  Helpers are static inline, so
 * each test file gets its own copy and unused ones cost nothing.
 */
#ifndef KEEL_TEST_VFS_FIXTURE_H
#define KEEL_TEST_VFS_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "abi/linux_types.h"
#include "abi/query.h"
#include "harness.h"
#include "internal.h"
#include "ops.h"

#define FX_NOW_NS 1700000000123456789ll

/* ---- the fake kernel -------------------------------------------------------- */

struct fx_kernel {
    int64_t now_ns;
    unsigned entropy_calls;
    struct query_process procs[4];
    int nprocs;
    struct query_fd fds[8]; /* of pid 42 */
    int nfds;
    struct query_system sys;
    struct query_cpu cpus[2];
    int query_fails; /* every query returns -EIO */
};

static inline int64_t fx_clock(void *ctx)
{
    return ((struct fx_kernel *)ctx)->now_ns;
}

static inline int fx_entropy(void *ctx, void *buf, size_t len)
{
    struct fx_kernel *k = ctx;
    unsigned char *p = buf;
    size_t i;

    k->entropy_calls++;
    for (i = 0; i < len; i++)
        p[i] = (unsigned char)(0xa5 ^ i);
    return 0;
}

static inline int64_t fx_query(void *ctx, uint32_t what, uint64_t index, void *buf, size_t len)
{
    struct fx_kernel *k = ctx;
    int i;

    if (k->query_fails)
        return -EIO;
    switch (what) {
    case QUERY_PIDS: {
        int32_t *out = buf;
        size_t n = 0;

        for (i = 0; i < k->nprocs && (n + 1) * sizeof *out <= len; i++)
            if ((uint64_t)k->procs[i].pid >= index)
                out[n++] = k->procs[i].pid;
        return (int64_t)(n * sizeof *out);
    }
    case QUERY_PROCESS:
        for (i = 0; i < k->nprocs; i++) {
            if ((uint64_t)k->procs[i].pid == index) {
                if (len < sizeof k->procs[i])
                    return -EINVAL;
                memcpy(buf, &k->procs[i], sizeof k->procs[i]);
                return sizeof k->procs[i];
            }
        }
        return -ESRCH;
    case QUERY_SYSTEM:
        if (len < sizeof k->sys)
            return -EINVAL;
        memcpy(buf, &k->sys, sizeof k->sys);
        return sizeof k->sys;
    case QUERY_CPU:
        if (index >= k->sys.cpu_count || index >= 2)
            return -ENOENT;
        if (len < sizeof k->cpus[0])
            return -EINVAL;
        memcpy(buf, &k->cpus[index], sizeof k->cpus[0]);
        return sizeof k->cpus[0];
    case QUERY_FDS: {
        uint32_t pid = (uint32_t)index, first = (uint32_t)(index >> 32);
        struct query_fd *out = buf;
        size_t n = 0;

        if (pid != 42 && pid != 1)
            return -ESRCH;
        if (pid == 1)
            return 0;
        for (i = 0; i < k->nfds && (n + 1) * sizeof *out <= len; i++)
            if ((uint32_t)k->fds[i].fd >= first)
                out[n++] = k->fds[i];
        return (int64_t)(n * sizeof *out);
    }
    default:
        return -EINVAL;
    }
}

static inline void fx_kernel_init(struct fx_kernel *k)
{
    struct query_process *p;

    memset(k, 0, sizeof *k);
    k->now_ns = FX_NOW_NS;
    k->nprocs = 2;
    p = &k->procs[0];
    p->pid = 1;
    p->ppid = 0;
    p->pgid = 1;
    p->sid = 1;
    p->state = 'S';
    p->threads = 1;
    p->tty = 0;
    p->tpgid = -1;
    p->umask = 022;
    strcpy(p->name, "init");
    p->start_ns = 10000000;   /* 1 tick */
    p->utime_ns = 30000000;   /* 3 ticks */
    p->stime_ns = 1250000000; /* 125 ticks */
    p->vsize = 1056768;
    p->rss = 57;
    memcpy(p->cmdline, "/sbin/init\0", 11);
    p->cmdline_len = 11;
    p = &k->procs[1];
    p->pid = 42;
    p->ppid = 1;
    p->pgid = 42;
    p->sid = 42;
    p->uid = p->euid = 1000;
    p->gid = p->egid = 1000;
    p->state = 'R';
    p->threads = 1;
    p->tty = 1281; /* 5:1 */
    p->tpgid = 42;
    p->umask = 077;
    strcpy(p->name, "sh");
    p->start_ns = 2500000000u;
    p->vsize = 2097152;
    p->rss = 100;
    memcpy(p->cmdline, "-sh\0-i\0", 7);
    p->cmdline_len = 7;
    k->nfds = 3;
    k->fds[0].fd = 0;
    k->fds[0].kind = QUERY_FD_CONSOLE;
    k->fds[0].flags = LINUX_O_RDWR;
    k->fds[0].id = LINUX_MKDEV(5, 1);
    k->fds[1].fd = 1;
    k->fds[1].kind = QUERY_FD_PIPE;
    k->fds[1].flags = LINUX_O_WRONLY;
    k->fds[1].id = 4711;
    k->fds[2].fd = 2;
    k->fds[2].kind = QUERY_FD_CONSOLE;
    k->fds[2].flags = LINUX_O_RDWR;
    k->fds[2].id = LINUX_MKDEV(5, 1);
    k->sys.total_pages = 262144; /* 1 GiB */
    k->sys.free_pages = 200000;
    k->sys.used_pages = 62144;
    k->sys.page_size = 4096;
    k->sys.uptime_ns = 12345670000000ull; /* 12345.67 s */
    k->sys.idle_ns = 20000500000000ull;   /* 20000.50 s */
    k->sys.boot_time = 1700000000;
    k->sys.cpu_count = 2;
    k->sys.nprocs = 2;
    k->sys.nrunning = 1;
    k->sys.last_pid = 42;
    k->sys.forks = 41;
    strcpy(k->sys.sysname, "Linux");
    strcpy(k->sys.release, "6.1.0-keel");
    strcpy(k->sys.version, "#1 SMP Keel 0.1");
    strcpy(k->sys.machine, "aarch64");
    k->cpus[0].index = 0;
    k->cpus[0].implementer = 0x41;
    k->cpus[0].variant = 0;
    k->cpus[0].part = 0xd08;
    k->cpus[0].revision = 3;
    k->cpus[0].architecture = 8;
    k->cpus[0].timer_hz = 62500000;
    strcpy(k->cpus[0].features, "fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid");
    k->cpus[1] = k->cpus[0];
    k->cpus[1].index = 1;
}

/* ---- a server ----------------------------------------------------------------- */

struct fx {
    struct fx_kernel k;
    struct vfs *v;
    struct vfs_ctx root, user; /* pid 1 as root, pid 42 as uid/gid 1000 */
    uint64_t rootdir;          /* a handle on "/" */
};

static inline struct vfs *fx_vfs(struct fx_kernel *k, uint64_t budget)
{
    struct vfs_config cfg;

    memset(&cfg, 0, sizeof cfg);
    cfg.budget = budget;
    cfg.clock = fx_clock;
    cfg.entropy = fx_entropy;
    cfg.query = fx_query;
    cfg.cb_ctx = k;
    return vfs_create(&cfg);
}

/* fx_setup: a server with budget bytes, /dev and /proc mounted, /tmp
 * (1777) and /home/user (owned by 1000) made. */
static inline int fx_setup(struct fx *f, uint64_t budget)
{
    memset(f, 0, sizeof *f);
    fx_kernel_init(&f->k);
    f->v = fx_vfs(&f->k, budget);
    if (!f->v)
        return -1;
    f->root.pid = 1;
    f->root.umask = 022;
    f->user.pid = 42;
    f->user.uid = f->user.gid = 1000;
    f->user.umask = 022;
    if (vfs_mkdir(f->v, &f->root, 0, "/dev", 0755) || vfs_mkdir(f->v, &f->root, 0, "/proc", 0555) ||
        vfs_mount(f->v, &f->root, 0, "/dev", "devtmpfs", "devtmpfs", 0) ||
        vfs_mount(f->v, &f->root, 0, "/proc", "proc", "proc", 0) ||
        vfs_mkdir(f->v, &f->root, 0, "/tmp", 0777) ||
        vfs_chmod(f->v, &f->root, 0, "/tmp", 01777, 0) ||
        vfs_mkdir(f->v, &f->root, 0, "/home", 0755) ||
        vfs_mkdir(f->v, &f->root, 0, "/home/user", 0755) ||
        vfs_chown(f->v, &f->root, 0, "/home/user", 1000, 1000, 0) ||
        vfs_chdir(f->v, &f->root, 0, "/", &f->rootdir))
        return -1;
    return 0;
}

static inline void fx_teardown(struct fx *f)
{
    vfs_destroy(f->v);
    f->v = NULL;
}

/* fx_open: a handle or a negative errno. */
static inline int64_t fx_open(struct fx *f, const struct vfs_ctx *c, const char *path,
                              uint32_t flags, uint32_t mode)
{
    struct vfs_open_info info;
    int err = vfs_open(f->v, c, f->rootdir, path, flags, mode, &info);

    return err ? err : (int64_t)info.handle;
}

/* fx_put: creates/truncates path with text (as c); 0 or -errno. */
static inline int fx_put(struct fx *f, const struct vfs_ctx *c, const char *path, const char *text)
{
    struct vfs_xfer_mem m;
    uint64_t end, size;
    int64_t h = fx_open(f, c, path, LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_TRUNC, 0644), n;
    size_t len = strlen(text);

    if (h < 0)
        return (int)h;
    vfs_xfer_mem_init(&m, (void *)(uintptr_t)text, len);
    n = vfs_write(f->v, (uint64_t)h, 0, 0, &m.x, len, &end, &size);
    vfs_close(f->v, (uint64_t)h);
    return n < 0 ? (int)n : n == (int64_t)len ? 0 : -EIO;
}

/* fx_get: the contents of path into buf (NUL-terminated); bytes or -errno. */
static inline int64_t fx_get(struct fx *f, const struct vfs_ctx *c, const char *path, char *buf,
                             size_t cap)
{
    struct vfs_xfer_mem m;
    int64_t h = fx_open(f, c, path, LINUX_O_RDONLY, 0), n, total = 0;

    if (h < 0)
        return h;
    vfs_xfer_mem_init(&m, buf, cap - 1);
    for (;;) {
        m.buf = (unsigned char *)buf + total;
        m.x.size = cap - 1 - (size_t)total;
        n = vfs_read(f->v, (uint64_t)h, (uint64_t)total, &m.x, m.x.size);
        if (n <= 0)
            break;
        total += n;
    }
    vfs_close(f->v, (uint64_t)h);
    buf[total] = 0;
    return n < 0 ? n : total;
}

static inline int fx_stat(struct fx *f, const struct vfs_ctx *c, const char *path,
                          struct vfs_attr *a)
{
    return vfs_stat(f->v, c, f->rootdir, path, 0, a);
}

static inline int fx_lstat(struct fx *f, const struct vfs_ctx *c, const char *path,
                           struct vfs_attr *a)
{
    return vfs_stat(f->v, c, f->rootdir, path, LINUX_AT_SYMLINK_NOFOLLOW, a);
}

/* fx_exists: 1 if lstat finds path. */
static inline int fx_exists(struct fx *f, const char *path)
{
    struct vfs_attr a;

    return fx_lstat(f, &f->root, path, &a) == 0;
}

/* fx_list: the names of directory path (without . and ..), sorted, joined
 * by spaces into out; count or -errno. */
static inline int fx_list(struct fx *f, const struct vfs_ctx *c, const char *path, char *out,
                          size_t cap)
{
    unsigned char buf[512];
    char names[64][64];
    int count = 0, i, j;
    uint64_t cookie = 0, next;
    struct vfs_xfer_mem m;
    int64_t h = fx_open(f, c, path, LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0), n;

    if (h < 0)
        return (int)h;
    for (;;) {
        size_t off = 0;

        vfs_xfer_mem_init(&m, buf, sizeof buf);
        n = vfs_getdents(f->v, (uint64_t)h, cookie, &m.x, sizeof buf, &next);
        if (n <= 0)
            break;
        while (off < (size_t)n) {
            struct linux_dirent64 d;
            const char *name = (const char *)buf + off + LINUX_DIRENT64_NAME_OFFSET;

            memcpy(&d, buf + off, LINUX_DIRENT64_NAME_OFFSET);
            if (strcmp(name, ".") && strcmp(name, "..") && count < 64) {
                strncpy(names[count], name, sizeof names[0] - 1);
                names[count++][sizeof names[0] - 1] = 0;
            }
            off += d.d_reclen;
        }
        cookie = next;
    }
    vfs_close(f->v, (uint64_t)h);
    if (n < 0)
        return (int)n;
    for (i = 1; i < count; i++)
        for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char t[64];

            memcpy(t, names[j], sizeof t);
            memcpy(names[j], names[j - 1], sizeof t);
            memcpy(names[j - 1], t, sizeof t);
        }
    out[0] = 0;
    for (i = 0; i < count; i++) {
        if (i)
            strncat(out, " ", cap - strlen(out) - 1);
        strncat(out, names[i], cap - strlen(out) - 1);
    }
    return count;
}

/* fx_leak_check: after fx_teardown the fake budget and node counts are
 * gone with the server; before it, a test can compare usage snapshots. */
static inline uint64_t fx_used(struct fx *f)
{
    struct vfs_usage u;

    vfs_get_usage(f->v, &u);
    return u.used;
}

#endif
