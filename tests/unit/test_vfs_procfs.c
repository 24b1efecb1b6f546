/*
 * tests/unit/test_vfs_procfs.c — vfs/procfs.c: the text of every file
 * against what Linux 6.1 prints for the same facts, the directories, the
 * per-client /proc/self, the fd and exe links (text, following, reopening
 * a kernel descriptor), permissions, and that lookups leave no nodes
 * behind.
 */
#include "vfs_fixture.h"

static char text[8192];

static const char *proc_text(struct fx *f, const struct vfs_ctx *c, const char *path)
{
    if (fx_get(f, c, path, text, sizeof text) < 0)
        return "(error)";
    return text;
}

/* STARTS: does string t begin with the literal lit? */
#define STARTS(t, lit) (strncmp((t), (lit), sizeof(lit) - 1) == 0)

static int count_fields(const char *s)
{
    int n = 0, in = 0;

    for (; *s; s++) {
        if (*s == ' ' || *s == '\n') {
            in = 0;
        } else if (!in) {
            in = 1;
            n++;
        }
    }
    return n;
}

TEST(procfs_uptime_loadavg_version_filesystems)
{
    struct fx f;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_STR(proc_text(&f, &f.user, "/proc/uptime"), "12345.67 20000.50\n");
    CHECK_STR(proc_text(&f, &f.user, "/proc/loadavg"), "0.00 0.00 0.00 1/2 42\n");
    CHECK_STR(proc_text(&f, &f.user, "/proc/version"),
              "Linux version 6.1.0-keel (keel@keel) (gcc version " __VERSION__
              ") #1 SMP Keel 0.1\n");
    CHECK_STR(proc_text(&f, &f.user, "/proc/filesystems"),
              "nodev\trootfs\nnodev\ttmpfs\nnodev\tdevtmpfs\nnodev\tproc\n");
    f.k.query_fails = 1;
    CHECK_STR(proc_text(&f, &f.user, "/proc/uptime"), "0.00 0.00\n");
    fx_teardown(&f);
}

TEST(procfs_meminfo)
{
    struct fx f;
    const char *t;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    t = proc_text(&f, &f.user, "/proc/meminfo");
    CHECK(STARTS(t, "MemTotal:        1048576 kB\n"
                    "MemFree:          800000 kB\n"
                    "MemAvailable:     800000 kB\n"
                    "Buffers:               0 kB\n"
                    "Cached:                0 kB\n"));
    CHECK(strstr(t, "\nSwapTotal:             0 kB\n") != NULL);
    CHECK(strstr(t, "\nCommitted_AS:     248576 kB\n") != NULL);
    fx_teardown(&f);
}

TEST(procfs_cpuinfo)
{
    struct fx f;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_STR(proc_text(&f, &f.user, "/proc/cpuinfo"),
              "processor\t: 0\n"
              "BogoMIPS\t: 125.00\n"
              "Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid\n"
              "CPU implementer\t: 0x41\n"
              "CPU architecture: 8\n"
              "CPU variant\t: 0x0\n"
              "CPU part\t: 0xd08\n"
              "CPU revision\t: 3\n"
              "\n"
              "processor\t: 1\n"
              "BogoMIPS\t: 125.00\n"
              "Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid\n"
              "CPU implementer\t: 0x41\n"
              "CPU architecture: 8\n"
              "CPU variant\t: 0x0\n"
              "CPU part\t: 0xd08\n"
              "CPU revision\t: 3\n"
              "\n");
    fx_teardown(&f);
}

