/*
 * tests/syscalls/dirs.c — the name space: mkdirat, unlinkat, renameat(2),
 * linkat, symlinkat, readlinkat, getdents64, chdir, fchdir, getcwd, statfs,
 * fstatfs, umask, mknodat (FIFOs), with their error paths, and the
 * permission rules for uid 1000 (EACCES, the sticky bit).
 *
 * Works in /tmp/sc-dirs.PID, removed at the end.  Prints failures and
 * "syscalls-dirs: N passed, N failed".
 */
#include "check.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#endif

struct kdirent64 {
    uint64_t d_ino;
    int64_t d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

static int touch(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

    if (fd < 0)
        return -1;
    if (write(fd, text, strlen(text)) < 0) {
        close(fd);
        return -1;
    }
    return close(fd);
}

static int exists(const char *path)
{
    struct stat st;

    return lstat(path, &st) == 0;
}

static ino_t ino_of(const char *path)
{
    struct stat st;

    return lstat(path, &st) == 0 ? st.st_ino : 0;
}

static int content_is(const char *path, const char *text)
{
    char buf[64];
    int fd = open(path, O_RDONLY);
    ssize_t n;

    if (fd < 0)
        return 0;
    n = read(fd, buf, sizeof buf);
    close(fd);
    return n == (ssize_t)strlen(text) && memcmp(buf, text, (size_t)n) == 0;
}

static long renameat2_(const char *from, const char *to, unsigned flags)
{
    return syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, flags);
}

static void test_mkdir_unlink(void)
{
    struct stat st, before;
    char buf[8];
    int dfd, fd;

    stat(".", &before);
    CHECK_OK("mkdirat/new directory", mkdir("a", 0777));
    CHECK("mkdirat/mode minus umask", stat("a", &st) == 0 && S_ISDIR(st.st_mode) &&
                                          (st.st_mode & 07777) == 0755 && st.st_nlink == 2);
    CHECK("mkdirat/parent link count grows",
          stat(".", &st) == 0 && st.st_nlink == before.st_nlink + 1);
    CHECK_ERRNO("mkdirat/existing", mkdir("a", 0755), EEXIST);
    touch("file", "x");
    CHECK_ERRNO("mkdirat/over a file", mkdir("file", 0755), EEXIST);
    CHECK_ERRNO("mkdirat/missing parent", mkdir("none/a", 0755), ENOENT);
    CHECK_ERRNO("mkdirat/through a file", mkdir("file/a", 0755), ENOTDIR);
    CHECK_OK("mkdirat/trailing slash", mkdir("b/", 0755));
    dfd = open("a", O_RDONLY | O_DIRECTORY);
    CHECK("mkdirat/relative to a directory fd", mkdirat(dfd, "sub", 0700) == 0 && exists("a/sub"));
    CHECK_ERRNO("mkdirat/bad path pointer", syscall(SYS_mkdirat, AT_FDCWD, (char *)1, 0755),
                EFAULT);
    CHECK_ERRNO("mkdirat/bad dirfd", mkdirat(-7, "x", 0755), EBADF);

    CHECK_ERRNO("unlinkat/AT_REMOVEDIR non-empty", unlinkat(AT_FDCWD, "a", AT_REMOVEDIR),
                ENOTEMPTY);
    CHECK_ERRNO("unlinkat/a directory without AT_REMOVEDIR", unlink("a"), EISDIR);
    CHECK_ERRNO("unlinkat/AT_REMOVEDIR on a file", unlinkat(AT_FDCWD, "file", AT_REMOVEDIR),
                ENOTDIR);
    CHECK_ERRNO("unlinkat/bad flags", unlinkat(AT_FDCWD, "file", 0x1), EINVAL);
    CHECK_ERRNO("unlinkat/rmdir of \".\"", rmdir("a/sub/."), EINVAL);
    CHECK("unlinkat/relative to a directory fd",
          unlinkat(dfd, "sub", AT_REMOVEDIR) == 0 && !exists("a/sub"));
    close(dfd);
    CHECK("unlinkat/AT_REMOVEDIR empty",
          unlinkat(AT_FDCWD, "a", AT_REMOVEDIR) == 0 && !exists("a"));
    CHECK("unlinkat/parent link count back",
          stat(".", &st) == 0 && st.st_nlink == before.st_nlink + 1);
    CHECK_ERRNO("unlinkat/missing", unlink("a"), ENOENT);
    CHECK_ERRNO("unlinkat/through a file", unlink("file/x"), ENOTDIR);
    CHECK_ERRNO("unlinkat/bad path pointer", syscall(SYS_unlinkat, AT_FDCWD, KERNEL_ADDR, 0),
                EFAULT);

    fd = open("file", O_RDONLY);
    CHECK("unlinkat/a file", unlink("file") == 0 && !exists("file"));
    CHECK("unlinkat/an open file stays readable", read(fd, buf, sizeof buf) == 1 && buf[0] == 'x');
    CHECK("unlinkat/an open unlinked file has no links", fstat(fd, &st) == 0 && st.st_nlink == 0);
    close(fd);
    rmdir("b");
}

