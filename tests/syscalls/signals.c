/*
 * tests/syscalls/signals.c — signals: rt_sigaction (SA_SIGINFO with
 * ucontext, SA_RESTART, SA_RESETHAND, SA_NODEFER, sa_mask, SA_ONSTACK),
 * rt_sigprocmask, rt_sigpending, rt_sigsuspend, rt_sigtimedwait, kill,
 * tgkill, rt_sigqueueinfo, sigaltstack, rt_sigreturn (registers and the
 * ucontext a handler edits), EINTR against SA_RESTART on a blocking pipe
 * read, SIGCHLD, and the fault signals with si_addr: SIGSEGV (NULL, a write
 * to a read-only page, a jump into a non-executable page, stack overflow),
 * SIGBUS (past the end of a mapped file), SIGILL (udf), SIGTRAP (brk).
 *
 * Fault tests run in children.  Prints failures and
 * "syscalls-signals: N passed, N failed".
 */
#include "check.h"

#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <ucontext.h>

static volatile sig_atomic_t hits;
static volatile int last_code, last_pid, last_value, last_blocked, order[8], norder;
static void *volatile last_addr;

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

static void set_action(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa = {.sa_sigaction = fn, .sa_flags = flags | SA_SIGINFO};

    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static sigset_t just(int sig)
{
    sigset_t s;

    sigemptyset(&s);
    sigaddset(&s, sig);
    return s;
}

static int blocked_now(int sig)
{
    sigset_t cur;

    sigprocmask(SIG_SETMASK, NULL, &cur);
    return sigismember(&cur, sig);
}

static void info_handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;

    hits++;
    last_code = si->si_code;
    last_pid = si->si_pid;
    last_value = si->si_value.sival_int;
    last_blocked = uc && sigismember(&uc->uc_sigmask, SIGUSR2);
}

static void test_sigaction(void)
{
    struct sigaction sa = {.sa_handler = count_handler}, old;
    int n;

    sigemptyset(&sa.sa_mask);
    CHECK_OK("rt_sigaction/install", sigaction(SIGUSR1, &sa, NULL));
    CHECK("rt_sigaction/returns the old action",
          sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == count_handler);
    hits = 0;
    CHECK("kill/handler runs before kill returns", kill(getpid(), SIGUSR1) == 0 && hits == 1);
    CHECK_ERRNO("rt_sigaction/SIGKILL", sigaction(SIGKILL, &sa, NULL), EINVAL);
    CHECK_ERRNO("rt_sigaction/SIGSTOP", sigaction(SIGSTOP, &sa, NULL), EINVAL);
    CHECK_ERRNO("rt_sigaction/signal 0", sigaction(0, &sa, NULL), EINVAL);
    CHECK_ERRNO("rt_sigaction/signal 65", syscall(SYS_rt_sigaction, 65, NULL, NULL, 8), EINVAL);
    CHECK_ERRNO("rt_sigaction/wrong sigset size", syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 4),
                EINVAL);
    CHECK_ERRNO("rt_sigaction/bad pointer",
                syscall(SYS_rt_sigaction, SIGUSR1, KERNEL_ADDR, NULL, 8), EFAULT);
    CHECK("rt_sigaction/SIGKILL's action can be read",
          sigaction(SIGKILL, NULL, &old) == 0 && old.sa_handler == SIG_DFL);

    set_handler(SIGUSR1, count_handler, SA_RESETHAND);
    hits = 0;
    kill(getpid(), SIGUSR1);
    CHECK("rt_sigaction/SA_RESETHAND resets after one delivery",
          hits == 1 && sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_handler == SIG_DFL);

    set_action(SIGUSR1, info_handler, 0);
    hits = 0;
    sigset_t m = just(SIGUSR2);
    sigprocmask(SIG_BLOCK, &m, NULL);
    kill(getpid(), SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &m, NULL);
    CHECK("rt_sigaction/SA_SIGINFO from kill: SI_USER and the sender",
          hits == 1 && last_code == SI_USER && last_pid == getpid());
    CHECK("rt_sigaction/ucontext uc_sigmask is the interrupted mask", last_blocked);
    union sigval v = {.sival_int = 42};
    CHECK("rt_sigqueueinfo/sigqueue carries a value", sigqueue(getpid(), SIGUSR1, v) == 0 &&
                                                          hits == 2 && last_code == SI_QUEUE &&
                                                          last_value == 42);
    CHECK("tgkill/to this thread",
          syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1) == 0 && hits == 3 &&
              last_code == SI_TKILL);
    CHECK_ERRNO("tgkill/wrong thread group: ESRCH",
                syscall(SYS_tgkill, 999999, syscall(SYS_gettid), SIGUSR1), ESRCH);
    CHECK_ERRNO("tgkill/bad signal: EINVAL", syscall(SYS_tgkill, getpid(), getpid(), 999), EINVAL);
    n = hits;
    CHECK("kill/signal 0 checks existence", kill(getpid(), 0) == 0 && hits == n);
    CHECK_ERRNO("kill/no such process: ESRCH", kill(999999, SIGUSR1), ESRCH);
    CHECK_ERRNO("kill/bad signal: EINVAL", kill(getpid(), 1000), EINVAL);
    set_handler(SIGUSR1, SIG_DFL, 0);
}

