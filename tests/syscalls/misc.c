/*
 * tests/syscalls/misc.c — the rest: uname (printed as "info uname ...";
 * the runner checks sysname per target), sethostname, sysinfo,
 * getrlimit/setrlimit/prlimit64 (including RLIMIT_FSIZE and SIGXFSZ),
 * getrandom, sched_yield and the scheduler queries, getcpu,
 * getpriority/setpriority, prctl(PR_SET_NAME), and ENOSYS for numbers no
 * kernel knows.  Also the calls no other area names: the credential
 * getters and setters (setgid, setregid, setresgid, setreuid, setfsuid,
 * setfsgid), sched_get_priority_max/min, sched_setaffinity, sync, tkill,
 * timer_getoverrun, restart_syscall with nothing to restart, reboot and
 * mount/umount2 refused to a normal user, a tmpfs mounted and unmounted by
 * root, and faccessat2.
 *
 * Prints failures, the info lines, and "syscalls-misc: N passed, N failed".
 */
#include "check.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>

static void test_uname(void)
{
    struct utsname u;
    char host[128];

    CHECK_OK("uname/", uname(&u));
    CHECK("uname/every field is set",
          u.sysname[0] && u.nodename[0] && u.release[0] && u.version[0] && u.machine[0]);
    say("info uname sysname=%s release=%s machine=%s\n", u.sysname, u.release, u.machine);
    CHECK("uname/machine is aarch64", strcmp(u.machine, "aarch64") == 0);
    CHECK_ERRNO("uname/bad pointer: EFAULT", syscall(SYS_uname, KERNEL_ADDR), EFAULT);
    CHECK("uname/gethostname is the nodename",
          gethostname(host, sizeof host) == 0 && strcmp(host, u.nodename) == 0);
}

static int user_sethostname(void *arg)
{
    return ERRNO_OF(sethostname("x", 1));
}

static void test_hostname(void)
{
    struct utsname u;
    char old[65];

    gethostname(old, sizeof old);
    CHECK("sethostname/root",
          sethostname("sc-host", 7) == 0 && uname(&u) == 0 && strcmp(u.nodename, "sc-host") == 0);
    sethostname(old, strlen(old));
    CHECK_ERRNO("sethostname/too long: EINVAL", sethostname("x", 65), EINVAL);
    CHECK("sethostname/uid 1000: EPERM", EXITED_WITH(run_as_user(user_sethostname, NULL), EPERM));
}

static void test_sysinfo(void)
{
    struct sysinfo si;

    CHECK_OK("sysinfo/", sysinfo(&si));
    CHECK("sysinfo/uptime and memory", si.uptime > 0 && si.totalram > 0 &&
                                           si.freeram <= si.totalram && si.mem_unit >= 1 &&
                                           si.procs >= 1);
    CHECK("sysinfo/total RAM is at least 64 MiB",
          (unsigned long long)si.totalram * si.mem_unit >= 64ULL << 20);
    CHECK_ERRNO("sysinfo/bad pointer: EFAULT", syscall(SYS_sysinfo, KERNEL_ADDR), EFAULT);
}

static int user_raise_hard(void *arg)
{
    struct rlimit rl;

    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_max = rl.rlim_max == RLIM_INFINITY ? RLIM_INFINITY : rl.rlim_max + 1;
    rl.rlim_cur = 16;
    if (setrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_max == RLIM_INFINITY)
        return EPERM; /* nothing to raise */
    rl.rlim_max = 64;
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
        return 100;
    rl.rlim_max = 65;
    return ERRNO_OF(setrlimit(RLIMIT_NOFILE, &rl));
}