static void test_rename(void)
{
    ino_t ino;

    touch("r1", "one");
    ino = ino_of("r1");
    CHECK("renameat/moves", rename("r1", "r2") == 0 && !exists("r1") && ino_of("r2") == ino);
    touch("r3", "three");
    CHECK("renameat/replaces a file", rename("r2", "r3") == 0 && ino_of("r3") == ino &&
                                          content_is("r3", "one") && !exists("r2"));
    CHECK("renameat/onto itself", rename("r3", "r3") == 0 && ino_of("r3") == ino);
    link("r3", "r3-link");
    CHECK("renameat/between links of one file does nothing",
          rename("r3", "r3-link") == 0 && exists("r3") && exists("r3-link"));
    unlink("r3-link");
    mkdir("d1", 0755);
    mkdir("d2", 0755);
    touch("d1/in", "in");
    CHECK("renameat/directory over an empty directory",
          rename("d1", "d2") == 0 && !exists("d1") && content_is("d2/in", "in"));
    mkdir("d3", 0755);
    mkdir("d4", 0755);
    CHECK_ERRNO("renameat/directory over a non-empty one", rename("d3", "d2"), ENOTEMPTY);
    CHECK_ERRNO("renameat/file over a directory", rename("r3", "d3"), EISDIR);
    CHECK_ERRNO("renameat/directory over a file", rename("d3", "r3"), ENOTDIR);
    CHECK_ERRNO("renameat/directory into itself", rename("d2", "d2/sub"), EINVAL);
    CHECK_ERRNO("renameat/missing source", rename("missing", "x"), ENOENT);
    CHECK_ERRNO("renameat/into a missing directory", rename("r3", "none/x"), ENOENT);
    CHECK_ERRNO("renameat/bad path pointer",
                syscall(SYS_renameat, AT_FDCWD, "r3", AT_FDCWD, (char *)1), EFAULT);
    CHECK("renameat/into a directory", rename("r3", "d3/r3") == 0 && ino_of("d3/r3") == ino);

    touch("n1", "n1");
    touch("n2", "n2");
    CHECK_ERRNO("renameat2/RENAME_NOREPLACE onto an existing name",
                renameat2_("n1", "n2", RENAME_NOREPLACE), EEXIST);
    CHECK("renameat2/RENAME_NOREPLACE to a new name",
          renameat2_("n1", "n3", RENAME_NOREPLACE) == 0 && content_is("n3", "n1"));
    CHECK("renameat2/RENAME_EXCHANGE swaps", renameat2_("n2", "n3", RENAME_EXCHANGE) == 0 &&
                                                 content_is("n2", "n1") && content_is("n3", "n2"));
    CHECK_ERRNO("renameat2/RENAME_EXCHANGE with a missing name",
                renameat2_("n2", "n9", RENAME_EXCHANGE), ENOENT);
    CHECK_ERRNO("renameat2/NOREPLACE|EXCHANGE",
                renameat2_("n2", "n3", RENAME_NOREPLACE | RENAME_EXCHANGE), EINVAL);
    CHECK_ERRNO("renameat2/unknown flag", renameat2_("n2", "n3", 0x100), EINVAL);
}