static void mask_handler(int sig)
{
    hits++;
    last_blocked = blocked_now(sig) | blocked_now(SIGUSR2) << 1;
}

static void test_masks(void)
{
    sigset_t m = just(SIGUSR1), cur, pend;
    struct sigaction sa = {.sa_handler = mask_handler};

    set_handler(SIGUSR1, count_handler, 0);
    hits = 0;
    CHECK_OK("rt_sigprocmask/block", sigprocmask(SIG_BLOCK, &m, NULL));
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR1);
    CHECK("rt_sigprocmask/blocked signal is not delivered", hits == 0);
    CHECK("rt_sigpending/shows it", sigpending(&pend) == 0 && sigismember(&pend, SIGUSR1));
    CHECK("rt_sigprocmask/unblocking delivers it once",
          sigprocmask(SIG_UNBLOCK, &m, NULL) == 0 && hits == 1);
    CHECK("rt_sigpending/empty afterwards", sigpending(&pend) == 0 && !sigismember(&pend, SIGUSR1));
    sigfillset(&m);
    sigprocmask(SIG_SETMASK, &m, NULL);
    sigprocmask(SIG_SETMASK, NULL, &cur);
    CHECK("rt_sigprocmask/SIGKILL and SIGSTOP cannot be blocked",
          !sigismember(&cur, SIGKILL) && !sigismember(&cur, SIGSTOP) && sigismember(&cur, SIGTERM));
    sigemptyset(&m);
    sigprocmask(SIG_SETMASK, &m, NULL);
    CHECK_ERRNO("rt_sigprocmask/bad how", syscall(SYS_rt_sigprocmask, 99, &m, NULL, 8), EINVAL);
    CHECK_ERRNO("rt_sigprocmask/wrong sigset size",
                syscall(SYS_rt_sigprocmask, SIG_BLOCK, &m, NULL, 4), EINVAL);
    CHECK_ERRNO("rt_sigprocmask/bad pointer",
                syscall(SYS_rt_sigprocmask, SIG_BLOCK, KERNEL_ADDR, NULL, 8), EFAULT);
    CHECK_ERRNO("rt_sigpending/bad pointer", syscall(SYS_rt_sigpending, KERNEL_ADDR, 8), EFAULT);

    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    kill(getpid(), SIGUSR1);
    CHECK("rt_sigaction/in the handler its signal and sa_mask are blocked", last_blocked == 3);
    CHECK("rt_sigaction/the mask is restored after the handler",
          !blocked_now(SIGUSR1) && !blocked_now(SIGUSR2));
    sa.sa_flags = SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    kill(getpid(), SIGUSR1);
    CHECK("rt_sigaction/SA_NODEFER leaves it unblocked", last_blocked == 0);
    set_handler(SIGUSR1, SIG_DFL, 0);
}

static void rt_handler(int sig, siginfo_t *si, void *ctx)
{
    if (norder < 8)
        order[norder++] = sig * 100 + si->si_value.sival_int;
}