static int write_past_fsize(void *arg)
{
    struct rlimit rl = {4096, 4096};
    char buf[8192] = {0};
    int fd = open("/tmp/sc-misc-fsize", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ssize_t n;

    unlink("/tmp/sc-misc-fsize");
    setrlimit(RLIMIT_FSIZE, &rl);
    if (arg)
        signal(SIGXFSZ, SIG_IGN);
    n = write(fd, buf, sizeof buf);
    if (n != 4096)
        return 1;
    return ERRNO_OF(write(fd, buf, 1));
}

static void test_rlimits(void)
{
    struct rlimit rl, old, got;
    int st;

    CHECK("getrlimit/RLIMIT_NOFILE",
          getrlimit(RLIMIT_NOFILE, &old) == 0 && old.rlim_cur > 3 && old.rlim_cur <= old.rlim_max);
    CHECK("getrlimit/RLIMIT_STACK", getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur >= 64 * 1024);
    rl = old;
    rl.rlim_cur = 100;
    CHECK("setrlimit/lower the soft limit",
          setrlimit(RLIMIT_NOFILE, &rl) == 0 && getrlimit(RLIMIT_NOFILE, &got) == 0 &&
              got.rlim_cur == 100 && got.rlim_max == old.rlim_max);
    rl.rlim_max = 50;
    rl.rlim_cur = 60;
    CHECK_ERRNO("setrlimit/soft above hard: EINVAL", setrlimit(RLIMIT_NOFILE, &rl), EINVAL);
    CHECK_ERRNO("setrlimit/bad resource: EINVAL", syscall(SYS_setrlimit, 99, &old), EINVAL);
    CHECK_ERRNO("getrlimit/bad pointer: EFAULT", syscall(SYS_getrlimit, RLIMIT_NOFILE, KERNEL_ADDR),
                EFAULT);
    CHECK("prlimit64/read",
          syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &got) == 0 && got.rlim_cur == 100);
    CHECK("prlimit64/set returns the old value",
          syscall(SYS_prlimit64, getpid(), RLIMIT_NOFILE, &old, &got) == 0 && got.rlim_cur == 100 &&
              getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur == old.rlim_cur);
    CHECK_ERRNO("prlimit64/no such process: ESRCH",
                syscall(SYS_prlimit64, 999999, RLIMIT_NOFILE, NULL, &got), ESRCH);
    st = run_as_user(user_raise_hard, NULL);
    CHECK("setrlimit/uid 1000 raising a hard limit: EPERM", EXITED_WITH(st, EPERM));
    st = run_child(write_past_fsize, NULL, 10);
    CHECK("setrlimit/RLIMIT_FSIZE: SIGXFSZ", KILLED_BY(st, SIGXFSZ));
    st = run_child(write_past_fsize, (void *)1, 10);
    CHECK("setrlimit/RLIMIT_FSIZE with SIGXFSZ ignored: EFBIG", EXITED_WITH(st, EFBIG));
}

static void test_random(void)
{
    unsigned char a[32], b[32], big[4096];

    CHECK("getrandom/32 bytes", getrandom(a, sizeof a, 0) == 32);
    CHECK("getrandom/two reads differ",
          getrandom(b, sizeof b, 0) == 32 && memcmp(a, b, sizeof a) != 0);
    CHECK("getrandom/GRND_NONBLOCK", getrandom(b, sizeof b, GRND_NONBLOCK) == 32);
    CHECK("getrandom/4096 bytes", getrandom(big, sizeof big, 0) == (ssize_t)sizeof big);
    CHECK("getrandom/zero bytes", getrandom(b, 0, 0) == 0);
    CHECK_ERRNO("getrandom/bad flags: EINVAL", getrandom(b, sizeof b, 0x100), EINVAL);
    CHECK_ERRNO("getrandom/bad buffer: EFAULT", syscall(SYS_getrandom, KERNEL_ADDR, 16, 0), EFAULT);
}

static int user_renice(void *arg)
{
    if (setpriority(PRIO_PROCESS, 0, 5) != 0)
        return 1;
    return ERRNO_OF(setpriority(PRIO_PROCESS, 0, 0));
}

static void test_sched(void)
{
    cpu_set_t set;
    unsigned cpu = 99;
    struct sched_param sp;
    char name[17] = {0};

    CHECK_OK("sched_yield/", sched_yield());
    CHECK("sched_getaffinity/at least one CPU",
          sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) >= 1);
    /* musl's wrappers of these two return ENOSYS: call the kernel directly. */
    CHECK("sched_getscheduler/SCHED_OTHER", syscall(SYS_sched_getscheduler, 0) == SCHED_OTHER);
    CHECK("sched_getparam/priority 0",
          syscall(SYS_sched_getparam, 0, &sp) == 0 && sp.sched_priority == 0);
    CHECK_ERRNO("sched_getscheduler/no such process: ESRCH",
                syscall(SYS_sched_getscheduler, 999999), ESRCH);
    CHECK("getcpu/a CPU we may run on",
          syscall(SYS_getcpu, &cpu, NULL, NULL) == 0 && CPU_ISSET(cpu, &set));
    CHECK("getpriority/nice 0", getpriority(PRIO_PROCESS, 0) == 0);
    CHECK("setpriority/uid 1000 may not lower its nice value: EACCES",
          EXITED_WITH(run_as_user(user_renice, NULL), EACCES));
    CHECK_ERRNO("getpriority/bad which: EINVAL", getpriority(42, 0), EINVAL);
    CHECK("prctl/PR_SET_NAME and PR_GET_NAME", prctl(PR_SET_NAME, "sc-misc-name") == 0 &&
                                                   prctl(PR_GET_NAME, name) == 0 &&
                                                   strcmp(name, "sc-misc-name") == 0);
}