static void test_links(void)
{
    char buf[64];
    struct stat st;

    touch("t", "target");
    CHECK_OK("linkat/hard link", link("t", "t2"));
    CHECK("linkat/same inode, two links",
          stat("t2", &st) == 0 && st.st_ino == ino_of("t") && st.st_nlink == 2);
    CHECK_ERRNO("linkat/existing name", link("t", "t2"), EEXIST);
    CHECK_ERRNO("linkat/missing source", link("missing", "t3"), ENOENT);
    mkdir("ld", 0755);
    CHECK_ERRNO("linkat/a directory", link("ld", "ld2"), EPERM);
    CHECK_ERRNO("linkat/into a missing directory", link("t", "none/t"), ENOENT);
    CHECK("linkat/unlinking one name keeps the other",
          unlink("t2") == 0 && stat("t", &st) == 0 && st.st_nlink == 1);

    CHECK_OK("symlinkat/create", symlink("t", "s"));
    CHECK("symlinkat/lstat sees a link",
          lstat("s", &st) == 0 && S_ISLNK(st.st_mode) && st.st_size == 1);
    CHECK_ERRNO("symlinkat/existing name", symlink("x", "s"), EEXIST);
    CHECK_ERRNO("symlinkat/empty target", symlink("", "s-empty"), ENOENT);
    CHECK_OK("symlinkat/dangling", symlink("no/such/target", "s-dangling"));
    CHECK_ERRNO("symlinkat/kernel target pointer",
                syscall(SYS_symlinkat, KERNEL_ADDR, AT_FDCWD, "s4"), EFAULT);
    CHECK("linkat/does not follow a symlink by default",
          linkat(AT_FDCWD, "s", AT_FDCWD, "s-hard", 0) == 0 && lstat("s-hard", &st) == 0 &&
              S_ISLNK(st.st_mode));
    CHECK("linkat/AT_SYMLINK_FOLLOW",
          linkat(AT_FDCWD, "s", AT_FDCWD, "t-hard", AT_SYMLINK_FOLLOW) == 0 &&
              ino_of("t-hard") == ino_of("t"));
    CHECK_ERRNO("linkat/bad flags", linkat(AT_FDCWD, "t", AT_FDCWD, "t4", 0x1), EINVAL);

    memset(buf, '#', sizeof buf);
    CHECK("readlinkat/returns the target without a NUL",
          readlink("s-dangling", buf, sizeof buf) == 14 && memcmp(buf, "no/such/target#", 15) == 0);
    CHECK("readlinkat/truncates to the buffer",
          readlink("s-dangling", buf, 4) == 4 && memcmp(buf, "no/s", 4) == 0);
    CHECK("readlinkat/relative to a dirfd",
          readlinkat(AT_FDCWD, "s", buf, sizeof buf) == 1 && buf[0] == 't');
    CHECK_ERRNO("readlinkat/not a symlink", readlink("t", buf, sizeof buf), EINVAL);
    CHECK_ERRNO("readlinkat/missing", readlink("missing", buf, sizeof buf), ENOENT);
    CHECK_ERRNO("readlinkat/zero-sized buffer", syscall(SYS_readlinkat, AT_FDCWD, "s", buf, 0),
                EINVAL);
    CHECK_ERRNO("readlinkat/bad buffer", syscall(SYS_readlinkat, AT_FDCWD, "s", KERNEL_ADDR, 16),
                EFAULT);
}

/* list: reads the whole directory dfd with getdents64 in chunks of bufsize;
 * counts the entries, and of those named f<N>, how often each was seen. */
static int list(int dfd, size_t bufsize, int *seen, int nseen, int *dot, int *types_ok)
{
    char buf[4096] __attribute__((aligned(8)));
    int total = 0;
    long n;

    *dot = 0;
    *types_ok = 1;
    while ((n = syscall(SYS_getdents64, dfd, buf, bufsize)) > 0) {
        for (long off = 0; off < n;) {
            struct kdirent64 *d = (struct kdirent64 *)(buf + off);
            int k;
            total++;
            if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0) {
                (*dot)++;
                if (d->d_type != DT_DIR)
                    *types_ok = 0;
            } else if (sscanf(d->d_name, "f%d", &k) == 1 && k >= 0 && k < nseen) {
                seen[k]++;
                if (d->d_type != DT_REG || d->d_ino == 0)
                    *types_ok = 0;
            } else if (strcmp(d->d_name, "sub") == 0 && d->d_type != DT_DIR) {
                *types_ok = 0;
            } else if (strcmp(d->d_name, "lnk") == 0 && d->d_type != DT_LNK) {
                *types_ok = 0;
            }
            off += d->d_reclen;
        }
    }
    return n < 0 ? -1 : total;
}