static void test_queueing(void)
{
    sigset_t m;
    int r = SIGRTMIN;

    set_action(r, rt_handler, 0);
    set_action(r + 2, rt_handler, 0);
    sigemptyset(&m);
    sigaddset(&m, r);
    sigaddset(&m, r + 2);
    sigprocmask(SIG_BLOCK, &m, NULL);
    norder = 0;
    sigqueue(getpid(), r + 2, (union sigval){.sival_int = 9});
    for (int i = 1; i <= 3; i++)
        sigqueue(getpid(), r, (union sigval){.sival_int = i});
    sigprocmask(SIG_UNBLOCK, &m, NULL);
    {
        int seen = 0, next = 1, others = 0;
        for (int i = 0; i < norder; i++) {
            if (order[i] == r * 100 + next)
                next++, seen++;
            else if (order[i] == (r + 2) * 100 + 9)
                others++;
        }
        CHECK("rt_sigqueueinfo/real-time signals queue, each in order",
              norder == 4 && seen == 3 && others == 1);
        if (norder != 4 || seen != 3)
            say("  order: %d %d %d %d (SIGRTMIN %d)\n", order[0], order[1], order[2], order[3], r);
    }
    set_handler(r, SIG_DFL, 0);
    set_handler(r + 2, SIG_DFL, 0);
}

static void test_suspend_wait(void)
{
    sigset_t m = just(SIGUSR1), empty, pend;
    siginfo_t si;
    struct timespec ts = {0, 50000000};
    pid_t guard;

    set_handler(SIGUSR1, count_handler, 0);
    sigprocmask(SIG_BLOCK, &m, NULL);
    hits = 0;
    kill(getpid(), SIGUSR1);
    sigemptyset(&empty);
    guard = backstop(5);
    CHECK_ERRNO("rt_sigsuspend/returns EINTR after the handler", sigsuspend(&empty), EINTR);
    CHECK("rt_sigsuspend/the handler ran", hits == 1 && !backstop_fired);
    CHECK("rt_sigsuspend/restores the mask", blocked_now(SIGUSR1));
    backstop_end(guard);

    m = just(SIGUSR2);
    sigprocmask(SIG_BLOCK, &m, NULL);
    CHECK_ERRNO("rt_sigtimedwait/timeout: EAGAIN", sigtimedwait(&m, &si, &ts), EAGAIN);
    kill(getpid(), SIGUSR2);
    CHECK("rt_sigtimedwait/takes a pending signal",
          sigtimedwait(&m, &si, &ts) == SIGUSR2 && si.si_signo == SIGUSR2 && si.si_pid == getpid());
    CHECK("rt_sigtimedwait/it is no longer pending",
          sigpending(&pend) == 0 && !sigismember(&pend, SIGUSR2));
    ts.tv_nsec = 1000000000;
    CHECK_ERRNO("rt_sigtimedwait/bad timeout: EINVAL", sigtimedwait(&m, &si, &ts), EINVAL);
    /* Whatever is still pending is dropped, not delivered. */
    set_handler(SIGUSR2, SIG_IGN, 0);
    sigemptyset(&m);
    sigprocmask(SIG_SETMASK, &m, NULL);
    set_handler(SIGUSR1, SIG_DFL, 0);
    set_handler(SIGUSR2, SIG_DFL, 0);
}

/* EINTR against SA_RESTART: SIGALRM arrives during a blocking pipe read. */
static void test_restart(void)
{
    struct itimerval it = {.it_value = {0, 50000}};
    int p[2], st;
    char c;
    pid_t pid;

    pipe(p);
    set_handler(SIGALRM, count_handler, 0);
    hits = 0;
    pid = fork();
    if (pid == 0) { /* ends the read only if SIGALRM never comes */
        sleep(5);
        write(p[1], "b", 1);
        _exit(0);
    }
    setitimer(ITIMER_REAL, &it, NULL);
    CHECK_ERRNO("read/interrupted without SA_RESTART: EINTR", read(p[0], &c, 1), EINTR);
    CHECK("read/the handler ran", hits == 1);
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);

    set_handler(SIGALRM, count_handler, SA_RESTART);
    hits = 0;
    pid = fork();
    if (pid == 0) {
        usleep(200000);
        write(p[1], "r", 1);
        _exit(0);
    }
    setitimer(ITIMER_REAL, &it, NULL);
    CHECK("read/restarted with SA_RESTART", read(p[0], &c, 1) == 1 && c == 'r' && hits == 1);
    waitpid(pid, &st, 0);
    set_handler(SIGALRM, SIG_DFL, 0);
    close(p[0]);
    close(p[1]);
}

