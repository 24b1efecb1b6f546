/*
 * tests/stress/sysfuzz.c — random system calls with random and hostile
 * arguments, from several processes at once.
 *
 *   sysfuzz [-n CALLS] [-p PROCS] [-s SEED] [-r] [-v]
 *
 * Issues CALLS system calls in total (default 100000) from PROCS processes
 * (default 4), then prints one line per process that died or stalled, a
 * line of totals, and last "sysfuzz: N calls, done".  Exit status 0 when
 * every call was made; 1 when the run could not be completed.  The same
 * SEED gives the same calls.  -r keeps the fuzzing processes root, for a
 * kernel that has no user ids yet: then only the rules below protect the
 * system, not its permission checks (never use -r on a machine you care
 * about).  -v lists the system calls of the table.
 *
 * Each call picks a system call from the table below and fills each
 * argument by its kind: descriptors, paths, buffers, lengths, flags,
 * addresses, ids, with a good share of hostile values: kernel addresses
 * (0xffff000000000000, 0xffffff8000000000), unmapped and read-only
 * pointers, strings running into an unmapped page, huge and negative
 * lengths, negative fds, random flag bits.
 *
 * The rules that keep the test itself alive (it must end by itself, and
 * the system must answer afterwards):
 *   - Fuzzing processes run as uid/gid 1000 in their own session, with no
 *     controlling terminal, fds 0-2 on /dev/null and every other inherited
 *     fd closed, in their own directory /tmp/sysfuzz.PID/N.  The kernel's
 *     permission checks keep them away from the rest of the system.
 *   - Limits: RLIMIT_FSIZE 4 MiB, RLIMIT_NOFILE 256, RLIMIT_AS 1 GiB,
 *     RLIMIT_CORE 0; setrlimit/prlimit64 only get a NULL or hostile new
 *     limit, so they cannot lift them.
 *   - Never called: exit, exit_group, rt_sigreturn, clone, clone3 (no fork
 *     bombs), rt_sigsuspend (could wait with SIGALRM blocked), ptrace,
 *     reboot, the mount/namespace/module/kexec/swap/time-setting/
 *     hostname/syslog/acct/real-time-scheduling calls, System V and POSIX
 *     message-queue IPC (they outlive the process), aio and io_uring
 *     (asynchronous writes to addresses taken from random data), seccomp,
 *     bpf, userfaultfd, fanotify, perf_event_open, rseq, mlock/mlockall
 *     (would populate huge mappings), process_vm_writev and
 *     open_by_handle_at, timer_create (a timer could deliver SIGKILL).
 *   - execve/execveat get hostile path pointers only; brk only 0 or hostile
 *     values (the break holds nothing we use); rt_sigaction only reads or
 *     gets a hostile new action, so handlers never point at garbage.
 *   - Addresses for mmap (with MAP_FIXED), munmap, mprotect, madvise,
 *     mremap, msync, mincore, remap_file_pages, pkey_mprotect are hostile
 *     or inside a private 16 MiB arena, never the program's own text, data
 *     or stack; mmap never gets MAP_POPULATE, MAP_LOCKED or MAP_HUGETLB;
 *     madvise never MADV_HWPOISON or MADV_SOFT_OFFLINE.
 *   - Buffers are inside one 64 KiB region followed by an unmapped page:
 *     whatever length the kernel writes, it never reaches our own state.
 *     Its bytes never contain '/' or '.', so a path read from it is a plain
 *     name in the process's directory.  Path arguments come from a
 *     read-only list of names inside that directory.
 *   - kill, tkill, tgkill, rt_(tg)sigqueueinfo, pidfd_send_signal, fcntl
 *     F_SETOWN/F_SETSIG target only this process or pids that do not
 *     exist, with signal 0, SIGURG, SIGWINCH or an invalid number; ioctl
 *     never sets an owner or asynchronous I/O.  Lengths of fallocate,
 *     copy_file_range, sendfile, splice, tee are at most 1 MiB.
 *   - Blocking is bounded: a 20 ms interval timer interrupts every sleep
 *     (SIGALRM has an empty handler without SA_RESTART; masks handed to
 *     the kernel never block it), timeouts are below 2 ms or hostile, and
 *     the parent kills a process that makes no progress for 3 s (a
 *     "stall") and starts another for its remaining calls.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL
#define BUF_SIZE (64 * 1024UL)
#define ARENA_SIZE (16UL << 20)
#define MAX_PROCS 16
#define STALL_SECONDS 3

/* Argument kinds. */
enum {
    K_FD = 'f',      /* a descriptor: ours, AT_FDCWD, negative, huge */
    K_PATH = 'p',    /* a name from the list, junk from the buffer, hostile */
    K_BUF = 'b',     /* a pointer into the buffer region, or hostile */
    K_LEN = 'n',     /* a length or count */
    K_CAPLEN = 'l',  /* a length of at most 1 MiB */
    K_INT = 'i',     /* flags, modes, small numbers, random bits */
    K_ADDR = 'a',    /* an address in the arena, or hostile */
    K_PID = 'P',     /* this process, or a pid that does not exist */
    K_SIG = 'S',     /* 0, SIGURG, SIGWINCH or invalid */
    K_SIGSET = 's',  /* a signal mask that never blocks SIGALRM, or hostile */
    K_TIME = 't',    /* a timeout below 2 ms, or hostile; never NULL */
    K_HOSTILE = 'h', /* NULL or hostile only */
    K_OFF = 'o',     /* a file offset */
    K_ID = 'u',      /* a uid or gid */
    K_ANY = 'x',     /* any of the above that is harmless everywhere */
};

