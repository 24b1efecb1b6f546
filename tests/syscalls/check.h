/*
 * tests/syscalls/check.h — the harness of the in-guest system-call suite
 * (header only, one copy of the counters per program).
 *
 *   CHECK(name, cond)               passes when cond is true
 *   CHECK_ERRNO(name, call, err)    passes when call returns -1 with errno err
 *   CHECK_OK(name, call)            passes when call does not return -1
 *   return check_done("files");     the last statement of main
 *
 * name is "SYSCALL/what": the part before the first '/' is the system call
 * the check is about (the runner counts per system call; a few checks are
 * grouped by the signal they deliver, SIGSEGV..., or as ENOSYS).  A failing
 * check prints one line, "FAIL name (file:line): detail".  check_done prints
 * "syscalls-AREA: N passed, N failed" and returns the exit status (1 when a
 * check failed); with check_init seeing "-t" in argv it first prints
 * "tally SYSCALL PASSED FAILED" for every system call checked.
 *
 * The counters live in the calling process: a child reports through its
 * exit status (run_child, run_as_user, ERRNO_OF) and the parent checks
 * that.  Output goes straight to fd 1 with write(2), so nothing is buffered
 * across fork.  Also here: scratch_dir/scratch_remove (a private directory
 * under /tmp), unmapped_page, backstop (so that no wait for a signal hangs
 * on a kernel that never sends it), and KERNEL_ADDR/KERNEL_ADDR2, addresses
 * no user pointer may reach.
 */
#ifndef KEEL_TESTS_CHECK_H
#define KEEL_TESTS_CHECK_H

#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <grp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHECK_MAX_KEYS 160

struct check_tally {
    char key[32];
    int passed, failed;
};

static struct {
    int passed, failed, tally;
    struct check_tally keys[CHECK_MAX_KEYS];
    int nkeys;
} check_state;

/* say: printf to fd 1, unbuffered. */
__attribute__((format(printf, 1, 2), unused)) static void say(const char *fmt, ...)
{
    char line[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n >= sizeof line)
        n = sizeof line - 1;
    if (write(1, line, (size_t)n) < 0) {
        /* Nowhere else to report to. */
    }
}

static inline void check_init(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "-t") == 0)
            check_state.tally = 1;
}

static inline void check_count(const char *name, int ok)
{
    size_t len = strcspn(name, "/");
    int i;

    if (len >= sizeof check_state.keys[0].key)
        len = sizeof check_state.keys[0].key - 1;
    for (i = 0; i < check_state.nkeys; i++)
        if (strlen(check_state.keys[i].key) == len &&
            strncmp(check_state.keys[i].key, name, len) == 0)
            break;
    if (i == check_state.nkeys && i < CHECK_MAX_KEYS) {
        memcpy(check_state.keys[i].key, name, len);
        check_state.keys[i].key[len] = 0;
        check_state.nkeys++;
    }
    if (i < CHECK_MAX_KEYS) {
        if (ok)
            check_state.keys[i].passed++;
        else
            check_state.keys[i].failed++;
    }
    if (ok)
        check_state.passed++;
    else
        check_state.failed++;
}

/* check_report: counts one check; on failure prints it with detail. */
static inline int check_report(const char *name, int ok, const char *file, int line,
                               const char *detail)
{
    check_count(name, ok);
    if (!ok)
        say("FAIL %s (%s:%d): %s\n", name, file, line, detail);
    return ok;
}

static inline int check_errno_report(const char *name, long ret, int err, int want,
                                     const char *file, int line)
{
    char detail[128];
    int ok = ret == -1 && err == want;

    if (!ok)
        snprintf(detail, sizeof detail, "returned %ld, errno %d (%s), expected errno %d (%s)", ret,
                 ret == -1 ? err : 0, ret == -1 ? strerror(err) : "-", want, strerror(want));
    return check_report(name, ok, file, line, ok ? "" : detail);
}

static inline int check_ok_report(const char *name, long ret, int err, const char *file, int line)
{
    char detail[96];

    if (ret == -1)
        snprintf(detail, sizeof detail, "failed: errno %d (%s)", err, strerror(err));
    return check_report(name, ret != -1, file, line, ret == -1 ? detail : "");
}

#define CHECK(name, cond) check_report((name), !!(cond), __FILE__, __LINE__, #cond)
#define CHECK_ERRNO(name, call, err)                                                               \
    ({                                                                                             \
        errno = 0;                                                                                 \
        long check_ret_ = (long)(call);                                                            \
        check_errno_report((name), check_ret_, errno, (err), __FILE__, __LINE__);                  \
    })
#define CHECK_OK(name, call)                                                                       \
    ({                                                                                             \
        errno = 0;                                                                                 \
        long check_ret_ = (long)(call);                                                            \
        check_ok_report((name), check_ret_, errno, __FILE__, __LINE__);                            \
    })

