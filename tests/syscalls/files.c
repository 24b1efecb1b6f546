/*
 * tests/syscalls/files.c — regular files: openat and its flags, close, read,
 * write, readv, writev, pread64, pwrite64, lseek, fstat, newfstatat, statx,
 * faccessat, fchmod(at), fchown(at), utimensat, ftruncate, truncate, fsync,
 * and their error paths (EBADF, EFAULT, ENOENT, ENOTDIR, EISDIR,
 * ENAMETOOLONG, ELOOP, EACCES as uid 1000).
 *
 * Works in /tmp/sc-files.PID, removed at the end.  Prints failures and
 * "syscalls-files: N passed, N failed".
 */
#include "check.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <time.h>

/* struct statx as the kernel lays it out (linux/stat.h). */
struct kstatx_ts {
    int64_t tv_sec;
    uint32_t tv_nsec;
    int32_t reserved;
};
struct kstatx {
    uint32_t stx_mask, stx_blksize;
    uint64_t stx_attributes;
    uint32_t stx_nlink, stx_uid, stx_gid;
    uint16_t stx_mode, pad1;
    uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
    struct kstatx_ts stx_atime, stx_btime, stx_ctime, stx_mtime;
    uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
    uint64_t spare[14];
};
#define KSTATX_TYPE 0x1U
#define KSTATX_MODE 0x2U
#define KSTATX_SIZE 0x200U
#define KSTATX_BASIC 0x7ffU
#define KSTATX_RESERVED 0x80000000U

static int write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ssize_t n;

    if (fd < 0)
        return -1;
    n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* read_file: reads path into buf (NUL-terminated); returns the length or -1. */
static ssize_t read_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    ssize_t n;

    if (fd < 0)
        return -1;
    n = read(fd, buf, size - 1);
    close(fd);
    buf[n < 0 ? 0 : n] = 0;
    return n;
}

static off_t size_of(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 ? st.st_size : -1;
}

