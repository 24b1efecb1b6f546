/*
 * tests/syscalls/time.c — clocks and timers: clock_gettime and
 * clock_getres (REALTIME, MONOTONIC, BOOTTIME, PROCESS/THREAD_CPUTIME, RAW,
 * COARSE), gettimeofday, nanosleep and clock_nanosleep (relative,
 * TIMER_ABSTIME, EINTR with the time left), setitimer/getitimer (REAL,
 * VIRTUAL, PROF), alarm, POSIX timers, times, getrusage, and EPERM for
 * setting the clock as uid 1000.
 *
 * Prints failures, "info realtime SECONDS", and
 * "syscalls-time: N passed, N failed".
 */
#include "check.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

static volatile sig_atomic_t hits;
static void count_handler(int sig)
{
    hits++;
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa = {.sa_handler = fn, .sa_flags = flags};

    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static long long ns(clockid_t clk)
{
    struct timespec ts;

    clock_gettime(clk, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* burn: spins until this process used ms milliseconds of CPU time (at most
 * 5 s of wall time). */
static void burn(int ms)
{
    long long start = ns(CLOCK_PROCESS_CPUTIME_ID), wall = ns(CLOCK_MONOTONIC);

    while (ns(CLOCK_PROCESS_CPUTIME_ID) - start < ms * 1000000LL &&
           ns(CLOCK_MONOTONIC) - wall < 5000000000LL)
        ;
}

static void test_clocks(void)
{
    static const struct {
        clockid_t id;
        const char *name;
    } clocks[] = {{CLOCK_REALTIME, "clock_gettime/CLOCK_REALTIME"},
                  {CLOCK_MONOTONIC, "clock_gettime/CLOCK_MONOTONIC"},
                  {CLOCK_BOOTTIME, "clock_gettime/CLOCK_BOOTTIME"},
                  {CLOCK_PROCESS_CPUTIME_ID, "clock_gettime/CLOCK_PROCESS_CPUTIME_ID"},
                  {CLOCK_THREAD_CPUTIME_ID, "clock_gettime/CLOCK_THREAD_CPUTIME_ID"},
                  {CLOCK_MONOTONIC_RAW, "clock_gettime/CLOCK_MONOTONIC_RAW"},
                  {CLOCK_REALTIME_COARSE, "clock_gettime/CLOCK_REALTIME_COARSE"},
                  {CLOCK_MONOTONIC_COARSE, "clock_gettime/CLOCK_MONOTONIC_COARSE"}};
    struct timespec ts, res;
    struct timeval tv;
    long long prev, cur, cpu0, th0;
    int monotonic = 1;

    for (size_t i = 0; i < sizeof clocks / sizeof clocks[0]; i++) {
        ts.tv_nsec = -1;
        CHECK(clocks[i].name, syscall(SYS_clock_gettime, clocks[i].id, &ts) == 0 &&
                                  ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000 && ts.tv_sec >= 0);
    }
    prev = ns(CLOCK_MONOTONIC);
    for (int i = 0; i < 1000; i++) {
        cur = ns(CLOCK_MONOTONIC);
        monotonic &= cur >= prev;
        prev = cur;
    }
    CHECK("clock_gettime/CLOCK_MONOTONIC never goes back", monotonic);
    CHECK("clock_gettime/CLOCK_BOOTTIME is at least CLOCK_MONOTONIC",
          ns(CLOCK_BOOTTIME) >= ns(CLOCK_MONOTONIC) - 1000000);
    clock_gettime(CLOCK_REALTIME, &ts);
    CHECK("gettimeofday/agrees with CLOCK_REALTIME",
          gettimeofday(&tv, NULL) == 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000 &&
              tv.tv_sec - ts.tv_sec <= 1 && tv.tv_sec >= ts.tv_sec);
    CHECK("gettimeofday/time() agrees", time(NULL) - tv.tv_sec <= 1);
    say("info realtime %lld\n", (long long)ts.tv_sec);
    CHECK_ERRNO("clock_gettime/bad clock: EINVAL", syscall(SYS_clock_gettime, 99, &ts), EINVAL);
    CHECK_ERRNO("clock_gettime/bad pointer: EFAULT",
                syscall(SYS_clock_gettime, CLOCK_MONOTONIC, KERNEL_ADDR), EFAULT);
    CHECK_ERRNO("gettimeofday/bad pointer: EFAULT", syscall(SYS_gettimeofday, KERNEL_ADDR, NULL),
                EFAULT);

    CHECK("clock_getres/CLOCK_MONOTONIC at most 1 ms",
          syscall(SYS_clock_getres, CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 &&
              res.tv_nsec > 0 && res.tv_nsec <= 1000000);
    CHECK("clock_getres/CLOCK_REALTIME at most 1 ms",
          syscall(SYS_clock_getres, CLOCK_REALTIME, &res) == 0 && res.tv_sec == 0 &&
              res.tv_nsec > 0 && res.tv_nsec <= 1000000);
    CHECK("clock_getres/CLOCK_MONOTONIC_COARSE at most 20 ms",
          syscall(SYS_clock_getres, CLOCK_MONOTONIC_COARSE, &res) == 0 && res.tv_sec == 0 &&
              res.tv_nsec > 0 && res.tv_nsec <= 20000000);
    CHECK("clock_getres/CLOCK_PROCESS_CPUTIME_ID",
          syscall(SYS_clock_getres, CLOCK_PROCESS_CPUTIME_ID, &res) == 0 && res.tv_sec == 0 &&
              res.tv_nsec > 0);
    CHECK_OK("clock_getres/NULL result", syscall(SYS_clock_getres, CLOCK_MONOTONIC, NULL));
    CHECK_ERRNO("clock_getres/bad clock: EINVAL", syscall(SYS_clock_getres, 99, &res), EINVAL);

    cpu0 = ns(CLOCK_PROCESS_CPUTIME_ID);
    th0 = ns(CLOCK_THREAD_CPUTIME_ID);
    burn(30);
    CHECK("clock_gettime/CLOCK_PROCESS_CPUTIME_ID advances with work",
          ns(CLOCK_PROCESS_CPUTIME_ID) - cpu0 >= 29000000);
    CHECK("clock_gettime/CLOCK_THREAD_CPUTIME_ID advances with work",
          ns(CLOCK_THREAD_CPUTIME_ID) - th0 >= 29000000);
    cpu0 = ns(CLOCK_PROCESS_CPUTIME_ID);
    usleep(50000);
    CHECK("clock_gettime/CPU time does not advance while sleeping",
          ns(CLOCK_PROCESS_CPUTIME_ID) - cpu0 < 25000000);
}

static void test_sleeps(void)
{
    struct timespec req = {0, 20000000}, rem, abs;
    struct itimerval it = {.it_value = {0, 50000}};
    long long t0;
    int r;

    t0 = ns(CLOCK_MONOTONIC);
    CHECK("nanosleep/20 ms", nanosleep(&req, NULL) == 0 && ns(CLOCK_MONOTONIC) - t0 >= 20000000 &&
                                 ns(CLOCK_MONOTONIC) - t0 < 2000000000);
    req.tv_nsec = 1000000000;
    CHECK_ERRNO("nanosleep/tv_nsec out of range: EINVAL", nanosleep(&req, NULL), EINVAL);
    req = (struct timespec){-1, 0};
    CHECK_ERRNO("nanosleep/negative: EINVAL", nanosleep(&req, NULL), EINVAL);
    CHECK_ERRNO("nanosleep/bad pointer: EFAULT", syscall(SYS_nanosleep, KERNEL_ADDR, NULL), EFAULT);
    req = (struct timespec){0, 0};
    CHECK_OK("nanosleep/zero", nanosleep(&req, NULL));

    set_handler(SIGALRM, count_handler, SA_RESTART);
    hits = 0;
    req = (struct timespec){2, 0};
    setitimer(ITIMER_REAL, &it, NULL);
    t0 = ns(CLOCK_MONOTONIC);
    CHECK_ERRNO("nanosleep/interrupted, even with SA_RESTART: EINTR", nanosleep(&req, &rem), EINTR);
    CHECK("nanosleep/interrupted: the time left", hits == 1 && rem.tv_sec <= 2 &&
                                                      (rem.tv_sec >= 1 || rem.tv_nsec > 0) &&
                                                      ns(CLOCK_MONOTONIC) - t0 < 1900000000);

    t0 = ns(CLOCK_MONOTONIC);
    req = (struct timespec){0, 20000000};
    CHECK("clock_nanosleep/relative CLOCK_MONOTONIC",
          clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL) == 0 &&
              ns(CLOCK_MONOTONIC) - t0 >= 20000000);
    clock_gettime(CLOCK_MONOTONIC, &abs);
    abs.tv_nsec += 30000000;
    if (abs.tv_nsec >= 1000000000)
        abs.tv_sec++, abs.tv_nsec -= 1000000000;
    r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL);
    clock_gettime(CLOCK_MONOTONIC, &rem);
    CHECK("clock_nanosleep/TIMER_ABSTIME wakes after the deadline",
          r == 0 && (rem.tv_sec > abs.tv_sec ||
                     (rem.tv_sec == abs.tv_sec && rem.tv_nsec >= abs.tv_nsec)));
    t0 = ns(CLOCK_MONOTONIC);
    abs = (struct timespec){0, 1};
    CHECK("clock_nanosleep/TIMER_ABSTIME in the past returns at once",
          clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL) == 0 &&
              ns(CLOCK_MONOTONIC) - t0 < 10000000);
    CHECK("clock_nanosleep/CLOCK_REALTIME", clock_nanosleep(CLOCK_REALTIME, 0, &req, NULL) == 0);
    CHECK("clock_nanosleep/CLOCK_THREAD_CPUTIME_ID: EINVAL",
          clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &req, NULL) == EINVAL);
    CHECK("clock_nanosleep/bad clock: EINVAL", clock_nanosleep(99, 0, &req, NULL) == EINVAL);
    req.tv_nsec = 1000000000;
    CHECK("clock_nanosleep/tv_nsec out of range: EINVAL",
          clock_nanosleep(CLOCK_MONOTONIC, 0, &req, NULL) == EINVAL);
    set_handler(SIGALRM, SIG_DFL, 0);
}