struct entry {
    long nr;
    const char *name;
    const char *kinds;
};

#define E(name, kinds)                                                                             \
    {                                                                                              \
        SYS_##name, #name, kinds                                                                   \
    }
static const struct entry table[] = {
    E(setxattr, "pppni"),
    E(lsetxattr, "pppni"),
    E(fsetxattr, "fpbni"),
    E(getxattr, "ppbn"),
    E(lgetxattr, "ppbn"),
    E(fgetxattr, "fpbn"),
    E(listxattr, "pbn"),
    E(llistxattr, "pbn"),
    E(flistxattr, "fbn"),
    E(removexattr, "pp"),
    E(lremovexattr, "pp"),
    E(fremovexattr, "fp"),
    E(getcwd, "bn"),
    E(eventfd2, "ii"),
    E(epoll_create1, "i"),
    E(epoll_ctl, "fifb"),
    E(epoll_pwait, "fbnisn"),
    E(dup, "f"),
    E(dup3, "ffi"),
    E(fcntl, "fix"),
    E(inotify_init1, "i"),
    E(inotify_add_watch, "fpi"),
    E(inotify_rm_watch, "fi"),
    E(ioctl, "fix"),
    E(ioprio_set, "iii"),
    E(ioprio_get, "ii"),
    E(flock, "fi"),
    E(mknodat, "fpii"),
    E(mkdirat, "fpi"),
    E(unlinkat, "fpi"),
    E(symlinkat, "pfp"),
    E(linkat, "fpfpi"),
    E(renameat, "fpfp"),
    E(statfs, "pb"),
    E(fstatfs, "fb"),
    E(truncate, "po"),
    E(ftruncate, "fo"),
    E(fallocate, "fiol"),
    E(faccessat, "fpi"),
    E(chdir, "p"),
    E(fchdir, "f"),
    E(fchmod, "fi"),
    E(fchmodat, "fpi"),
    E(fchownat, "fpuui"),
    E(fchown, "fuu"),
    E(openat, "fpii"),
    E(close, "f"),
    E(pipe2, "bi"),
    E(getdents64, "fbn"),
    E(lseek, "foi"),
    E(read, "fbn"),
    E(write, "fbn"),
    E(readv, "fbn"),
    E(writev, "fbn"),
    E(pread64, "fbno"),
    E(pwrite64, "fbno"),
    E(preadv, "fbno"),
    E(pwritev, "fbno"),
    E(sendfile, "ffbl"),
    E(pselect6, "nbbbtb"),
    E(ppoll, "bntsn"),
    E(signalfd4, "fsni"),
    E(vmsplice, "fbni"),
    E(splice, "fbfbli"),
    E(tee, "ffli"),
    E(readlinkat, "fpbn"),
    E(newfstatat, "fpbi"),
    E(fstat, "fb"),
    E(sync, ""),
    E(fsync, "f"),
    E(fdatasync, "f"),
    E(sync_file_range, "fooi"),
    E(timerfd_create, "ii"),
    E(timerfd_settime, "fibb"),
    E(timerfd_gettime, "fb"),
    E(utimensat, "fpbi"),
    E(capget, "bb"),
    E(capset, "bb"),
    E(personality, "i"),
    E(waitid, "iPbib"),
    E(set_tid_address, "b"),
    E(futex, "bixtbx"),
    E(set_robust_list, "bn"),
    E(get_robust_list, "Pbb"),
    E(nanosleep, "tb"),
    E(getitimer, "ib"),
    E(setitimer, "ibb"),
    E(timer_gettime, "ib"),
    E(timer_getoverrun, "i"),
    E(timer_settime, "iibb"),
    E(timer_delete, "i"),
    E(clock_gettime, "ib"),
    E(clock_getres, "ib"),
    E(clock_nanosleep, "iitb"),
    E(sched_getscheduler, "P"),
    E(sched_getparam, "Pb"),
    E(sched_setaffinity, "Pnb"),
    E(sched_getaffinity, "Pnb"),
    E(sched_yield, ""),
    E(sched_get_priority_max, "i"),
    E(sched_get_priority_min, "i"),
    E(sched_rr_get_interval, "Pb"),
    E(restart_syscall, ""),
    E(kill, "PS"),
    E(tkill, "PS"),
    E(tgkill, "PPS"),
    E(sigaltstack, "bb"),
    E(rt_sigaction, "ihbi"),
    E(rt_sigprocmask, "isbi"),
    E(rt_sigpending, "bi"),
    E(rt_sigtimedwait, "sbti"),
    E(rt_sigqueueinfo, "PSb"),
    E(setpriority, "iPi"),
    E(getpriority, "iP"),
    E(setregid, "uu"),
    E(setgid, "u"),
    E(setreuid, "uu"),
    E(setuid, "u"),
    E(setresuid, "uuu"),
    E(getresuid, "bbb"),
    E(setresgid, "uuu"),
    E(getresgid, "bbb"),
    E(setfsuid, "u"),
    E(setfsgid, "u"),
    E(times, "b"),
    E(setpgid, "PP"),
    E(getpgid, "P"),
    E(getsid, "P"),
    E(setsid, ""),
    E(getgroups, "nb"),
    E(setgroups, "nb"),
    E(uname, "b"),
    E(getrlimit, "ib"),
    E(setrlimit, "ih"),
    E(getrusage, "ib"),
    E(umask, "i"),
    E(prctl, "ixxxx"),
    E(getcpu, "bbb"),
    E(gettimeofday, "bb"),
    E(getpid, ""),
    E(getppid, ""),
    E(getuid, ""),
    E(geteuid, ""),
    E(getgid, ""),
    E(getegid, ""),
    E(gettid, ""),
    E(sysinfo, "b"),
    E(socket, "iii"),
    E(socketpair, "iiib"),
    E(bind, "fbn"),
    E(listen, "fi"),
    E(accept, "fbb"),
    E(connect, "fbn"),
    E(getsockname, "fbb"),
    E(getpeername, "fbb"),
    E(sendto, "fbnibn"),
    E(recvfrom, "fbnibb"),
    E(setsockopt, "fiibn"),
    E(getsockopt, "fiibb"),
    E(shutdown, "fi"),
    E(sendmsg, "fbi"),
    E(recvmsg, "fbi"),
    E(readahead, "fon"),
    E(brk, "h"),
    E(munmap, "an"),
    E(mremap, "annia"),
    E(execve, "hhh"),
    E(mmap, "aniifo"),
    E(fadvise64, "fooi"),
    E(mprotect, "ani"),
    E(msync, "ani"),
    E(munlock, "an"),
    E(munlockall, ""),
    E(mincore, "anb"),
    E(madvise, "ani"),
    E(remap_file_pages, "annii"),
    E(rt_tgsigqueueinfo, "PPSb"),
    E(accept4, "fbbi"),
    E(recvmmsg, "fbnit"),
    E(wait4, "Pbib"),
    E(prlimit64, "Pihb"),
    E(name_to_handle_at, "fpbbi"),
    E(syncfs, "f"),
    E(sendmmsg, "fbni"),
    E(kcmp, "PPiii"),
    E(sched_getattr, "Pbni"),
    E(renameat2, "fpfpi"),
    E(getrandom, "bni"),
    E(memfd_create, "pi"),
    E(execveat, "fhhhi"),
    E(membarrier, "iii"),
    E(copy_file_range, "fbfbli"),
    E(preadv2, "fbnoi"),
    E(pwritev2, "fbnoi"),
    E(pkey_mprotect, "anii"),
    E(pkey_alloc, "ii"),
    E(pkey_free, "i"),
    E(statx, "fpiib"),
    E(pidfd_send_signal, "fSbi"),
    E(pidfd_open, "Pi"),
    E(close_range, "ffi"),
    E(openat2, "fpbn"),
    E(pidfd_getfd, "ffi"),
    E(faccessat2, "fpii"),
    E(epoll_pwait2, "fbntsn"),
};
#define NTABLE (sizeof table / sizeof table[0])

