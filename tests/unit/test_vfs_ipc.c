/*
 * tests/unit/test_vfs_ipc.c — vfs/ipc.c end to end through a fake
 * transport: request words in, grant windows that behave like
 * KEEL_SYS_GRANT_COPY (bounds and rights checked, -EFAULT / -EPERM), reply
 * words out.  Then garbage: unknown labels, bad handles, short or missing
 * grants, paths without NUL, and a long run of random messages that must
 * only ever produce well-formed -errno replies.
 */
#include "abi/native.h"
#include "abi/vfs_msg.h"
#include "ipc.h"
#include "vfs_fixture.h"

struct window {
    unsigned char *buf;
    uint64_t len;
    int rights; /* GRANT_READ | GRANT_WRITE */
};

struct fake {
    struct window g[IPC_MAX_GRANTS];
    uint64_t req;
    unsigned copies;
};

static int64_t fake_copy(void *ctx, uint64_t req, unsigned grant, uint64_t off, void *local,
                         uint64_t len, int dir)
{
    struct fake *t = ctx;
    struct window *w;

    t->copies++;
    if (req != t->req)
        return -ESRCH;
    if (grant >= IPC_MAX_GRANTS || !t->g[grant].buf)
        return -EFAULT;
    w = &t->g[grant];
    if (off > w->len || len > w->len - off)
        return -EFAULT;
    if (dir == GRANT_COPY_FROM_CLIENT) {
        if (!(w->rights & GRANT_READ))
            return -EPERM;
        memcpy(local, w->buf + off, len);
    } else {
        if (!(w->rights & GRANT_WRITE))
            return -EPERM;
        memcpy(w->buf + off, local, len);
    }
    return (int64_t)len;
}

struct ipcfx {
    struct fx f;
    struct fake t;
    struct vfs_transport tp;
    union vfs_msg q, r;
};

static int ipc_setup(struct ipcfx *x)
{
    memset(x, 0, sizeof *x);
    if (fx_setup(&x->f, 4 << 20))
        return -1;
    x->tp.grant_copy = fake_copy;
    x->tp.ctx = &x->t;
    return 0;
}

static void grant(struct ipcfx *x, unsigned i, void *buf, uint64_t len, int rights)
{
    x->t.g[i].buf = buf;
    x->t.g[i].len = len;
    x->t.g[i].rights = rights;
}

/* call: sends x->q as client pid 42, clears the grants; the result. */
static int64_t call(struct ipcfx *x)
{
    x->t.req++;
    vfs_ipc_handle(x->f.v, &x->tp, x->t.req, 42, &x->q.raw, &x->r.raw);
    memset(&x->q, 0, sizeof x->q);
    memset(x->t.g, 0, sizeof x->t.g);
    return x->r.result.result;
}

static int rest_is_zero(const union vfs_msg *r)
{
    int i;

    for (i = 1; i < IPC_MSG_WORDS; i++)
        if (r->raw.words[i])
            return 0;
    return 1;
}

static int64_t ipc_open(struct ipcfx *x, const char *path, uint32_t flags, uint32_t uid)
{
    x->q.open.label = VFS_OPEN;
    x->q.open.dir = x->f.rootdir;
    x->q.open.cred.uid = x->q.open.cred.gid = uid;
    x->q.open.flags = flags;
    x->q.open.mode = 0666;
    x->q.open.umask = 022;
    x->q.open.path_len = (uint32_t)strlen(path) + 1;
    grant(x, 0, (void *)(uintptr_t)path, strlen(path) + 1, GRANT_READ);
    return call(x);
}