static void test_openat(void)
{
    char buf[64];
    struct stat st;
    int fd, fd2, dfd;

    fd = openat(AT_FDCWD, "f", O_CREAT | O_WRONLY, 0666);
    CHECK("openat/O_CREAT", fd >= 0);
    CHECK("openat/O_CREAT mode minus umask", fstat(fd, &st) == 0 && (st.st_mode & 07777) == 0644);
    CHECK("openat/O_CREAT regular file", S_ISREG(st.st_mode) && st.st_size == 0);
    CHECK("write/to new file", write(fd, "hello", 5) == 5);
    close(fd);
    CHECK_ERRNO("openat/O_CREAT|O_EXCL existing",
                openat(AT_FDCWD, "f", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
    fd = open("f", O_CREAT | O_WRONLY, 0600);
    CHECK("openat/O_CREAT existing keeps data and mode",
          fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 5 && (st.st_mode & 0777) == 0644);
    close(fd);
    fd = open("f", O_WRONLY | O_TRUNC);
    CHECK("openat/O_TRUNC empties", fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0);
    close(fd);

    write_file("f", "ab");
    fd = open("f", O_WRONLY | O_APPEND);
    lseek(fd, 0, SEEK_SET);
    CHECK("openat/O_APPEND writes at the end",
          write(fd, "cd", 2) == 2 && lseek(fd, 0, SEEK_CUR) == 4);
    close(fd);
    CHECK("openat/O_APPEND content",
          read_file("f", buf, sizeof buf) == 4 && strcmp(buf, "abcd") == 0);

    fd = open(".", O_RDONLY | O_DIRECTORY);
    CHECK("openat/O_DIRECTORY on a directory", fd >= 0);
    close(fd);
    CHECK_ERRNO("openat/O_DIRECTORY on a file", open("f", O_RDONLY | O_DIRECTORY), ENOTDIR);
    symlink("f", "lnk");
    CHECK_ERRNO("openat/O_NOFOLLOW on a symlink", open("lnk", O_RDONLY | O_NOFOLLOW), ELOOP);
    fd = open("f", O_RDONLY | O_NOFOLLOW);
    CHECK("openat/O_NOFOLLOW on a file", fd >= 0);
    close(fd);
    fd = open("lnk", O_RDONLY);
    CHECK("openat/follows a symlink",
          fd >= 0 && read(fd, buf, 4) == 4 && memcmp(buf, "abcd", 4) == 0);
    close(fd);

    fd = open("f", O_RDONLY | O_CLOEXEC);
    CHECK("openat/O_CLOEXEC sets FD_CLOEXEC", fcntl(fd, F_GETFD) == FD_CLOEXEC);
    close(fd);
    fd = open("f", O_RDONLY);
    CHECK("openat/no O_CLOEXEC", fcntl(fd, F_GETFD) == 0);
    fd2 = open("f", O_RDONLY);
    close(fd);
    fd = open("f", O_RDONLY);
    CHECK("openat/returns the lowest free fd", fd >= 0 && fd < fd2);
    close(fd);
    close(fd2);

    CHECK_ERRNO("openat/missing file", open("missing", O_RDONLY), ENOENT);
    CHECK_ERRNO("openat/empty path", open("", O_RDONLY), ENOENT);
    CHECK_ERRNO("openat/missing directory", open("nodir/x", O_CREAT | O_WRONLY, 0644), ENOENT);
    CHECK_ERRNO("openat/through a file", open("f/x", O_RDONLY), ENOTDIR);
    CHECK_ERRNO("openat/directory for writing", open(".", O_WRONLY), EISDIR);
    CHECK_ERRNO("openat/directory O_RDWR", open(".", O_RDWR), EISDIR);

    mkdir("d", 0755);
    dfd = open("d", O_RDONLY | O_DIRECTORY);
    fd = openat(dfd, "x", O_CREAT | O_WRONLY, 0644);
    CHECK("openat/relative to a directory fd", fd >= 0 && access("d/x", F_OK) == 0);
    close(fd);
    fd = open("f", O_RDONLY);
    CHECK_ERRNO("openat/dirfd is a file", openat(fd, "x", O_RDONLY), ENOTDIR);
    close(fd);
    CHECK_ERRNO("openat/bad dirfd", openat(-5, "x", O_RDONLY), EBADF);
    fd = openat(-5, "/etc/passwd", O_RDONLY);
    CHECK("openat/absolute path ignores dirfd", fd >= 0);
    close(fd);
    close(dfd);

    symlink("target", "dangling");
    CHECK_ERRNO("openat/O_EXCL on a dangling symlink",
                open("dangling", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
    fd = open("dangling", O_CREAT | O_WRONLY, 0644);
    CHECK("openat/O_CREAT through a dangling symlink creates its target",
          fd >= 0 && access("target", F_OK) == 0);
    close(fd);

    CHECK_ERRNO("openat/bad path pointer", syscall(SYS_openat, AT_FDCWD, (char *)1, O_RDONLY),
                EFAULT);
    CHECK_ERRNO("openat/kernel path pointer", syscall(SYS_openat, AT_FDCWD, KERNEL_ADDR, O_RDONLY),
                EFAULT);
}

static void test_names(void)
{
    char name[300], *path;
    int i;

    memset(name, 'n', 256);
    name[256] = 0;
    CHECK_ERRNO("openat/component of 256 bytes", open(name, O_CREAT | O_WRONLY, 0644),
                ENAMETOOLONG);
    name[255] = 0;
    i = open(name, O_CREAT | O_WRONLY, 0644);
    CHECK("openat/component of 255 bytes", i >= 0);
    close(i);
    unlink(name);
    path = malloc(5000);
    for (i = 0; i < 4999; i++)
        path[i] = i % 2 ? '/' : 'a';
    path[4999] = 0;
    CHECK_ERRNO("openat/path of 5000 bytes", open(path, O_RDONLY), ENAMETOOLONG);
    free(path);

    symlink("loop-b", "loop-a");
    symlink("loop-a", "loop-b");
    CHECK_ERRNO("openat/symlink loop", open("loop-a", O_RDONLY), ELOOP);
    CHECK_ERRNO("newfstatat/symlink loop", stat("loop-a/x", &(struct stat){0}), ELOOP);
    write_file("chain0", "end");
    for (i = 1; i <= 8; i++) {
        char from[16], to[16];
        snprintf(to, sizeof to, "chain%d", i - 1);
        snprintf(from, sizeof from, "chain%d", i);
        symlink(to, from);
    }
    i = open("chain8", O_RDONLY);
    CHECK("openat/chain of 8 symlinks", i >= 0);
    close(i);
}

static void test_close(void)
{
    int fd = open("f", O_RDONLY);

    CHECK_OK("close/open fd", close(fd));
    CHECK_ERRNO("close/twice", close(fd), EBADF);
    CHECK_ERRNO("close/-1", close(-1), EBADF);
    CHECK_ERRNO("close/huge fd", close(1 << 20), EBADF);
}

static void test_read_write(void)
{
    static char big[1 << 20], back[1 << 20];
    char buf[16];
    void *gone = unmapped_page();
    int fd, ro, wo;

    fd = open("rw", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK("write/returns the count", write(fd, "0123456789", 10) == 10);
    CHECK("write/zero bytes", write(fd, buf, 0) == 0);
    lseek(fd, 0, SEEK_SET);
    CHECK("read/returns the data", read(fd, buf, 4) == 4 && memcmp(buf, "0123", 4) == 0);
    CHECK("read/continues at the offset", read(fd, buf, 16) == 6 && memcmp(buf, "456789", 6) == 0);
    CHECK("read/at end of file", read(fd, buf, 16) == 0);
    CHECK("read/zero bytes", read(fd, buf, 0) == 0);

    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (char)(i * 7 + i / 4096);
    lseek(fd, 0, SEEK_SET);
    CHECK("write/1 MiB", write(fd, big, sizeof big) == (ssize_t)sizeof big);
    lseek(fd, 0, SEEK_SET);
    ssize_t got = 0, n;
    while ((n = read(fd, back + got, sizeof back - (size_t)got)) > 0)
        got += n;
    CHECK("read/1 MiB back", got == (ssize_t)sizeof big && memcmp(big, back, sizeof big) == 0);

    lseek(fd, 0, SEEK_SET);
    CHECK_ERRNO("read/into address 1", read(fd, (void *)1, 8), EFAULT);
    CHECK_ERRNO("read/into an unmapped page", read(fd, gone, 8), EFAULT);
    CHECK_ERRNO("read/into 0xffff000000000000", read(fd, KERNEL_ADDR, 8), EFAULT);
    CHECK_ERRNO("read/into 0xffffff8000000000", read(fd, KERNEL_ADDR2, 8), EFAULT);
    CHECK_ERRNO("write/from an unmapped page", write(fd, gone, 8), EFAULT);
    CHECK_ERRNO("write/from 0xffff000000000000", write(fd, KERNEL_ADDR, 8), EFAULT);
    CHECK_ERRNO("write/from a NULL pointer", write(fd, NULL, 8), EFAULT);
    CHECK("read/offset unchanged by EFAULT", lseek(fd, 0, SEEK_CUR) == 0);
    close(fd);

    CHECK_ERRNO("read/bad fd", read(-1, buf, 1), EBADF);
    CHECK_ERRNO("write/closed fd", write(fd, buf, 1), EBADF);
    ro = open("rw", O_RDONLY);
    CHECK_ERRNO("write/on an O_RDONLY fd", write(ro, "x", 1), EBADF);
    close(ro);
    wo = open("rw", O_WRONLY);
    CHECK_ERRNO("read/on an O_WRONLY fd", read(wo, buf, 1), EBADF);
    close(wo);
    fd = open(".", O_RDONLY | O_DIRECTORY);
    CHECK_ERRNO("read/on a directory", read(fd, buf, sizeof buf), EISDIR);
    close(fd);

    fd = open("/dev/null", O_RDWR);
    CHECK("write/to /dev/null", fd >= 0 && write(fd, "abc", 3) == 3);
    CHECK("read/from /dev/null", read(fd, buf, sizeof buf) == 0);
    close(fd);
    fd = open("/dev/zero", O_RDONLY);
    memset(buf, 1, sizeof buf);
    CHECK("read/from /dev/zero",
          fd >= 0 && read(fd, buf, sizeof buf) == sizeof buf && buf[0] == 0 && buf[15] == 0);
    close(fd);
    fd = open("/dev/full", O_WRONLY);
    CHECK_ERRNO("write/to /dev/full", write(fd, "x", 1), ENOSPC);
    close(fd);
}

static void test_vectors(void)
{
    char a[4], b[8], all[32];
    struct iovec out[3] = {{"abc", 3}, {"", 0}, {"defgh", 5}};
    struct iovec in[2] = {{a, sizeof a}, {b, sizeof b}};
    struct iovec bad[1] = {{unmapped_page(), 4}};
    int fd = open("vec", O_RDWR | O_CREAT | O_TRUNC, 0644);

    CHECK("writev/gathers", writev(fd, out, 3) == 8);
    lseek(fd, 0, SEEK_SET);
    memset(b, 0, sizeof b);
    CHECK("readv/scatters",
          readv(fd, in, 2) == 8 && memcmp(a, "abcd", 4) == 0 && memcmp(b, "efgh", 4) == 0);
    CHECK("readv/file content",
          read_file("vec", all, sizeof all) == 8 && strcmp(all, "abcdefgh") == 0);
    CHECK("writev/zero vectors", writev(fd, out, 0) == 0);
    CHECK_ERRNO("writev/negative count", writev(fd, out, -1), EINVAL);
    CHECK_ERRNO("readv/count over IOV_MAX", syscall(SYS_readv, fd, in, 1025), EINVAL);
    CHECK_ERRNO("writev/bad iovec pointer", syscall(SYS_writev, fd, (void *)8, 1), EFAULT);
    CHECK_ERRNO("writev/bad buffer", writev(fd, bad, 1), EFAULT);
    CHECK_ERRNO("readv/kernel iovec pointer", syscall(SYS_readv, fd, KERNEL_ADDR, 1), EFAULT);
    CHECK_ERRNO("readv/bad fd", readv(-1, in, 2), EBADF);
    close(fd);
}

static void test_positional(void)
{
    char buf[16];
    int fds[2];
    int fd = open("pos", O_RDWR | O_CREAT | O_TRUNC, 0644);

    write(fd, "abcdef", 6);
    lseek(fd, 1, SEEK_SET);
    CHECK("pread64/reads at the offset", pread(fd, buf, 3, 2) == 3 && memcmp(buf, "cde", 3) == 0);
    CHECK("pread64/leaves the file offset", lseek(fd, 0, SEEK_CUR) == 1);
    CHECK("pwrite64/writes at the offset", pwrite(fd, "XY", 2, 4) == 2);
    CHECK("pwrite64/leaves the file offset", lseek(fd, 0, SEEK_CUR) == 1);
    CHECK("pwrite64/beyond the end extends", pwrite(fd, "Z", 1, 100) == 1 && size_of("pos") == 101);
    CHECK("pread64/content", pread(fd, buf, 6, 0) == 6 && memcmp(buf, "abcdXY", 6) == 0);
    CHECK("pread64/hole reads zeros", pread(fd, buf, 4, 50) == 4 && buf[0] == 0 && buf[3] == 0);
    CHECK("pread64/at the end", pread(fd, buf, 4, 101) == 0);
    CHECK_ERRNO("pread64/negative offset", pread(fd, buf, 1, -1), EINVAL);
    CHECK_ERRNO("pwrite64/negative offset", pwrite(fd, buf, 1, -1), EINVAL);
    CHECK_ERRNO("pread64/bad buffer", pread(fd, KERNEL_ADDR, 4, 0), EFAULT);
    close(fd);
    pipe(fds);
    CHECK_ERRNO("pread64/on a pipe", pread(fds[0], buf, 1, 0), ESPIPE);
    CHECK_ERRNO("pwrite64/on a pipe", pwrite(fds[1], "x", 1, 0), ESPIPE);
    close(fds[0]);
    close(fds[1]);
}

static void test_lseek(void)
{
    char c = 1, buf[8];
    int fds[2];
    int fd = open("seek", O_RDWR | O_CREAT | O_TRUNC, 0644);

    write(fd, "0123456789", 10);
    CHECK("lseek/SEEK_SET", lseek(fd, 3, SEEK_SET) == 3 && read(fd, &c, 1) == 1 && c == '3');
    CHECK("lseek/SEEK_CUR", lseek(fd, 2, SEEK_CUR) == 6 && read(fd, &c, 1) == 1 && c == '6');
    CHECK("lseek/SEEK_CUR backwards", lseek(fd, -5, SEEK_CUR) == 2);
    CHECK("lseek/SEEK_END", lseek(fd, -2, SEEK_END) == 8 && read(fd, &c, 1) == 1 && c == '8');
    CHECK("lseek/past the end", lseek(fd, 10, SEEK_END) == 20);
    CHECK("lseek/write past the end", write(fd, "E", 1) == 1 && size_of("seek") == 21);
    CHECK("lseek/gap reads zeros", pread(fd, buf, 4, 12) == 4 && buf[0] == 0 && buf[3] == 0);
    CHECK_ERRNO("lseek/negative result", lseek(fd, -100, SEEK_CUR), EINVAL);
    CHECK_ERRNO("lseek/negative SEEK_SET", lseek(fd, -1, SEEK_SET), EINVAL);
    CHECK_ERRNO("lseek/bad whence", lseek(fd, 0, 42), EINVAL);
    CHECK("lseek/offset kept after EINVAL", lseek(fd, 0, SEEK_CUR) == 21);
    CHECK_ERRNO("lseek/bad fd", lseek(-1, 0, SEEK_SET), EBADF);
    close(fd);
    pipe(fds);
    CHECK_ERRNO("lseek/on a pipe", lseek(fds[0], 0, SEEK_CUR), ESPIPE);
    CHECK_ERRNO("lseek/on a pipe's write end", lseek(fds[1], 0, SEEK_SET), ESPIPE);
    close(fds[0]);
    close(fds[1]);
}

static void test_stat(void)
{
    struct stat st, st2;
    struct kstatx stx;
    int fd = open("st", O_RDWR | O_CREAT | O_TRUNC, 0640);

    write(fd, "12345", 5);
    CHECK_OK("fstat/file", fstat(fd, &st));
    CHECK("fstat/size and type",
          st.st_size == 5 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0640);
    CHECK("fstat/owner and links",
          st.st_uid == geteuid() && st.st_gid == getegid() && st.st_nlink == 1);
    CHECK("fstat/block size", st.st_blksize > 0);
    CHECK("newfstatat/same inode as fstat",
          stat("st", &st2) == 0 && st2.st_ino == st.st_ino && st2.st_dev == st.st_dev);
    CHECK_ERRNO("fstat/bad fd", fstat(-1, &st), EBADF);
    CHECK_ERRNO("fstat/bad buffer", syscall(SYS_fstat, fd, (void *)16), EFAULT);
    CHECK_ERRNO("fstat/kernel buffer", syscall(SYS_fstat, fd, KERNEL_ADDR), EFAULT);

    symlink("st", "st-link");
    CHECK("newfstatat/AT_SYMLINK_NOFOLLOW",
          fstatat(AT_FDCWD, "st-link", &st2, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st2.st_mode) &&
              st2.st_size == 2);
    CHECK("newfstatat/follows symlinks",
          fstatat(AT_FDCWD, "st-link", &st2, 0) == 0 && st2.st_ino == st.st_ino);
    CHECK("newfstatat/AT_EMPTY_PATH",
          fstatat(fd, "", &st2, AT_EMPTY_PATH) == 0 && st2.st_ino == st.st_ino);
    CHECK_ERRNO("newfstatat/empty path without AT_EMPTY_PATH",
                syscall(SYS_newfstatat, AT_FDCWD, "", &st2, 0), ENOENT);
    CHECK_ERRNO("newfstatat/bad flags", syscall(SYS_newfstatat, AT_FDCWD, "st", &st2, 0x10000000),
                EINVAL);
    CHECK_ERRNO("newfstatat/missing", stat("missing", &st2), ENOENT);
    CHECK_ERRNO("newfstatat/through a file", stat("st/x", &st2), ENOTDIR);
    CHECK_ERRNO("newfstatat/bad path pointer",
                syscall(SYS_newfstatat, AT_FDCWD, (char *)1, &st2, 0), EFAULT);
    CHECK_ERRNO("newfstatat/kernel path pointer",
                syscall(SYS_newfstatat, AT_FDCWD, KERNEL_ADDR2, &st2, 0), EFAULT);
    CHECK_ERRNO("newfstatat/bad buffer", syscall(SYS_newfstatat, AT_FDCWD, "st", (void *)1, 0),
                EFAULT);
    CHECK("newfstatat/directory",
          stat(".", &st2) == 0 && S_ISDIR(st2.st_mode) && st2.st_nlink >= 2);
    CHECK("newfstatat/character device", stat("/dev/null", &st2) == 0 && S_ISCHR(st2.st_mode) &&
                                             major(st2.st_rdev) == 1 && minor(st2.st_rdev) == 3);

    memset(&stx, 0, sizeof stx);
    CHECK_OK("statx/basic stats", syscall(SYS_statx, AT_FDCWD, "st", 0, KSTATX_BASIC, &stx));
    CHECK("statx/mask", (stx.stx_mask & (KSTATX_TYPE | KSTATX_MODE | KSTATX_SIZE)) ==
                            (KSTATX_TYPE | KSTATX_MODE | KSTATX_SIZE));
    CHECK("statx/matches fstat", stx.stx_size == 5 && stx.stx_ino == (uint64_t)st.st_ino &&
                                     stx.stx_mode == (st.st_mode & 0xffff) && stx.stx_nlink == 1);
    CHECK("statx/times match fstat", stx.stx_mtime.tv_sec == st.st_mtim.tv_sec &&
                                         stx.stx_mtime.tv_nsec == (uint32_t)st.st_mtim.tv_nsec);
    memset(&stx, 0, sizeof stx);
    CHECK("statx/AT_EMPTY_PATH",
          syscall(SYS_statx, fd, "", AT_EMPTY_PATH, KSTATX_BASIC, &stx) == 0 &&
              stx.stx_ino == (uint64_t)st.st_ino);
    CHECK("statx/AT_SYMLINK_NOFOLLOW",
          syscall(SYS_statx, AT_FDCWD, "st-link", AT_SYMLINK_NOFOLLOW, KSTATX_BASIC, &stx) == 0 &&
              S_ISLNK(stx.stx_mode));
    CHECK_ERRNO("statx/reserved mask bit",
                syscall(SYS_statx, AT_FDCWD, "st", 0, KSTATX_RESERVED, &stx), EINVAL);
    CHECK_ERRNO("statx/bad flags",
                syscall(SYS_statx, AT_FDCWD, "st", 0x40000000, KSTATX_BASIC, &stx), EINVAL);
    CHECK_ERRNO("statx/missing", syscall(SYS_statx, AT_FDCWD, "missing", 0, KSTATX_BASIC, &stx),
                ENOENT);
    CHECK_ERRNO("statx/bad buffer",
                syscall(SYS_statx, AT_FDCWD, "st", 0, KSTATX_BASIC, KERNEL_ADDR), EFAULT);
    close(fd);
}

static int user_write_open(void *path)
{
    return ERRNO_OF(open(path, O_WRONLY));
}
static int user_read_open(void *path)
{
    return ERRNO_OF(open(path, O_RDONLY));
}
static int user_create(void *path)
{
    return ERRNO_OF(open(path, O_WRONLY | O_CREAT, 0644));
}
static int user_access_w(void *path)
{
    return ERRNO_OF(access(path, W_OK));
}
static int user_access_r(void *path)
{
    return ERRNO_OF(access(path, R_OK));
}
static int user_chmod(void *path)
{
    return ERRNO_OF(chmod(path, 0777));
}
static int user_chown(void *path)
{
    return ERRNO_OF(chown(path, 1000, 1000));
}
static int user_utimes_set(void *path)
{
    struct timespec ts[2] = {{1, 0}, {1, 0}};
    return ERRNO_OF(utimensat(AT_FDCWD, path, ts, 0));
}
static int user_utimes_now(void *path)
{
    return ERRNO_OF(utimensat(AT_FDCWD, path, NULL, 0));
}
static int user_truncate(void *path)
{
    return ERRNO_OF(truncate(path, 0));
}

static void test_access(void)
{
    char path[128];
    int st;

    write_file("acc", "x");
    chmod("acc", 0);
    CHECK_OK("faccessat/F_OK", access("acc", F_OK));
    CHECK_ERRNO("faccessat/missing", access("missing", F_OK), ENOENT);
    CHECK_OK("faccessat/root may read and write mode 0", access("acc", R_OK | W_OK));
    CHECK_ERRNO("faccessat/root needs an x bit to execute", access("acc", X_OK), EACCES);
    chmod("acc", 0744);
    CHECK_OK("faccessat/X_OK with an x bit", faccessat(AT_FDCWD, "acc", X_OK, 0));
    CHECK_ERRNO("faccessat/bad mode", syscall(SYS_faccessat, AT_FDCWD, "acc", 0x100), EINVAL);
    CHECK_ERRNO("faccessat/bad path pointer", syscall(SYS_faccessat, AT_FDCWD, KERNEL_ADDR, F_OK),
                EFAULT);
    chmod("acc", 0644);

    snprintf(path, sizeof path, "%s/acc", scratch_path);
    st = run_as_user(user_write_open, path);
    CHECK("openat/uid 1000 writing root's 0644 file: EACCES", EXITED_WITH(st, EACCES));
    st = run_as_user(user_read_open, path);
    CHECK("openat/uid 1000 reading root's 0644 file", EXITED_WITH(st, 0));
    st = run_as_user(user_access_w, path);
    CHECK("faccessat/uid 1000 W_OK on root's file: EACCES", EXITED_WITH(st, EACCES));
    st = run_as_user(user_access_r, path);
    CHECK("faccessat/uid 1000 R_OK on root's 0644 file", EXITED_WITH(st, 0));
    chmod("acc", 0600);
    st = run_as_user(user_read_open, path);
    CHECK("openat/uid 1000 reading root's 0600 file: EACCES", EXITED_WITH(st, EACCES));
    st = run_as_user(user_chmod, path);
    CHECK("fchmodat/uid 1000 on root's file: EPERM", EXITED_WITH(st, EPERM));
    st = run_as_user(user_chown, path);
    CHECK("fchownat/uid 1000 on root's file: EPERM", EXITED_WITH(st, EPERM));
    st = run_as_user(user_utimes_set, path);
    CHECK("utimensat/uid 1000 setting times of root's file: EPERM", EXITED_WITH(st, EPERM));
    st = run_as_user(user_utimes_now, path);
    CHECK("utimensat/uid 1000 touching root's 0600 file: EACCES", EXITED_WITH(st, EACCES));
    st = run_as_user(user_truncate, path);
    CHECK("truncate/uid 1000 on root's file: EACCES", EXITED_WITH(st, EACCES));
    snprintf(path, sizeof path, "%s/user-new", scratch_path);
    st = run_as_user(user_create, path);
    CHECK("openat/uid 1000 creating in root's 0755 directory: EACCES", EXITED_WITH(st, EACCES));
    st = run_as_user(user_create, "/tmp/sc-files-user-file");
    CHECK("openat/uid 1000 creating in /tmp (1777)", EXITED_WITH(st, 0));
    unlink("/tmp/sc-files-user-file");
    mkdir("private", 0700);
    write_file("private/in", "x");
    chmod("private/in", 0644);
    snprintf(path, sizeof path, "%s/private/in", scratch_path);
    st = run_as_user(user_read_open, path);
    CHECK("openat/uid 1000 through root's 0700 directory: EACCES", EXITED_WITH(st, EACCES));
}

static void test_modes(void)
{
    struct stat st;
    int fd = open("mode", O_RDWR | O_CREAT | O_TRUNC, 0644);

    CHECK("fchmod/changes the mode",
          fchmod(fd, 0600) == 0 && fstat(fd, &st) == 0 && (st.st_mode & 07777) == 0600);
    CHECK("fchmodat/setuid bit kept", fchmodat(AT_FDCWD, "mode", 04755, 0) == 0 &&
                                          stat("mode", &st) == 0 && (st.st_mode & 07777) == 04755 &&
                                          S_ISREG(st.st_mode));
    CHECK_ERRNO("fchmod/bad fd", fchmod(-1, 0644), EBADF);
    CHECK_ERRNO("fchmodat/missing", fchmodat(AT_FDCWD, "missing", 0644, 0), ENOENT);
    CHECK_ERRNO("fchmodat/bad path pointer", syscall(SYS_fchmodat, AT_FDCWD, KERNEL_ADDR, 0644),
                EFAULT);

    CHECK("fchown/changes owner and group", fchown(fd, 1000, 1000) == 0 && fstat(fd, &st) == 0 &&
                                                st.st_uid == 1000 && st.st_gid == 1000);
    CHECK("fchown/clears the setuid bit", (st.st_mode & 07777) == 0755);
    CHECK("fchown/-1 keeps the owner", fchown(fd, (uid_t)-1, 0) == 0 && fstat(fd, &st) == 0 &&
                                           st.st_uid == 1000 && st.st_gid == 0);
    symlink("mode", "mode-link");
    CHECK("fchownat/AT_SYMLINK_NOFOLLOW changes the link only",
          fchownat(AT_FDCWD, "mode-link", 0, 1000, AT_SYMLINK_NOFOLLOW) == 0 &&
              lstat("mode-link", &st) == 0 && st.st_gid == 1000 && stat("mode", &st) == 0 &&
              st.st_gid == 0);
    CHECK("fchownat/follows by default", fchownat(AT_FDCWD, "mode-link", 0, 0, 0) == 0 &&
                                             stat("mode", &st) == 0 && st.st_uid == 0);
    CHECK_ERRNO("fchown/bad fd", fchown(-1, 0, 0), EBADF);
    CHECK_ERRNO("fchownat/bad flags", fchownat(AT_FDCWD, "mode", 0, 0, 0x4), EINVAL);
    close(fd);
}

static void test_utimensat(void)
{
    struct timespec ts[2] = {{1000, 500}, {2000, 600}};
    struct stat st, lst;
    time_t now = time(NULL);
    int fd;

    write_file("times", "x");
    CHECK("utimensat/sets both times", utimensat(AT_FDCWD, "times", ts, 0) == 0 &&
                                           stat("times", &st) == 0 && st.st_atim.tv_sec == 1000 &&
                                           st.st_atim.tv_nsec == 500 && st.st_mtim.tv_sec == 2000 &&
                                           st.st_mtim.tv_nsec == 600);
    ts[0].tv_nsec = UTIME_OMIT;
    ts[1] = (struct timespec){3000, 0};
    CHECK("utimensat/UTIME_OMIT", utimensat(AT_FDCWD, "times", ts, 0) == 0 &&
                                      stat("times", &st) == 0 && st.st_atim.tv_sec == 1000 &&
                                      st.st_mtim.tv_sec == 3000);
    ts[0].tv_nsec = UTIME_NOW;
    ts[1].tv_nsec = UTIME_OMIT;
    CHECK("utimensat/UTIME_NOW", utimensat(AT_FDCWD, "times", ts, 0) == 0 &&
                                     stat("times", &st) == 0 && st.st_atim.tv_sec >= now - 5 &&
                                     st.st_mtim.tv_sec == 3000);
    CHECK("utimensat/NULL sets now", utimensat(AT_FDCWD, "times", NULL, 0) == 0 &&
                                         stat("times", &st) == 0 && st.st_mtim.tv_sec >= now - 5 &&
                                         st.st_mtim.tv_sec <= now + 5);
    fd = open("times", O_RDONLY);
    ts[0] = (struct timespec){4000, 0};
    ts[1] = (struct timespec){5000, 0};
    CHECK("utimensat/on an fd (futimens)",
          futimens(fd, ts) == 0 && fstat(fd, &st) == 0 && st.st_mtim.tv_sec == 5000);
    close(fd);
    symlink("times", "times-link");
    ts[1] = (struct timespec){6000, 0};
    CHECK("utimensat/AT_SYMLINK_NOFOLLOW",
          utimensat(AT_FDCWD, "times-link", ts, AT_SYMLINK_NOFOLLOW) == 0 &&
              lstat("times-link", &lst) == 0 && lst.st_mtim.tv_sec == 6000 &&
              stat("times", &st) == 0 && st.st_mtim.tv_sec == 5000);
    ts[1].tv_nsec = 1000000000;
    CHECK_ERRNO("utimensat/nanoseconds out of range", utimensat(AT_FDCWD, "times", ts, 0), EINVAL);
    CHECK_ERRNO("utimensat/missing", utimensat(AT_FDCWD, "missing", NULL, 0), ENOENT);
    CHECK_ERRNO("utimensat/bad times pointer",
                syscall(SYS_utimensat, AT_FDCWD, "times", KERNEL_ADDR, 0), EFAULT);
}

static void test_truncate(void)
{
    char buf[16];
    int fds[2];
    int fd = open("trunc", O_RDWR | O_CREAT | O_TRUNC, 0644), ro;

    write(fd, "abcdef", 6);
    CHECK("ftruncate/grows", ftruncate(fd, 10000) == 0 && size_of("trunc") == 10000);
    CHECK("ftruncate/new bytes are zero", pread(fd, buf, 4, 6) == 4 && buf[0] == 0 && buf[3] == 0);
    CHECK("ftruncate/shrinks", ftruncate(fd, 3) == 0 && size_of("trunc") == 3);
    CHECK("ftruncate/keeps the start", pread(fd, buf, 16, 0) == 3 && memcmp(buf, "abc", 3) == 0);
    CHECK("ftruncate/offset unchanged", lseek(fd, 0, SEEK_CUR) == 6);
    CHECK("ftruncate/regrow reads zeros",
          ftruncate(fd, 6) == 0 && pread(fd, buf, 3, 3) == 3 && buf[0] == 0 && buf[2] == 0);
    CHECK_ERRNO("ftruncate/negative length", ftruncate(fd, -1), EINVAL);
    CHECK_ERRNO("ftruncate/bad fd", ftruncate(-1, 0), EBADF);
    ro = open("trunc", O_RDONLY);
    CHECK_ERRNO("ftruncate/O_RDONLY fd", ftruncate(ro, 0), EINVAL);
    close(ro);
    CHECK("truncate/by path", truncate("trunc", 1) == 0 && size_of("trunc") == 1);
    CHECK_ERRNO("truncate/missing", truncate("missing", 0), ENOENT);
    CHECK_ERRNO("truncate/directory", truncate(".", 0), EISDIR);
    CHECK_ERRNO("truncate/negative length", truncate("trunc", -5), EINVAL);
    CHECK_OK("fsync/file", fsync(fd));
    CHECK_OK("fdatasync/file", fdatasync(fd));
    CHECK_ERRNO("fsync/bad fd", fsync(-1), EBADF);
    pipe(fds);
    CHECK_ERRNO("ftruncate/pipe", ftruncate(fds[1], 0), EINVAL);
    CHECK_ERRNO("fsync/pipe", fsync(fds[1]), EINVAL);
    close(fds[0]);
    close(fds[1]);
    close(fd);
}

int main(int argc, char **argv)
{
    check_init(argc, argv);
    umask(022);
    if (!scratch_dir("files"))
        return 1;
    test_openat();
    test_names();
    test_close();
    test_read_write();
    test_vectors();
    test_positional();
    test_lseek();
    test_stat();
    test_access();
    test_modes();
    test_utimensat();
    test_truncate();
    scratch_remove();
    return check_done("files");
}
