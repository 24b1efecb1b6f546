/*
 * tests/unit/test_vfs_initrd.c — vfs/initrd.c: an archive written with
 * vfs/cpio.c unpacked into the root (every entry type, owners, modes,
 * times, hard links, missing parents, replaced names), and every way it can
 * fail leaving the tree as it was: malformed archives, names with "..",
 * -ENOSPC half way, a root in use.  Archives are copied into heap buffers
 * of their exact size so AddressSanitizer catches any read past the end.
 */
#include "cpio.h"
#include "vfs_fixture.h"

struct archive {
    unsigned char *buf;
    size_t len;
};

static void add(struct cpio_writer *w, const char *name, uint32_t mode, uint32_t uid, uint32_t gid,
                uint32_t mtime, const char *data, uint32_t ino, uint32_t nlink, uint32_t rmaj,
                uint32_t rmin)
{
    struct cpio_entry e;

    memset(&e, 0, sizeof e);
    e.name = name;
    e.name_len = strlen(name);
    e.mode = mode;
    e.uid = uid;
    e.gid = gid;
    e.mtime = mtime;
    e.data = data;
    e.size = data ? (uint32_t)strlen(data) : 0;
    e.ino = ino;
    e.nlink = nlink ? nlink : 1;
    e.rdev_major = rmaj;
    e.rdev_minor = rmin;
    CHECK_EQ(cpio_write_entry(w, &e), 0);
}

/* build: the sample archive (or with bad = 1 a ".." name in the middle). */
static struct archive build(int bad, const char *big)
{
    struct archive a;
    struct cpio_writer w;
    int pass;

    a.buf = NULL;
    a.len = 0;
    for (pass = 0; pass < 2; pass++) {
        cpio_writer_init(&w, a.buf, a.len);
        add(&w, ".", CPIO_S_IFDIR | 0755, 0, 0, 100, NULL, 1, 2, 0, 0);
        add(&w, "bin", CPIO_S_IFDIR | 0755, 0, 0, 200, NULL, 2, 2, 0, 0);
        add(&w, "bin/toybox", CPIO_S_IFREG | 0755, 0, 0, 300, "TOYBOX", 3, 1, 0, 0);
        add(&w, "bin/ls", CPIO_S_IFLNK | 0777, 0, 0, 300, "toybox", 4, 1, 0, 0);
        add(&w, "./etc", CPIO_S_IFDIR | 0755, 0, 0, 400, NULL, 5, 2, 0, 0);
        add(&w, "etc/passwd", CPIO_S_IFREG | 0644, 0, 0, 500, "root:x:0:0::/root:/bin/sh\n", 6, 1,
            0, 0);
        if (bad)
            add(&w, "etc/../../escape", CPIO_S_IFREG | 0644, 0, 0, 0, "x", 20, 1, 0, 0);
        add(&w, "home/keel", CPIO_S_IFDIR | 0700, 1000, 1000, 600, NULL, 7, 2, 0, 0);
        add(&w, "dev/console", CPIO_S_IFCHR | 0600, 0, 0, 0, NULL, 8, 1, 5, 1);
        add(&w, "hard1", CPIO_S_IFREG | 0640, 0, 5, 700, NULL, 77, 2, 0, 0);
        add(&w, "hard2", CPIO_S_IFREG | 0640, 0, 5, 700, "shared data", 77, 2, 0, 0);
        add(&w, "fifo", CPIO_S_IFIFO | 0644, 0, 0, 0, NULL, 9, 1, 0, 0);
        add(&w, "replaced", CPIO_S_IFREG | 0644, 0, 0, 0, "first", 10, 1, 0, 0);
        add(&w, "replaced", CPIO_S_IFDIR | 0711, 0, 0, 0, NULL, 11, 2, 0, 0);
        if (big)
            add(&w, "big", CPIO_S_IFREG | 0644, 0, 0, 0, big, 12, 1, 0, 0);
        CHECK_EQ(cpio_write_trailer(&w), 0);
        if (pass == 0) {
            a.len = w.len;
            a.buf = malloc(a.len);
        }
    }
    return a;
}

static struct vfs *fresh(struct fx_kernel *k, uint64_t budget)
{
    fx_kernel_init(k);
    return fx_vfs(k, budget);
}