TEST(procfs_mounts_and_stat)
{
    struct fx f;
    const char *t;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_STR(proc_text(&f, &f.user, "/proc/mounts"),
              "rootfs / rootfs rw,relatime,mode=755 0 0\n"
              "devtmpfs /dev devtmpfs rw,relatime,mode=755 0 0\n"
              "proc /proc proc rw,relatime 0 0\n");
    CHECK_STR(proc_text(&f, &f.user, "/proc/self/mounts"), proc_text(&f, &f.user, "/proc/mounts"));
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/tmp/with space", 0755), 0);
    CHECK_EQ(vfs_mount(f.v, &f.root, 0, "/tmp/with space", "tmpfs", "a\\b",
                       LINUX_MS_RDONLY | LINUX_MS_NODEV | LINUX_MS_NOEXEC | LINUX_MS_NOATIME),
             0);
    t = proc_text(&f, &f.user, "/proc/mounts");
    CHECK(strstr(t, "a\\134b /tmp/with\\040space tmpfs ro,nodev,noexec,noatime 0 0\n") != NULL);
    t = proc_text(&f, &f.user, "/proc/stat");
    CHECK(STARTS(t, "cpu  0 0 0 2000050 0 0 0 0 0 0\ncpu0 0 "));
    CHECK(strstr(t, "\nbtime 1700000000\nprocesses 41\nprocs_running 1\n") != NULL);
    fx_teardown(&f);
}