static void dirty_handler(int sig)
{
    volatile double x = 1.25;
    char buf[256];

    memset(buf, 0x5a, sizeof buf);
    x = x * x + buf[7];
    hits += x > 0;
}

/* Registers the compiler may not keep across a call must survive a handler
 * that runs when the kill system call returns. */
__attribute__((noinline)) static int registers_survive(void)
{
    register long x0 asm("x0") = getpid();
    register long x1 asm("x1") = SIGUSR1;
    register long x8 asm("x8") = SYS_kill;
    long r9, r15;
    double d0, d7;

    asm volatile("mov x9, #0x1234\n"
                 "mov x15, #0x5678\n"
                 "fmov d0, #1.5\n"
                 "fmov d7, #-2.5\n"
                 "svc #0\n"
                 "mov %[r9], x9\n"
                 "mov %[r15], x15\n"
                 "fmov %d[d0], d0\n"
                 "fmov %d[d7], d7\n"
                 : "+r"(x0), [r9] "=&r"(r9), [r15] "=&r"(r15), [d0] "=&w"(d0), [d7] "=&w"(d7)
                 : "r"(x1), "r"(x8)
                 : "x9", "x15", "v0", "v7", "memory");
    return x0 == 0 && r9 == 0x1234 && r15 == 0x5678 && d0 == 1.5 && d7 == -2.5;
}

static void test_registers(void)
{
    set_handler(SIGUSR1, dirty_handler, 0);
    hits = 0;
    CHECK("rt_sigreturn/restores integer and FP/SIMD registers", registers_survive() && hits == 1);
    set_handler(SIGUSR1, SIG_DFL, 0);
}

/* ---- sigaltstack -------------------------------------------------------- */
static char altstack[64 * 1024];
static volatile int on_alt, alt_flags, alt_eperm;

static void alt_handler(int sig)
{
    char local;
    stack_t ss, other = {.ss_sp = altstack, .ss_size = sizeof altstack};

    on_alt = &local >= altstack && &local < altstack + sizeof altstack;
    sigaltstack(NULL, &ss);
    alt_flags = ss.ss_flags;
    alt_eperm = sigaltstack(&other, NULL) == -1 && errno == EPERM;
}

static void test_altstack(void)
{
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack}, old;

    CHECK_OK("sigaltstack/install", sigaltstack(&ss, NULL));
    CHECK("sigaltstack/query", sigaltstack(NULL, &old) == 0 && old.ss_sp == altstack &&
                                   old.ss_size == sizeof altstack && old.ss_flags == 0);
    set_handler(SIGUSR1, alt_handler, SA_ONSTACK);
    kill(getpid(), SIGUSR1);
    CHECK("sigaltstack/SA_ONSTACK handler runs on it", on_alt);
    CHECK("sigaltstack/SS_ONSTACK inside the handler", alt_flags == SS_ONSTACK);
    CHECK("sigaltstack/changing it while on it: EPERM", alt_eperm);
    set_handler(SIGUSR1, alt_handler, 0);
    kill(getpid(), SIGUSR1);
    CHECK("sigaltstack/without SA_ONSTACK the handler uses the normal stack", !on_alt);
    ss.ss_size = 1024;
    CHECK_ERRNO("sigaltstack/too small: ENOMEM", sigaltstack(&ss, NULL), ENOMEM);
    ss.ss_size = sizeof altstack;
    ss.ss_flags = 0x1234;
    CHECK_ERRNO("sigaltstack/bad flags: EINVAL", sigaltstack(&ss, NULL), EINVAL);
    ss.ss_flags = SS_DISABLE;
    CHECK("sigaltstack/SS_DISABLE", sigaltstack(&ss, NULL) == 0 && sigaltstack(NULL, &old) == 0 &&
                                        old.ss_flags == SS_DISABLE);
    CHECK_ERRNO("sigaltstack/bad pointer: EFAULT", syscall(SYS_sigaltstack, KERNEL_ADDR, NULL),
                EFAULT);
    set_handler(SIGUSR1, SIG_DFL, 0);
}

/* ---- fault signals, each in a child --------------------------------------- */
static sigjmp_buf fault_jmp;

static void jump_handler(int sig, siginfo_t *si, void *ctx)
{
    last_addr = si->si_addr;
    last_code = si->si_code;
    siglongjmp(fault_jmp, sig);
}