/* Names every path argument may take: all inside the process's directory. */
static const char *const names[] = {"a",   "b",     "d",     "d/e",  "d/f", "d/",
                                    "lnk", "lnk2",  "fifo",  "sock", "",    "nonexistent",
                                    "a/x", "d/e/x", "memfd", "new"};
#define NNAMES (sizeof names / sizeof names[0])

/* Per-process progress, shared with the parent. */
struct slot {
    volatile long done, target, last_nr;
    volatile unsigned long last_args[6];
    volatile long results[135]; /* [0] successes, [e] errno e, [134] others */
};

static struct slot *slots;
static unsigned char *buf; /* BUF_SIZE bytes, then an unmapped page */
static char *arena;        /* ARENA_SIZE bytes of address space */
static char *paths;        /* the names, in a read-only page */
static char *endless;      /* a page of 'a' without NUL, then an unmapped page */
static size_t path_off[NNAMES];
static uint64_t rng_state;
static pid_t self;
static int stay_root;

static uint64_t rnd(void)
{
    uint64_t x = rng_state;

    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

static unsigned pick(unsigned n)
{
    return (unsigned)(rnd() % n);
}

static unsigned long hostile(void)
{
    static const unsigned long values[] = {
        0,
        1,
        0xffff000000000000UL,
        0xffffff8000000000UL,
        0xffffffffffffffffUL,
        0x0000800000000000UL,
        0xfffffffffffff000UL,
        0xdead000UL,
        0x400000UL, /* our own text: read-only */
    };

    switch (pick(4)) {
    case 0:
        return (unsigned long)(buf + BUF_SIZE); /* the unmapped page after the buffer */
    case 1:
        return (unsigned long)(buf + BUF_SIZE - 1 - pick(16)); /* runs into it */
    default:
        return values[pick(sizeof values / sizeof values[0])];
    }
}

/* A pointer into the buffer, with fresh random bytes there (never '/' or '.'). */
static unsigned long buffer_ptr(void)
{
    size_t off = pick(4) == 0 ? BUF_SIZE - 1 - pick(64) : pick(BUF_SIZE / 8) * 8;
    size_t n = BUF_SIZE - off < 256 ? BUF_SIZE - off : 256;

    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)rnd();
        buf[off + i] = c == '/' || c == '.' ? '_' : c;
    }
    if (pick(3) == 0)
        buf[off + pick((unsigned)n)] = 0;
    return (unsigned long)(buf + off);
}

