/*
 * vfs/main.c — the VFS server program.  Started by the kernel before init
 * with the native capability and its endpoint in capability slot 0:
 *   1. takes the initrd (boot module 0: size first, then a copy into
 *      anonymous memory) and unpacks it into the root tmpfs;
 *   2. logs "vfs: N files, N KiB from the initrd";
 *   3. serves requests for ever (KEEL_SYS_IPC_REPLY_RECV).
 * Like Linux with an initramfs, nothing is mounted on /dev or /proc until
 * init mounts them; the initrd's own /dev/console node gives init its
 * console before that.  Started with the argument "restart" (the kernel
 * does so when the previous server died), it mounts them itself.
 * Arguments: "budget=SIZE" (bytes, or with a K, M or G suffix) sets the
 * tmpfs budget; the default is half of RAM (Linux's tmpfs default), or
 * 64 MiB when the kernel does not say.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/errno.h"
#include "abi/query.h"
#include "ipc.h"
#include "ops.h"
#include "port/syscall.h"

#define DEFAULT_BUDGET (64ull << 20)
#define MAX_RECV_ERRORS 100 /* in a row, then the server stops */

__attribute__((format(printf, 1, 2))) static void say(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof buf)
        n = sizeof buf - 1;
    keel_log(buf, (uint64_t)n);
}

/* ---- the callbacks of ops.h and ipc.h ------------------------------------- */

static int64_t clock_cb(void *ctx)
{
    struct {
        long sec, nsec;
    } ts;

    if (keel_svc2(KEEL_SYS_CLOCK_GETTIME, LINUX_CLOCK_REALTIME, &ts) < 0)
        return 0;
    return (int64_t)ts.sec * 1000000000 + ts.nsec;
}

static int entropy_cb(void *ctx, void *buf, size_t len)
{
    long r = keel_random(buf, len);

    if (r < 0)
        return (int)r;
    return (size_t)r == len ? 0 : -EIO;
}

static int64_t query_cb(void *ctx, uint32_t what, uint64_t index, void *buf, size_t len)
{
    return keel_query(what, index, buf, len);
}

static int64_t grant_cb(void *ctx, uint64_t req, unsigned grant, uint64_t off, void *local,
                        uint64_t len, int dir)
{
    return keel_grant_copy(req, grant, off, local, len, dir);
}

/* ---- start-up -------------------------------------------------------------------- */

static uint64_t parse_size(const char *s)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);

    switch (*end) {
    case 'K':
    case 'k':
        return (uint64_t)v << 10;
    case 'M':
    case 'm':
        return (uint64_t)v << 20;
    case 'G':
    case 'g':
        return (uint64_t)v << 30;
    default:
        return v;
    }
}

static uint64_t choose_budget(int argc, char **argv)
{
    struct query_system sys;
    int i;

    for (i = 1; i < argc; i++)
        if (!strncmp(argv[i], "budget=", 7) && parse_size(argv[i] + 7))
            return parse_size(argv[i] + 7);
    if (keel_query(QUERY_SYSTEM, 0, &sys, sizeof sys) == (long)sizeof sys && sys.total_pages &&
        sys.page_size)
        return sys.total_pages * sys.page_size / 2;
    return DEFAULT_BUDGET;
}

/* load_initrd: unpacks boot module 0 into the root; the copy is freed. */
static void load_initrd(struct vfs *v)
{
    struct vfs_initrd_info info;
    long size = keel_boot_module(0, NULL, 0), got;
    void *buf;
    int mapped = 1, err;

    if (size <= 0) {
        say("vfs: no initrd (%ld): the root is empty", size);
        return;
    }
    buf = (void *)keel_svc6(KEEL_SYS_MMAP, 0, size, LINUX_PROT_READ | LINUX_PROT_WRITE,
                            LINUX_MAP_PRIVATE | LINUX_MAP_ANONYMOUS, -1, 0);
    if ((unsigned long)buf >= (unsigned long)-4095) {
        mapped = 0;
        buf = malloc((size_t)size);
        if (!buf) {
            say("vfs: no memory for the %ld-byte initrd", size);
            return;
        }
    }
    got = keel_boot_module(0, buf, (uint64_t)size);
    if (got != size) {
        say("vfs: reading the initrd failed (%ld)", got);
        err = 1;
    } else {
        err = vfs_load_initrd(v, buf, (size_t)size, &info);
        if (err)
            say("%s", info.error);
        else
            say("vfs: %llu files, %llu KiB from the initrd", (unsigned long long)info.entries,
                (unsigned long long)((info.bytes + 1023) / 1024));
    }
    if (mapped)
        keel_svc2(KEEL_SYS_MUNMAP, buf, size);
    else
        free(buf);
}

