/*
 * tests/unit/test_vfs_ops.c — vfs/ops.c and vfs/tmpfs.c: every operation
 * and its Linux error cases, link counts, timestamps, umask, permissions,
 * unlinked-but-open files, mounts, and the tmpfs byte budget (-ENOSPC).
 */
#include "vfs_fixture.h"

static int64_t write_at(struct fx *f, uint64_t h, uint64_t off, const char *s, size_t len)
{
    struct vfs_xfer_mem m;
    uint64_t end, size;

    vfs_xfer_mem_init(&m, (void *)(uintptr_t)s, len);
    return vfs_write(f->v, h, off, 0, &m.x, len, &end, &size);
}

static int64_t read_at(struct fx *f, uint64_t h, uint64_t off, char *buf, size_t len)
{
    struct vfs_xfer_mem m;

    vfs_xfer_mem_init(&m, buf, len);
    return vfs_read(f->v, h, off, &m.x, len);
}

/* ---- open -------------------------------------------------------------------- */

TEST(vfs_open_create_umask_and_owner)
{
    struct fx f;
    struct vfs_attr a;
    struct vfs_open_info info;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    f.user.umask = 027;
    CHECK_EQ(
        vfs_open(f.v, &f.user, 0, "/home/user/new", LINUX_O_WRONLY | LINUX_O_CREAT, 0666, &info),
        0);
    CHECK(info.handle != 0);
    CHECK_EQ(info.flags, VFS_OPEN_INFO_CREATED);
    CHECK_EQ(info.mode, LINUX_S_IFREG | 0640);
    CHECK_EQ(fx_stat(&f, &f.root, "/home/user/new", &a), 0);
    CHECK_EQ(a.uid, 1000);
    CHECK_EQ(a.gid, 1000);
    CHECK_EQ(a.nlink, 1);
    CHECK_EQ(a.mtime.tv_sec, FX_NOW_NS / 1000000000);
    CHECK_EQ(a.mtime.tv_nsec, FX_NOW_NS % 1000000000);
    CHECK_EQ(vfs_close(f.v, info.handle), 0);
    /* a file created 0444 can still be written through the creating open */
    CHECK(fx_open(&f, &f.user, "/home/user/ro", LINUX_O_RDWR | LINUX_O_CREAT, 0444) > 0);
    CHECK_EQ(fx_open(&f, &f.user, "/home/user/ro", LINUX_O_RDWR, 0), -EACCES);
    /* no write permission on the directory */
    CHECK_EQ(fx_open(&f, &f.user, "/newfile", LINUX_O_WRONLY | LINUX_O_CREAT, 0644), -EACCES);
    fx_teardown(&f);
}

TEST(vfs_open_excl_trunc_directory_flags)
{
    struct fx f;
    struct vfs_attr a;
    char buf[16];

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_put(&f, &f.root, "/f", "hello"), 0);
    CHECK_EQ(fx_open(&f, &f.root, "/f", LINUX_O_RDWR | LINUX_O_CREAT | LINUX_O_EXCL, 0644),
             -EEXIST);
    CHECK(fx_open(&f, &f.root, "/f", LINUX_O_RDWR | LINUX_O_CREAT, 0644) > 0);
    CHECK_EQ(fx_get(&f, &f.root, "/f", buf, sizeof buf), 5);
    f.k.now_ns += 5000000000ll;
    CHECK(fx_open(&f, &f.root, "/f", LINUX_O_WRONLY | LINUX_O_TRUNC, 0) > 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/f", &a), 0);
    CHECK_EQ(a.size, 0);
    CHECK_EQ(a.mtime.tv_sec, FX_NOW_NS / 1000000000 + 5);
    CHECK_EQ(fx_open(&f, &f.root, "/f", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0), -ENOTDIR);
    CHECK(fx_open(&f, &f.root, "/tmp", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0) > 0);
    CHECK_EQ(fx_open(&f, &f.root, "/tmp", LINUX_O_WRONLY, 0), -EISDIR);
    CHECK_EQ(fx_open(&f, &f.root, "/tmp", LINUX_O_RDONLY | LINUX_O_TRUNC, 0), -EISDIR);
    CHECK_EQ(fx_open(&f, &f.root, "/tmp", LINUX_O_RDONLY | LINUX_O_CREAT, 0644), -EISDIR);
    CHECK_EQ(fx_open(&f, &f.root, ".", LINUX_O_RDONLY | LINUX_O_CREAT, 0644), -EISDIR);
    CHECK_EQ(fx_open(&f, &f.root, "/x", LINUX_O_RDONLY | LINUX_O_CREAT | LINUX_O_DIRECTORY, 0),
             -EINVAL);
    CHECK_EQ(fx_open(&f, &f.root, "/x", LINUX_O_RDONLY | LINUX_O_TMPFILE, 0600), -EOPNOTSUPP);
    CHECK_EQ(fx_open(&f, &f.root, "/missing", LINUX_O_RDONLY, 0), -ENOENT);
    fx_teardown(&f);
}

TEST(vfs_open_through_symlinks)
{
    struct fx f;
    struct vfs_attr a;
    int64_t h;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "target", 0, "/tmp/dangling"), 0);
    CHECK_EQ(
        fx_open(&f, &f.root, "/tmp/dangling", LINUX_O_WRONLY | LINUX_O_CREAT | LINUX_O_EXCL, 0644),
        -EEXIST);
    /* O_CREAT through a dangling link makes its target */
    CHECK(fx_open(&f, &f.root, "/tmp/dangling", LINUX_O_WRONLY | LINUX_O_CREAT, 0644) > 0);
    CHECK_EQ(fx_lstat(&f, &f.root, "/tmp/target", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFREG | 0644);
    /* O_PATH | O_NOFOLLOW opens the link itself */
    h = fx_open(&f, &f.root, "/tmp/dangling", LINUX_O_PATH | LINUX_O_NOFOLLOW, 0);
    REQUIRE(h > 0);
    CHECK_EQ(vfs_stat(f.v, &f.root, (uint64_t)h, NULL, 0, &a), 0);
    CHECK_EQ(a.mode & LINUX_S_IFMT, LINUX_S_IFLNK);
    {
        char buf[16];

        CHECK_EQ(read_at(&f, (uint64_t)h, 0, buf, sizeof buf), -EBADF);
        CHECK_EQ(vfs_readlink(f.v, &f.root, (uint64_t)h, NULL, buf, sizeof buf), 6);
    }
    fx_teardown(&f);
}