TEST(ipc_open_write_read_close)
{
    struct ipcfx x;
    char data[] = "hello through grants", back[64];
    uint64_t h;

    REQUIRE(ipc_setup(&x) == 0);
    CHECK_EQ(ipc_open(&x, "/tmp/f", LINUX_O_RDWR | LINUX_O_CREAT, 1000), 0);
    h = x.r.open_rep.handle;
    CHECK(h != 0);
    CHECK_EQ(x.r.open_rep.mode, LINUX_S_IFREG | 0644);
    CHECK_EQ(x.r.open_rep.flags, VFS_OPEN_CREATED);

    x.q.write.label = VFS_WRITE;
    x.q.write.handle = h;
    x.q.write.offset = 0;
    x.q.write.count = sizeof data - 1;
    grant(&x, 0, data, sizeof data - 1, GRANT_READ);
    CHECK_EQ(call(&x), sizeof data - 1);
    CHECK_EQ(x.r.write_rep.end, sizeof data - 1);
    CHECK_EQ(x.r.write_rep.size, sizeof data - 1);

    x.q.write.label = VFS_WRITE; /* O_APPEND: the server picks the offset */
    x.q.write.handle = h;
    x.q.write.offset = 3;
    x.q.write.count = 1;
    x.q.write.flags = VFS_WRITE_APPEND;
    grant(&x, 0, "!", 1, GRANT_READ);
    CHECK_EQ(call(&x), 1);
    CHECK_EQ(x.r.write_rep.end, sizeof data);

    memset(back, 0, sizeof back);
    x.q.read.label = VFS_READ;
    x.q.read.handle = h;
    x.q.read.offset = 6;
    x.q.read.count = sizeof back;
    grant(&x, 0, back, sizeof back, GRANT_WRITE);
    CHECK_EQ(call(&x), sizeof data - 6);
    CHECK_STR(back, "through grants!");

    /* a read into a window without the write right */
    x.q.read.label = VFS_READ;
    x.q.read.handle = h;
    x.q.read.count = 4;
    grant(&x, 0, back, 4, GRANT_READ);
    CHECK_EQ(call(&x), -EPERM);
    CHECK(rest_is_zero(&x.r));
    /* count larger than the window: -EFAULT, nothing past it touched */
    x.q.read.label = VFS_READ;
    x.q.read.handle = h;
    x.q.read.count = 100;
    grant(&x, 0, back, 4, GRANT_WRITE);
    CHECK_EQ(call(&x), -EFAULT);

    x.q.close.label = VFS_CLOSE;
    x.q.close.handle = h;
    CHECK_EQ(call(&x), 0);
    x.q.close.label = VFS_CLOSE;
    x.q.close.handle = h;
    CHECK_EQ(call(&x), -EBADF);
    fx_teardown(&x.f);
}

TEST(ipc_stat_and_statfs_through_grant_1)
{
    struct ipcfx x;
    struct linux_stat st;
    struct linux_statx stx;
    struct linux_statfs sfs;
    unsigned char small[64];
    const char *p = "/dev/null";

    REQUIRE(ipc_setup(&x) == 0);
    x.q.stat.label = VFS_STAT;
    x.q.stat.path_len = 10;
    x.q.stat.out_len = sizeof st;
    grant(&x, 0, (void *)(uintptr_t)p, 10, GRANT_READ);
    grant(&x, 1, &st, sizeof st, GRANT_WRITE);
    CHECK_EQ(call(&x), 0);
    CHECK_EQ(st.st_mode, LINUX_S_IFCHR | 0666);
    CHECK_EQ(st.st_rdev, LINUX_MKDEV(1, 3));
    CHECK_EQ(x.r.stat_rep.mode, LINUX_S_IFCHR | 0666);
    CHECK_EQ(x.r.stat_rep.rdev, LINUX_MKDEV(1, 3));
    /* statx */
    x.q.stat.label = VFS_STAT;
    x.q.stat.path_len = 10;
    x.q.stat.out_len = sizeof stx;
    x.q.stat.format = VFS_STAT_STATX;
    grant(&x, 0, (void *)(uintptr_t)p, 10, GRANT_READ);
    grant(&x, 1, &stx, sizeof stx, GRANT_WRITE);
    CHECK_EQ(call(&x), 0);
    CHECK_EQ(stx.stx_rdev_major, 1);
    CHECK_EQ(stx.stx_rdev_minor, 3);
    /* reply words only (fstat of a handle, for the kernel itself) */
    x.q.stat.label = VFS_STAT;
    x.q.stat.dir = x.f.rootdir;
    CHECK_EQ(call(&x), 0);
    CHECK_EQ(x.r.stat_rep.mode, LINUX_S_IFDIR | 0755);
    /* too small: said so, or a window smaller than said */
    x.q.stat.label = VFS_STAT;
    x.q.stat.path_len = 10;
    x.q.stat.out_len = 100;
    grant(&x, 0, (void *)(uintptr_t)p, 10, GRANT_READ);
    grant(&x, 1, small, sizeof small, GRANT_WRITE);
    CHECK_EQ(call(&x), -EFAULT);
    x.q.stat.label = VFS_STAT;
    x.q.stat.path_len = 10;
    x.q.stat.out_len = sizeof st;
    grant(&x, 0, (void *)(uintptr_t)p, 10, GRANT_READ);
    grant(&x, 1, small, sizeof small, GRANT_WRITE);
    CHECK_EQ(call(&x), -EFAULT);
    CHECK(rest_is_zero(&x.r));
    x.q.stat.label = VFS_STAT;
    x.q.stat.format = 9;
    CHECK_EQ(call(&x), -EINVAL);
    /* statfs */
    x.q.statfs.label = VFS_STATFS;
    x.q.statfs.path_len = 6;
    x.q.statfs.out_len = sizeof sfs;
    grant(&x, 0, "/proc", 6, GRANT_READ);
    grant(&x, 1, &sfs, sizeof sfs, GRANT_WRITE);
    CHECK_EQ(call(&x), 0);
    CHECK_EQ(sfs.f_type, LINUX_PROC_SUPER_MAGIC);
    CHECK_EQ(x.r.statfs_rep.type, LINUX_PROC_SUPER_MAGIC);
    fx_teardown(&x.f);
}