static int null_deref(void *arg)
{
    set_action(SIGSEGV, jump_handler, 0);
    if (sigsetjmp(fault_jmp, 1) == 0) {
        *(volatile int *)arg = 1;
        return 1;
    }
    if (last_addr != arg)
        return 2;
    return last_code == SEGV_MAPERR ? 0 : 3;
}

static void reprotect_handler(int sig, siginfo_t *si, void *ctx)
{
    last_addr = si->si_addr;
    last_code = si->si_code;
    mprotect((void *)((unsigned long)si->si_addr & ~4095UL), 4096, PROT_READ | PROT_WRITE);
}

static int write_readonly(void *arg)
{
    volatile char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    set_action(SIGSEGV, reprotect_handler, 0);
    page[100] = 7;
    if (last_addr != page + 100)
        return 1;
    if (last_code != SEGV_ACCERR)
        return 2;
    return page[100] == 7 ? 0 : 3;
}

static void return_handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;

    last_addr = si->si_addr;
    last_code = si->si_code;
    uc->uc_mcontext.pc = uc->uc_mcontext.regs[30];
}

static int jump_to_data(void *arg)
{
    unsigned *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    page[0] = 0xd65f03c0; /* ret */
    set_action(SIGSEGV, return_handler, 0);
    ((void (*)(void))page)();
    if (last_addr != page)
        return 1;
    return last_code == SEGV_ACCERR ? 0 : 2;
}

static void skip_handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;

    last_addr = si->si_addr;
    last_code = si->si_code;
    last_value = (void *)uc->uc_mcontext.pc == si->si_addr;
    uc->uc_mcontext.pc += 4;
    uc->uc_mcontext.regs[0] = 42;
}

static int undefined_instruction(void *arg)
{
    register long x0 asm("x0") = 0;

    set_action(SIGILL, skip_handler, 0);
    asm volatile(".inst 0x00000000" : "+r"(x0)::"memory");
    if (x0 != 42)
        return 1;
    if (!last_value)
        return 2;
    return last_code == ILL_ILLOPC ? 0 : 3;
}

static int bus_error(void *arg)
{
    int fd = open("/tmp/sc-signals-bus", O_RDWR | O_CREAT | O_TRUNC, 0644);
    volatile char *map;

    if (fd < 0 || write(fd, "short", 5) != 5)
        return 1;
    map = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
    unlink("/tmp/sc-signals-bus");
    if (map == MAP_FAILED)
        return 2;
    if (map[0] != 's')
        return 3;
    set_action(SIGBUS, jump_handler, 0);
    if (sigsetjmp(fault_jmp, 1) == 0) {
        (void)map[4096];
        return 4;
    }
    if (last_addr != map + 4096)
        return 5;
    return last_code == BUS_ADRERR ? 0 : 6;
}

static int default_segv(void *arg)
{
    *(volatile int *)arg = 0;
    return 0;
}

static int blocked_segv(void *arg)
{
    sigset_t m = just(SIGSEGV);

    sigprocmask(SIG_BLOCK, &m, NULL);
    *(volatile int *)arg = 0;
    return 0;
}

static int default_sigill(void *arg)
{
    asm volatile(".inst 0x00000000" ::: "memory");
    return 0;
}

static int default_brk(void *arg)
{
    asm volatile("brk #0x3e8" ::: "memory");
    return 0;
}

static volatile int recurse_limit = INT_MAX;

static int recurse(int n)
{
    volatile char pad[4096];

    pad[0] = (char)n;
    if (n > recurse_limit)
        return 0;
    return recurse(n + 1) + pad[0];
}

static void overflow_handler(int sig)
{
    char local;

    _exit(&local >= altstack && &local < altstack + sizeof altstack ? 0 : 2);
}

static int stack_overflow(void *arg)
{
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    struct rlimit rl = {1 << 20, 1 << 20};

    setrlimit(RLIMIT_STACK, &rl);
    sigaltstack(&ss, NULL);
    set_handler(SIGSEGV, overflow_handler, SA_ONSTACK);
    recurse(0);
    return 1;
}