static void test_itimers(void)
{
    struct itimerval it = {.it_value = {0, 100000}}, cur, old;
    sigset_t m, empty;
    long long t0;
    unsigned left;
    pid_t guard;
    int r;

    set_handler(SIGALRM, count_handler, 0);
    sigemptyset(&m);
    sigaddset(&m, SIGALRM);
    sigprocmask(SIG_BLOCK, &m, NULL);
    sigemptyset(&empty);
    hits = 0;
    t0 = ns(CLOCK_MONOTONIC);
    CHECK_OK("setitimer/ITIMER_REAL 100 ms", setitimer(ITIMER_REAL, &it, NULL));
    CHECK("getitimer/time left", getitimer(ITIMER_REAL, &cur) == 0 && cur.it_value.tv_sec == 0 &&
                                     cur.it_value.tv_usec > 0 && cur.it_value.tv_usec <= 100000);
    guard = backstop(5);
    sigsuspend(&empty);
    CHECK("setitimer/SIGALRM after the interval",
          hits == 1 && ns(CLOCK_MONOTONIC) - t0 >= 99000000);
    backstop_end(guard);
    CHECK("getitimer/disarmed after firing", getitimer(ITIMER_REAL, &cur) == 0 &&
                                                 cur.it_value.tv_sec == 0 &&
                                                 cur.it_value.tv_usec == 0);
    it.it_interval.tv_usec = 20000;
    it.it_value.tv_usec = 20000;
    hits = 0;
    setitimer(ITIMER_REAL, &it, NULL);
    guard = backstop(5);
    while (hits < 3 && !backstop_fired)
        sigsuspend(&empty);
    backstop_end(guard);
    memset(&it, 0, sizeof it);
    r = setitimer(ITIMER_REAL, &it, &old);
    CHECK("setitimer/periodic, then the old value",
          hits >= 3 && r == 0 && old.it_interval.tv_usec == 20000);
    it.it_value.tv_usec = 1000000;
    CHECK_ERRNO("setitimer/tv_usec out of range: EINVAL", setitimer(ITIMER_REAL, &it, NULL),
                EINVAL);
    CHECK_ERRNO("setitimer/bad timer: EINVAL", syscall(SYS_setitimer, 7, &it, NULL), EINVAL);
    CHECK_ERRNO("getitimer/bad pointer: EFAULT", syscall(SYS_getitimer, ITIMER_REAL, KERNEL_ADDR),
                EFAULT);
    sigprocmask(SIG_UNBLOCK, &m, NULL);

    CHECK("setitimer/alarm with none pending returns 0", alarm(5) == 0);
    left = alarm(0);
    CHECK("setitimer/alarm returns the seconds left", left >= 4 && left <= 5);
    set_handler(SIGALRM, SIG_DFL, 0);

    set_handler(SIGVTALRM, count_handler, 0);
    hits = 0;
    it = (struct itimerval){.it_value = {0, 20000}};
    setitimer(ITIMER_VIRTUAL, &it, NULL);
    t0 = ns(CLOCK_MONOTONIC);
    while (!hits && ns(CLOCK_MONOTONIC) - t0 < 3000000000LL)
        ;
    CHECK("setitimer/ITIMER_VIRTUAL: SIGVTALRM while computing", hits == 1);
    set_handler(SIGPROF, count_handler, 0);
    hits = 0;
    setitimer(ITIMER_PROF, &it, NULL);
    t0 = ns(CLOCK_MONOTONIC);
    while (!hits && ns(CLOCK_MONOTONIC) - t0 < 3000000000LL)
        ;
    CHECK("setitimer/ITIMER_PROF: SIGPROF while computing", hits == 1);
    set_handler(SIGVTALRM, SIG_DFL, 0);
    set_handler(SIGPROF, SIG_DFL, 0);
}