TEST(ipc_paths_are_checked)
{
    struct ipcfx x;
    char nonul[10], *longp;

    REQUIRE(ipc_setup(&x) == 0);
    memset(nonul, 'a', sizeof nonul);
    x.q.mkdir.label = VFS_MKDIR;
    x.q.mkdir.path_len = sizeof nonul;
    x.q.mkdir.mode = 0755;
    grant(&x, 0, nonul, sizeof nonul, GRANT_READ);
    CHECK_EQ(call(&x), -EFAULT);
    CHECK(!fx_exists(&x.f, "/aaaaaaaaaa"));
    /* no NUL within PATH_MAX */
    longp = malloc(5000);
    REQUIRE(longp != NULL);
    memset(longp, 'b', 5000);
    x.q.mkdir.label = VFS_MKDIR;
    x.q.mkdir.path_len = 5000;
    grant(&x, 0, longp, 5000, GRANT_READ);
    CHECK_EQ(call(&x), -ENAMETOOLONG);
    /* exactly PATH_MAX with the NUL last: a 4095-byte path (too long a name here) */
    longp[0] = '/';
    longp[LINUX_PATH_MAX - 1] = 0;
    x.q.mkdir.label = VFS_MKDIR;
    x.q.mkdir.path_len = LINUX_PATH_MAX;
    grant(&x, 0, longp, LINUX_PATH_MAX, GRANT_READ);
    CHECK_EQ(call(&x), -ENAMETOOLONG);
    free(longp);
    /* the message claims more than the window holds */
    x.q.mkdir.label = VFS_MKDIR;
    x.q.mkdir.path_len = 100;
    grant(&x, 0, "/x", 3, GRANT_READ);
    CHECK_EQ(call(&x), -EFAULT);
    /* no grant at all, no read right, no path */
    x.q.mkdir.label = VFS_MKDIR;
    x.q.mkdir.path_len = 3;
    CHECK_EQ(call(&x), -EFAULT);
    x.q.mkdir.label = VFS_MKDIR;
    x.q.mkdir.path_len = 3;
    grant(&x, 0, "/x", 3, GRANT_WRITE);
    CHECK_EQ(call(&x), -EPERM);
    x.q.mkdir.label = VFS_MKDIR;
    CHECK_EQ(call(&x), -ENOENT);
    /* a path shorter than its window is fine */
    x.q.mkdir.label = VFS_MKDIR;
    x.q.mkdir.path_len = 8;
    x.q.mkdir.mode = 0755;
    grant(&x, 0, "/x\0junk", 8, GRANT_READ);
    CHECK_EQ(call(&x), 0);
    CHECK(fx_exists(&x.f, "/x"));
    fx_teardown(&x.f);
}

TEST(ipc_unknown_labels_and_bad_handles)
{
    static const uint64_t labels[] = {0, VFS_LABEL_MAX + 1, 1000, UINT64_MAX, 1ull << 32};
    static const uint64_t handle_labels[] = {VFS_CLOSE, VFS_READ, VFS_WRITE,  VFS_GETDENTS,
                                             VFS_FSYNC, VFS_DUP,  VFS_GETPATH};
    static const uint64_t handles[] = {0, 1, 0xffffffffffffffffull, 0x5500000001ull, 12345};
    struct ipcfx x;
    unsigned char buf[64];
    size_t i, j;

    REQUIRE(ipc_setup(&x) == 0);
    for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        memset(&x.q, 0xff, sizeof x.q);
        x.q.label = labels[i];
        CHECK_EQ(call(&x), -ENOSYS);
        CHECK(rest_is_zero(&x.r));
    }
    for (i = 0; i < sizeof handle_labels / sizeof handle_labels[0]; i++) {
        for (j = 0; j < sizeof handles / sizeof handles[0]; j++) {
            x.q.label = handle_labels[i];
            x.q.raw.words[1] = handles[j];
            x.q.raw.words[3] = sizeof buf; /* count */
            x.q.raw.words[2] = sizeof buf; /* bufsize of GETPATH */
            grant(&x, 0, buf, sizeof buf, GRANT_READ | GRANT_WRITE);
            CHECK_EQ(call(&x), -EBADF);
            CHECK(rest_is_zero(&x.r));
        }
    }
    /* a handle as the directory of a relative path */
    x.q.mkdir.label = VFS_MKDIR;
    x.q.mkdir.dir = 0x777;
    x.q.mkdir.path_len = 2;
    grant(&x, 0, "d", 2, GRANT_READ);
    CHECK_EQ(call(&x), -EBADF);
    fx_teardown(&x.f);
}