static void test_getdents(void)
{
    enum { N = 200 };
    int seen[N], dot, types_ok, dfd, fd, all_once = 1;
    char buf[512] __attribute__((aligned(8)));
    char name[32];

    mkdir("dir", 0755);
    for (int i = 0; i < N; i++) {
        snprintf(name, sizeof name, "dir/f%d", i);
        touch(name, "");
    }
    mkdir("dir/sub", 0755);
    symlink("f0", "dir/lnk");
    dfd = open("dir", O_RDONLY | O_DIRECTORY);
    memset(seen, 0, sizeof seen);
    CHECK("getdents64/lists every entry in 512-byte reads",
          list(dfd, 512, seen, N, &dot, &types_ok) == N + 4 && dot == 2);
    for (int i = 0; i < N; i++)
        all_once &= seen[i] == 1;
    CHECK("getdents64/every name exactly once", all_once);
    CHECK("getdents64/d_type", types_ok);
    CHECK("getdents64/0 at the end", syscall(SYS_getdents64, dfd, buf, sizeof buf) == 0);
    lseek(dfd, 0, SEEK_SET);
    memset(seen, 0, sizeof seen);
    CHECK("getdents64/lseek 0 rewinds", list(dfd, 4096, seen, N, &dot, &types_ok) == N + 4);
    lseek(dfd, 0, SEEK_SET);
    CHECK_ERRNO("getdents64/buffer too small for an entry", syscall(SYS_getdents64, dfd, buf, 8),
                EINVAL);
    CHECK_ERRNO("getdents64/bad buffer", syscall(SYS_getdents64, dfd, KERNEL_ADDR, 4096), EFAULT);
    fd = open("dir/f1", O_RDONLY);
    CHECK_ERRNO("getdents64/on a file", syscall(SYS_getdents64, fd, buf, sizeof buf), ENOTDIR);
    close(fd);
    CHECK_ERRNO("getdents64/bad fd", syscall(SYS_getdents64, -1, buf, sizeof buf), EBADF);
    close(dfd);

    mkdir("empty", 0755);
    dfd = open("empty", O_RDONLY | O_DIRECTORY);
    CHECK("getdents64/empty directory has . and ..",
          list(dfd, 512, seen, 0, &dot, &types_ok) == 2 && dot == 2);
    close(dfd);
}

static int user_chdir(void *path)
{
    return ERRNO_OF(chdir(path));
}

static void test_cwd(void)
{
    char buf[256], want[256];
    int dfd, fd;

    CHECK("getcwd/the scratch directory",
          getcwd(buf, sizeof buf) && strcmp(buf, scratch_path) == 0);
    mkdir("c", 0755);
    mkdir("c/d", 0755);
    snprintf(want, sizeof want, "%s/c/d", scratch_path);
    CHECK("chdir/relative", chdir("c/d") == 0 && getcwd(buf, sizeof buf) && strcmp(buf, want) == 0);
    CHECK("chdir/..",
          chdir("../..") == 0 && getcwd(buf, sizeof buf) && strcmp(buf, scratch_path) == 0);
    symlink("c/d", "cd-link");
    CHECK("chdir/through a symlink, getcwd has the real path",
          chdir("cd-link") == 0 && getcwd(buf, sizeof buf) && strcmp(buf, want) == 0);
    chdir(scratch_path);
    touch("plain", "");
    CHECK_ERRNO("chdir/missing", chdir("missing"), ENOENT);
    CHECK_ERRNO("chdir/a file", chdir("plain"), ENOTDIR);
    CHECK_ERRNO("chdir/bad path pointer", syscall(SYS_chdir, KERNEL_ADDR), EFAULT);
    dfd = open("c", O_RDONLY | O_DIRECTORY);
    snprintf(want, sizeof want, "%s/c", scratch_path);
    CHECK("fchdir/directory fd",
          fchdir(dfd) == 0 && getcwd(buf, sizeof buf) && strcmp(buf, want) == 0);
    chdir(scratch_path);
    close(dfd);
    fd = open("plain", O_RDONLY);
    CHECK_ERRNO("fchdir/file fd", fchdir(fd), ENOTDIR);
    close(fd);
    CHECK_ERRNO("fchdir/bad fd", fchdir(-1), EBADF);
    CHECK_ERRNO("getcwd/buffer too small", syscall(SYS_getcwd, buf, 4), ERANGE);
    CHECK_ERRNO("getcwd/zero size", syscall(SYS_getcwd, buf, 0), ERANGE);
    CHECK_ERRNO("getcwd/bad buffer", syscall(SYS_getcwd, KERNEL_ADDR, 256), EFAULT);
    CHECK("getcwd/returns the length with the NUL",
          syscall(SYS_getcwd, buf, sizeof buf) == (long)strlen(scratch_path) + 1);
    mkdir("gone", 0755);
    chdir("gone");
    rmdir("../gone");
    CHECK_ERRNO("getcwd/after the directory was removed", syscall(SYS_getcwd, buf, sizeof buf),
                ENOENT);
    chdir(scratch_path);
    mkdir("closed", 0700);
    snprintf(want, sizeof want, "%s/closed", scratch_path);
    CHECK("chdir/uid 1000 into root's 0700 directory: EACCES",
          EXITED_WITH(run_as_user(user_chdir, want), EACCES));
    CHECK("chdir/uid 1000 into /tmp", EXITED_WITH(run_as_user(user_chdir, "/tmp"), 0));
}