TEST(procfs_pid_stat_exact)
{
    struct fx f;
    const char *t;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    t = proc_text(&f, &f.user, "/proc/1/stat");
    CHECK_STR(t, "1 (init) S 0 1 1 0 -1 4194304 0 0 0 0 3 125 0 0 20 0 1 0 1 1056768 57 "
                 "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
    CHECK_EQ(count_fields(t), 52);
    t = proc_text(&f, &f.user, "/proc/42/stat");
    CHECK(STARTS(t, "42 (sh) R 1 42 42 1281 42 4194304 0 0 0 0 0 0 0 0 20 0 1 0 250 2097152 100 "));
    CHECK_EQ(count_fields(t), 52);
    /* a name with ") (" in it stays as it is: ps looks for the last ')' */
    strcpy(f.k.procs[1].name, "a) (b");
    t = proc_text(&f, &f.user, "/proc/42/stat");
    CHECK(STARTS(t, "42 (a) (b) R 1 "));
    fx_teardown(&f);
}

TEST(procfs_pid_status_cmdline_comm_statm)
{
    struct fx f;
    const char *t;
    char buf[64];

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    t = proc_text(&f, &f.user, "/proc/42/status");
    CHECK(STARTS(t, "Name:\tsh\nUmask:\t0077\nState:\tR (running)\nTgid:\t42\nNgid:\t0\n"
                    "Pid:\t42\nPPid:\t1\nTracerPid:\t0\nUid:\t1000\t1000\t1000\t1000\n"
                    "Gid:\t1000\t1000\t1000\t1000\nFDSize:\t64\nGroups:\t\nNStgid:\t42\n"
                    "NSpid:\t42\nNSpgid:\t42\nNSsid:\t42\nVmPeak:\t    2048 kB\n"
                    "VmSize:\t    2048 kB\n"));
    CHECK(strstr(t, "\nVmRSS:\t     400 kB\n") != NULL);
    CHECK(strstr(t, "\nThreads:\t1\n") != NULL);
    CHECK(strstr(t, "\nCapEff:\t0000000000000000\n") != NULL);
    t = proc_text(&f, &f.user, "/proc/1/status");
    CHECK(strstr(t, "\nCapEff:\t000001ffffffffff\n") != NULL);
    CHECK(strstr(t, "\nState:\tS (sleeping)\n") != NULL);
    strcpy(f.k.procs[1].name, "a\nb\\");
    t = proc_text(&f, &f.user, "/proc/42/status");
    CHECK(STARTS(t, "Name:\ta\\nb\\\\\n"));
    CHECK_EQ(fx_get(&f, &f.user, "/proc/42/cmdline", buf, sizeof buf), 7);
    CHECK(memcmp(buf, "-sh\0-i\0", 7) == 0);
    CHECK_STR(proc_text(&f, &f.user, "/proc/1/comm"), "init\n");
    CHECK_STR(proc_text(&f, &f.user, "/proc/42/statm"), "512 100 0 0 0 0 0\n");
    fx_teardown(&f);
}

TEST(procfs_directories_and_self)
{
    struct fx f;
    struct vfs_attr a;
    struct vfs_ctx nobody = {0, 5, 5, 022};
    char list[512], buf[16];

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_list(&f, &f.user, "/proc", list, sizeof list), 11);
    CHECK_STR(list, "1 42 cpuinfo filesystems loadavg meminfo mounts self stat uptime version");
    CHECK_EQ(fx_list(&f, &f.user, "/proc/42", list, sizeof list), 10);
    CHECK_STR(list, "cmdline comm cwd exe fd mounts root stat statm status");
    CHECK_EQ(fx_list(&f, &f.user, "/proc/self/fd", list, sizeof list), 3);
    CHECK_STR(list, "0 1 2");
    CHECK_EQ(vfs_readlink(f.v, &f.user, 0, "/proc/self", buf, sizeof buf), 2);
    CHECK(memcmp(buf, "42", 2) == 0);
    CHECK_EQ(vfs_readlink(f.v, &f.root, 0, "/proc/self", buf, sizeof buf), 1);
    CHECK_EQ(vfs_readlink(f.v, &nobody, 0, "/proc/self", buf, sizeof buf), -ENOENT);
    CHECK_EQ(fx_stat(&f, &f.root, "/proc/42", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFDIR | 0555);
    CHECK_EQ(a.uid, 1000);
    CHECK_EQ(fx_stat(&f, &f.root, "/proc/42/stat", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFREG | 0444);
    CHECK_EQ(a.size, 0);
    CHECK_EQ(fx_stat(&f, &f.root, "/proc/7", &a), -ENOENT);
    CHECK_EQ(fx_stat(&f, &f.root, "/proc/042", &a), -ENOENT);
    CHECK_EQ(fx_stat(&f, &f.root, "/proc/99999999999", &a), -ENOENT);
    CHECK_EQ(fx_stat(&f, &f.root, "/proc/42/nope", &a), -ENOENT);
    CHECK_EQ(fx_stat(&f, &f.root, "/proc/self/..", &a), 0);
    CHECK_EQ(a.ino, 1);
    /* one record per call: the pid cookies continue */
    {
        unsigned char b[32];
        struct vfs_xfer_mem m;
        uint64_t cookie = 0, next;
        int64_t h = fx_open(&f, &f.root, "/proc", LINUX_O_RDONLY, 0), n;
        int records = 0;

        while (vfs_xfer_mem_init(&m, b, sizeof b),
               (n = vfs_getdents(f.v, (uint64_t)h, cookie, &m.x, sizeof b, &next)) > 0) {
            records++;
            cookie = next;
        }
        CHECK_EQ(n, 0);
        CHECK_EQ(records, 13);
    }
    fx_teardown(&f);
}

TEST(procfs_fd_links)
{
    struct fx f;
    struct vfs_attr a, b;
    struct vfs_open_info info;
    struct vfs_ctx root42 = {42, 0, 0, 022};
    char buf[64];
    int64_t h;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(vfs_readlink(f.v, &f.user, 0, "/proc/42/fd/0", buf, sizeof buf), 12);
    CHECK(memcmp(buf, "/dev/console", 12) == 0);
    CHECK_EQ(vfs_readlink(f.v, &f.user, 0, "/proc/42/fd/1", buf, sizeof buf), 11);
    CHECK(memcmp(buf, "pipe:[4711]", 11) == 0);
    CHECK_EQ(fx_lstat(&f, &f.user, "/proc/42/fd/1", &a), 0);
    CHECK_EQ(a.mode, LINUX_S_IFLNK | 0300);
    CHECK_EQ(fx_lstat(&f, &f.user, "/proc/42/fd/9", &a), -ENOENT);
    /* following: to the console node (ps compares st_rdev with tty_nr) */
    CHECK_EQ(fx_stat(&f, &f.user, "/proc/42/fd/0", &a), 0);
    CHECK_EQ(a.mode & LINUX_S_IFMT, LINUX_S_IFCHR);
    CHECK_EQ(a.rdev, 1281);
    CHECK_EQ(fx_stat(&f, &f.user, "/proc/42/fd/1", &a), -ENOENT);
    /* opening a kernel descriptor: the kernel reopens it */
    CHECK_EQ(vfs_open(f.v, &f.user, 0, "/proc/self/fd/1", LINUX_O_WRONLY, 0, &info), 0);
    CHECK_EQ(info.flags, VFS_OPEN_INFO_PROC_FD);
    CHECK_EQ(info.handle, 0);
    CHECK_EQ(info.proc_pid, 42);
    CHECK_EQ(info.proc_fd, 1);
    CHECK_EQ(vfs_open(f.v, &root42, 0, "/dev/fd/0", LINUX_O_RDWR, 0, &info), 0);
    CHECK_EQ(info.flags, VFS_OPEN_INFO_KDEV);
    CHECK_EQ(info.rdev, LINUX_MKDEV(5, 1));
    /* a descriptor on a VFS handle: a link straight to the object */
    CHECK_EQ(fx_put(&f, &f.root, "/tmp/x", "contents"), 0);
    h = fx_open(&f, &f.root, "/tmp/x", LINUX_O_RDONLY, 0);
    f.k.fds[3].fd = 3;
    f.k.fds[3].kind = QUERY_FD_VFS;
    f.k.fds[3].flags = LINUX_O_RDONLY;
    f.k.fds[3].handle = (uint64_t)h;
    f.k.nfds = 4;
    CHECK_EQ(vfs_readlink(f.v, &f.user, 0, "/proc/42/fd/3", buf, sizeof buf), 6);
    CHECK(memcmp(buf, "/tmp/x", 6) == 0);
    CHECK_EQ(fx_stat(&f, &f.user, "/proc/42/fd/3", &a), 0);
    CHECK_EQ(fx_stat(&f, &f.user, "/tmp/x", &b), 0);
    CHECK_EQ(a.ino, b.ino);
    CHECK_EQ(fx_get(&f, &f.user, "/proc/self/fd/3", buf, sizeof buf), 8);
    CHECK_STR(buf, "contents");
    /* renamed away and removed: the link still reaches it */
    CHECK_EQ(vfs_unlink(f.v, &f.root, 0, "/tmp/x", 0), 0);
    CHECK_EQ(vfs_readlink(f.v, &f.user, 0, "/proc/42/fd/3", buf, sizeof buf), 16);
    CHECK(memcmp(buf, "/tmp/x (deleted)", 16) == 0);
    CHECK_EQ(fx_get(&f, &f.user, "/proc/42/fd/3", buf, sizeof buf), 8);
    /* another user's descriptors are root's business */
    f.user.uid = 1001;
    CHECK_EQ(vfs_readlink(f.v, &f.user, 0, "/proc/42/fd/3", buf, sizeof buf), -EACCES);
    CHECK_EQ(fx_list(&f, &f.user, "/proc/42/fd", buf, sizeof buf), -EACCES);
    fx_teardown(&f);
}

TEST(procfs_exe_cwd_root_links)
{
    struct fx f;
    struct vfs_exec_info x;
    struct vfs_attr a, b;
    uint64_t cwd;
    char buf[64];

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(vfs_mkdir(f.v, &f.root, 0, "/bin", 0755), 0);
    CHECK_EQ(fx_put(&f, &f.root, "/bin/sh", "\177ELF\002"), 0);
    CHECK_EQ(vfs_chmod(f.v, &f.root, 0, "/bin/sh", 0755, 0), 0);
    CHECK_EQ(vfs_exec_open(f.v, &f.user, 0, "/bin/../bin/sh", &x), 0);
    CHECK_EQ(vfs_chdir(f.v, &f.user, 0, "/home/user", &cwd), 0);
    f.k.procs[1].exe_handle = x.handle;
    f.k.procs[1].cwd_handle = cwd;
    CHECK_EQ(vfs_readlink(f.v, &f.user, 0, "/proc/self/exe", buf, sizeof buf), 7);
    CHECK(memcmp(buf, "/bin/sh", 7) == 0);
    CHECK_EQ(vfs_readlink(f.v, &f.user, 0, "/proc/42/cwd", buf, sizeof buf), 10);
    CHECK(memcmp(buf, "/home/user", 10) == 0);
    CHECK_EQ(vfs_readlink(f.v, &f.user, 0, "/proc/42/root", buf, sizeof buf), 1);
    CHECK_EQ(fx_stat(&f, &f.user, "/proc/42/cwd/.", &a), 0);
    CHECK_EQ(fx_stat(&f, &f.user, "/home/user", &b), 0);
    CHECK_EQ(a.ino, b.ino);
    /* toybox ps reads 6 bytes of exe to tell 32 from 64 bits */
    CHECK_EQ(fx_get(&f, &f.root, "/proc/42/exe", buf, sizeof buf), 5);
    CHECK(memcmp(buf, "\177ELF\002", 5) == 0);
    CHECK_EQ(vfs_readlink(f.v, &f.user, 0, "/proc/1/exe", buf, sizeof buf), -EACCES);
    CHECK_EQ(vfs_readlink(f.v, &f.root, 0, "/proc/1/exe", buf, sizeof buf), -ENOENT);
    fx_teardown(&f);
}

TEST(procfs_read_only_and_fresh_text)
{
    struct fx f;
    struct vfs_xfer_mem m;
    char buf[64];
    int64_t h;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    CHECK_EQ(fx_open(&f, &f.user, "/proc/uptime", LINUX_O_WRONLY, 0), -EACCES);
    CHECK_EQ(fx_open(&f, &f.root, "/proc/uptime", LINUX_O_WRONLY, 0), -EACCES);
    CHECK_EQ(fx_open(&f, &f.root, "/proc/new", LINUX_O_WRONLY | LINUX_O_CREAT, 0644), -EACCES);
    CHECK_EQ(vfs_symlink(f.v, &f.root, "x", 0, "/proc/l"), -EPERM);
    CHECK_EQ(vfs_rename(f.v, &f.root, 0, "/proc/uptime", 0, "/proc/up", 0), -EPERM);
    h = fx_open(&f, &f.user, "/proc/uptime", LINUX_O_RDONLY, 0);
    REQUIRE(h > 0);
    vfs_xfer_mem_init(&m, buf, sizeof buf);
    CHECK_EQ(vfs_read(f.v, (uint64_t)h, 0, &m.x, 5), 5);
    f.k.sys.uptime_ns = 1000000000;
    CHECK_EQ(vfs_read(f.v, (uint64_t)h, 5, &m.x, sizeof buf), 13); /* the rest of the old text */
    CHECK_EQ(vfs_read(f.v, (uint64_t)h, 0, &m.x, sizeof buf), 14); /* offset 0: made again */
    buf[14] = 0;
    CHECK_STR(buf, "1.00 20000.50\n");
    CHECK_EQ(vfs_close(f.v, (uint64_t)h), 0);
    /* the process is gone: its files say so */
    h = fx_open(&f, &f.user, "/proc/42/status", LINUX_O_RDONLY, 0);
    f.k.nprocs = 1;
    CHECK_EQ(vfs_read(f.v, (uint64_t)h, 0, &m.x, sizeof buf), -ENOENT);
    CHECK_EQ(fx_open(&f, &f.user, "/proc/42/status", LINUX_O_RDONLY, 0), -ENOENT);
    fx_teardown(&f);
}

TEST(procfs_leaves_no_nodes)
{
    struct fx f;
    struct vfs_usage before, after;
    struct vfs_attr a;
    char buf[256];
    int i;

    REQUIRE(fx_setup(&f, 1 << 20) == 0);
    vfs_get_usage(f.v, &before);
    for (i = 0; i < 3; i++) {
        CHECK_EQ(fx_stat(&f, &f.user, "/proc/self/fd/0", &a), 0);
        CHECK_EQ(fx_stat(&f, &f.user, "/proc/42/fd/../stat", &a), 0);
        CHECK(fx_get(&f, &f.user, "/proc/self/status", buf, sizeof buf) > 0);
        CHECK(fx_list(&f, &f.user, "/proc/42/fd", buf, sizeof buf) > 0);
        CHECK(fx_list(&f, &f.user, "/proc", buf, sizeof buf) > 0);
    }
    vfs_get_usage(f.v, &after);
    CHECK_EQ(after.nodes, before.nodes);
    CHECK_EQ(after.handles, before.handles);
    fx_teardown(&f);
}