static uint64_t configured_budget; /* the budget chosen at start */

/* on_notify: asynchronous events from the kernel (abi/native.h). */
static void on_notify(struct vfs *v, uint64_t bits)
{
    if (bits & IPC_NOTIFY_MEMORY_OK) {
        struct vfs_usage use;
        vfs_get_usage(v, &use);
        if (use.budget != configured_budget) {
            vfs_set_budget(v, configured_budget);
            say("vfs: memory is back: tmpfs budget %llu KiB again",
                (unsigned long long)(configured_budget >> 10));
        }
    }
    if (bits & IPC_NOTIFY_MEMORY_LOW) {
        struct query_system sys;
        struct vfs_usage use;
        if (query_cb(NULL, QUERY_SYSTEM, 0, &sys, sizeof sys) < (int64_t)sizeof sys)
            return;
        vfs_get_usage(v, &use);
        uint64_t nb =
            vfs_budget_under_pressure(use.budget, use.used, sys.free_pages * sys.page_size);
        if (nb != use.budget) {
            vfs_set_budget(v, nb);
            say("vfs: memory is low: tmpfs budget %llu -> %llu KiB",
                (unsigned long long)(use.budget >> 10), (unsigned long long)(nb >> 10));
        }
    }
}

/* mount_standard: after a restart, the mounts init made at boot (the kernel
 * keeps no mount table; /sbin/init mounts these two). */
static void mount_standard(struct vfs *v)
{
    static const struct vfs_ctx root = {0, 0, 0, 022};
    static const char *const mounts[][2] = {{"/dev", "devtmpfs"}, {"/proc", "proc"}};
    for (unsigned i = 0; i < 2; i++) {
        int err = vfs_mount(v, &root, 0, mounts[i][0], mounts[i][1], mounts[i][1], 0);
        if (err)
            say("vfs: mount %s on %s after the restart: error %d", mounts[i][1], mounts[i][0], err);
    }
}

/* serve: the request loop; returns only when receiving keeps failing. */
static void serve(struct vfs *v)
{
    static const struct vfs_transport transport = {grant_cb, NULL};
    struct ipc_msg req, reply;
    uint64_t client = 0, answer = 0;
    int errors = 0;

    memset(&reply, 0, sizeof reply);
    for (;;) {
        long id = keel_ipc_reply_recv(answer, VFS_ENDPOINT_CAP, &reply, &client, &req);

        answer = 0;
        if (id == 0) {
            on_notify(v, client);
            continue;
        }
        if (id < 0) {
            if (id == -EINTR)
                continue;
            if (errors++ == 0)
                say("vfs: receiving failed (%ld)", id);
            if (id == -ENOSYS || id == -EPERM || id == -EBADF || errors >= MAX_RECV_ERRORS)
                return;
            continue;
        }
        errors = 0;
        vfs_ipc_handle(v, &transport, (uint64_t)id, (uint32_t)client, &req, &reply);
        answer = (uint64_t)id;
    }
}

int main(int argc, char **argv, char **envp)
{
    struct vfs_config cfg;
    struct vfs *v;

    memset(&cfg, 0, sizeof cfg);
    cfg.budget = choose_budget(argc, argv);
    configured_budget = cfg.budget;
    cfg.clock = clock_cb;
    cfg.entropy = entropy_cb;
    cfg.query = query_cb;
    v = vfs_create(&cfg);
    if (!v) {
        say("vfs: out of memory at start");
        return 1;
    }
    load_initrd(v);
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "restart")) {
            say("vfs: restarted: files written since boot are gone; /dev and /proc mounted again");
            mount_standard(v);
        }
    serve(v);
    say("vfs: stopped");
    return 1;
}
