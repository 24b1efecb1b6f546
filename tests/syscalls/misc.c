/*
 * tests/syscalls/misc.c — the rest: uname (printed as "info uname ...";
 * the runner checks sysname per target), sethostname, sysinfo,
 * getrlimit/setrlimit/prlimit64 (including RLIMIT_FSIZE and SIGXFSZ),
 * getrandom, sched_yield and the scheduler queries, getcpu,
 * getpriority/setpriority, prctl(PR_SET_NAME), and ENOSYS for numbers no
 * kernel knows.
 *
 * Prints failures, the info lines, and "syscalls-misc: N passed, N failed".
 */
#include "check.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

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
    return check_done("misc");
}