TEST(initrd_unpacks_every_kind)
{
    struct fx f;
    struct vfs_initrd_info info;
    struct archive ar = build(0, NULL);
    struct vfs_attr a, b;
    char buf[64];

    memset(&f, 0, sizeof f);
    f.v = fresh(&f.k, 1 << 20);
    REQUIRE(f.v != NULL);
    CHECK_EQ(vfs_load_initrd(f.v, ar.buf, ar.len, &info), 0);
    CHECK_STR(info.error, "");
    CHECK_EQ(info.entries, 12); /* not ".", nor the parents made on the way (home, dev) */
    CHECK_EQ(info.bytes, 6 + 26 + 11 + 5); /* regular files' data */
    free(ar.buf);                          /* nothing points into the archive */
    CHECK_EQ(vfs_chdir(f.v, &f.root, 0, "/", &f.rootdir), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFDIR | 0755);
    CHECK_EQ(a.mtime.tv_sec, 100);
    CHECK_EQ(fx_stat(&f, &f.root, "/bin", &a), 0);
    CHECK_EQ(a.mtime.tv_sec, 200); /* set after its children were made */
    CHECK_EQ(a.nlink, 2);
    CHECK_EQ(fx_get(&f, &f.root, "/bin/toybox", buf, sizeof buf), 6);
    CHECK_STR(buf, "TOYBOX");
    CHECK_EQ(fx_stat(&f, &f.root, "/bin/toybox", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFREG | 0755);
    CHECK_EQ(a.mtime.tv_sec, 300);
    CHECK_EQ(vfs_readlink(f.v, &f.root, 0, "/bin/ls", buf, sizeof buf), 6);
    CHECK_EQ(fx_get(&f, &f.root, "/bin/ls", buf, sizeof buf), 6);
    CHECK_EQ(fx_stat(&f, &f.root, "/etc", &a), 0);
    CHECK_EQ(a.mtime.tv_sec, 400);
    CHECK_EQ(fx_stat(&f, &f.root, "/home", &a), 0); /* made for home/keel */
    CHECK_EQ(a.mode, LINUX_S_IFDIR | 0755);
    CHECK_EQ(fx_stat(&f, &f.root, "/home/keel", &a), 0);
    CHECK_EQ(a.uid, 1000);
    CHECK_EQ(a.gid, 1000);
    CHECK_EQ(a.mode, LINUX_S_IFDIR | 0700);
    CHECK_EQ(fx_stat(&f, &f.root, "/dev/console", &a), 0);
    CHECK_EQ(a.rdev, LINUX_MKDEV(5, 1));
    CHECK_EQ(a.mode, LINUX_S_IFCHR | 0600);
    CHECK_EQ(fx_stat(&f, &f.root, "/fifo", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFIFO | 0644);
    /* hard links: one file, the data of the later entry */
    CHECK_EQ(fx_stat(&f, &f.root, "/hard1", &a), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/hard2", &b), 0);
    CHECK_EQ(a.ino, b.ino);
    CHECK_EQ(a.nlink, 2);
    CHECK_EQ(a.gid, 5);
    CHECK_EQ(fx_get(&f, &f.root, "/hard1", buf, sizeof buf), 11);
    CHECK_STR(buf, "shared data");
    /* a later entry replaces an earlier one of another type */
    CHECK_EQ(fx_stat(&f, &f.root, "/replaced", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFDIR | 0711);
    fx_teardown(&f);
}

static int same_tree(struct fx *f)
{
    char list[256];

    return fx_list(f, &f->root, "/", list, sizeof list) == 8 &&
           !strcmp(list, "bin dev etc fifo hard1 hard2 home replaced");
}

TEST(initrd_malformed_archives_change_nothing)
{
    struct fx f;
    struct vfs_initrd_info info;
    struct archive good = build(0, NULL), bad = build(1, NULL);
    struct vfs_usage before, after;
    unsigned char *copy;
    size_t cut;

    memset(&f, 0, sizeof f);
    f.v = fresh(&f.k, 1 << 20);
    REQUIRE(f.v != NULL);
    CHECK_EQ(vfs_load_initrd(f.v, good.buf, good.len, &info), 0);
    vfs_get_usage(f.v, &before);
    REQUIRE(same_tree(&f));

    /* a name with "..": refused before anything is built */
    CHECK_EQ(vfs_load_initrd(f.v, bad.buf, bad.len, &info), -EINVAL);
    CHECK(strstr(info.error, "\"..\"") != NULL);
    CHECK(same_tree(&f));

    /* cut anywhere before the trailer's padding: truncated header, name,
     * data, or no trailer */
    for (cut = 1; cut < good.len - 4; cut += 37) {
        copy = malloc(cut);
        REQUIRE(copy != NULL);
        memcpy(copy, good.buf, cut);
        CHECK_EQ(vfs_load_initrd(f.v, copy, cut, &info), -EINVAL);
        CHECK(strncmp(info.error, "initrd: ", 8) == 0);
        free(copy);
    }
    CHECK(same_tree(&f));

    /* bad magic, bad hex */
    copy = malloc(good.len);
    REQUIRE(copy != NULL);
    memcpy(copy, good.buf, good.len);
    copy[5] = '2';
    CHECK_EQ(vfs_load_initrd(f.v, copy, good.len, &info), -EINVAL);
    CHECK(strstr(info.error, "bad magic") != NULL);
    memcpy(copy, good.buf, good.len);
    copy[6 + 8] = 'g'; /* in the mode field */
    CHECK_EQ(vfs_load_initrd(f.v, copy, good.len, &info), -EINVAL);
    CHECK(strstr(info.error, "corrupt header") != NULL);
    free(copy);
    CHECK_EQ(vfs_load_initrd(f.v, NULL, 0, &info), -EINVAL);
    CHECK(strstr(info.error, "TRAILER") != NULL);

    CHECK(same_tree(&f));
    vfs_get_usage(f.v, &after);
    CHECK_EQ(after.used, before.used);
    CHECK_EQ(after.nodes, before.nodes);
    free(good.buf);
    free(bad.buf);
    fx_teardown(&f);
}

TEST(initrd_enospc_changes_nothing)
{
    struct fx f;
    struct vfs_initrd_info info;
    struct vfs_usage before, after;
    struct archive ar;
    char *big = malloc(100001);

    REQUIRE(big != NULL);
    memset(big, 'b', 100000);
    big[100000] = 0;
    ar = build(0, big);
    memset(&f, 0, sizeof f);
    f.v = fresh(&f.k, 64 * 1024);
    REQUIRE(f.v != NULL);
    vfs_get_usage(f.v, &before);
    CHECK_EQ(vfs_load_initrd(f.v, ar.buf, ar.len, &info), -ENOSPC);
    CHECK(strstr(info.error, "big") != NULL);
    CHECK(strstr(info.error, "no space") != NULL);
    CHECK_EQ(info.entries, 0);
    vfs_get_usage(f.v, &after);
    CHECK_EQ(after.used, before.used);
    CHECK_EQ(after.nodes, before.nodes);
    CHECK(!fx_exists(&f, "/bin"));
    free(ar.buf);
    free(big);
    fx_teardown(&f);
}

TEST(initrd_root_in_use)
{
    struct fx f;
    struct vfs_initrd_info info;
    struct archive ar = build(0, NULL);
    uint64_t h;

    memset(&f, 0, sizeof f);
    f.v = fresh(&f.k, 1 << 20);
    REQUIRE(f.v != NULL);
    CHECK_EQ(vfs_chdir(f.v, &f.root, 0, "/", &h), 0);
    CHECK_EQ(vfs_load_initrd(f.v, ar.buf, ar.len, &info), -EBUSY);
    CHECK(strstr(info.error, "in use") != NULL);
    CHECK_EQ(vfs_close(f.v, h), 0);
    CHECK_EQ(vfs_load_initrd(f.v, ar.buf, ar.len, &info), 0);
    /* the tree can then be used as any other */
    CHECK_EQ(vfs_mount(f.v, &f.root, 0, "/dev", "devtmpfs", "devtmpfs", 0), 0);
    CHECK_EQ(vfs_chdir(f.v, &f.root, 0, "/", &f.rootdir), 0);
    CHECK(fx_exists(&f, "/dev/null"));
    CHECK_EQ(fx_put(&f, &f.root, "/etc/hostname", "keel\n"), 0);
    free(ar.buf);
    fx_teardown(&f);
}

/* Found by fuzz_cpio: a directory entry replaced later in the archive by a
 * non-directory of the same name was freed, and setting the directory
 * times at the end wrote into the freed node. */
TEST(initrd_replaced_directory_keeps_no_stale_time)
{
    struct fx f;
    struct vfs_initrd_info info;
    struct vfs_attr a;
    struct vfs_usage before, after;
    struct cpio_writer w;
    unsigned char *buf = NULL;
    size_t len = 0;
    int pass;

    for (pass = 0; pass < 2; pass++) {
        cpio_writer_init(&w, buf, len);
        add(&w, "d", CPIO_S_IFDIR | 0755, 0, 0, 100, NULL, 1, 2, 0, 0);
        add(&w, "d", CPIO_S_IFREG | 0644, 0, 0, 200, "now a file", 2, 1, 0, 0);
        add(&w, "e", CPIO_S_IFDIR | 0700, 0, 0, 300, NULL, 3, 2, 0, 0);
        add(&w, "e", CPIO_S_IFLNK | 0777, 0, 0, 400, "d", 4, 1, 0, 0);
        CHECK_EQ(cpio_write_trailer(&w), 0);
        if (pass == 0) {
            len = w.len;
            buf = malloc(len);
            REQUIRE(buf != NULL);
        }
    }
    memset(&f, 0, sizeof f);
    f.v = fresh(&f.k, 1 << 20);
    REQUIRE(f.v != NULL);
    CHECK_EQ(vfs_load_initrd(f.v, buf, len, &info), 0);
    CHECK_EQ(fx_lstat(&f, &f.root, "/d", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFREG | 0644);
    CHECK_EQ(a.mtime.tv_sec, 200);
    CHECK_EQ(fx_lstat(&f, &f.root, "/e", &a), 0);
    CHECK_EQ(a.mode & LINUX_S_IFMT, LINUX_S_IFLNK);
    /* loading it again frees the first tree completely */
    vfs_get_usage(f.v, &before);
    CHECK_EQ(vfs_load_initrd(f.v, buf, len, &info), 0);
    vfs_get_usage(f.v, &after);
    CHECK_EQ(after.used, before.used);
    CHECK_EQ(after.nodes, before.nodes);
    free(buf);
    fx_teardown(&f);
}