TEST(vfs_open_permissions)
{
    struct fx f;
    int64_t h;
    char buf[8];

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_put(&f, &f.root, "/secret", "s"), 0);
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/secret", 0600, 0), 0);
    CHECK_EQ(fx_open(&f, &f.user, "/secret", LINUX_O_RDONLY, 0), -EACCES);
    CHECK_EQ(fx_open(&f, &f.user, "/secret", LINUX_O_WRONLY, 0), -EACCES);
    CHECK(fx_open(&f, &f.root, "/secret", LINUX_O_RDWR, 0) > 0);
    CHECK_EQ(fx_put(&f, &f.root, "/public", "p"), 0); /* 0644 */
    CHECK(fx_open(&f, &f.user, "/public", LINUX_O_RDONLY, 0) > 0);
    CHECK_EQ(fx_open(&f, &f.user, "/public", LINUX_O_RDWR, 0), -EACCES);
    CHECK_EQ(fx_open(&f, &f.user, "/public", LINUX_O_RDONLY | LINUX_O_TRUNC, 0), -EACCES);
    /* access modes of the handle */
    h = fx_open(&f, &f.root, "/public", LINUX_O_WRONLY, 0);
    CHECK_EQ(read_at(&f, (uint64_t)h, 0, buf, 1), -EBADF);
    CHECK_EQ(write_at(&f, (uint64_t)h, 0, "q", 1), 1);
    h = fx_open(&f, &f.root, "/public", LINUX_O_RDONLY, 0);
    CHECK_EQ(write_at(&f, (uint64_t)h, 0, "q", 1), -EBADF);
    CHECK_EQ(read_at(&f, (uint64_t)h, 0, buf, 1), 1);
    CHECK_EQ(buf[0], 'q');
    fx_teardown(&f);
}

/* ---- read and write --------------------------------------------------------------- */

TEST(vfs_read_write_offsets_holes_append)
{
    struct fx f;
    struct vfs_attr a;
    struct vfs_xfer_mem m;
    uint64_t end, size;
    char buf[64], *big;
    int64_t h;
    size_t i;

    REQUIRE(fx_setup(&f, 1 << 22) == 0);
    h = fx_open(&f, &f.root, "/f", LINUX_O_RDWR | LINUX_O_CREAT, 0644);
    REQUIRE(h > 0);
    CHECK_EQ(write_at(&f, (uint64_t)h, 0, "abcdef", 6), 6);
    CHECK_EQ(write_at(&f, (uint64_t)h, 2, "XY", 2), 2);
    CHECK_EQ(read_at(&f, (uint64_t)h, 0, buf, sizeof buf), 6);
    CHECK(memcmp(buf, "abXYef", 6) == 0);
    CHECK_EQ(read_at(&f, (uint64_t)h, 4, buf, 1), 1);
    CHECK_EQ(buf[0], 'e');
    CHECK_EQ(read_at(&f, (uint64_t)h, 6, buf, 10), 0);
    CHECK_EQ(read_at(&f, (uint64_t)h, 1000, buf, 10), 0);
    /* a hole: zeros, no pages */
    CHECK_EQ(write_at(&f, (uint64_t)h, 20000, "Z", 1), 1);
    CHECK_EQ(fx_stat(&f, &f.root, "/f", &a), 0);
    CHECK_EQ(a.size, 20001);
    CHECK_EQ(a.blocks, 2 * 8);
    memset(buf, 1, sizeof buf);
    CHECK_EQ(read_at(&f, (uint64_t)h, 8000, buf, 16), 16);
    for (i = 0; i < 16; i++)
        CHECK_EQ(buf[i], 0);
    /* append */
    vfs_xfer_mem_init(&m, "++", 2);
    CHECK_EQ(vfs_write(f.v, (uint64_t)h, 3, 1, &m.x, 2, &end, &size), 2);
    CHECK_EQ(end, 20003);
    CHECK_EQ(size, 20003);
    /* across page boundaries */
    big = malloc(3 * 4096 + 100);
    REQUIRE(big != NULL);
    for (i = 0; i < 3 * 4096 + 100; i++)
        big[i] = (char)('a' + i % 26);
    CHECK_EQ(write_at(&f, (uint64_t)h, 4000, big, 3 * 4096 + 100), 3 * 4096 + 100);
    memset(big, 0, 3 * 4096 + 100);
    CHECK_EQ(read_at(&f, (uint64_t)h, 4000, big, 3 * 4096 + 100), 3 * 4096 + 100);
    for (i = 0; i < 3 * 4096 + 100; i++)
        if (big[i] != (char)('a' + i % 26))
            break;
    CHECK_EQ(i, 3 * 4096 + 100);
    free(big);
    /* offsets past the largest file */
    CHECK_EQ(write_at(&f, (uint64_t)h, (uint64_t)INT64_MAX, "x", 1), -EFBIG);
    CHECK_EQ(read_at(&f, (uint64_t)h, (uint64_t)INT64_MAX + 1, buf, 1), -EINVAL);
    fx_teardown(&f);
}

TEST(vfs_close_and_bad_handles)
{
    struct fx f;
    char buf[4];
    int64_t h;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    h = fx_open(&f, &f.root, "/tmp", LINUX_O_RDONLY, 0);
    CHECK_EQ(vfs_close(f.v, (uint64_t)h), 0);
    CHECK_EQ(vfs_close(f.v, (uint64_t)h), -EBADF);
    CHECK_EQ(vfs_close(f.v, 0), -EBADF);
    CHECK_EQ(vfs_close(f.v, 0xdeadbeefcafef00dull), -EBADF);
    CHECK_EQ(vfs_close(f.v, ((uint64_t)1 << 32) | 0xffffffffu), -EBADF);
    CHECK_EQ(read_at(&f, (uint64_t)h, 0, buf, 4), -EBADF);
    CHECK_EQ(vfs_fsync(f.v, (uint64_t)h), -EBADF);
    /* a reused slot gets a new number: the old one stays dead */
    CHECK(fx_open(&f, &f.root, "/tmp", LINUX_O_RDONLY, 0) != h);
    CHECK_EQ(vfs_close(f.v, (uint64_t)h), -EBADF);
    fx_teardown(&f);
}

TEST(vfs_dup_is_independent)
{
    struct fx f;
    uint64_t d;
    char buf[8];
    int64_t h;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_put(&f, &f.root, "/f", "data"), 0);
    h = fx_open(&f, &f.root, "/f", LINUX_O_RDONLY, 0);
    CHECK_EQ(vfs_dup(f.v, (uint64_t)h, &d), 0);
    CHECK(d != (uint64_t)h);
    CHECK_EQ(vfs_close(f.v, (uint64_t)h), 0);
    CHECK_EQ(read_at(&f, d, 0, buf, 4), 4);
    CHECK_EQ(write_at(&f, d, 0, "x", 1), -EBADF);
    CHECK_EQ(vfs_close(f.v, d), 0);
    CHECK_EQ(vfs_dup(f.v, d, &d), -EBADF);
    fx_teardown(&f);
}