static unsigned long length(void)
{
    static const unsigned long values[] = {0,
                                           1,
                                           8,
                                           16,
                                           64,
                                           255,
                                           4096,
                                           65536,
                                           1UL << 20,
                                           1UL << 31,
                                           1UL << 40,
                                           (unsigned long)-1,
                                           (unsigned long)-4096,
                                           0x7fffffffUL};

    switch (pick(3)) {
    case 0:
        return pick(128);
    case 1:
        return values[pick(sizeof values / sizeof values[0])];
    default:
        return rnd() >> pick(64);
    }
}

static unsigned long intval(void)
{
    switch (pick(6)) {
    case 0:
        return 0;
    case 1:
        return pick(64);
    case 2:
        return 1UL << pick(32);
    case 3:
        return (unsigned long)-1;
    case 4:
        return (unsigned)rnd();
    default:
        return rnd();
    }
}

static unsigned long fdval(void)
{
    switch (pick(8)) {
    case 0:
        return (unsigned long)AT_FDCWD;
    case 1:
        return (unsigned long)-1L;
    case 2:
        return (unsigned long)-(long)pick(1000);
    case 3:
        return 1UL << pick(31);
    default:
        return pick(48);
    }
}

static unsigned long pathval(void)
{
    switch (pick(8)) {
    case 0:
        return hostile();
    case 1:
        return (unsigned long)endless;
    case 2:
        return buffer_ptr();
    default:
        return (unsigned long)(paths + path_off[pick(NNAMES)]);
    }
}