TEST(ipc_two_path_calls_and_strings)
{
    struct ipcfx x;
    char buf[64];

    REQUIRE(ipc_setup(&x) == 0);
    CHECK_EQ(fx_put(&x.f, &x.f.root, "/tmp/a", "A"), 0);
    x.q.rename.label = VFS_RENAME;
    x.q.rename.old_len = 7;
    x.q.rename.new_len = 7;
    grant(&x, 0, "/tmp/a", 7, GRANT_READ);
    grant(&x, 1, "/tmp/b", 7, GRANT_READ);
    CHECK_EQ(call(&x), 0);
    CHECK(fx_exists(&x.f, "/tmp/b"));
    x.q.rename.label = VFS_RENAME;
    x.q.rename.old_len = 7;
    grant(&x, 0, "/tmp/b", 7, GRANT_READ);
    CHECK_EQ(call(&x), -ENOENT); /* no second path */

    x.q.link.label = VFS_LINK;
    x.q.link.old_len = 7;
    x.q.link.new_len = 7;
    grant(&x, 0, "/tmp/b", 7, GRANT_READ);
    grant(&x, 1, "/tmp/c", 7, GRANT_READ);
    CHECK_EQ(call(&x), 0);

    x.q.symlink.label = VFS_SYMLINK;
    x.q.symlink.path_len = 7;
    x.q.symlink.target_len = 5;
    grant(&x, 0, "/tmp/l", 7, GRANT_READ);
    grant(&x, 1, "/etc", 5, GRANT_READ);
    CHECK_EQ(call(&x), 0);

    memset(buf, 0, sizeof buf);
    x.q.readlink.label = VFS_READLINK;
    x.q.readlink.path_len = 7;
    x.q.readlink.bufsize = 3;
    grant(&x, 0, "/tmp/l", 7, GRANT_READ);
    grant(&x, 1, buf, 3, GRANT_WRITE);
    CHECK_EQ(call(&x), 3);
    CHECK_STR(buf, "/et");

    x.q.unlink.label = VFS_UNLINK;
    x.q.unlink.path_len = 7;
    grant(&x, 0, "/tmp/l", 7, GRANT_READ);
    CHECK_EQ(call(&x), 0);

    /* getpath of the root handle, and a buffer too small */
    x.q.getpath.label = VFS_GETPATH;
    x.q.getpath.handle = x.f.rootdir;
    x.q.getpath.bufsize = sizeof buf;
    grant(&x, 0, buf, sizeof buf, GRANT_WRITE);
    CHECK_EQ(call(&x), 2);
    CHECK_STR(buf, "/");
    x.q.chdir.label = VFS_CHDIR;
    x.q.chdir.path_len = 11;
    grant(&x, 0, "/home/user", 11, GRANT_READ);
    CHECK_EQ(call(&x), 0);
    x.q.getpath.label = VFS_GETPATH;
    x.q.getpath.handle = x.r.chdir_rep.handle;
    x.q.getpath.bufsize = 5;
    grant(&x, 0, buf, 5, GRANT_WRITE);
    CHECK_EQ(call(&x), -ERANGE);

    /* mount with the type in the message, the source in grant 1 */
    x.q.mount.label = VFS_MOUNT;
    memcpy(x.q.mount.fstype, "tmpfs", 5);
    x.q.mount.path_len = 5;
    x.q.mount.source_len = 7;
    grant(&x, 0, "/tmp", 5, GRANT_READ);
    grant(&x, 1, "ramfs1", 7, GRANT_READ);
    CHECK_EQ(call(&x), 0);
    CHECK(!fx_exists(&x.f, "/tmp/b"));
    x.q.umount.label = VFS_UMOUNT;
    x.q.umount.path_len = 5;
    grant(&x, 0, "/tmp", 5, GRANT_READ);
    CHECK_EQ(call(&x), 0);
    CHECK(fx_exists(&x.f, "/tmp/b"));
    x.q.mount.label = VFS_MOUNT;
    memcpy(x.q.mount.fstype, "devtmpfs", 8); /* no NUL: the full 8 bytes */
    x.q.mount.path_len = 5;
    grant(&x, 0, "/mnt", 5, GRANT_READ);
    CHECK_EQ(call(&x), -ENOENT);
    fx_teardown(&x.f);
}

