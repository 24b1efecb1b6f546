/*
 * tests/unit/test_vfs_path.c — vfs/path.c through the operations: absolute
 * and relative paths, ".", "..", mount points, symbolic links and their
 * limit, trailing slashes, name limits, permissions, bad handles.
 */
#include "vfs_fixture.h"

static char long_name(char *buf, size_t n)
{
    memset(buf, 'a', n);
    buf[n] = 0;
    return 0;
}

TEST(vfs_path_absolute_relative_and_cwd)
{
    struct fx f;
    struct vfs_attr a, b;
    uint64_t cwd;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/a", 0755), 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/a/b", 0755), 0);
    CHECK_EQ(fx_put(&f, &f.root, "/a/b/file", "x"), 0);
    CHECK_EQ(vfs_chdir(f.v, &f.root, 0, "/a", &cwd), 0);
    CHECK_EQ(vfs_stat(f.v, &f.root, cwd, "b/file", 0, &a), 0);
    CHECK_EQ(vfs_stat(f.v, &f.root, 0, "/a/b/file", 0, &b), 0);
    CHECK_EQ(a.ino, b.ino);
    CHECK_EQ(vfs_stat(f.v, &f.root, cwd, "./b/../b/./file", 0, &b), 0);
    CHECK_EQ(a.ino, b.ino);
    CHECK_EQ(vfs_stat(f.v, &f.root, cwd, "b//file", 0, &b), 0);
    CHECK_EQ(vfs_stat(f.v, &f.root, cwd, "//a///b/file", 0, &b), 0);
    /* an absolute path never looks at the handle */
    CHECK_EQ(vfs_stat(f.v, &f.root, 12345, "/a/b/file", 0, &b), 0);
    CHECK_EQ(vfs_stat(f.v, &f.root, 12345, "b/file", 0, &b), -EBADF);
    CHECK_EQ(vfs_stat(f.v, &f.root, 0, "b/file", 0, &b), -EBADF);
    CHECK_EQ(vfs_close(f.v, cwd), 0);
    fx_teardown(&f);
}

TEST(vfs_path_dotdot_stays_at_root_and_crosses_mounts)
{
    struct fx f;
    struct vfs_attr root, a;
    char buf[64];
    uint64_t h;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/", &root), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/..", &a), 0);
    CHECK_EQ(a.ino, root.ino);
    CHECK_EQ(a.dev, root.dev);
    CHECK_EQ(fx_stat(&f, &f.root, "/../../..", &a), 0);
    CHECK_EQ(a.ino, root.ino);
    CHECK_EQ(fx_stat(&f, &f.root, "/proc/..", &a), 0);
    CHECK_EQ(a.ino, root.ino);
    CHECK_EQ(a.dev, root.dev);
    CHECK_EQ(fx_stat(&f, &f.root, "/dev/../tmp", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFDIR | 01777);
    /* from a handle inside a mount */
    CHECK_EQ(vfs_chdir(f.v, &f.root, 0, "/dev/pts", &h), 0);
    CHECK_EQ(vfs_stat(f.v, &f.root, h, "../../tmp", 0, &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFDIR | 01777);
    CHECK_EQ(vfs_getpath(f.v, h, buf, sizeof buf), 9);
    CHECK_STR(buf, "/dev/pts");
    CHECK_EQ(vfs_close(f.v, h), 0);
    CHECK_EQ(vfs_getpath(f.v, f.rootdir, buf, sizeof buf), 2);
    CHECK_STR(buf, "/");
    CHECK_EQ(vfs_getpath(f.v, f.rootdir, buf, 1), -ERANGE);
    fx_teardown(&f);
}

TEST(vfs_path_mount_point_is_the_mounted_root)
{
    struct fx f;
    struct vfs_attr under, over;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/proc", &over), 0);
    CHECK_EQ(over.mode, LINUX_S_IFDIR | 0555);
    CHECK_EQ(fx_stat(&f, &f.root, "/", &under), 0);
    CHECK(over.dev != under.dev);
    CHECK_EQ(fx_stat(&f, &f.root, "/proc/.", &under), 0);
    CHECK_EQ(under.dev, over.dev);
    fx_teardown(&f);
}

TEST(vfs_path_symlinks)
{
    struct fx f;
    struct vfs_attr a;
    char buf[64];

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/d", 0755), 0);
    CHECK_EQ(fx_put(&f, &f.root, "/d/file", "hello"), 0);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "d", 0, "/rel"), 0);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "/d/file", 0, "/abs"), 0);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "../d/file", 0, "/d/up"), 0);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "rel/file", 0, "/chain"), 0);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "nowhere", 0, "/dangling"), 0);
    CHECK_EQ(fx_get(&f, &f.root, "/rel/file", buf, sizeof buf), 5);
    CHECK_EQ(fx_get(&f, &f.root, "/abs", buf, sizeof buf), 5);
    CHECK_EQ(fx_get(&f, &f.root, "/d/up", buf, sizeof buf), 5);
    CHECK_EQ(fx_get(&f, &f.root, "/chain", buf, sizeof buf), 5);
    CHECK_STR(buf, "hello");
    CHECK_EQ(fx_stat(&f, &f.root, "/dangling", &a), -ENOENT);
    CHECK_EQ(fx_lstat(&f, &f.root, "/dangling", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFLNK | 0777);
    CHECK_EQ(a.size, 7);
    /* a link to a file in the middle of a path */
    CHECK_EQ(fx_stat(&f, &f.root, "/abs/x", &a), -ENOTDIR);
    /* O_NOFOLLOW: the last one only */
    CHECK_EQ(fx_open(&f, &f.root, "/abs", LINUX_O_RDONLY | LINUX_O_NOFOLLOW, 0), -ELOOP);
    CHECK(fx_open(&f, &f.root, "/rel/file", LINUX_O_RDONLY | LINUX_O_NOFOLLOW, 0) > 0);
    fx_teardown(&f);
}