TEST(vfs_unlinked_open_file_keeps_data)
{
    struct fx f;
    struct vfs_attr a;
    uint64_t before;
    char buf[32];
    int64_t h;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    before = fx_used(&f);
    CHECK_EQ(fx_put(&f, &f.root, "/tmp/f", "still here"), 0);
    h = fx_open(&f, &f.root, "/tmp/f", LINUX_O_RDWR, 0);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/tmp/f", 0), 0);
    CHECK(!fx_exists(&f, "/tmp/f"));
    CHECK_EQ(vfs_stat(f.v, &f.root, (uint64_t)h, NULL, 0, &a), 0);
    CHECK_EQ(a.nlink, 0);
    CHECK_EQ(read_at(&f, (uint64_t)h, 0, buf, sizeof buf), 10);
    CHECK_EQ(write_at(&f, (uint64_t)h, 10, "!", 1), 1);
    CHECK(fx_used(&f) > before);
    CHECK_EQ(vfs_getpath(f.v, (uint64_t)h, buf, sizeof buf), 17);
    CHECK_STR(buf, "/tmp/f (deleted)");
    CHECK_EQ(vfs_close(f.v, (uint64_t)h), 0);
    CHECK_EQ(fx_used(&f), before);
    fx_teardown(&f);
}

/* ---- stat, getdents --------------------------------------------------------------------- */

TEST(vfs_stat_fields)
{
    struct fx f;
    struct vfs_attr a;
    struct linux_stat st;
    struct linux_statx stx;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_put(&f, &f.root, "/tmp/f", "12345"), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/tmp/f", &a), 0);
    vfs_attr_to_stat(&a, &st);
    CHECK_EQ(st.st_mode, LINUX_S_IFREG | 0644);
    CHECK_EQ(st.st_size, 5);
    CHECK_EQ(st.st_blocks, 8);
    CHECK_EQ(st.st_blksize, 4096);
    CHECK_EQ(st.st_nlink, 1);
    CHECK_EQ(st.st_mtime_sec, 1700000000);
    CHECK_EQ(st.st_mtime_nsec, 123456789);
    CHECK(st.st_dev != 0);
    vfs_attr_to_statx(&a, &stx);
    CHECK_EQ(stx.stx_mask, LINUX_STATX_BASIC_STATS);
    CHECK_EQ(stx.stx_mode, LINUX_S_IFREG | 0644);
    CHECK_EQ(stx.stx_size, 5);
    CHECK_EQ(stx.stx_ino, a.ino);
    CHECK_EQ(stx.stx_dev_minor, LINUX_MINOR(a.dev));
    CHECK_EQ(vfs_stat(f.v, &f.root, 0, "/tmp/f", 0x8000, &a), -EINVAL);
    /* directories: nlink is 2 + subdirectories */
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/tmp/d", 0755), 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/tmp/d/e", 0755), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/tmp/d", &a), 0);
    CHECK_EQ(a.nlink, 3);
    CHECK_EQ(a.size, 3 * 20);
    fx_teardown(&f);
}

TEST(vfs_getdents_cookies_and_small_buffers)
{
    struct fx f;
    unsigned char buf[64];
    struct vfs_xfer_mem m;
    struct linux_dirent64 d;
    char names[256] = "";
    uint64_t cookie = 0, next;
    int64_t h, n;
    int calls = 0;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/d", 0755), 0);
    CHECK_EQ(fx_put(&f, &f.root, "/d/one", "1"), 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/d/two", 0755), 0);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "one", 0, "/d/three"), 0);
    h = fx_open(&f, &f.root, "/d", LINUX_O_RDONLY | LINUX_O_DIRECTORY, 0);
    REQUIRE(h > 0);
    /* a buffer that holds one record at a time */
    for (;;) {
        vfs_xfer_mem_init(&m, buf, 32);
        n = vfs_getdents(f.v, (uint64_t)h, cookie, &m.x, 32, &next);
        if (n <= 0)
            break;
        memcpy(&d, buf, LINUX_DIRENT64_NAME_OFFSET);
        CHECK_EQ(d.d_reclen, n);
        CHECK_EQ(d.d_off, next);
        CHECK_EQ(d.d_reclen % 8, 0);
        if (!strcmp((char *)buf + 19, "two"))
            CHECK_EQ(d.d_type, LINUX_DT_DIR);
        if (!strcmp((char *)buf + 19, "three"))
            CHECK_EQ(d.d_type, LINUX_DT_LNK);
        strcat(names, (char *)buf + 19);
        strcat(names, ",");
        cookie = next;
        if (++calls == 3) /* changes while listing: a new name shows up, a removed one not */
            CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/d/three", 0), 0);
        if (calls == 3)
            CHECK_EQ(fx_put(&f, &f.root, "/d/four", "4"), 0);
    }
    CHECK_EQ(n, 0);
    CHECK_STR(names, ".,..,one,two,four,");
    /* too small for one record */
    vfs_xfer_mem_init(&m, buf, 8);
    CHECK_EQ(vfs_getdents(f.v, (uint64_t)h, 0, &m.x, 8, &next), -EINVAL);
    /* rewind */
    vfs_xfer_mem_init(&m, buf, sizeof buf);
    CHECK(vfs_getdents(f.v, (uint64_t)h, 0, &m.x, sizeof buf, &next) > 0);
    CHECK_EQ(vfs_close(f.v, (uint64_t)h), 0);
    h = fx_open(&f, &f.root, "/d/one", LINUX_O_RDONLY, 0);
    CHECK_EQ(vfs_getdents(f.v, (uint64_t)h, 0, &m.x, sizeof buf, &next), -ENOTDIR);
    CHECK_EQ(vfs_getdents(f.v, 77, 0, &m.x, sizeof buf, &next), -EBADF);
    fx_teardown(&f);
}

/* ---- creation and removal ----------------------------------------------------------------- */

TEST(vfs_mkdir_cases)
{
    struct fx f;
    struct vfs_attr a, p;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    f.k.now_ns += 7000000000ll;
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/m", 07777), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/m", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFDIR | 01755); /* setuid/setgid dropped, umask 022 */
    CHECK_EQ(a.nlink, 2);
    CHECK_EQ(fx_stat(&f, &f.root, "/", &p), 0);
    CHECK_EQ(p.mtime.tv_sec, FX_NOW_NS / 1000000000 + 7);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/m", 0755), -EEXIST);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/m/.", 0755), -EEXIST);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/m/..", 0755), -EEXIST);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/", 0755), -EEXIST);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "nowhere", 0, "/dl"), 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/dl", 0755), -EEXIST);
    CHECK_EQ(vfs_mkdir(f.v, &f.user, 0, "/u", 0755), -EACCES);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/proc/x", 0755), -EPERM);
    CHECK_EQ(vfs_mkdir(f.v, &f.user, 0, "/proc/x", 0755), -EACCES);
    /* set-group-ID directories pass on their group */
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/sg", 0755), 0);
    CHECK_EQ(vfs_chown(f.v, &f.root, 0, "/sg", 0, 50, 0), 0);
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/sg", 02777, 0), 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.user, 0, "/sg/sub", 0755), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/sg/sub", &a), 0);
    CHECK_EQ(a.gid, 50);
    CHECK_EQ(a.uid, 1000);
    CHECK_EQ(a.mode & LINUX_S_ISGID, LINUX_S_ISGID);
    CHECK_EQ(fx_put(&f, &f.user, "/sg/file", "x"), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/sg/file", &a), 0);
    CHECK_EQ(a.gid, 50);
    CHECK_EQ(a.mode & LINUX_S_ISGID, 0);
    fx_teardown(&f);
}