TEST(ipc_console_exec_getdents)
{
    struct ipcfx x;
    unsigned char buf[256];
    uint64_t h;

    REQUIRE(ipc_setup(&x) == 0);
    CHECK_EQ(ipc_open(&x, "/dev/console", LINUX_O_RDWR, 0), 0);
    CHECK_EQ(x.r.open_rep.flags, VFS_OPEN_KDEV);
    CHECK_EQ(x.r.open_rep.handle, 0);
    CHECK_EQ(x.r.open_rep.rdev, LINUX_MKDEV(5, 1));
    CHECK_EQ(ipc_open(&x, "/proc/self/fd/1", LINUX_O_WRONLY, 1000), 0);
    CHECK_EQ(x.r.open_rep.flags, VFS_OPEN_PROC_FD);
    CHECK_EQ(x.r.open_rep.proc_pid, 42);
    CHECK_EQ(x.r.open_rep.proc_fd, 1);

    CHECK_EQ(fx_put(&x.f, &x.f.root, "/tmp/prog", "\177ELF"), 0);
    CHECK_EQ(vfs_chmod(x.f.v, &x.f.root, 0, "/tmp/prog", 0755, 0), 0);
    x.q.exec_open.label = VFS_EXEC_OPEN;
    x.q.exec_open.dir = x.f.rootdir;
    x.q.exec_open.cred.uid = 1000;
    x.q.exec_open.path_len = 9;
    grant(&x, 0, "tmp/prog", 9, GRANT_READ);
    CHECK_EQ(call(&x), 0);
    CHECK_EQ(x.r.exec_open_rep.size, 4);
    CHECK_EQ(x.r.exec_open_rep.mode, LINUX_S_IFREG | 0755);

    CHECK_EQ(ipc_open(&x, "/dev", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0), 0);
    h = x.r.open_rep.handle;
    x.q.getdents.label = VFS_GETDENTS;
    x.q.getdents.handle = h;
    x.q.getdents.count = sizeof buf;
    grant(&x, 0, buf, sizeof buf, GRANT_WRITE);
    CHECK(call(&x) > 0);
    CHECK(x.r.getdents_rep.cookie > 2);
    x.q.getdents.label = VFS_GETDENTS;
    x.q.getdents.handle = h;
    x.q.getdents.count = 10;
    grant(&x, 0, buf, 10, GRANT_WRITE);
    CHECK_EQ(call(&x), -EINVAL);
    fx_teardown(&x.f);
}