TEST(vfs_path_symlink_loop_limit)
{
    struct fx f;
    struct vfs_attr a;
    char name[32], target[32];
    int i;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "/loop2", 0, "/loop1"), 0);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "/loop1", 0, "/loop2"), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/loop1", &a), -ELOOP);
    CHECK_EQ(fx_open(&f, &f.root, "/loop1", LINUX_O_RDONLY | LINUX_O_CREAT, 0644), -ELOOP);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "self", 0, "/self"), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/self/x", &a), -ELOOP);
    /* a chain of 40 links resolves, 41 do not (Linux's MAXSYMLINKS) */
    CHECK_EQ(fx_put(&f, &f.root, "/end", "e"), 0);
    for (i = 1; i <= 41; i++) {
        snprintf(name, sizeof name, "/l%d", i);
        if (i == 1)
            snprintf(target, sizeof target, "/end");
        else
            snprintf(target, sizeof target, "/l%d", i - 1);
        CHECK_EQ(vfs_symlink(f.v, &f.root, target, 0, name), 0);
    }
    CHECK_EQ(fx_stat(&f, &f.root, "/l40", &a), 0);
    CHECK_EQ(a.size, 1);
    CHECK_EQ(fx_stat(&f, &f.root, "/l41", &a), -ELOOP);
    CHECK_EQ(fx_lstat(&f, &f.root, "/l41", &a), 0);
    fx_teardown(&f);
}

TEST(vfs_path_trailing_slashes)
{
    struct fx f;
    struct vfs_attr a;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_put(&f, &f.root, "/file", "x"), 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/dir", 0755), 0);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "dir", 0, "/dirlink"), 0);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "file", 0, "/filelink"), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/file/", &a), -ENOTDIR);
    CHECK_EQ(fx_stat(&f, &f.root, "/dir/", &a), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/dir//", &a), 0);
    /* lstat of "link/" follows the link */
    CHECK_EQ(fx_lstat(&f, &f.root, "/dirlink/", &a), 0);
    CHECK_EQ(a.mode & LINUX_S_IFMT, LINUX_S_IFDIR);
    CHECK_EQ(fx_lstat(&f, &f.root, "/filelink/", &a), -ENOTDIR);
    CHECK_EQ(fx_open(&f, &f.root, "/file/", LINUX_O_RDONLY, 0), -ENOTDIR);
    CHECK_EQ(fx_open(&f, &f.root, "/new/", LINUX_O_RDWR | LINUX_O_CREAT, 0644), -EISDIR);
    CHECK_EQ(fx_open(&f, &f.root, "/file/", LINUX_O_RDWR | LINUX_O_CREAT, 0644), -EISDIR);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/newdir/", 0755), 0);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "x", 0, "/newlink/"), -ENOENT);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/file/", 0), -ENOTDIR);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/newdir/", LINUX_AT_REMOVEDIR), 0);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/file/", 0, "/file2", 0), -ENOTDIR);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/file", 0, "/file2/", 0), -ENOTDIR);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/dir/", 0, "/dir2/", 0), 0);
    fx_teardown(&f);
}