static void test_unknown(void)
{
    CHECK_ERRNO("ENOSYS/system call 1000", syscall(1000, 0, 0, 0), ENOSYS);
    CHECK_ERRNO("ENOSYS/system call 0x7fffffff", syscall(0x7fffffffL, 0, 0, 0), ENOSYS);
    CHECK_ERRNO("ENOSYS/system call -1", syscall(-1L, 0, 0, 0), ENOSYS);
    /* Keel's native calls (abi/native.h) are refused to ordinary processes. */
    for (long nr = 0x4b00; nr < 0x4b10; nr++)
        CHECK_ERRNO("ENOSYS/Keel's native range from an ordinary process",
                    syscall(nr, 0, 0, 0, 0, 0, 0), ENOSYS);
}

/* A child as root runs the first `steps` id changes below; exits 0 when
 * each reads back as Linux defines it, else the number of the failed step. */
static int cred_child(void *arg)
{
    int steps = (int)(intptr_t)arg;
    uid_t r, e, s;
    gid_t gr, ge, gs;
    if (setresgid(100, 200, 300) != 0 || getresgid(&gr, &ge, &gs) != 0 || gr != 100 || ge != 200 ||
        gs != 300)
        return 1;
    if (steps >= 2 && (setregid(5, 6) != 0 || getgid() != 5 || getegid() != 6))
        return 2;
    if (steps >= 3 && (setgid(0) != 0 || getgid() != 0 || getegid() != 0))
        return 3;
    /* setfsgid/setfsuid return the previous id; -1 only asks */
    if (steps >= 4 && (syscall(SYS_setfsgid, 77) != 0 || syscall(SYS_setfsgid, -1) != 77))
        return 4;
    if (steps >= 5 && (syscall(SYS_setfsuid, 1000) != 0 || syscall(SYS_setfsuid, -1) != 1000))
        return 5;
    if (steps >= 6 && (setreuid(0, 1000) != 0 || getuid() != 0 || geteuid() != 1000))
        return 6;
    if (steps >= 7 && (getresuid(&r, &e, &s) != 0 || r != 0 || e != 1000 || s != 1000))
        return 7;
    return 0;
}

static const char *const cred_steps[] = {
    "setresgid/100, 200, 300 read back",
    "setregid/5, 6 read back",
    "setgid/root sets all three group ids",
    "setfsgid/returns the previous fsgid",
    "setfsuid/returns the previous fsuid",
    "setreuid/0, 1000 read back",
    "getresuid/after setreuid: saved uid is the new euid",
};

/* A child with two supplementary groups asks for them into room for one. */
static int small_groups_child(void *arg)
{
    gid_t two[2] = {1, 2}, one[1];
    (void)arg;
    if (setgroups(2, two) != 0)
        return 99;
    return ERRNO_OF(getgroups(1, one));
}

static int reboot_as_user(void *arg)
{
    (void)arg;
    /* a bad magic: the permission check comes first, so EPERM */
    return ERRNO_OF(syscall(SYS_reboot, 0, 0, 0, NULL));
}

static int mount_as_user(void *arg)
{
    (void)arg;
    int a = ERRNO_OF(mount("none", "/tmp", "tmpfs", 0, NULL));
    int b = ERRNO_OF(umount2("/proc", 0));
    return a == EPERM && b == EPERM ? 0 : 1;
}