static void test_statfs(void)
{
    struct statfs a, b;
    int fd = open(".", O_RDONLY | O_DIRECTORY);

    CHECK_OK("statfs/the scratch directory", statfs(".", &a));
    CHECK("statfs/block size and name length", a.f_bsize > 0 && a.f_namelen >= 255);
    CHECK("fstatfs/agrees with statfs",
          fstatfs(fd, &b) == 0 && a.f_type == b.f_type && a.f_bsize == b.f_bsize);
    CHECK_OK("statfs/root", statfs("/", &b));
    CHECK_ERRNO("statfs/missing", statfs("missing", &b), ENOENT);
    CHECK_ERRNO("statfs/bad buffer", syscall(SYS_statfs, ".", KERNEL_ADDR), EFAULT);
    CHECK_ERRNO("statfs/bad path", syscall(SYS_statfs, (char *)1, &b), EFAULT);
    CHECK_ERRNO("fstatfs/bad fd", fstatfs(-1, &b), EBADF);
    close(fd);
}

static void test_umask(void)
{
    struct stat st;

    CHECK("umask/returns the old mask", umask(077) == 022);
    touch("u1", "");
    mkdir("u2", 0777);
    CHECK("umask/applies to files", stat("u1", &st) == 0 && (st.st_mode & 0777) == 0600);
    CHECK("umask/applies to directories", stat("u2", &st) == 0 && (st.st_mode & 0777) == 0700);
    CHECK("umask/keeps only permission bits", umask(07777) == 077 && umask(022) == 0777);
}

static void test_mknod(void)
{
    struct stat st;

    CHECK("mknodat/FIFO",
          mkfifo("fifo", 0644) == 0 && stat("fifo", &st) == 0 && S_ISFIFO(st.st_mode));
    CHECK_ERRNO("mknodat/existing", mkfifo("fifo", 0644), EEXIST);
    CHECK("mknodat/regular file", mknod("reg", S_IFREG | 0600, 0) == 0 && stat("reg", &st) == 0 &&
                                      S_ISREG(st.st_mode) && st.st_size == 0);
    CHECK_ERRNO("mknodat/bad type", mknod("bad", 0170000 | 0600, 0), EINVAL);
}

static int user_unlink(void *path)
{
    return ERRNO_OF(unlink(path));
}
static int user_mkdir(void *path)
{
    return ERRNO_OF(mkdir(path, 0755));
}
static int user_rename(void *path)
{
    return ERRNO_OF(rename(path, "/tmp/sc-dirs-renamed"));
}
static int user_own_file(void *path)
{
    int e = ERRNO_OF(touch(path, "mine"));
    return e ? e : ERRNO_OF(unlink(path));
}

static void test_permissions(void)
{
    char path[128];

    touch("rootfile", "r");
    snprintf(path, sizeof path, "%s/rootfile", scratch_path);
    CHECK("unlinkat/uid 1000 in root's 0755 directory: EACCES",
          EXITED_WITH(run_as_user(user_unlink, path), EACCES));
    CHECK("renameat/uid 1000 from root's 0755 directory: EACCES",
          EXITED_WITH(run_as_user(user_rename, path), EACCES));
    snprintf(path, sizeof path, "%s/newdir", scratch_path);
    CHECK("mkdirat/uid 1000 in root's 0755 directory: EACCES",
          EXITED_WITH(run_as_user(user_mkdir, path), EACCES));
    touch("/tmp/sc-dirs-sticky", "r");
    CHECK("unlinkat/uid 1000 on root's file in sticky /tmp: EPERM",
          EXITED_WITH(run_as_user(user_unlink, "/tmp/sc-dirs-sticky"), EPERM));
    unlink("/tmp/sc-dirs-sticky");
    CHECK("unlinkat/uid 1000 on its own file in /tmp",
          EXITED_WITH(run_as_user(user_own_file, "/tmp/sc-dirs-own"), 0));
}

int main(int argc, char **argv)
{
    check_init(argc, argv);
    umask(022);
    if (!scratch_dir("dirs"))
        return 1;
    test_mkdir_unlink();
    test_rename();
    test_links();
    test_getdents();
    test_cwd();
    test_statfs();
    test_umask();
    test_mknod();
    test_permissions();
    scratch_remove();
    return check_done("dirs");
}
