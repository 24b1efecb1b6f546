/*
 * vfs/devfs.c — character devices and the file system on /dev.
 *
 * Devices are found by number (rdev), wherever their node is (as in
 * Linux): null, zero, full, random and urandom are served here; the console
 * (5:1) and the controlling terminal (5:0) belong to the kernel, whose open
 * reply says so.  devfs itself is a tmpfs that starts out holding the
 * device nodes (like Linux's devtmpfs), so mknod, chmod and symlinks work
 * in /dev as anywhere else.
 */
#include <string.h>

#include "internal.h"

enum dev_kind { DEV_NULL, DEV_ZERO, DEV_FULL, DEV_RANDOM, DEV_URANDOM, DEV_TTY, DEV_CONSOLE };

static const struct device {
    const char *name;
    uint32_t major, minor;
    uint32_t mode;
    enum dev_kind kind;
} devices[] = {
    {"null", 1, 3, 0666, DEV_NULL},       {"zero", 1, 5, 0666, DEV_ZERO},
    {"full", 1, 7, 0666, DEV_FULL},       {"random", 1, 8, 0666, DEV_RANDOM},
    {"urandom", 1, 9, 0666, DEV_URANDOM}, {"tty", 5, 0, 0666, DEV_TTY},
    {"console", 5, 1, 0600, DEV_CONSOLE},
};
#define NDEVICES (sizeof devices / sizeof devices[0])

static const struct device *find_device(uint64_t rdev)
{
    size_t i;

    for (i = 0; i < NDEVICES; i++)
        if (LINUX_MKDEV(devices[i].major, devices[i].minor) == rdev)
            return &devices[i];
    return NULL;
}

int chardev_open(uint64_t rdev)
{
    const struct device *d = find_device(rdev);

    if (!d)
        return -ENXIO;
    return d->kind == DEV_TTY || d->kind == DEV_CONSOLE ? CHARDEV_KERNEL : 0;
}

static const unsigned char zeros[TMPFS_PAGE];

int64_t chardev_read(struct vfs *v, uint64_t rdev, struct vfs_xfer *x, uint64_t len)
{
    const struct device *d = find_device(rdev);
    unsigned char buf[256];
    uint64_t done = 0;
    int err;

    if (!d)
        return -ENXIO;
    switch (d->kind) {
    case DEV_NULL:
        return 0;
    case DEV_ZERO:
    case DEV_FULL:
        while (done < len) {
            size_t chunk = len - done < sizeof zeros ? (size_t)(len - done) : sizeof zeros;

            err = x->copy(x, done, (void *)(uintptr_t)zeros, chunk, 1);
            if (err)
                return done ? (int64_t)done : err;
            done += chunk;
        }
        return (int64_t)done;
    case DEV_RANDOM:
    case DEV_URANDOM:
        if (!v->cfg.entropy)
            return -EIO;
        while (done < len) {
            size_t chunk = len - done < sizeof buf ? (size_t)(len - done) : sizeof buf;

            err = v->cfg.entropy(v->cfg.cb_ctx, buf, chunk);
            if (!err)
                err = x->copy(x, done, buf, chunk, 1);
            if (err)
                return done ? (int64_t)done : err;
            done += chunk;
        }
        return (int64_t)done;
    default:
        return -ENXIO;
    }
}

int64_t chardev_write(struct vfs *v, uint64_t rdev, struct vfs_xfer *x, uint64_t len)
{
    const struct device *d = find_device(rdev);

    if (!d)
        return -ENXIO;
    switch (d->kind) {
    case DEV_FULL:
        return len ? -ENOSPC : 0;
    case DEV_NULL:
    case DEV_ZERO:
    case DEV_RANDOM:
    case DEV_URANDOM:
        return (int64_t)len; /* consumed (entropy writes are not credited) */
    default:
        return -ENXIO;
    }
}

/* The first contents of /dev. */
static const struct {
    const char *name;
    uint32_t mode;
    const char *target;
} extras[] = {
    {"fd", LINUX_S_IFLNK | 0777, "/proc/self/fd"},
    {"stdin", LINUX_S_IFLNK | 0777, "/proc/self/fd/0"},
    {"stdout", LINUX_S_IFLNK | 0777, "/proc/self/fd/1"},
    {"stderr", LINUX_S_IFLNK | 0777, "/proc/self/fd/2"},
    {"pts", LINUX_S_IFDIR | 0755, NULL},
    {"shm", LINUX_S_IFDIR | 01777, NULL},
};

static int devfs_fill(struct vfs *v, struct fs *fs)
{
    struct vnode *n;
    size_t i;
    int err = tmpfs_fill_root(v, fs, 0755);

    for (i = 0; !err && i < NDEVICES; i++)
        err = tmpfs_create(v, fs->root, devices[i].name, strlen(devices[i].name),
                           LINUX_S_IFCHR | devices[i].mode, 0, 0,
                           LINUX_MKDEV(devices[i].major, devices[i].minor), NULL, 0, &n);
    for (i = 0; !err && i < sizeof extras / sizeof extras[0]; i++)
        err =
            tmpfs_create(v, fs->root, extras[i].name, strlen(extras[i].name), extras[i].mode, 0, 0,
                         0, extras[i].target, extras[i].target ? strlen(extras[i].target) : 0, &n);
    if (err && fs->root)
        tmpfs_ops.destroy(v, fs);
    return err;
}

const struct fs_type devfs_type = {"devtmpfs", LINUX_TMPFS_MAGIC, &tmpfs_ops, devfs_fill};