static inline int check_done(const char *area)
{
    if (check_state.tally)
        for (int i = 0; i < check_state.nkeys; i++)
            say("tally %s %d %d\n", check_state.keys[i].key, check_state.keys[i].passed,
                check_state.keys[i].failed);
    say("syscalls-%s: %d passed, %d failed\n", area, check_state.passed, check_state.failed);
    return check_state.failed ? 1 : 0;
}

/*
 * run_child: runs fn(arg) in a forked child, which exits with fn's return
 * value; returns the child's wait status, or -1 if fork or wait failed.
 * alarm_s > 0 arms alarm() in the child first, so a hang ends in SIGALRM.
 */
__attribute__((unused)) static int run_child(int (*fn)(void *), void *arg, unsigned alarm_s)
{
    int status;
    pid_t pid = fork();

    if (pid < 0)
        return -1;
    if (pid == 0) {
        if (alarm_s)
            alarm(alarm_s);
        _exit(fn(arg));
    }
    if (waitpid(pid, &status, 0) != pid)
        return -1;
    return status;
}

/*
 * run_as_user: run_child(fn, arg) as the normal user: the child drops to
 * uid and gid 1000 (no supplementary groups) before fn runs, and exits 99
 * when it cannot.
 */
static int (*as_user_fn)(void *);

static int as_user_trampoline(void *arg)
{
    if (setgroups(0, NULL) != 0 || setgid(1000) != 0 || setuid(1000) != 0)
        return 99;
    return as_user_fn(arg);
}

__attribute__((unused)) static int run_as_user(int (*fn)(void *), void *arg)
{
    as_user_fn = fn;
    return run_child(as_user_trampoline, arg, 10);
}

/*
 * backstop: a child that sends SIGURG to this process after `seconds`, so
 * that a wait for a signal that never comes (sigsuspend, pause) still ends;
 * SIGURG gets a handler that sets backstop_fired, which a check after such
 * a wait should include.  backstop_end(pid) removes the child.
 */
static volatile sig_atomic_t backstop_fired;

static void backstop_handler(int sig)
{
    backstop_fired = 1;
}

__attribute__((unused)) static pid_t backstop(unsigned seconds)
{
    struct sigaction sa = {.sa_handler = backstop_handler};
    pid_t parent = getpid(), pid;

    sigemptyset(&sa.sa_mask);
    sigaction(SIGURG, &sa, NULL);
    backstop_fired = 0;
    pid = fork();
    if (pid == 0) {
        sleep(seconds);
        kill(parent, SIGURG);
        _exit(0);
    }
    return pid;
}

__attribute__((unused)) static void backstop_end(pid_t pid)
{
    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
}

/* ERRNO_OF: 0 when call succeeded, else errno (a child's exit status). */
#define ERRNO_OF(call) ((long)(call) == -1 ? errno : 0)

/* Wait-status helpers for checks. */
/* Each evaluates st once: st is often the call that runs the child. */
#define EXITED_WITH(st, code)                                                                      \
    ({                                                                                             \
        int st_ = (st);                                                                            \
        st_ != -1 && WIFEXITED(st_) && WEXITSTATUS(st_) == (code);                                 \
    })
#define KILLED_BY(st, sig)                                                                         \
    ({                                                                                             \
        int st_ = (st);                                                                            \
        st_ != -1 && WIFSIGNALED(st_) && WTERMSIG(st_) == (sig);                                   \
    })

/*
 * scratch_dir: makes /tmp/sc-AREA.PID (mode 0755, empty) and makes it the
 * working directory; returns its path (static storage) or NULL.
 * scratch_remove removes it with everything in it.
 */
static char scratch_path[64];

__attribute__((unused)) static const char *scratch_dir(const char *area)
{
    snprintf(scratch_path, sizeof scratch_path, "/tmp/sc-%s.%d", area, (int)getpid());
    if (mkdir(scratch_path, 0755) != 0 || chdir(scratch_path) != 0) {
        say("scratch_dir %s: %s\n", scratch_path, strerror(errno));
        return NULL;
    }
    return scratch_path;
}

static int scratch_unlink(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    return type == FTW_DP ? rmdir(path) : unlink(path);
}

__attribute__((unused)) static void scratch_remove(void)
{
    if (chdir("/tmp") == 0 && scratch_path[0])
        nftw(scratch_path, scratch_unlink, 16, FTW_DEPTH | FTW_PHYS);
}

/* unmapped_page: the address of a page that was mapped and is not any more. */
__attribute__((unused)) static void *unmapped_page(void)
{
    void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (p != MAP_FAILED)
        munmap(p, 4096);
    return p;
}

/* Addresses no user pointer may reach. */
#define KERNEL_ADDR ((void *)0xffff000000000000UL)
#define KERNEL_ADDR2 ((void *)0xffffff8000000000UL)

#endif
