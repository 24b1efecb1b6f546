/*
 * kernel/sys_time.c — clocks and sleeping: clock_gettime, clock_getres,
 * gettimeofday, nanosleep, clock_nanosleep.
 */
#include <abi/errno.h>
#include <arch/timer.h>
#include <keel/process.h>
#include <keel/sched.h>
#include <keel/syscall.h>
#include <keel/time.h>
#include <keel/uaccess.h>

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1

struct kernel_timespec {
    int64_t tv_sec;
    int64_t tv_nsec;
};

/* clock_ns: the time of `clock` in ns, or -EINVAL. */
static int64_t clock_ns(uint64_t clock)
{
    struct thread *t = current();
    switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
        return (int64_t)time_realtime_ns();
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
        return (int64_t)timer_now_ns();
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID:
        return (int64_t)(t->user_ns + t->sys_ns);
    default:
        return -EINVAL;
    }
}

static int put_ts(uint64_t uaddr, int64_t ns)
{
    struct kernel_timespec ts = {ns / 1000000000, ns % 1000000000};
    return copy_to_user(uaddr, &ts, sizeof ts);
}

SYSCALL(clock_gettime)
{
    int64_t ns = clock_ns(a0);
    if (ns < 0)
        return ns;
    return put_ts(a1, ns);
}

SYSCALL(clock_getres)
{
    int64_t ns = clock_ns(a0);
    if (ns < 0)
        return ns;
    if (!a1)
        return 0;
    int64_t res = (a0 == CLOCK_PROCESS_CPUTIME_ID || a0 == CLOCK_THREAD_CPUTIME_ID ||
                   a0 == CLOCK_REALTIME_COARSE || a0 == CLOCK_MONOTONIC_COARSE)
                      ? 1000000000 / TIMER_HZ
                      : 1;
    return put_ts(a1, res);
}

SYSCALL(gettimeofday)
{
    if (a0) {
        uint64_t ns = time_realtime_ns();
        int64_t tv[2] = {(int64_t)(ns / 1000000000), (int64_t)(ns % 1000000000 / 1000)};
        if (copy_to_user(a0, tv, sizeof tv))
            return -EFAULT;
    }
    if (a1) {
        int32_t tz[2] = {0, 0};
        if (copy_to_user(a1, tz, sizeof tz))
            return -EFAULT;
    }
    return 0;
}

/* sleep_until: sleep to the monotonic deadline; 0 or -EINTR. */
static int sleep_until(uint64_t deadline)
{
    while (timer_now_ns() < deadline) {
        int r = wait_sleep(NULL, NULL, true, deadline);
        if (r == -EINTR)
            return r;
    }
    return 0;
}

static int read_ts(uint64_t uaddr, int64_t *ns)
{
    struct kernel_timespec ts;
    if (copy_from_user(&ts, uaddr, sizeof ts))
        return -EFAULT;
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
        return -EINVAL;
    if (ts.tv_sec > INT64_MAX / 1000000000 - 1)
        ts.tv_sec = INT64_MAX / 1000000000 - 1;
    *ns = ts.tv_sec * 1000000000 + ts.tv_nsec;
    return 0;
}

SYSCALL(nanosleep)
{
    int64_t ns;
    int r = read_ts(a0, &ns);
    if (r)
        return r;
    uint64_t start = timer_now_ns();
    r = sleep_until(start + (uint64_t)ns);
    if (r == -EINTR) {
        /* With no handler to run it resumes (restart_syscall); with one
         * it returns EINTR, even under SA_RESTART, as Linux. */
        current()->restart_sleep = true;
        current()->restart_deadline = start + (uint64_t)ns;
    }
    if (r == -EINTR && a1) {
        uint64_t now = timer_now_ns();
        int64_t left = (int64_t)(start + (uint64_t)ns - now);
        put_ts(a1, left > 0 ? left : 0);
    }
    return r;
}

SYSCALL(clock_nanosleep)
{
    if (a0 != CLOCK_REALTIME && a0 != CLOCK_MONOTONIC && a0 != CLOCK_BOOTTIME)
        return a0 == CLOCK_PROCESS_CPUTIME_ID ? -EOPNOTSUPP : -EINVAL;
    if (a1 & ~(uint64_t)TIMER_ABSTIME)
        return -EINVAL;
    int64_t ns;
    int r = read_ts(a2, &ns);
    if (r)
        return r;
    uint64_t now = timer_now_ns();
    uint64_t deadline;
    if (a1 & TIMER_ABSTIME) {
        int64_t base = clock_ns(a0);
        deadline = now + (uint64_t)(ns > base ? ns - base : 0);
    } else {
        deadline = now + (uint64_t)ns;
    }
    r = sleep_until(deadline);
    if (r == -EINTR) {
        current()->restart_sleep = true;
        current()->restart_deadline = deadline;
    }
    if (r == -EINTR && a3 && !(a1 & TIMER_ABSTIME)) {
        int64_t left = (int64_t)(deadline - timer_now_ns());
        put_ts(a3, left > 0 ? left : 0);
    }
    return r;
}

SYSCALL(settimeofday)
{
    if (current_process()->euid)
        return -EPERM;
    if (!a0)
        return 0;
    int64_t tv[2];
    if (copy_from_user(tv, a0, sizeof tv))
        return -EFAULT;
    if (tv[0] < 0 || tv[1] < 0 || tv[1] >= 1000000)
        return -EINVAL;
    time_set_realtime_ns((uint64_t)tv[0] * 1000000000ULL + (uint64_t)tv[1] * 1000);
    return 0;
}

SYSCALL(clock_settime)
{
    struct kernel_timespec ts;
    if (a0 != CLOCK_REALTIME)
        return -EINVAL; /* only CLOCK_REALTIME can be set */
    if (current_process()->euid)
        return -EPERM;
    if (copy_from_user(&ts, a1, sizeof ts))
        return -EFAULT;
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
        return -EINVAL;
    time_set_realtime_ns((uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec);
    return 0;
}

/* restart_syscall: the continuation of an interrupted sleep whose signal
 * ran no handler (the kernel puts this call in place of the sleep). */
SYSCALL(restart_syscall)
{
    struct thread *t = current();
    if (!t->restart_sleep)
        return -EINTR;
    t->restart_sleep = false;
    int r = sleep_until(t->restart_deadline);
    if (r == -EINTR)
        t->restart_sleep = true;
    return r;
}
