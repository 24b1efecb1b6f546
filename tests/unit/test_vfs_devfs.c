/*
 * tests/unit/test_vfs_devfs.c — vfs/devfs.c: the nodes of /dev, the
 * devices the server serves (null, zero, full, random, urandom), the ones
 * it hands to the kernel (console, tty), and devices outside /dev.
 */
#include "vfs_fixture.h"

static int64_t dev_read(struct fx *f, const char *path, unsigned char *buf, size_t len)
{
    struct vfs_xfer_mem m;
    int64_t h = fx_open(f, &f->user, path, LINUX_O_RDONLY, 0), n;

    if (h < 0)
        return h;
    vfs_xfer_mem_init(&m, buf, len);
    n = vfs_read(f->v, (uint64_t)h, 12345, &m.x, len);
    vfs_close(f->v, (uint64_t)h);
    return n;
}

static int64_t dev_write(struct fx *f, const char *path, size_t len)
{
    static unsigned char data[10000];
    struct vfs_xfer_mem m;
    uint64_t end, size;
    int64_t h = fx_open(f, &f->user, path, LINUX_O_WRONLY, 0), n;

    if (h < 0)
        return h;
    vfs_xfer_mem_init(&m, data, len);
    n = vfs_write(f->v, (uint64_t)h, 0, 0, &m.x, len, &end, &size);
    vfs_close(f->v, (uint64_t)h);
    return n;
}

TEST(devfs_nodes)
{
    struct fx f;
    struct vfs_attr a;
    char list[256];

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_list(&f, &f.user, "/dev", list, sizeof list), 13);
    CHECK_STR(list, "console fd full null pts random shm stderr stdin stdout tty urandom zero");
    CHECK_EQ(fx_stat(&f, &f.user, "/dev/null", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFCHR | 0666);
    CHECK_EQ(a.rdev, LINUX_MKDEV(1, 3));
    CHECK_EQ(fx_stat(&f, &f.user, "/dev/console", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFCHR | 0600);
    CHECK_EQ(a.rdev, LINUX_MKDEV(5, 1));
    CHECK_EQ(fx_stat(&f, &f.user, "/dev/shm", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFDIR | 01777);
    CHECK_EQ(vfs_readlink(f.v, &f.user, 0, "/dev/stdin", list, sizeof list), 15);
    CHECK(memcmp(list, "/proc/self/fd/0", 15) == 0);
    /* /dev is a tmpfs: root can add to it */
    CHECK_EQ(vfs_mknod(f.v, &f.root, 0, "/dev/ttyS0", LINUX_S_IFCHR | 0660, LINUX_MKDEV(4, 64)), 0);
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/dev/null", 0660, 0), 0);
    CHECK_EQ(fx_open(&f, &f.user, "/dev/null", LINUX_O_RDONLY, 0), -EACCES);
    fx_teardown(&f);
}

TEST(devfs_null_zero_full)
{
    struct fx f;
    unsigned char buf[5000];
    size_t i;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(dev_read(&f, "/dev/null", buf, sizeof buf), 0);
    CHECK_EQ(dev_write(&f, "/dev/null", 10000), 10000);
    memset(buf, 7, sizeof buf);
    CHECK_EQ(dev_read(&f, "/dev/zero", buf, sizeof buf), 5000);
    for (i = 0; i < sizeof buf; i++)
        if (buf[i])
            break;
    CHECK_EQ(i, sizeof buf);
    CHECK_EQ(dev_write(&f, "/dev/zero", 10), 10);
    CHECK_EQ(dev_write(&f, "/dev/full", 10), -ENOSPC);
    CHECK_EQ(dev_read(&f, "/dev/full", buf, 10), 10);
    fx_teardown(&f);
}

TEST(devfs_random_uses_the_kernel)
{
    struct fx f;
    unsigned char buf[300];
    struct vfs_config cfg;
    struct vfs *v;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(dev_read(&f, "/dev/urandom", buf, sizeof buf), 300);
    CHECK_EQ(f.k.entropy_calls, 2); /* 256 + 44 */
    CHECK_EQ(buf[0], 0xa5);
    CHECK_EQ(buf[256], 0xa5);
    CHECK_EQ(buf[257], 0xa4);
    CHECK_EQ(dev_read(&f, "/dev/random", buf, 16), 16);
    CHECK_EQ(dev_write(&f, "/dev/random", 16), 16);
    fx_teardown(&f);
    /* without an entropy source: an error, never predictable bytes */
    memset(&cfg, 0, sizeof cfg);
    cfg.budget = 1 << 20;
    v = vfs_create(&cfg);
    REQUIRE(v != NULL);
    {
        struct vfs_ctx root = {1, 0, 0, 022};
        struct vfs_open_info info;
        struct vfs_xfer_mem m;

        CHECK_EQ(vfs_mknod(v, &root, 0, "/urandom", LINUX_S_IFCHR | 0666, LINUX_MKDEV(1, 9)), 0);
        CHECK_EQ(vfs_open(v, &root, 0, "/urandom", LINUX_O_RDONLY, 0, &info), 0);
        vfs_xfer_mem_init(&m, buf, 16);
        CHECK_EQ(vfs_read(v, info.handle, 0, &m.x, 16), -EIO);
    }
    vfs_destroy(v);
}

TEST(devfs_console_and_tty_belong_to_the_kernel)
{
    struct fx f;
    struct vfs_open_info info;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(vfs_open(f.v, &f.root, 0, "/dev/console", LINUX_O_RDWR | LINUX_O_NOCTTY, 0, &info), 0);
    CHECK_EQ(info.flags, VFS_OPEN_INFO_KDEV);
    CHECK_EQ(info.handle, 0);
    CHECK_EQ(info.rdev, LINUX_MKDEV(5, 1));
    CHECK_EQ(info.mode, LINUX_S_IFCHR | 0600);
    CHECK_EQ(vfs_open(f.v, &f.user, 0, "/dev/console", LINUX_O_RDWR, 0, &info), -EACCES);
    CHECK_EQ(vfs_open(f.v, &f.user, 0, "/dev/tty", LINUX_O_RDWR, 0, &info), 0);
    CHECK_EQ(info.flags, VFS_OPEN_INFO_KDEV);
    CHECK_EQ(info.rdev, LINUX_MKDEV(5, 0));
    CHECK_EQ(fx_open(&f, &f.root, "/dev/ttyS0", LINUX_O_RDWR, 0), -ENOENT);
    CHECK_EQ(vfs_mknod(f.v, &f.root, 0, "/dev/sda", LINUX_S_IFBLK | 0660, LINUX_MKDEV(8, 0)), 0);
    CHECK_EQ(fx_open(&f, &f.root, "/dev/sda", LINUX_O_RDWR, 0), -ENXIO);
    fx_teardown(&f);
}