static void test_posix_timers(void)
{
    struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1};
    struct itimerspec its = {.it_value = {0, 30000000}}, cur;
    timer_t t;
    sigset_t m, empty;
    pid_t guard;

    set_handler(SIGUSR1, count_handler, 0);
    sigemptyset(&m);
    sigaddset(&m, SIGUSR1);
    sigprocmask(SIG_BLOCK, &m, NULL);
    hits = 0;
    CHECK_OK("timer_create/CLOCK_MONOTONIC, SIGEV_SIGNAL", timer_create(CLOCK_MONOTONIC, &ev, &t));
    CHECK_OK("timer_settime/30 ms", timer_settime(t, 0, &its, NULL));
    CHECK("timer_gettime/time left", timer_gettime(t, &cur) == 0 && cur.it_value.tv_sec == 0 &&
                                         cur.it_value.tv_nsec > 0 &&
                                         cur.it_value.tv_nsec <= 30000000);
    sigemptyset(&empty);
    guard = backstop(5);
    sigsuspend(&empty);
    CHECK("timer_settime/the signal arrives", hits == 1);
    backstop_end(guard);
    CHECK_OK("timer_delete/", timer_delete(t));
    CHECK("timer_create/bad clock: EINVAL", timer_create(99, &ev, &t) == -1 && errno == EINVAL);
    sigprocmask(SIG_UNBLOCK, &m, NULL);
    set_handler(SIGUSR1, SIG_DFL, 0);
}