/* An address no mapping of ours is at: NULL, odd, or beyond user space. */
static unsigned long hostile_addr(void)
{
    static const unsigned long values[] = {0,
                                           1,
                                           0x0000800000000000UL,
                                           0xffff000000000000UL,
                                           0xffffff8000000000UL,
                                           0xfffffffffffff000UL,
                                           0xffffffffffffffffUL};

    return values[pick(sizeof values / sizeof values[0])];
}

static unsigned long addrval(void)
{
    if (pick(4) == 0)
        return hostile_addr();
    if (pick(8) == 0)
        return (unsigned long)(arena + pick(ARENA_SIZE)); /* unaligned */
    return (unsigned long)(arena + pick(ARENA_SIZE / PAGE) * PAGE);
}

static unsigned long pidval(void)
{
    switch (pick(4)) {
    case 0:
        return (unsigned long)self;
    case 1:
        return (unsigned long)(0x3fffff00L + pick(255)); /* above any pid */
    case 2:
        return (unsigned long)-(0x3fffff00L + pick(255));
    default:
        return pick(2) ? (unsigned long)self : 0x7fffffffUL;
    }
}

static unsigned long sigval(void)
{
    static const unsigned long values[] = {0, SIGURG, SIGWINCH, 65, 1000, (unsigned long)-1};

    return values[pick(sizeof values / sizeof values[0])];
}

static unsigned long sigsetval(void)
{
    uint64_t *set;

    if (pick(5) == 0)
        return pick(2) ? 0 : hostile();
    set = (uint64_t *)(buf + pick(BUF_SIZE / 8 - 2) * 8);
    set[0] = rnd() & ~((1ULL << (SIGALRM - 1)) | (1ULL << (SIGSEGV - 1)) | (1ULL << (SIGBUS - 1)) |
                       (1ULL << (SIGILL - 1)) | (1ULL << (SIGKILL - 1)));
    set[1] = rnd();
    return (unsigned long)set;
}

static unsigned long timeval_(void)
{
    long *t;

    if (pick(6) == 0) {
        unsigned long h = hostile();
        return h ? h : (unsigned long)(buf + BUF_SIZE);
    }
    t = (long *)(buf + pick(BUF_SIZE / 8 - 2) * 8);
    t[0] = pick(10) == 0 ? -1 : 0;
    t[1] = pick(10) == 0 ? 1000000000L : (long)pick(2000000);
    return (unsigned long)t;
}

static unsigned long argval(int kind)
{
    switch (kind) {
    case K_FD:
        return fdval();
    case K_PATH:
        return pathval();
    case K_BUF:
        return pick(6) == 0 ? hostile() : buffer_ptr();
    case K_LEN:
        return length();
    case K_CAPLEN:
        return length() & ((1UL << 20) - 1);
    case K_INT:
        return intval();
    case K_ADDR:
        return addrval();
    case K_PID:
        return pidval();
    case K_SIG:
        return sigval();
    case K_SIGSET:
        return sigsetval();
    case K_TIME:
        return timeval_();
    case K_HOSTILE:
        return pick(4) == 0 ? 0 : hostile();
    case K_OFF:
        return pick(2) ? pick(1 << 20) : rnd() >> pick(64);
    case K_ID:
        return pick(3) == 0 ? (unsigned long)-1 : pick(3) ? 1000 + pick(3) : pick(5);
    default:
        switch (pick(5)) {
        case 0:
            return intval();
        case 1:
            return hostile();
        case 2:
            return buffer_ptr();
        default:
            return pick(256);
        }
    }
}

/* clamp: the range a[ai], a[li] stays inside the arena when it starts
 * there, and within one page of a hostile address otherwise (a range from
 * address 0 must not reach our program). */
static void clamp(unsigned long *a, int ai, int li)
{
    unsigned long start = (unsigned long)arena, end = start + ARENA_SIZE;

    if (a[ai] >= start && a[ai] < end) {
        if (a[li] > end - a[ai])
            a[li] = end - a[ai];
    } else if (a[li] > PAGE) {
        a[li] = PAGE;
    }
}