/* ---- garbage ---------------------------------------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static const char *const fuzz_paths[] = {
    "/tmp/f",          "/tmp",          "/",        ".",      "..", "/dev/null",
    "/proc/self/fd/0", "/proc/42/stat", "/tmp/d/e", "/tmp/l", "x",  "/home/user/",
    "/dev/zero",       "/proc",         "/tmp/f/",  "",
};

static uint64_t pick_word(uint64_t *handles, int nh)
{
    switch (rnd() % 6) {
    case 0:
        return 0;
    case 1:
        return rnd();
    case 2:
        return rnd() % 64;
    case 3:
        return handles[rnd() % (uint64_t)nh];
    case 4:
        return 1ull << (rnd() % 64);
    default:
        return rnd() % 5000;
    }
}

TEST(ipc_random_messages_never_crash)
{
    struct ipcfx x;
    unsigned char g0[96], g1[160];
    uint64_t handles[16];
    struct vfs_usage u;
    int nh = 1, i, w;
    int64_t res;

    REQUIRE(ipc_setup(&x) == 0);
    handles[0] = x.f.rootdir;
    CHECK_EQ(vfs_mkdir(x.f.v, &x.f.root, 0, "/tmp/d", 0777), 0);
    for (i = 0; i < 30000; i++) {
        uint64_t label = rnd() % (VFS_LABEL_MAX + 3);

        x.q.label = label;
        for (w = 1; w < IPC_MSG_WORDS; w++)
            x.q.raw.words[w] = pick_word(handles, nh);
        if (rnd() % 2) { /* a plausible path in grant 0 */
            const char *p = fuzz_paths[rnd() % (sizeof fuzz_paths / sizeof fuzz_paths[0])];
            size_t len = strlen(p) + 1;

            memset(g0, 'z', sizeof g0);
            memcpy(g0, p, len);
            /* the path length sits in different words per label: put it in
             * the likely places some of the time */
            if (rnd() % 2) {
                x.q.raw.words[3] = (x.q.raw.words[3] & 0xffffffffull) | (uint64_t)len << 32;
                x.q.raw.words[4] = (x.q.raw.words[4] & ~0xffffffffull) | len;
            }
        } else {
            for (w = 0; w < (int)sizeof g0; w++)
                g0[w] = (unsigned char)rnd();
        }
        for (w = 0; w < (int)sizeof g1; w++)
            g1[w] = (unsigned char)(rnd() % 3 ? rnd() : 0);
        if (rnd() % 8)
            grant(&x, 0, g0, rnd() % (sizeof g0 + 1), (int)(rnd() % 4));
        if (rnd() % 2)
            grant(&x, 1, g1, rnd() % (sizeof g1 + 1), (int)(rnd() % 4));
        res = call(&x);
        if (res < 0) {
            CHECK(res >= -4095);
            if (!rest_is_zero(&x.r)) {
                CHECK(rest_is_zero(&x.r));
                break;
            }
        } else if ((label == VFS_OPEN || label == VFS_CHDIR || label == VFS_DUP ||
                    label == VFS_EXEC_OPEN) &&
                   x.r.raw.words[1] && nh < 16) {
            handles[nh++] = x.r.raw.words[1];
        }
        if (label == VFS_CLOSE && res == 0 && nh > 1)
            nh--; /* keep using possibly closed ones too: they must be -EBADF */
    }
    vfs_get_usage(x.f.v, &u);
    CHECK(u.used <= u.budget);
    fx_teardown(&x.f);
}

static const char *const plausible_paths[] = {
    "/tmp/a",      "/tmp/b",
    "/tmp/d",      "/tmp/d/c",
    "/tmp/l",      "/tmp/d/",
    "a",           "d/x",
    "..",          ".",
    "/tmp/a/",     "/proc/self/fd/3",
    "/proc/42/fd", "/proc/self/exe",
    "/dev/null",   "/dev/zero",
    "/tmp/mnt",    "/tmp",
    "/",           "/proc/mounts",
    "/dev/fd/0",
};

static const char *random_path(void)
{
    return plausible_paths[rnd() % (sizeof plausible_paths / sizeof plausible_paths[0])];
}

/* put_path: a random path into buf and grant g; its window length. */
static uint32_t put_path(struct ipcfx *x, unsigned g, unsigned char *buf)
{
    const char *p = random_path();
    uint32_t len = (uint32_t)strlen(p) + 1;

    memcpy(buf, p, len);
    grant(x, g, buf, len, GRANT_READ);
    return len;
}

static const char *const fstypes[] = {"tmpfs", "proc", "devtmpfs", "devfs", "ext4"};