TEST(vfs_unlink_and_rmdir_cases)
{
    struct fx f;
    struct vfs_attr a;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/d", 0755), 0);
    CHECK_EQ(fx_put(&f, &f.root, "/d/f", "x"), 0);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/d", 0), -EISDIR);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/d/f", LINUX_AT_REMOVEDIR), -ENOTDIR);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/d", LINUX_AT_REMOVEDIR), -ENOTEMPTY);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/d/.", LINUX_AT_REMOVEDIR), -EINVAL);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/d/..", LINUX_AT_REMOVEDIR), -ENOTEMPTY);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/", LINUX_AT_REMOVEDIR), -EBUSY);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/d/.", 0), -EISDIR);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/proc", LINUX_AT_REMOVEDIR), -EBUSY);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/d/missing", 0), -ENOENT);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/d/f", 0x4000), -EINVAL);
    CHECK_EQ(vfs_unlink(f.v, &f.user, 0, "/d/f", 0), -EACCES);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/proc/meminfo", 0), -EPERM);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/d/f", 0), 0);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/d", LINUX_AT_REMOVEDIR), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/", &a), 0);
    CHECK_EQ(a.nlink, 2 + 4); /* dev proc tmp home */
    /* the sticky /tmp: only the owner (or the directory's) may remove */
    CHECK_EQ(fx_put(&f, &f.root, "/tmp/roots", "x"), 0);
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/tmp/roots", 0666, 0), 0);
    CHECK_EQ(vfs_unlink(f.v, &f.user, 0, "/tmp/roots", 0), -EPERM);
    CHECK_EQ(fx_put(&f, &f.user, "/tmp/mine", "x"), 0);
    CHECK_EQ(vfs_unlink(f.v, &f.user, 0, "/tmp/mine", 0), 0);
    fx_teardown(&f);
}

TEST(vfs_rename_cases)
{
    struct fx f;
    struct vfs_attr a, b;
    char buf[32];
    uint64_t h;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_put(&f, &f.root, "/a", "A"), 0);
    CHECK_EQ(fx_put(&f, &f.root, "/b", "B"), 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/d", 0755), 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/d/sub", 0755), 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/e", 0755), 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/full", 0755), 0);
    CHECK_EQ(fx_put(&f, &f.root, "/full/x", "x"), 0);
    /* file over file */
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/a", 0, "/b", 0), 0);
    CHECK(!fx_exists(&f, "/a"));
    CHECK_EQ(fx_get(&f, &f.root, "/b", buf, sizeof buf), 1);
    CHECK_STR(buf, "A");
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/b", 0, "/d", 0), -EISDIR);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/d", 0, "/b", 0), -ENOTDIR);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/d", 0, "/full", 0), -ENOTEMPTY);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/d", 0, "/d/sub/x", 0), -EINVAL);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/d", 0, "/d/sub", 0), -EINVAL);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/d/sub", 0, "/d", 0), -ENOTEMPTY);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/d/.", 0, "/x", 0), -EBUSY);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/b", 0, "/d/..", 0), -EBUSY);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/missing", 0, "/x", 0), -ENOENT);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/b", 0, "/tmp/../dev/b", 0), -EXDEV);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/proc", 0, "/p2", 0), -EBUSY);
    CHECK_EQ(vfs_rename(f.v, &f.user, 0, "/b", 0, "/c", 0), -EACCES);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/b", 0, "/c", 3), -EINVAL);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/b", 0, "/d", LINUX_RENAME_NOREPLACE), -EEXIST);
    /* a directory over an empty one, to another parent: link counts */
    CHECK_EQ(vfs_chdir(f.v, &f.root, 0, "/d/sub", &h), 0);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/d", 0, "/e", 0), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/e", &a), 0);
    CHECK_EQ(a.nlink, 3);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/e/sub", 0, "/moved", 0), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/e", &a), 0);
    CHECK_EQ(a.nlink, 2);
    CHECK_EQ(vfs_getpath(f.v, h, buf, sizeof buf), 7);
    CHECK_STR(buf, "/moved");
    CHECK_EQ(vfs_stat(f.v, &f.root, h, "..", 0, &a), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/", &b), 0);
    CHECK_EQ(a.ino, b.ino);
    CHECK_EQ(vfs_close(f.v, h), 0);
    /* hard links to one file: nothing happens */
    CHECK_EQ(vfs_link(f.v, &f.root, 0, "/b", 0, "/b2", 0), 0);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/b", 0, "/b2", 0), 0);
    CHECK(fx_exists(&f, "/b") && fx_exists(&f, "/b2"));
    /* exchange */
    CHECK_EQ(fx_put(&f, &f.root, "/x1", "one"), 0);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/x1", 0, "/moved", LINUX_RENAME_EXCHANGE), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/x1", &a), 0);
    CHECK_EQ(a.mode & LINUX_S_IFMT, LINUX_S_IFDIR);
    CHECK_EQ(fx_get(&f, &f.root, "/moved", buf, sizeof buf), 3);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/x1", 0, "/none", LINUX_RENAME_EXCHANGE), -ENOENT);
    fx_teardown(&f);
}

TEST(vfs_link_cases)
{
    struct fx f;
    struct vfs_attr a;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_put(&f, &f.root, "/f", "x"), 0);
    CHECK_EQ(vfs_link(f.v, &f.root, 0, "/f", 0, "/g", 0), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/g", &a), 0);
    CHECK_EQ(a.nlink, 2);
    CHECK_EQ(vfs_link(f.v, &f.root, 0, "/f", 0, "/g", 0), -EEXIST);
    CHECK_EQ(vfs_link(f.v, &f.root, 0, "/tmp", 0, "/t2", 0), -EPERM);
    CHECK_EQ(vfs_link(f.v, &f.root, 0, "/f", 0, "/dev/f", 0), -EXDEV);
    CHECK_EQ(vfs_link(f.v, &f.root, 0, "/missing", 0, "/m", 0), -ENOENT);
    CHECK_EQ(vfs_link(f.v, &f.root, 0, "/f", 0, "/n/", 0), -ENOENT);
    CHECK_EQ(vfs_link(f.v, &f.user, 0, "/f", 0, "/h", 0), -EACCES);
    CHECK_EQ(vfs_link(f.v, &f.root, 0, "/f", 0, "/h", 0x1), -EINVAL);
    /* the link itself, or what it points to */
    CHECK_EQ(vfs_symlink(f.v, &f.root, "f", 0, "/s"), 0);
    CHECK_EQ(vfs_link(f.v, &f.root, 0, "/s", 0, "/s2", 0), 0);
    CHECK_EQ(fx_lstat(&f, &f.root, "/s2", &a), 0);
    CHECK_EQ(a.mode & LINUX_S_IFMT, LINUX_S_IFLNK);
    CHECK_EQ(vfs_link(f.v, &f.root, 0, "/s", 0, "/s3", LINUX_AT_SYMLINK_FOLLOW), 0);
    CHECK_EQ(fx_lstat(&f, &f.root, "/s3", &a), 0);
    CHECK_EQ(a.mode & LINUX_S_IFMT, LINUX_S_IFREG);
    CHECK_EQ(a.nlink, 3);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/f", 0), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/g", &a), 0);
    CHECK_EQ(a.nlink, 2);
    fx_teardown(&f);
}