static void test_faults(void)
{
    int st;

    st = run_child(null_deref, NULL, 10);
    CHECK("SIGSEGV/NULL store: si_addr 0, SEGV_MAPERR", EXITED_WITH(st, 0));
    st = run_child(null_deref, KERNEL_ADDR, 10);
    CHECK("SIGSEGV/store to a kernel address", EXITED_WITH(st, 0));
    st = run_child(write_readonly, NULL, 10);
    CHECK("SIGSEGV/write to a read-only page: si_addr, SEGV_ACCERR, retried", EXITED_WITH(st, 0));
    if (!EXITED_WITH(st, 0))
        say("  status %#x\n", st);
    st = run_child(jump_to_data, NULL, 10);
    CHECK("SIGSEGV/jump into a non-executable page: si_addr, SEGV_ACCERR", EXITED_WITH(st, 0));
    st = run_child(undefined_instruction, NULL, 10);
    CHECK("SIGILL/udf: si_addr is pc, ILL_ILLOPC, the handler's pc and x0 are used",
          EXITED_WITH(st, 0));
    st = run_child(bus_error, NULL, 10);
    CHECK("SIGBUS/past the end of a mapped file: si_addr, BUS_ADRERR", EXITED_WITH(st, 0));
    st = run_child(stack_overflow, NULL, 20);
    CHECK("SIGSEGV/stack overflow handled on the alternate stack", EXITED_WITH(st, 0));
    st = run_child(default_segv, NULL, 10);
    CHECK("SIGSEGV/default action kills", KILLED_BY(st, SIGSEGV));
    st = run_child(blocked_segv, NULL, 10);
    CHECK("SIGSEGV/kills even when blocked", KILLED_BY(st, SIGSEGV));
    st = run_child(default_sigill, NULL, 10);
    CHECK("SIGILL/default action kills", KILLED_BY(st, SIGILL));
    st = run_child(default_brk, NULL, 10);
    CHECK("SIGTRAP/brk instruction kills with SIGTRAP", KILLED_BY(st, SIGTRAP));
}

/* ---- SIGCHLD and signals between processes --------------------------------- */
static void chld_handler(int sig, siginfo_t *si, void *ctx)
{
    hits++;
    last_pid = si->si_pid;
    last_code = si->si_code;
    last_value = si->si_status;
}

static int user_kill_init(void *arg)
{
    return ERRNO_OF(kill(1, 0));
}

static void test_children(void)
{
    sigset_t m = just(SIGCHLD), empty;
    int st;
    pid_t pid, guard;

    set_action(SIGCHLD, chld_handler, 0);
    sigprocmask(SIG_BLOCK, &m, NULL);
    hits = 0;
    pid = fork();
    if (pid == 0)
        _exit(11);
    sigemptyset(&empty);
    guard = backstop(5);
    sigsuspend(&empty);
    CHECK("SIGCHLD/on exit: si_pid, CLD_EXITED, si_status",
          hits == 1 && last_pid == pid && last_code == CLD_EXITED && last_value == 11);
    backstop_end(guard);
    waitpid(pid, &st, 0);
    sigprocmask(SIG_UNBLOCK, &m, NULL);

    set_handler(SIGCHLD, SIG_IGN, 0);
    pid = fork();
    if (pid == 0)
        _exit(0);
    CHECK_ERRNO("wait4/SIGCHLD ignored: children are reaped, ECHILD", waitpid(pid, &st, 0), ECHILD);
    set_handler(SIGCHLD, SIG_DFL, 0);

    pid = fork();
    if (pid == 0) {
        alarm(20);
        for (;;)
            pause();
    }
    CHECK("kill/SIGTERM to a child",
          kill(pid, SIGTERM) == 0 && waitpid(pid, &st, 0) == pid && KILLED_BY(st, SIGTERM));
    st = run_as_user(user_kill_init, NULL);
    CHECK("kill/uid 1000 to init: EPERM", EXITED_WITH(st, EPERM));

    set_handler(SIGALRM, count_handler, 0);
    hits = 0;
    guard = backstop(5);
    alarm(1);
    CHECK_ERRNO("ppoll/pause returns EINTR after a handler", pause(), EINTR);
    CHECK("ppoll/pause: the handler ran", hits == 1);
    backstop_end(guard);
    set_handler(SIGALRM, SIG_DFL, 0);
}

int main(int argc, char **argv)
{
    check_init(argc, argv);
    test_sigaction();
    test_masks();
    test_queueing();
    test_suspend_wait();
    test_restart();
    test_registers();
    test_altstack();
    test_faults();
    test_children();
    return check_done("signals");
}
