/*
 * kernel/syscall.c — the system-call table and dispatcher.  To find a
 * call's implementation: look up its handler here, then its file by area
 * (keel/syscall.h).
 */
#include <abi/errno.h>
#include <abi/linux_syscalls.h>
#include <abi/native.h>
#include <keel/compiler.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/syscall.h>

#define DECLARE(name) SYSCALL(name);
/* Every Linux call Keel implements, by area (the file holding sys_<name>). */
// clang-format off
#define LINUX_CALLS(X)                                                                             \
    /* kernel/sys_proc.c */                                                                        \
    X(exit)                                                                                        \
    X(exit_group)                                                                                  \
    X(getpid)                                                                                      \
    X(getppid) X(gettid) X(getuid) X(geteuid) X(getgid) X(getegid) X(set_tid_address)              \
        X(sched_yield) X(uname) X(getrandom) X(clone) X(wait4) X(waitid) X(kill) X(tkill)          \
            X(tgkill) X(setpgid) X(getpgid) X(getsid) X(setsid) X(umask) X(getgroups) X(setgroups) \
                X(setuid) X(setgid) X(setresuid) X(setresgid) X(getresuid) X(getresgid)            \
                    X(setreuid) X(setregid) X(setfsuid) X(setfsgid) X(getrlimit) X(setrlimit)      \
                        X(prlimit64) X(getrusage) X(times) X(sysinfo) X(prctl) X(sethostname)      \
                            X(reboot) X(sched_getaffinity) X(sched_setaffinity)                    \
                                X(sched_getscheduler) X(sched_getparam) X(sched_get_priority_max)  \
                                    X(sched_get_priority_min) X(getcpu) X(getpriority)             \
                                        X(setpriority) /* kernel/sys_exec.c */                     \
        X(execve)                                      /* mm/sys_mem.c */                          \
        X(brk) X(mmap) X(munmap) X(mremap) X(mprotect) X(madvise)                                  \
            X(mincore) /* kernel/sys_time.c */                                                     \
        X(clock_gettime) X(clock_getres) X(gettimeofday) X(nanosleep) X(clock_nanosleep)           \
            X(settimeofday) X(clock_settime) X(restart_syscall) /* kernel/signal.c */                                 \
        X(rt_sigaction) X(rt_sigprocmask) X(rt_sigpending) X(rt_sigsuspend) X(rt_sigreturn)        \
            X(sigaltstack) X(rt_sigqueueinfo) X(rt_sigtimedwait) /* kernel/sys_fd.c */             \
        X(read) X(write) X(readv) X(writev) X(pread64) X(pwrite64) X(lseek) X(close) X(dup)        \
            X(dup3) X(fcntl) X(ioctl) X(pipe2) X(fstat) /* kernel/sys_poll.c */                    \
        X(ppoll) X(pselect6) X(getitimer) X(setitimer) X(timer_create) X(timer_settime)            \
            X(timer_gettime) X(timer_getoverrun) X(timer_delete) /* kernel/sys_file.c */           \
        X(openat) X(newfstatat) X(statx) X(getdents64) X(mkdirat) X(mknodat) X(unlinkat)           \
            X(faccessat) X(faccessat2) X(fchmodat) X(fchmod) X(fchownat) X(fchown) X(utimensat)    \
                X(truncate) X(ftruncate) X(fsync) X(fdatasync) X(sync) X(renameat) X(renameat2)    \
                    X(linkat) X(symlinkat) X(readlinkat) X(chdir) X(fchdir) X(getcwd) X(chroot)    \
                        X(statfs) X(fstatfs) X(mount) X(umount2)
// clang-format on
LINUX_CALLS(DECLARE)
DECLARE(native_log)
DECLARE(native_boot_module)
DECLARE(native_random)
DECLARE(native_ipc_reply_recv)
DECLARE(native_grant_copy)
DECLARE(native_query)

#define LINUX_MAX 512
#define ENTRY(name) [SYS_##name] = sys_##name,
static const syscall_fn linux_table[LINUX_MAX] = {LINUX_CALLS(ENTRY)};

static const syscall_fn native_table[] = {
    [KEEL_SYS_IPC_REPLY_RECV - KEEL_NATIVE_BASE] = sys_native_ipc_reply_recv,
    [KEEL_SYS_GRANT_COPY - KEEL_NATIVE_BASE] = sys_native_grant_copy,
    [KEEL_SYS_LOG - KEEL_NATIVE_BASE] = sys_native_log,
    [KEEL_SYS_QUERY - KEEL_NATIVE_BASE] = sys_native_query,
    [KEEL_SYS_BOOT_MODULE - KEEL_NATIVE_BASE] = sys_native_boot_module,
    [KEEL_SYS_RANDOM - KEEL_NATIVE_BASE] = sys_native_random,
    [KEEL_SYS_BRK - KEEL_NATIVE_BASE] = sys_brk,
    [KEEL_SYS_MMAP - KEEL_NATIVE_BASE] = sys_mmap,
    [KEEL_SYS_MUNMAP - KEEL_NATIVE_BASE] = sys_munmap,
    [KEEL_SYS_CLOCK_GETTIME - KEEL_NATIVE_BASE] = sys_clock_gettime,
    [KEEL_SYS_EXIT - KEEL_NATIVE_BASE] = sys_exit_group,
};

#ifdef KEEL_DEBUG
static uint64_t reported_unknown[LINUX_MAX / 64];
#endif

struct trap_frame *syscall_frame(void)
{
    return current()->tf;
}

void syscall_dispatch(struct trap_frame *tf)
{
    uint64_t nr = tf->x[8];
    syscall_fn fn = NULL;
    if (nr < LINUX_MAX) {
        /* a native server never uses the Linux ABI (rt_sigreturn aside,
         * which only a signal handler's return reaches) */
        if (!current_process()->native || nr == SYS_rt_sigreturn)
            fn = linux_table[nr];
    } else if (nr >= KEEL_NATIVE_BASE && nr < KEEL_NATIVE_BASE + ARRAY_SIZE(native_table)) {
        if (current_process()->native)
            fn = native_table[nr - KEEL_NATIVE_BASE];
    }
    if (!fn) {
#ifdef KEEL_DEBUG
        if (nr < LINUX_MAX && !(reported_unknown[nr / 64] & (1UL << (nr % 64)))) {
            reported_unknown[nr / 64] |= 1UL << (nr % 64);
            pr_debug("syscall %lu not implemented (%s[%d])", (unsigned long)nr,
                     current_process()->name, current_process()->pid);
        }
#endif
        tf->x[0] = (uint64_t)-ENOSYS;
        return;
    }
    current()->orig_x0 = tf->x[0];
    current()->in_syscall = true;
    if (nr != 128)
        current()->restart_sleep = false;
    tf->x[0] = (uint64_t)fn(tf->x[0], tf->x[1], tf->x[2], tf->x[3], tf->x[4], tf->x[5]);
}