/* sanitize: the per-call rules of the header comment that argument kinds
 * alone do not give. */
static void sanitize(long nr, unsigned long *a)
{
    switch (nr) {
    case SYS_mmap:
        a[3] &= ~(unsigned long)(MAP_POPULATE | MAP_LOCKED | MAP_HUGETLB | MAP_GROWSDOWN);
        if (pick(2))
            a[3] = (a[3] & ~0xfUL) | (pick(2) ? MAP_PRIVATE : MAP_SHARED) |
                   (pick(2) ? MAP_ANONYMOUS : 0);
        if (a[3] & (MAP_FIXED | MAP_FIXED_NOREPLACE))
            clamp(a, 0, 1);
        break;
    case SYS_munmap:
    case SYS_mprotect:
    case SYS_msync:
    case SYS_munlock:
    case SYS_mincore:
    case SYS_remap_file_pages:
    case SYS_pkey_mprotect:
        clamp(a, 0, 1);
        break;
    case SYS_mremap:
        clamp(a, 0, 1);
        clamp(a, 4, 2);
        break;
    case SYS_madvise:
        clamp(a, 0, 1);
        if (a[2] == 100 || a[2] == 101) /* MADV_HWPOISON, MADV_SOFT_OFFLINE */
            a[2] = 4;
        break;
    case SYS_fcntl:
        if (a[1] == F_SETOWN || a[1] == F_SETOWN_EX || a[1] == F_SETSIG || a[1] == F_SETLEASE ||
            a[1] == F_NOTIFY)
            a[2] = a[1] == F_SETOWN ? (unsigned long)self : 0;
        break;
    case SYS_ioctl:
        if (a[1] == 0x8901 || a[1] == 0x8902 || a[1] == 0x5452 || a[1] == 0x5412 /* TIOCSTI */)
            a[1] = 0x541b; /* FIONREAD */
        break;
    case SYS_socket:
    case SYS_socketpair:
        a[0] = pick(4) ? AF_UNIX : 1000;
        break;
    case SYS_mknodat:
        a[2] = (a[2] & 07777) | (pick(2) ? S_IFIFO : S_IFREG);
        break;
    case SYS_prctl:
        if (a[0] == 22 /* PR_SET_SECCOMP */ || a[0] == 35 /* PR_SET_MM */ ||
            a[0] == 1 /* PDEATHSIG */)
            a[0] = 16; /* PR_GET_NAME */
        break;
    case SYS_setitimer:
        if (a[0] == ITIMER_REAL)
            a[0] = ITIMER_VIRTUAL;
        break;
    case SYS_epoll_pwait:
        a[3] = pick(3) ? pick(3) : (unsigned long)-1; /* milliseconds */
        break;
    case SYS_futex:
        if (!a[3])
            a[3] = timeval_();
        break;
    }
}

static volatile sig_atomic_t ticks;
static void on_alarm(int sig)
{
    ticks++;
}

static void arm_interrupter(void)
{
    struct itimerval it = {{0, 20000}, {0, 20000}};
    struct sigaction sa = {.sa_handler = on_alarm};

    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    setitimer(ITIMER_REAL, &it, NULL);
}