TEST(vfs_symlink_readlink_cases)
{
    struct fx f;
    char buf[16];

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "/some/where/far", 0, "/l"), 0);
    CHECK_EQ(vfs_readlink(f.v, &f.root, 0, "/l", buf, sizeof buf), 15);
    CHECK(memcmp(buf, "/some/where/far", 15) == 0);
    CHECK_EQ(vfs_readlink(f.v, &f.root, 0, "/l", buf, 4), 4);
    CHECK(memcmp(buf, "/som", 4) == 0);
    CHECK_EQ(vfs_readlink(f.v, &f.root, 0, "/l", buf, 0), -EINVAL);
    CHECK_EQ(vfs_readlink(f.v, &f.root, 0, "/tmp", buf, sizeof buf), -EINVAL);
    CHECK_EQ(vfs_readlink(f.v, &f.root, 0, "/nope", buf, sizeof buf), -ENOENT);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "", 0, "/e"), -ENOENT);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "x", 0, "/l"), -EEXIST);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "x", 0, "/tmp/."), -EEXIST);
    fx_teardown(&f);
}

/* ---- attributes ----------------------------------------------------------------------------- */

TEST(vfs_access_cases)
{
    struct fx f;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_put(&f, &f.root, "/f", "x"), 0); /* 0644 root */
    CHECK_EQ(vfs_access(f.v, &f.user, 0, "/f", LINUX_R_OK, 0), 0);
    CHECK_EQ(vfs_access(f.v, &f.user, 0, "/f", LINUX_W_OK, 0), -EACCES);
    CHECK_EQ(vfs_access(f.v, &f.user, 0, "/f", LINUX_F_OK, 0), 0);
    CHECK_EQ(vfs_access(f.v, &f.root, 0, "/f", LINUX_R_OK | LINUX_W_OK, 0), 0);
    CHECK_EQ(vfs_access(f.v, &f.root, 0, "/f", LINUX_X_OK, 0), -EACCES);
    CHECK_EQ(vfs_access(f.v, &f.root, 0, "/tmp", LINUX_X_OK, 0), 0);
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/f", 0001, 0), 0);
    CHECK_EQ(vfs_access(f.v, &f.root, 0, "/f", LINUX_X_OK, 0), 0);
    CHECK_EQ(vfs_access(f.v, &f.root, 0, "/f", 8, 0), -EINVAL);
    CHECK_EQ(vfs_access(f.v, &f.root, 0, "/nope", 0, 0), -ENOENT);
    fx_teardown(&f);
}