TEST(vfs_path_name_limits)
{
    struct fx f;
    struct vfs_attr a;
    char name[300], *path;
    size_t i;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    name[0] = '/';
    long_name(name + 1, 255);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, name, 0755), 0);
    CHECK_EQ(fx_stat(&f, &f.root, name, &a), 0);
    long_name(name + 1, 256);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, name, 0755), -ENAMETOOLONG);
    CHECK_EQ(fx_stat(&f, &f.root, name, &a), -ENAMETOOLONG);
    /* 4095 bytes is the longest path; 4096 is too long */
    path = malloc(LINUX_PATH_MAX + 2);
    REQUIRE(path != NULL);
    for (i = 0; i < LINUX_PATH_MAX - 1; i++)
        path[i] = i % 2 ? '.' : '/';
    path[LINUX_PATH_MAX - 1] = 0;
    CHECK_EQ(fx_stat(&f, &f.root, path, &a), 0);
    path[LINUX_PATH_MAX - 1] = '/';
    path[LINUX_PATH_MAX] = 0;
    CHECK_EQ(fx_stat(&f, &f.root, path, &a), -ENAMETOOLONG);
    free(path);
    CHECK_EQ(fx_stat(&f, &f.root, "", &a), -ENOENT);
    fx_teardown(&f);
}

TEST(vfs_path_missing_and_not_a_directory)
{
    struct fx f;
    struct vfs_attr a;
    uint64_t h;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_put(&f, &f.root, "/file", "x"), 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/missing", &a), -ENOENT);
    CHECK_EQ(fx_stat(&f, &f.root, "/missing/x", &a), -ENOENT);
    CHECK_EQ(fx_stat(&f, &f.root, "/file/x", &a), -ENOTDIR);
    CHECK_EQ(fx_stat(&f, &f.root, "/file/..", &a), -ENOTDIR);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/missing/x", 0755), -ENOENT);
    /* a handle on a file as the starting directory */
    h = (uint64_t)fx_open(&f, &f.root, "/file", LINUX_O_RDONLY, 0);
    CHECK_EQ(vfs_stat(f.v, &f.root, h, "x", 0, &a), -ENOTDIR);
    CHECK_EQ(vfs_stat(f.v, &f.root, h, NULL, 0, &a), 0);
    CHECK_EQ(vfs_close(f.v, h), 0);
    fx_teardown(&f);
}

TEST(vfs_path_search_permission)
{
    struct fx f;
    struct vfs_attr a;
    uint64_t h;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/secret", 0700), 0);
    CHECK_EQ(fx_put(&f, &f.root, "/secret/f", "x"), 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/listonly", 0744), 0);
    CHECK_EQ(fx_put(&f, &f.root, "/listonly/f", "x"), 0);
    CHECK_EQ(fx_stat(&f, &f.user, "/secret/f", &a), -EACCES);
    CHECK_EQ(fx_stat(&f, &f.user, "/secret", &a), 0);
    CHECK_EQ(fx_stat(&f, &f.user, "/listonly/f", &a), -EACCES);
    CHECK_EQ(fx_stat(&f, &f.root, "/secret/f", &a), 0); /* root searches anything */
    CHECK_EQ(vfs_chdir(f.v, &f.user, 0, "/secret", &h), -EACCES);
    CHECK_EQ(vfs_chdir(f.v, &f.root, 0, "/secret", &h), 0);
    CHECK_EQ(vfs_stat(f.v, &f.user, h, "f", 0, &a), -EACCES);
    CHECK_EQ(vfs_stat(f.v, &f.user, h, "..", 0, &a), -EACCES);
    CHECK_EQ(vfs_close(f.v, h), 0);
    /* group permission */
    CHECK_EQ(vfs_chown(f.v, &f.root, 0, "/secret", 0, 1000, 0), 0);
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/secret", 0710, 0), 0);
    CHECK_EQ(fx_stat(&f, &f.user, "/secret/f", &a), 0);
    fx_teardown(&f);
}

TEST(vfs_path_removed_cwd)
{
    struct fx f;
    struct vfs_attr a;
    char buf[64];
    uint64_t h;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/a", 0755), 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/a/b", 0755), 0);
    CHECK_EQ(vfs_chdir(f.v, &f.root, 0, "/a/b", &h), 0);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/a/b", LINUX_AT_REMOVEDIR), 0);
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/a", LINUX_AT_REMOVEDIR), 0);
    CHECK_EQ(vfs_getpath(f.v, h, buf, sizeof buf), -ENOENT);
    CHECK_EQ(vfs_stat(f.v, &f.root, h, ".", 0, &a), 0);
    CHECK_EQ(a.nlink, 0);
    CHECK_EQ(vfs_stat(f.v, &f.root, h, "..", 0, &a), -ENOENT);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, h, "x", 0755), -ENOENT);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/c", 0755), 0);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/c", h, "c", 0), -ENOENT);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "x", h, "l"), -ENOENT);
    CHECK_EQ(vfs_mount(f.v, &f.root, h, ".", "tmpfs", NULL, 0), -ENOENT);
    CHECK_EQ(fx_open(&f, &f.root, "/a", LINUX_O_RDONLY, 0), -ENOENT);
    CHECK_EQ(vfs_close(f.v, h), 0);
    fx_teardown(&f);
}