/* fill: a plausible request for label (handles from the table). */
static void fill(struct ipcfx *x, uint64_t label, const uint64_t *handles, int nh,
                 unsigned char *g0, unsigned char *g1)
{
    union vfs_msg *q = &x->q;
    uint64_t h = rnd() % 2 ? handles[0] : handles[rnd() % (uint64_t)nh];
    struct vfs_msg_cred cred = {rnd() % 2 ? 0 : 1000, rnd() % 2 ? 0 : 1000};
    uint32_t n;

    q->label = label;
    switch (label) {
    case VFS_OPEN:
        q->open.dir = h;
        q->open.cred = cred;
        q->open.flags = (uint32_t)(rnd() % 3) |
                        (uint32_t)(rnd() & (LINUX_O_CREAT | LINUX_O_EXCL | LINUX_O_TRUNC |
                                            LINUX_O_APPEND | LINUX_O_DIRECTORY | LINUX_O_NOFOLLOW |
                                            (rnd() % 8 ? 0 : LINUX_O_PATH)));
        q->open.mode = (uint16_t)(rnd() & 07777);
        q->open.umask = 022;
        q->open.path_len = put_path(x, 0, g0);
        break;
    case VFS_CLOSE:
    case VFS_FSYNC:
    case VFS_DUP:
        q->raw.words[1] = h;
        break;
    case VFS_READ:
    case VFS_WRITE:
    case VFS_GETDENTS:
        n = (uint32_t)(rnd() % 300);
        q->raw.words[1] = h;
        q->raw.words[2] = label == VFS_GETDENTS ? rnd() % 12 : rnd() % 9000;
        q->raw.words[3] = n;
        q->write.flags = label == VFS_WRITE ? (uint32_t)(rnd() % 2) : 0;
        grant(x, 0, g0, n, label == VFS_WRITE ? GRANT_READ : GRANT_WRITE);
        break;
    case VFS_STAT:
        q->stat.dir = h;
        q->stat.cred = cred;
        q->stat.flags = rnd() % 2 ? LINUX_AT_SYMLINK_NOFOLLOW : 0;
        q->stat.path_len = rnd() % 4 ? put_path(x, 0, g0) : 0;
        q->stat.format = (uint32_t)(rnd() % 2);
        q->stat.out_len = q->stat.format ? 256 : 128;
        grant(x, 1, g1, q->stat.out_len, GRANT_WRITE);
        break;
    case VFS_MKDIR:
    case VFS_MKNOD:
        q->mkdir.dir = h;
        q->mkdir.cred = cred;
        q->mkdir.mode =
            (uint16_t)(label == VFS_MKNOD ? (rnd() % 2 ? LINUX_S_IFIFO : 0) | 0644 : rnd() & 07777);
        q->mkdir.umask = 022;
        q->mkdir.path_len = put_path(x, 0, g0);
        break;
    case VFS_UNLINK:
        q->unlink.dir = h;
        q->unlink.cred = cred;
        q->unlink.flags = rnd() % 2 ? LINUX_AT_REMOVEDIR : 0;
        q->unlink.path_len = put_path(x, 0, g0);
        break;
    case VFS_RENAME:
    case VFS_LINK:
        q->rename.olddir = h;
        q->rename.newdir = handles[rnd() % (uint64_t)nh];
        q->rename.cred = cred;
        q->rename.old_len = put_path(x, 0, g0);
        q->rename.new_len = put_path(x, 1, g1);
        q->rename.flags = (uint32_t)(rnd() % 3);
        if (label == VFS_LINK)
            q->link.flags = rnd() % 2 ? LINUX_AT_SYMLINK_FOLLOW : 0;
        break;
    case VFS_SYMLINK:
        q->symlink.dir = h;
        q->symlink.cred = cred;
        q->symlink.path_len = put_path(x, 0, g0);
        q->symlink.target_len = put_path(x, 1, g1);
        break;
    case VFS_READLINK:
        q->readlink.dir = h;
        q->readlink.cred = cred;
        q->readlink.path_len = put_path(x, 0, g0);
        q->readlink.bufsize = rnd() % 300;
        grant(x, 1, g1, q->readlink.bufsize, GRANT_WRITE);
        break;
    case VFS_ACCESS:
    case VFS_CHMOD:
        q->access.dir = h;
        q->access.cred = cred;
        q->access.mode = label == VFS_ACCESS ? (uint32_t)(rnd() % 8) : (uint32_t)(rnd() & 07777);
        q->access.flags = rnd() % 2 ? LINUX_AT_SYMLINK_NOFOLLOW : 0;
        q->access.path_len = rnd() % 4 ? put_path(x, 0, g0) : 0;
        break;
    case VFS_CHOWN:
        q->chown.dir = h;
        q->chown.cred = cred;
        q->chown.uid = rnd() % 3 ? (uint32_t)(rnd() % 2 ? 0 : 1000) : VFS_ID_UNCHANGED;
        q->chown.gid = rnd() % 3 ? (uint32_t)(rnd() % 2 ? 0 : 1000) : VFS_ID_UNCHANGED;
        q->chown.path_len = rnd() % 4 ? put_path(x, 0, g0) : 0;
        break;
    case VFS_UTIMENS:
        q->utimens.dir = h;
        q->utimens.cred = cred;
        q->utimens.atime_ns = rnd() % 3 ? (int64_t)rnd() : VFS_UTIME_NOW;
        q->utimens.mtime_ns = rnd() % 3 ? VFS_UTIME_OMIT : (int64_t)(rnd() >> 1);
        q->utimens.path_len = rnd() % 4 ? put_path(x, 0, g0) : 0;
        break;
    case VFS_TRUNCATE:
        q->truncate.dir = h;
        q->truncate.cred = cred;
        q->truncate.length = rnd() % 4 ? (int64_t)(rnd() % 20000) : (int64_t)rnd();
        q->truncate.path_len = rnd() % 4 ? put_path(x, 0, g0) : 0;
        break;
    case VFS_STATFS:
    case VFS_CHDIR:
        q->statfs.dir = h;
        q->statfs.cred = cred;
        q->statfs.path_len = rnd() % 4 ? put_path(x, 0, g0) : 0;
        q->statfs.out_len = label == VFS_STATFS ? 120 : 0;
        grant(x, 1, g1, 120, GRANT_WRITE);
        break;
    case VFS_MOUNT:
        q->mount.dir = h;
        q->mount.cred = cred;
        memcpy(q->mount.fstype, fstypes[rnd() % 5], 5);
        q->mount.flags = (uint32_t)(rnd() & (LINUX_MS_RDONLY | LINUX_MS_NODEV | LINUX_MS_REMOUNT));
        q->mount.path_len = put_path(x, 0, g0);
        q->mount.source_len = rnd() % 2 ? put_path(x, 1, g1) : 0;
        break;
    case VFS_UMOUNT:
        q->umount.dir = h;
        q->umount.cred = cred;
        q->umount.flags = rnd() % 2 ? LINUX_MNT_DETACH : 0;
        q->umount.path_len = put_path(x, 0, g0);
        break;
    case VFS_EXEC_OPEN:
        q->exec_open.dir = h;
        q->exec_open.cred = cred;
        q->exec_open.path_len = put_path(x, 0, g0);
        break;
    case VFS_GETPATH:
        q->getpath.handle = h;
        q->getpath.bufsize = rnd() % 300;
        grant(x, 0, g0, q->getpath.bufsize, GRANT_WRITE);
        break;
    default:
        break;
    }
    if (rnd() % 8 == 0) /* now and then, one word of garbage */
        q->raw.words[1 + rnd() % (IPC_MSG_WORDS - 1)] = rnd();
}