static int user_settime(void *arg)
{
    struct timeval tv;

    gettimeofday(&tv, NULL);
    return ERRNO_OF(settimeofday(&tv, NULL));
}

static int user_clock_settime(void *arg)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return ERRNO_OF(clock_settime(CLOCK_REALTIME, &ts));
}

static void test_accounting(void)
{
    struct tms t0, t1;
    struct rusage ru;
    clock_t c0, c1;
    int st;
    pid_t pid;

    c0 = times(&t0);
    burn(60);
    c1 = times(&t1);
    CHECK("times/ticks advance", c1 > c0);
    CHECK("times/user+system time grows with work",
          (t1.tms_utime + t1.tms_stime) - (t0.tms_utime + t0.tms_stime) >= 1);
    CHECK("getrusage/RUSAGE_SELF has CPU time",
          getrusage(RUSAGE_SELF, &ru) == 0 && ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec +
                                                      ru.ru_stime.tv_sec * 1000000 +
                                                      ru.ru_stime.tv_usec >
                                                  0);
    CHECK("getrusage/RUSAGE_SELF max RSS", ru.ru_maxrss > 0);
    pid = fork();
    if (pid == 0) {
        burn(60);
        _exit(0);
    }
    waitpid(pid, &st, 0);
    CHECK("getrusage/RUSAGE_CHILDREN has the reaped child's time",
          getrusage(RUSAGE_CHILDREN, &ru) == 0 &&
              ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_sec * 1000000 +
                      ru.ru_stime.tv_usec >=
                  30000);
    CHECK("times/children's time", times(&t1) > 0 && t1.tms_cutime + t1.tms_cstime >= 3);
    CHECK_OK("getrusage/RUSAGE_THREAD", getrusage(RUSAGE_THREAD, &ru));
    CHECK_ERRNO("getrusage/bad who: EINVAL", getrusage(99, &ru), EINVAL);
    CHECK_ERRNO("getrusage/bad pointer: EFAULT", syscall(SYS_getrusage, RUSAGE_SELF, KERNEL_ADDR),
                EFAULT);
    CHECK("settimeofday/uid 1000: EPERM", EXITED_WITH(run_as_user(user_settime, NULL), EPERM));
    CHECK("clock_settime/uid 1000: EPERM",
          EXITED_WITH(run_as_user(user_clock_settime, NULL), EPERM));
    CHECK_ERRNO("clock_settime/CLOCK_MONOTONIC: EINVAL",
                syscall(SYS_clock_settime, CLOCK_MONOTONIC, &(struct timespec){1, 0}), EINVAL);
}

int main(int argc, char **argv)
{
    check_init(argc, argv);
    test_clocks();
    test_sleeps();
    test_itimers();
    test_posix_timers();
    test_accounting();
    return check_done("time");
}