static void test_other_calls(void)
{
    uid_t r, e, s;
    gid_t groups[64];
    cpu_set_t set;
    timer_t t;
    int st;

    CHECK("geteuid/root", geteuid() == 0);
    CHECK("getegid/root", getegid() == 0);
    CHECK("getresuid/all 0", getresuid(&r, &e, &s) == 0 && r == 0 && e == 0 && s == 0);
    CHECK("getresgid/all 0", getresgid(&r, &e, &s) == 0 && r == 0 && e == 0 && s == 0);
    int n = getgroups(0, NULL);
    CHECK("getgroups/count, then the same count filled", n >= 0 && getgroups(64, groups) == n);
    CHECK("getgroups/buffer too small: EINVAL",
          EXITED_WITH(run_child(small_groups_child, NULL, 5), EINVAL));
    for (int step = 1; step <= 7; step++) {
        st = run_child(cred_child, (void *)(intptr_t)step, 5);
        CHECK(cred_steps[step - 1], EXITED_WITH(st, 0));
    }

    CHECK("sched_get_priority_max/SCHED_OTHER 0", sched_get_priority_max(SCHED_OTHER) == 0);
    CHECK("sched_get_priority_min/SCHED_OTHER 0", sched_get_priority_min(SCHED_OTHER) == 0);
    CHECK("sched_get_priority_max/SCHED_FIFO 99", sched_get_priority_max(SCHED_FIFO) == 99);
    CHECK("sched_get_priority_min/SCHED_FIFO 1", sched_get_priority_min(SCHED_FIFO) == 1);
    CHECK_ERRNO("sched_get_priority_max/bad policy: EINVAL", sched_get_priority_max(77), EINVAL);
    CPU_ZERO(&set);
    CPU_SET(0, &set);
    CHECK_OK("sched_setaffinity/CPU 0", sched_setaffinity(0, sizeof set, &set));
    CPU_ZERO(&set);
    CHECK_ERRNO("sched_setaffinity/no CPU: EINVAL", sched_setaffinity(0, sizeof set, &set), EINVAL);

    CHECK_OK("sync/", syscall(SYS_sync));
    CHECK_OK("tkill/signal 0 to itself", syscall(SYS_tkill, gettid(), 0));
    CHECK_ERRNO("tkill/tid -1: EINVAL", syscall(SYS_tkill, -1, 0), EINVAL);
    CHECK_ERRNO("tkill/no such thread: ESRCH", syscall(SYS_tkill, 999999, 0), ESRCH);
    CHECK_ERRNO("tkill/bad signal: EINVAL", syscall(SYS_tkill, gettid(), 999), EINVAL);

    if (timer_create(CLOCK_MONOTONIC, NULL, &t) == 0) {
        CHECK("timer_getoverrun/an unarmed timer: 0", timer_getoverrun(t) == 0);
        timer_delete(t);
    } else {
        CHECK("timer_getoverrun/timer_create", 0);
    }
    CHECK_ERRNO("timer_getoverrun/no such timer: EINVAL", syscall(SYS_timer_getoverrun, 4242),
                EINVAL);
    CHECK_ERRNO("restart_syscall/nothing to restart: EINTR", syscall(SYS_restart_syscall), EINTR);

    CHECK("reboot/a normal user: EPERM", EXITED_WITH(run_as_user(reboot_as_user, NULL), EPERM));
    CHECK_ERRNO("reboot/bad magic: EINVAL", syscall(SYS_reboot, 0, 0, 0, NULL), EINVAL);
    CHECK("mount/umount2/a normal user: EPERM", EXITED_WITH(run_as_user(mount_as_user, NULL), 0));
    if (scratch_dir("misc")) {
        int fd;
        CHECK_OK("mkdirat/mount point", mkdir("mnt", 0755));
        CHECK_OK("mount/tmpfs on a directory", mount("none", "mnt", "tmpfs", 0, NULL));
        fd = open("mnt/inside", O_CREAT | O_WRONLY, 0644);
        CHECK("mount/a file on the new tmpfs", fd >= 0 && close(fd) == 0);
        CHECK_ERRNO("umount2/busy while a process is inside: EBUSY",
                    (chdir("mnt") == 0 ? umount2(".", 0) : -2), EBUSY);
        if (chdir(scratch_path) != 0)
            CHECK("chdir/back", 0);
        CHECK_OK("umount2/the tmpfs", umount2("mnt", 0));
        CHECK_ERRNO("umount2/its file is gone with it", access("mnt/inside", F_OK), ENOENT);
        CHECK_ERRNO("umount2/not a mount point: EINVAL", umount2("mnt", 0), EINVAL);
        rmdir("mnt");
        scratch_remove();
    }

    CHECK_OK("faccessat2/R_OK on / with AT_EACCESS",
             syscall(SYS_faccessat2, AT_FDCWD, "/", R_OK, AT_EACCESS));
    CHECK_ERRNO("faccessat2/bad flags: EINVAL",
                syscall(SYS_faccessat2, AT_FDCWD, "/", R_OK, 0x4000), EINVAL);
}

int main(int argc, char **argv)
{
    check_init(argc, argv);
    test_uname();
    test_hostname();
    test_sysinfo();
    test_rlimits();
    test_random();
    test_sched();
    test_unknown();
    test_other_calls();
    return check_done("misc");
}