TEST(ipc_plausible_messages_keep_the_server_sound)
{
    struct ipcfx x;
    static unsigned char g0[300], g1[300];
    uint64_t handles[32];
    struct vfs_usage u;
    int nh = 1, i, ok = 0, labels_ok[VFS_LABEL_MAX + 1] = {0};
    int64_t res;

    REQUIRE(ipc_setup(&x) == 0);
    handles[0] = x.f.rootdir;
    CHECK_EQ(vfs_mkdir(x.f.v, &x.f.root, 0, "/tmp/mnt", 0777), 0);
    for (i = 0; i < 40000; i++) {
        if (i % 500 == 0) { /* keep a usable tree: no mounts over it, some files, sane modes */
            int k;

            for (k = 0; k < 8; k++) {
                vfs_umount(x.f.v, &x.f.root, 0, "/tmp/mnt", LINUX_MNT_DETACH);
                vfs_umount(x.f.v, &x.f.root, 0, "/tmp", LINUX_MNT_DETACH);
            }
            vfs_chmod(x.f.v, &x.f.root, 0, "/", 0755, 0);
            vfs_chmod(x.f.v, &x.f.root, 0, "/tmp", 01777, 0);
            fx_put(&x.f, &x.f.root, "/tmp/a", "aaaa");
            fx_put(&x.f, &x.f.root, "/a", "a");
        }
        uint64_t label = 1 + rnd() % VFS_LABEL_MAX;

        fill(&x, label, handles, nh, g0, g1);
        res = call(&x);
        if (res < 0) {
            CHECK(res >= -4095);
            if (!rest_is_zero(&x.r)) {
                CHECK(rest_is_zero(&x.r));
                break;
            }
            continue;
        }
        ok++;
        labels_ok[label]++;
        if ((label == VFS_OPEN || label == VFS_CHDIR || label == VFS_DUP ||
             label == VFS_EXEC_OPEN) &&
            x.r.raw.words[1]) {
            if (nh < 32)
                handles[nh++] = x.r.raw.words[1];
            else
                handles[1 + rnd() % 31] = x.r.raw.words[1]; /* the old one leaks to teardown */
        }
    }
    /* every operation succeeded some of the time */
    for (i = 1; i <= VFS_LABEL_MAX; i++)
        if (!labels_ok[i])
            fprintf(stderr, "    label %d never succeeded\n", i);
    for (i = 1; i <= VFS_LABEL_MAX; i++)
        CHECK(labels_ok[i] > 0);
    CHECK(ok > 2000);
    vfs_get_usage(x.f.v, &u);
    CHECK(u.used <= u.budget);
    fx_teardown(&x.f);
}