TEST(vfs_chmod_chown_cases)
{
    struct fx f;
    struct vfs_attr a;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_put(&f, &f.user, "/home/user/f", "x"), 0);
    f.k.now_ns += 1000000000;
    CHECK_EQ(vfs_chmod(f.v, &f.user, 0, "/home/user/f", 04755, 0), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/home/user/f", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFREG | 04755);
    CHECK_EQ(a.ctime.tv_sec, FX_NOW_NS / 1000000000 + 1);
    CHECK_EQ(vfs_chmod(f.v, &f.user, 0, "/tmp", 0777, 0), -EPERM);
    /* set-group-ID is dropped for a group the caller is not in */
    CHECK_EQ(vfs_chown(f.v, &f.root, 0, "/home/user/f", 1000, 5, 0), 0);
    CHECK_EQ(vfs_chmod(f.v, &f.user, 0, "/home/user/f", 02755, 0), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/home/user/f", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFREG | 0755);
    /* chown: root anything; the owner only his own group */
    CHECK_EQ(vfs_chown(f.v, &f.user, 0, "/home/user/f", 0, 0xffffffffu, 0), -EPERM);
    CHECK_EQ(vfs_chown(f.v, &f.user, 0, "/home/user/f", 0xffffffffu, 7, 0), -EPERM);
    CHECK_EQ(vfs_chown(f.v, &f.user, 0, "/home/user/f", 1000, 1000, 0), 0);
    CHECK_EQ(vfs_chown(f.v, &f.user, 0, "/tmp", 0xffffffffu, 1000, 0), -EPERM);
    /* chown clears set-user-ID */
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/home/user/f", 06755, 0), 0);
    CHECK_EQ(vfs_chown(f.v, &f.root, 0, "/home/user/f", 0xffffffffu, 0xffffffffu, 0), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/home/user/f", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFREG | 0755);
    /* symbolic links: chmod refuses with NOFOLLOW, chown changes the link */
    CHECK_EQ(vfs_symlink(f.v, &f.root, "/home/user/f", 0, "/l"), 0);
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/l", 0700, LINUX_AT_SYMLINK_NOFOLLOW), -EOPNOTSUPP);
    CHECK_EQ(vfs_chown(f.v, &f.root, 0, "/l", 3, 3, LINUX_AT_SYMLINK_NOFOLLOW), 0);
    CHECK_EQ(fx_lstat(&f, &f.root, "/l", &a), 0);
    CHECK_EQ(a.uid, 3);
    CHECK_EQ(fx_stat(&f, &f.root, "/l", &a), 0);
    CHECK_EQ(a.uid, 1000);
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/proc/uptime", 0777, 0), -EPERM);
    fx_teardown(&f);
}

TEST(vfs_utimens_cases)
{
    struct fx f;
    struct vfs_attr a;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_put(&f, &f.root, "/f", "x"), 0);
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/f", 0666, 0), 0);
    CHECK_EQ(vfs_utimens(f.v, &f.root, 0, "/f", 1000000000ll * 86400 + 5, -1500000000ll, 0), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/f", &a), 0);
    CHECK_EQ(a.atime.tv_sec, 86400);
    CHECK_EQ(a.atime.tv_nsec, 5);
    CHECK_EQ(a.mtime.tv_sec, -2);
    CHECK_EQ(a.mtime.tv_nsec, 500000000);
    CHECK_EQ(a.ctime.tv_sec, FX_NOW_NS / 1000000000);
    f.k.now_ns += 3000000000ll;
    CHECK_EQ(vfs_utimens(f.v, &f.root, 0, "/f", VFS_TIME_OMIT, VFS_TIME_NOW, 0), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/f", &a), 0);
    CHECK_EQ(a.atime.tv_sec, 86400);
    CHECK_EQ(a.mtime.tv_sec, FX_NOW_NS / 1000000000 + 3);
    /* not the owner: "now" needs write permission, explicit times ownership */
    CHECK_EQ(vfs_utimens(f.v, &f.user, 0, "/f", VFS_TIME_NOW, VFS_TIME_NOW, 0), 0);
    CHECK_EQ(vfs_utimens(f.v, &f.user, 0, "/f", 5, VFS_TIME_NOW, 0), -EPERM);
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/f", 0644, 0), 0);
    CHECK_EQ(vfs_utimens(f.v, &f.user, 0, "/f", VFS_TIME_NOW, VFS_TIME_NOW, 0), -EACCES);
    CHECK_EQ(vfs_utimens(f.v, &f.user, 0, "/f", VFS_TIME_OMIT, VFS_TIME_OMIT, 0), 0);
    CHECK_EQ(vfs_utimens(f.v, &f.root, 0, "/nope", VFS_TIME_NOW, VFS_TIME_NOW, 0), -ENOENT);
    fx_teardown(&f);
}

TEST(vfs_truncate_cases)
{
    struct fx f;
    struct vfs_attr a;
    char buf[16];
    int64_t h;
    int i;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_put(&f, &f.root, "/f", "0123456789"), 0);
    CHECK_EQ(vfs_truncate(f.v, &f.root, 0, "/f", 4), 0);
    CHECK_EQ(vfs_truncate(f.v, &f.root, 0, "/f", 8), 0);
    CHECK_EQ(fx_get(&f, &f.root, "/f", buf, sizeof buf), 8);
    CHECK(memcmp(buf, "0123\0\0\0\0", 8) == 0);
    CHECK_EQ(vfs_truncate(f.v, &f.root, 0, "/f", (int64_t)1 << 40), 0); /* sparse */
    CHECK_EQ(fx_stat(&f, &f.root, "/f", &a), 0);
    CHECK_EQ(a.size, (uint64_t)1 << 40);
    CHECK_EQ(vfs_truncate(f.v, &f.root, 0, "/f", 0), 0);
    CHECK_EQ(vfs_truncate(f.v, &f.root, 0, "/f", -1), -EINVAL);
    CHECK_EQ(vfs_truncate(f.v, &f.root, 0, "/tmp", 0), -EISDIR);
    CHECK_EQ(vfs_truncate(f.v, &f.root, 0, "/dev/null", 0), -EINVAL);
    CHECK_EQ(vfs_truncate(f.v, &f.user, 0, "/f", 0), -EACCES);
    h = fx_open(&f, &f.root, "/f", LINUX_O_RDONLY, 0);
    CHECK_EQ(vfs_truncate(f.v, &f.root, (uint64_t)h, NULL, 0), -EINVAL);
    h = fx_open(&f, &f.root, "/f", LINUX_O_WRONLY, 0);
    CHECK_EQ(vfs_truncate(f.v, &f.root, (uint64_t)h, NULL, 3), 0);
    CHECK_EQ(fx_get(&f, &f.root, "/f", buf, sizeof buf), 3);
    for (i = 0; i < 3; i++)
        CHECK_EQ(buf[i], 0);
    CHECK_EQ(vfs_truncate(f.v, &f.root, 99, NULL, 3), -EBADF);
    CHECK_EQ(vfs_fsync(f.v, (uint64_t)h), 0);
    fx_teardown(&f);
}

TEST(vfs_statfs_and_chdir)
{
    struct fx f;
    struct linux_statfs st;
    uint64_t h;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(vfs_statfs(f.v, &f.root, 0, "/", &st), 0);
    CHECK_EQ(st.f_type, LINUX_TMPFS_MAGIC);
    CHECK_EQ(st.f_bsize, 4096);
    CHECK_EQ(st.f_blocks, 256);
    CHECK(st.f_bfree < 256 && st.f_bfree > 200);
    CHECK_EQ(st.f_namelen, 255);
    CHECK_EQ(st.f_flags, LINUX_ST_VALID | LINUX_ST_RELATIME);
    CHECK_EQ(vfs_statfs(f.v, &f.root, 0, "/proc", &st), 0);
    CHECK_EQ(st.f_type, LINUX_PROC_SUPER_MAGIC);
    CHECK_EQ(st.f_blocks, 0);
    CHECK_EQ(vfs_chdir(f.v, &f.root, 0, "/dev/null", &h), -ENOTDIR);
    CHECK_EQ(vfs_chdir(f.v, &f.root, 0, "/nope", &h), -ENOENT);
    CHECK_EQ(vfs_chdir(f.v, &f.user, 0, "/home/user", &h), 0);
    CHECK_EQ(vfs_chdir(f.v, &f.user, h, NULL, &h), 0);
    fx_teardown(&f);
}

TEST(vfs_exec_open_cases)
{
    struct fx f;
    struct vfs_exec_info x;
    char buf[8];

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_put(&f, &f.root, "/prog", "\177ELF"), 0);
    CHECK_EQ(vfs_exec_open(f.v, &f.root, 0, "/prog", &x), -EACCES); /* no x bit at all */
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/prog", 04711, 0), 0);
    CHECK_EQ(vfs_exec_open(f.v, &f.user, 0, "/prog", &x), 0);
    CHECK_EQ(x.mode, LINUX_S_IFREG | 04711);
    CHECK_EQ(x.size, 4);
    CHECK_EQ(x.uid, 0);
    CHECK_EQ(read_at(&f, x.handle, 0, buf, sizeof buf), 4); /* no read permission needed */
    CHECK_EQ(vfs_getpath(f.v, x.handle, buf, sizeof buf), 6);
    CHECK_STR(buf, "/prog");
    CHECK_EQ(vfs_exec_open(f.v, &f.root, 0, "/tmp", &x), -EACCES);
    CHECK_EQ(vfs_exec_open(f.v, &f.root, 0, "/dev/null", &x), -EACCES);
    CHECK_EQ(vfs_exec_open(f.v, &f.root, 0, "/nope", &x), -ENOENT);
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/prog", 0700, 0), 0);
    CHECK_EQ(vfs_exec_open(f.v, &f.user, 0, "/prog", &x), -EACCES);
    CHECK_EQ(vfs_exec_open(f.v, &f.root, 0, "/proc/uptime", &x), -EACCES);
    fx_teardown(&f);
}

TEST(vfs_mknod_cases)
{
    struct fx f;
    struct vfs_attr a;
    struct vfs_open_info info;
    struct vfs_xfer_mem m;
    char buf[4];

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    vfs_xfer_mem_init(&m, buf, sizeof buf);
    CHECK_EQ(vfs_mknod(f.v, &f.user, 0, "/tmp/fifo", LINUX_S_IFIFO | 0666, 0), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/tmp/fifo", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFIFO | 0644);
    CHECK_EQ(vfs_open(f.v, &f.root, 0, "/tmp/fifo", LINUX_O_RDONLY, 0, &info), 0);
    CHECK_EQ(info.flags, VFS_OPEN_INFO_FIFO);
    CHECK(info.handle != 0);
    CHECK_EQ(vfs_read(f.v, info.handle, 0, &m.x, sizeof buf), -EINVAL);
    CHECK_EQ(vfs_stat(f.v, &f.root, info.handle, NULL, 0, &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFIFO | 0644);
    CHECK_EQ(vfs_close(f.v, info.handle), 0);
    CHECK_EQ(vfs_open(f.v, &f.user, 0, "/tmp/fifo", LINUX_O_WRONLY, 0, &info), 0);
    CHECK_EQ(vfs_close(f.v, info.handle), 0);
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/tmp/fifo", 0400, 0), 0);
    CHECK_EQ(vfs_open(f.v, &f.user, 0, "/tmp/fifo", LINUX_O_WRONLY, 0, &info), -EACCES);
    CHECK_EQ(vfs_mknod(f.v, &f.root, 0, "/tmp/sock", LINUX_S_IFSOCK | 0666, 0), 0);
    CHECK_EQ(fx_open(&f, &f.root, "/tmp/sock", LINUX_O_RDWR, 0), -ENXIO);
    CHECK_EQ(vfs_mknod(f.v, &f.user, 0, "/tmp/null", LINUX_S_IFCHR | 0666, LINUX_MKDEV(1, 3)),
             -EPERM);
    CHECK_EQ(vfs_mknod(f.v, &f.root, 0, "/tmp/null", LINUX_S_IFCHR | 0666, LINUX_MKDEV(1, 3)), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/tmp/null", &a), 0);
    CHECK_EQ(a.rdev, LINUX_MKDEV(1, 3));
    CHECK_EQ(fx_get(&f, &f.user, "/tmp/null", buf, sizeof buf), 0);
    CHECK_EQ(vfs_mknod(f.v, &f.root, 0, "/tmp/con", LINUX_S_IFCHR | 0600, LINUX_MKDEV(5, 1)), 0);
    CHECK_EQ(vfs_open(f.v, &f.root, 0, "/tmp/con", LINUX_O_RDWR, 0, &info), 0);
    CHECK_EQ(info.flags, VFS_OPEN_INFO_KDEV);
    CHECK_EQ(vfs_mknod(f.v, &f.root, 0, "/tmp/odd", LINUX_S_IFCHR | 0600, LINUX_MKDEV(42, 1)), 0);
    CHECK_EQ(fx_open(&f, &f.root, "/tmp/odd", LINUX_O_RDWR, 0), -ENXIO);
    CHECK_EQ(vfs_mknod(f.v, &f.root, 0, "/tmp/reg", 0644, 0), 0);
    CHECK_EQ(fx_lstat(&f, &f.root, "/tmp/reg", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFREG | 0644);
    CHECK_EQ(vfs_mknod(f.v, &f.root, 0, "/tmp/dir", LINUX_S_IFDIR | 0755, 0), -EPERM);
    CHECK_EQ(vfs_mknod(f.v, &f.root, 0, "/tmp/bad", 0170000 | 0755, 0), -EINVAL);
    CHECK_EQ(vfs_mknod(f.v, &f.root, 0, "/tmp/reg", 0644, 0), -EEXIST);
    fx_teardown(&f);
}

TEST(vfs_atime_relatime)
{
    struct fx f;
    struct vfs_attr a;
    char buf[4];

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_put(&f, &f.root, "/f", "x"), 0);
    f.k.now_ns += 10 * 1000000000ll;
    CHECK_EQ(fx_get(&f, &f.root, "/f", buf, sizeof buf), 1);
    CHECK_EQ(fx_stat(&f, &f.root, "/f", &a), 0);
    CHECK_EQ(a.atime.tv_sec, FX_NOW_NS / 1000000000 + 10);
    f.k.now_ns += 10 * 1000000000ll; /* atime now newer than mtime: not moved */
    CHECK_EQ(fx_get(&f, &f.root, "/f", buf, sizeof buf), 1);
    CHECK_EQ(fx_stat(&f, &f.root, "/f", &a), 0);
    CHECK_EQ(a.atime.tv_sec, FX_NOW_NS / 1000000000 + 10);
    f.k.now_ns += 86400 * 1000000000ll;
    CHECK_EQ(fx_get(&f, &f.root, "/f", buf, sizeof buf), 1);
    CHECK_EQ(fx_stat(&f, &f.root, "/f", &a), 0);
    CHECK_EQ(a.atime.tv_sec, FX_NOW_NS / 1000000000 + 20 + 86400);
    fx_teardown(&f);
}

/* ---- mounts -------------------------------------------------------------------------------------
 */

TEST(vfs_mount_umount_cases)
{
    struct fx f;
    struct vfs_attr a;
    struct vfs_usage u;
    char buf[512];
    int64_t h;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/mnt", 0755), 0);
    CHECK_EQ(vfs_mount(f.v, &f.user, 0, "/mnt", "tmpfs", "none", 0), -EPERM);
    CHECK_EQ(vfs_mount(f.v, &f.root, 0, "/mnt", "ext4", "/dev/sda", 0), -ENODEV);
    CHECK_EQ(vfs_mount(f.v, &f.root, 0, "/dev/null", "tmpfs", "none", 0), -ENOTDIR);
    CHECK_EQ(vfs_mount(f.v, &f.root, 0, "/nope", "tmpfs", "none", 0), -ENOENT);
    CHECK_EQ(vfs_mount(f.v, &f.root, 0, "/mnt", "tmpfs", "scratch", LINUX_MS_NOSUID), 0);
    CHECK_EQ(fx_put(&f, &f.root, "/mnt/f", "x"), 0);
    CHECK_EQ(fx_get(&f, &f.root, "/proc/mounts", buf, sizeof buf) > 0, 1);
    CHECK(strstr(buf, "scratch /mnt tmpfs rw,nosuid,relatime 0 0\n") != NULL);
    h = fx_open(&f, &f.root, "/mnt/f", LINUX_O_RDONLY, 0);
    CHECK_EQ(vfs_umount(f.v, &f.root, 0, "/mnt", 0), -EBUSY);
    CHECK_EQ(vfs_umount(f.v, &f.root, 0, "/tmp", 0), -EINVAL);
    CHECK_EQ(vfs_umount(f.v, &f.root, 0, "/", 0), -EBUSY);
    CHECK_EQ(vfs_umount(f.v, &f.user, 0, "/mnt", 0), -EPERM);
    CHECK_EQ(vfs_umount(f.v, &f.root, 0, "/mnt", 0x100), -EINVAL);
    CHECK_EQ(vfs_close(f.v, (uint64_t)h), 0);
    CHECK_EQ(vfs_umount(f.v, &f.root, 0, "/mnt", 0), 0);
    CHECK(!fx_exists(&f, "/mnt/f"));
    /* a working directory inside keeps it busy too; stacked mounts */
    CHECK_EQ(vfs_mount(f.v, &f.root, 0, "/mnt", "tmpfs", NULL, 0), 0);
    CHECK_EQ(vfs_mount(f.v, &f.root, 0, "/mnt", "proc", "proc", 0), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/mnt/uptime", &a), 0);
    CHECK_EQ(vfs_umount(f.v, &f.root, 0, "/mnt", 0), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/mnt/uptime", &a), -ENOENT);
    CHECK_EQ(vfs_chdir(f.v, &f.root, 0, "/mnt", (uint64_t *)&h), 0);
    CHECK_EQ(vfs_umount(f.v, &f.root, 0, "/mnt", 0), -EBUSY);
    /* lazily: gone from the namespace, alive for its handle */
    CHECK_EQ(vfs_umount(f.v, &f.root, 0, "/mnt", LINUX_MNT_DETACH), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/mnt", &a), 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, (uint64_t)h, "inside", 0755), 0);
    CHECK_EQ(vfs_stat(f.v, &f.root, (uint64_t)h, "..", 0, &a), 0); /* its own root */
    vfs_get_usage(f.v, &u);
    CHECK_EQ(u.mounts, 3);
    CHECK_EQ(vfs_close(f.v, (uint64_t)h), 0);
    /* read-only, noexec, nodev */
    CHECK_EQ(
        vfs_mount(f.v, &f.root, 0, "/mnt", "devtmpfs", "dev", LINUX_MS_RDONLY | LINUX_MS_NODEV), 0);
    CHECK_EQ(fx_open(&f, &f.root, "/mnt/new", LINUX_O_WRONLY | LINUX_O_CREAT, 0644), -EROFS);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/mnt/d", 0755), -EROFS);
    CHECK_EQ(fx_open(&f, &f.root, "/mnt/null", LINUX_O_RDWR, 0), -EACCES);
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/mnt/null", 0600, 0), -EROFS);
    CHECK_EQ(vfs_mount(f.v, &f.root, 0, "/mnt", NULL, NULL, LINUX_MS_REMOUNT), 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/mnt/d", 0755), 0);
    CHECK_EQ(vfs_umount(f.v, &f.root, 0, "/mnt", 0), 0);
    fx_teardown(&f);
}

/* ---- the budget
 * ------------------------------------------------------------------------------------ */

TEST(vfs_enospc_data_and_recovery)
{
    struct fx f;
    uint64_t base, end, size;
    struct vfs_xfer_mem m;
    char *chunk;
    int64_t h, n, total = 0;

    REQUIRE(fx_setup(&f, 256 * 1024) == 0);
    base = fx_used(&f);
    chunk = calloc(1, 10000);
    REQUIRE(chunk != NULL);
    h = fx_open(&f, &f.root, "/tmp/big", LINUX_O_WRONLY | LINUX_O_CREAT, 0644);
    REQUIRE(h > 0);
    vfs_xfer_mem_init(&m, chunk, 10000);
    for (;;) {
        n = vfs_write(f.v, (uint64_t)h, (uint64_t)total, 0, &m.x, 10000, &end, &size);
        if (n <= 0)
            break;
        total += n;
        if (n < 10000) { /* a short write first, then -ENOSPC */
            n = vfs_write(f.v, (uint64_t)h, (uint64_t)total, 0, &m.x, 10000, &end, &size);
            break;
        }
    }
    CHECK_EQ(n, -ENOSPC);
    CHECK(total > 150 * 1024 && total < 256 * 1024);
    CHECK(fx_used(&f) <= 256 * 1024);
    CHECK_EQ(fx_put(&f, &f.root, "/tmp/small", "this needs a page"), -ENOSPC);
    if (fx_exists(&f, "/tmp/small")) /* the name fitted, the page did not */
        CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/tmp/small", 0), 0);
    CHECK_EQ(vfs_truncate(f.v, &f.root, (uint64_t)h, NULL, 0), 0);
    CHECK_EQ(vfs_close(f.v, (uint64_t)h), 0);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/tmp/big", 0), 0);
    CHECK_EQ(fx_used(&f), base);
    CHECK_EQ(fx_put(&f, &f.root, "/tmp/small", "fits again"), 0);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/tmp/small", 0), 0);
    CHECK_EQ(fx_used(&f), base);
    free(chunk);
    fx_teardown(&f);
}

TEST(vfs_enospc_metadata_and_sparse)
{
    struct fx f;
    char name[32];
    uint64_t base;
    int i, err = 0, made = 0;

    REQUIRE(fx_setup(&f, 64 * 1024) == 0);
    base = fx_used(&f);
    for (i = 0; i < 10000 && !err; i++) {
        snprintf(name, sizeof name, "/tmp/d%d", i);
        err = vfs_mkdir(f.v, &f.root, 0, name, 0755);
        if (!err)
            made++;
    }
    CHECK_EQ(err, -ENOSPC);
    CHECK(made > 10);
    CHECK(fx_used(&f) <= 64 * 1024);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "x", 0, "/tmp/link"), -ENOSPC);
    for (i = 0; i < made; i++) {
        snprintf(name, sizeof name, "/tmp/d%d", i);
        CHECK_EQ(vfs_unlink(f.v, &f.root, 0, name, LINUX_AT_REMOVEDIR), 0);
    }
    CHECK_EQ(fx_used(&f), base);
    /* a write far out needs a large page table: refused, nothing left behind */
    {
        int64_t h = fx_open(&f, &f.root, "/tmp/sparse", LINUX_O_RDWR | LINUX_O_CREAT, 0644);
        struct vfs_xfer_mem m;
        uint64_t end, size;
        uint64_t before = fx_used(&f);

        vfs_xfer_mem_init(&m, "x", 1);
        CHECK_EQ(vfs_write(f.v, (uint64_t)h, (uint64_t)1 << 40, 0, &m.x, 1, &end, &size), -ENOSPC);
        CHECK_EQ(fx_used(&f), before);
        CHECK_EQ(vfs_close(f.v, (uint64_t)h), 0);
    }
    fx_teardown(&f);
}

TEST(vfs_teardown_with_everything_open)
{
    struct fx f;
    int64_t h;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_put(&f, &f.root, "/tmp/a", "a"), 0);
    h = fx_open(&f, &f.root, "/tmp/a", LINUX_O_RDONLY, 0);
    CHECK(h > 0);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/tmp/a", 0), 0);
    CHECK(fx_open(&f, &f.root, "/proc/meminfo", LINUX_O_RDONLY, 0) > 0);
    CHECK(fx_open(&f, &f.root, "/proc/1/stat", LINUX_O_RDONLY, 0) > 0);
    CHECK(fx_open(&f, &f.root, "/dev/zero", LINUX_O_RDONLY, 0) > 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/mnt", 0755), 0);
    CHECK_EQ(vfs_mount(f.v, &f.root, 0, "/mnt", "tmpfs", NULL, 0), 0);
    CHECK(fx_open(&f, &f.root, "/mnt", LINUX_O_RDONLY, 0) > 0);
    fx_teardown(&f); /* AddressSanitizer reports any leak or double free */
}

TEST(vfs_budget_under_pressure_caps_to_free_memory)
{
    /* 512 MiB budget, 10 MiB used, 64 MiB free: 10 + 32 */
    CHECK_EQ(vfs_budget_under_pressure(512ULL << 20, 10ULL << 20, 64ULL << 20), 42ULL << 20);
    /* never grows */
    CHECK_EQ(vfs_budget_under_pressure(8ULL << 20, 1ULL << 20, 1ULL << 30), 8ULL << 20);
    /* nothing free: what is in use */
    CHECK_EQ(vfs_budget_under_pressure(512ULL << 20, 10ULL << 20, 0), 10ULL << 20);
    /* overflow keeps the budget */
    CHECK_EQ(vfs_budget_under_pressure(100, UINT64_MAX - 10, 1000), 100);
}