/* setup_child: the environment of a fuzzing process (see the rules). */
static int setup_child(const char *dir)
{
    static const int ignored[] = {SIGPIPE, SIGXFSZ, SIGIO,   SIGURG,  SIGWINCH,  SIGCHLD, SIGHUP,
                                  SIGTTIN, SIGTTOU, SIGUSR1, SIGUSR2, SIGVTALRM, SIGPROF};
    struct rlimit fsize = {4 << 20, 4 << 20}, nofile = {256, 256}, as = {1UL << 30, 1UL << 30},
                  core = {0, 0};
    int null = open("/dev/null", O_RDWR), fd, p[2], sv[2];

    setsid();
    for (int i = 0; i < 3; i++)
        dup2(null, i);
    for (fd = 3; fd < 1024; fd++)
        close(fd);
    for (size_t i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
        signal(ignored[i], SIG_IGN);
    if (mkdir(dir, 0755) != 0 || (!stay_root && chown(dir, 1000, 1000) != 0) || chdir(dir) != 0)
        return -1;
    setrlimit(RLIMIT_FSIZE, &fsize);
    setrlimit(RLIMIT_NOFILE, &nofile);
    setrlimit(RLIMIT_AS, &as);
    setrlimit(RLIMIT_CORE, &core);
    if (!stay_root && (setgroups(0, NULL) != 0 || setgid(1000) != 0 || setuid(1000) != 0))
        return -1;
    fd = open("a", O_RDWR | O_CREAT, 0644);
    if (write(fd, "contents of a\n", 14) < 0)
        return -1;
    mkdir("d", 0755);
    close(open("d/e", O_RDWR | O_CREAT, 0644));
    symlink("a", "lnk");
    symlink("lnk2", "lnk2");
    mkfifo("fifo", 0644);
    open(".", O_RDONLY | O_DIRECTORY);
    open("d", O_RDONLY | O_DIRECTORY);
    pipe(p);
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    open("/dev/zero", O_RDONLY);
    syscall(SYS_eventfd2, 0, 0);
    syscall(SYS_memfd_create, "memfd", 0);
    syscall(SYS_pidfd_open, getpid(), 0);
    return 0;
}

static void fuzz(int id, uint64_t seed)
{
    struct slot *s = &slots[id];
    unsigned long a[6];

    self = getpid();
    rng_state = seed * 0x9e3779b97f4a7c15ULL + (uint64_t)s->done + 1;
    arm_interrupter();
    while (s->done < s->target) {
        const struct entry *e = &table[pick(NTABLE)];
        size_t k, n = strlen(e->kinds);

        for (k = 0; k < 6; k++)
            a[k] = k < n ? argval(e->kinds[k]) : intval();
        sanitize(e->nr, a);
        s->last_nr = e->nr;
        for (k = 0; k < 6; k++)
            s->last_args[k] = a[k];
        if (syscall(e->nr, a[0], a[1], a[2], a[3], a[4], a[5]) != -1)
            s->results[0]++;
        else
            s->results[errno > 0 && errno < 134 ? errno : 134]++;
        s->done++;
        if (s->done % 1000 == 0)
            arm_interrupter();
    }
    _exit(0);
}

static const char *name_of(long nr)
{
    for (size_t i = 0; i < NTABLE; i++)
        if (table[i].nr == nr)
            return table[i].name;
    return "?";
}

/* print_results: successes and the most frequent errors over all processes. */
static void print_results(int procs)
{
    long sum[135] = {0};

    for (int i = 0; i < procs; i++)
        for (int e = 0; e < 135; e++)
            sum[e] += slots[i].results[e];
    printf("sysfuzz: results: %ld succeeded", sum[0]);
    for (int shown = 0; shown < 8; shown++) {
        int best = 0;
        for (int e = 1; e < 135; e++)
            if (sum[e] > sum[best] || (best == 0 && sum[e] > 0))
                best = e;
        if (best == 0 || sum[best] == 0)
            break;
        printf(", %s %ld", best == 134 ? "other" : strerror(best), sum[best]);
        sum[best] = 0;
    }
    printf("\n");
}

static pid_t start(int id, uint64_t seed, const char *top)
{
    char dir[96];
    pid_t pid;

    snprintf(dir, sizeof dir, "%s/%d.%ld", top, id, slots[id].done);
    pid = fork();
    if (pid == 0) {
        if (setup_child(dir) != 0)
            _exit(3);
        fuzz(id, seed);
    }
    return pid;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    return type == FTW_DP ? rmdir(path) : unlink(path);
}

static int setup_memory(void)
{
    char *p;
    size_t off = 0;

    slots = mmap(NULL, sizeof(struct slot) * MAX_PROCS, PROT_READ | PROT_WRITE,
                 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    buf = mmap(NULL, BUF_SIZE + PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    arena = mmap(NULL, ARENA_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    paths = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    endless = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (slots == MAP_FAILED || buf == MAP_FAILED || arena == MAP_FAILED || paths == MAP_FAILED ||
        endless == MAP_FAILED)
        return -1;
    munmap(buf + BUF_SIZE, PAGE);
    munmap(endless + PAGE, PAGE);
    memset(endless, 'a', PAGE);
    for (size_t i = 0; i < NNAMES; i++) {
        path_off[i] = off;
        p = stpcpy(paths + off, names[i]);
        off = (size_t)(p - paths) + 1;
    }
    return mprotect(paths, PAGE, PROT_READ);
}

int main(int argc, char **argv)
{
    long calls = 100000, total = 0;
    int procs = 4, verbose = 0, opt, deaths = 0, stalls = 0, incomplete = 0;
    uint64_t seed = 1;
    pid_t pids[MAX_PROCS];
    long seen[MAX_PROCS];
    int stalled[MAX_PROCS] = {0};
    time_t progress[MAX_PROCS];
    char top[64];

    while ((opt = getopt(argc, argv, "n:p:s:rv")) != -1) {
        if (opt == 'n')
            calls = atol(optarg);
        else if (opt == 'p')
            procs = atoi(optarg);
        else if (opt == 's')
            seed = strtoull(optarg, NULL, 0);
        else if (opt == 'r')
            stay_root = 1;
        else if (opt == 'v')
            verbose = 1;
        else
            return 2;
    }
    if (procs < 1 || procs > MAX_PROCS || calls < procs || setup_memory() != 0) {
        fprintf(stderr, "sysfuzz: bad arguments or no memory\n");
        return 2;
    }
    snprintf(top, sizeof top, "/tmp/sysfuzz.%d", (int)getpid());
    if (mkdir(top, 0755) != 0) {
        perror("sysfuzz: mkdir");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    for (int i = 0; i < procs; i++) {
        slots[i].target = calls / procs + (i < calls % procs);
        pids[i] = start(i, seed + (uint64_t)i, top);
        seen[i] = 0;
        progress[i] = time(NULL);
    }
    for (int running = procs; running > 0;) {
        int status;
        pid_t pid;

        usleep(100000);
        while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
            for (int i = 0; i < procs; i++) {
                if (pids[i] != pid)
                    continue;
                if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
                    pids[i] = 0;
                    running--;
                } else if (WIFEXITED(status)) {
                    printf("sysfuzz: process %d could not start (exit %d)\n", i,
                           WEXITSTATUS(status));
                    pids[i] = 0;
                    running--;
                    incomplete = 1;
                } else {
                    if (!stalled[i]) {
                        deaths++;
                        printf(
                            "sysfuzz: process %d died by signal %d after %ld calls; last: %s(%#lx, "
                            "%#lx, %#lx, ...)\n",
                            i, WTERMSIG(status), slots[i].done, name_of(slots[i].last_nr),
                            slots[i].last_args[0], slots[i].last_args[1], slots[i].last_args[2]);
                    }
                    stalled[i] = 0;
                    slots[i].done++; /* the call it died in was made; go on after it */
                    pids[i] =
                        slots[i].done < slots[i].target ? start(i, seed + (uint64_t)i, top) : 0;
                    running -= pids[i] == 0;
                    progress[i] = time(NULL);
                }
            }
        }
        for (int i = 0; i < procs; i++) {
            if (!pids[i])
                continue;
            if (slots[i].done != seen[i]) {
                seen[i] = slots[i].done;
                progress[i] = time(NULL);
            } else if (stalled[i] && time(NULL) - progress[i] >= STALL_SECONDS + 10) {
                printf("sysfuzz: process %d does not die after SIGKILL; giving up on it\n", i);
                pids[i] = 0;
                running--;
                incomplete = 1;
            } else if (!stalled[i] && time(NULL) - progress[i] >= STALL_SECONDS) {
                stalls++;
                stalled[i] = 1;
                printf("sysfuzz: process %d stalled in %s(%#lx, %#lx, %#lx, ...); killed\n", i,
                       name_of(slots[i].last_nr), slots[i].last_args[0], slots[i].last_args[1],
                       slots[i].last_args[2]);
                kill(pids[i], SIGKILL);
            }
        }
        fflush(stdout);
    }
    for (int i = 0; i < procs; i++)
        total += slots[i].done < slots[i].target ? slots[i].done : slots[i].target;
    nftw(top, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    print_results(procs);
    printf(
        "sysfuzz: %zu system calls in the table, %d processes, seed %llu, %d deaths, %d stalls\n",
        NTABLE, procs, (unsigned long long)seed, deaths, stalls);
    if (verbose)
        for (size_t i = 0; i < NTABLE; i++)
            printf("  %s\n", table[i].name);
    printf("sysfuzz: %ld calls, done\n", total);
    return incomplete || total < calls ? 1 : 0;
}
