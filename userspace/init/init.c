/*
 * userspace/init/init.c — Keel's /sbin/init (static, musl).
 *
 * As process 1:
 *   - makes sure fds 0, 1, 2 are open on /dev/console;
 *   - mounts proc on /proc, devtmpfs on /dev and sysfs on /sys (already
 *     mounted is fine; any other failure is a warning, since on Keel these
 *     file systems come from the VFS server), then reopens fds 0-2 on the
 *     mounted /dev/console;
 *   - runs /etc/rc with /bin/sh, if it exists, and waits for it;
 *   - prints /etc/motd;
 *   - starts `/bin/sh -l` in a new session on the console (the terminal
 *     device behind it where the system names one), as controlling terminal
 *     and foreground process group, and starts it again whenever it exits
 *     (at most once a second);
 *   - reaps every child, its own and the orphans it inherits;
 *   - on SIGUSR2 powers off, on SIGTERM reboots, on SIGUSR1 halts: these are
 *     what toybox's poweroff, reboot and halt send to process 1 (without -f).
 *     Shutting down sends SIGTERM and SIGHUP to every other process, waits up
 *     to two seconds, sends SIGKILL, syncs and calls reboot(2).
 *
 * Run as any other process, `init 0` (or `init poweroff`) asks process 1 to
 * power off, `init 6` (`init reboot`) to reboot, `init halt` to halt.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define CONSOLE "/dev/console"
#define SHELL "/bin/sh"
#define RC_FILE "/etc/rc"
#define MOTD_FILE "/etc/motd"

enum request { REQ_NONE, REQ_POWEROFF, REQ_REBOOT, REQ_HALT };

static volatile sig_atomic_t pending_request = REQ_NONE;

/* The signals init handles; they are blocked except inside sigsuspend(). */
static const int handled_signals[] = {SIGCHLD, SIGUSR1, SIGUSR2, SIGTERM};
/* Signals init ignores; its children get the default action back. */
static const int ignored_signals[] = {SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* say: one line on stderr, prefixed "init: ". */
__attribute__((format(printf, 1, 2))) static void say(const char *fmt, ...)
{
    char line[256];
    va_list ap;
    int n = snprintf(line, sizeof line, "init: ");

    va_start(ap, fmt);
    vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    strncat(line, "\n", sizeof line - strlen(line) - 1);
    if (write(STDERR_FILENO, line, strlen(line)) < 0) {
        /* Nowhere else to report to. */
    }
}

static void on_request(int sig)
{
    if (sig == SIGUSR2)
        pending_request = REQ_POWEROFF;
    else if (sig == SIGTERM)
        pending_request = REQ_REBOOT;
    else if (sig == SIGUSR1)
        pending_request = REQ_HALT;
}

static void on_child(int sig)
{
    (void)sig;
}

/* fd_is_open: whether fd refers to an open file. */
static int fd_is_open(int fd)
{
    return fcntl(fd, F_GETFD) >= 0 || errno != EBADF;
}

/* open_console: opens the console on fds 0-2: on all three when `all`, else
 * only on those that are closed.  Returns 0 on success, -1 if the console
 * cannot be opened (the fds are then left as they were). */
static int open_console(int all)
{
    int fd, i, missing = 0;

    for (i = 0; i <= 2; i++)
        if (all || !fd_is_open(i))
            missing = 1;
    if (!missing)
        return 0;
    fd = open(CONSOLE, O_RDWR | O_NOCTTY);
    if (fd < 0)
        return -1;
    for (i = 0; i <= 2; i++)
        if ((all || !fd_is_open(i)) && fd != i && dup2(fd, i) < 0)
            return -1;
    if (fd > 2)
        close(fd);
    return 0;
}

/* mount_pseudo: mounts fstype on dir (created if missing) with flags; warns
 * on any failure other than "already mounted". */
static void mount_pseudo(const char *fstype, const char *dir, unsigned long flags)
{
    if (mkdir(dir, 0755) < 0 && errno != EEXIST)
        say("warning: mkdir %s: %s", dir, strerror(errno));
    if (mount(fstype, dir, fstype, flags, NULL) < 0 && errno != EBUSY)
        say("warning: mount %s on %s: %s", fstype, dir, strerror(errno));
}

/* setup_environment: the environment every child starts with. */
static void setup_environment(void)
{
    const char *term = getenv("TERM");
    char term_copy[64];

    snprintf(term_copy, sizeof term_copy, "%s",
             term && *term && strcmp(term, "linux") != 0 ? term : "vt100");
    clearenv();
    setenv("PATH", "/sbin:/usr/sbin:/bin:/usr/bin", 1);
    setenv("HOME", "/root", 1);
    setenv("SHELL", SHELL, 1);
    setenv("USER", "root", 1);
    setenv("LOGNAME", "root", 1);
    setenv("TERM", term_copy, 1);
}

/* setup_signals: installs init's handlers and ignores, and blocks the
 * handled signals; *unblocked receives the mask to wait with. */
static void setup_signals(sigset_t *unblocked)
{
    struct sigaction sa;
    sigset_t block;
    size_t i;

    sigemptyset(&block);
    for (i = 0; i < ARRAY_LEN(handled_signals); i++)
        sigaddset(&block, handled_signals[i]);
    sigprocmask(SIG_BLOCK, &block, unblocked);
    for (i = 0; i < ARRAY_LEN(handled_signals); i++)
        sigdelset(unblocked, handled_signals[i]);

    memset(&sa, 0, sizeof sa);
    sigfillset(&sa.sa_mask);
    sa.sa_handler = on_request;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sa.sa_handler = on_child;
    sa.sa_flags = SA_NOCLDSTOP;
    sigaction(SIGCHLD, &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sa.sa_flags = 0;
    for (i = 0; i < ARRAY_LEN(ignored_signals); i++)
        sigaction(ignored_signals[i], &sa, NULL);
}

/* reset_signals: in a child, gives back the default actions and an empty
 * signal mask. */
static void reset_signals(void)
{
    sigset_t none;
    size_t i;

    for (i = 0; i < ARRAY_LEN(handled_signals); i++)
        signal(handled_signals[i], SIG_DFL);
    for (i = 0; i < ARRAY_LEN(ignored_signals); i++)
        signal(ignored_signals[i], SIG_DFL);
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

/* reap: collects every exited child without blocking; returns 1 if `watch`
 * (when > 0) was among them, storing its status in *watch_status. */
static int reap(pid_t watch, int *watch_status)
{
    int status, seen = 0;
    pid_t pid;

    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        if (watch > 0 && pid == watch) {
            seen = 1;
            if (watch_status)
                *watch_status = status;
        }
    }
    return seen;
}

/* sleep_ms: sleeps about ms milliseconds (signals stay blocked). */
static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

    while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
    }
}

/* shutdown_system: ends every process and powers off, reboots or halts.
 * Returns only if reboot(2) fails. */
static void shutdown_system(enum request req)
{
    static const char *const what[] = {"", "powering off", "rebooting", "halting"};
    int i;

    say("%s", what[req]);
    kill(-1, SIGTERM);
    kill(-1, SIGHUP);
    kill(-1, SIGCONT);
    for (i = 0; i < 200; i++) {
        reap(0, NULL);
        if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
            break;
        sleep_ms(10);
    }
    kill(-1, SIGKILL);
    for (i = 0; i < 100; i++) {
        reap(0, NULL);
        if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
            break;
        sleep_ms(10);
    }
    sync();
    if (req == REQ_POWEROFF)
        reboot(RB_POWER_OFF);
    else if (req == REQ_REBOOT)
        reboot(RB_AUTOBOOT);
    else
        reboot(RB_HALT_SYSTEM);
    say("reboot(2) failed: %s", strerror(errno));
}

/* wait_for: waits until child `pid` exits, reaping others meanwhile and
 * acting on shutdown requests.  Returns its wait status. */
static int wait_for(pid_t pid, const sigset_t *unblocked)
{
    int status = 0;

    for (;;) {
        if (pending_request != REQ_NONE)
            shutdown_system((enum request)pending_request);
        pending_request = REQ_NONE;
        if (reap(pid, &status))
            return status;
        sigsuspend(unblocked);
    }
}

/* run_rc: runs /etc/rc with /bin/sh, if /etc/rc exists. */
static void run_rc(const sigset_t *unblocked)
{
    pid_t pid;
    int status;

    if (access(RC_FILE, R_OK) < 0)
        return;
    pid = fork();
    if (pid < 0) {
        say("fork: %s", strerror(errno));
        return;
    }
    if (pid == 0) {
        reset_signals();
        execl(SHELL, "sh", RC_FILE, (char *)NULL);
        say("exec %s: %s", SHELL, strerror(errno));
        _exit(127);
    }
    status = wait_for(pid, unblocked);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        say("warning: %s failed (status %#x)", RC_FILE, (unsigned)status);
}

/* print_motd: copies /etc/motd, if it exists, to stdout. */
static void print_motd(void)
{
    char buf[512];
    ssize_t n;
    int fd = open(MOTD_FILE, O_RDONLY);

    if (fd < 0)
        return;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        if (write(STDOUT_FILENO, buf, (size_t)n) != n)
            break;
    close(fd);
}

/* console_device: the terminal device behind /dev/console, if the system
 * names it (Linux: /sys/class/tty/console/active, last word, e.g.
 * "ttyAMA0"), as "/dev/NAME" in buf; else "/dev/console".  On Linux,
 * /dev/console itself is a different device number than the terminal, so
 * `tty` and `ps` do not recognise it as the controlling terminal. */
static const char *console_device(char *buf, size_t size)
{
    char line[128], *name, *end;
    ssize_t n;
    int fd = open("/sys/class/tty/console/active", O_RDONLY);

    if (fd < 0)
        return CONSOLE;
    n = read(fd, line, sizeof line - 1);
    close(fd);
    if (n <= 0)
        return CONSOLE;
    line[n] = 0;
    end = line + strcspn(line, "\n");
    *end = 0;
    name = strrchr(line, ' ');
    name = name ? name + 1 : line;
    if (!*name || strchr(name, '/') || snprintf(buf, size, "/dev/%s", name) >= (int)size ||
        access(buf, R_OK | W_OK) < 0)
        return CONSOLE;
    return buf;
}

/* start_shell: forks the login shell: a new session whose fds 0-2 are the
 * console's terminal (console_device()), which is its controlling terminal
 * and has it as foreground process group.  Returns its pid, or -1. */
static pid_t start_shell(void)
{
    char path[64];
    const char *tty;
    pid_t pid = fork();
    int fd;

    if (pid < 0) {
        say("fork: %s", strerror(errno));
        return -1;
    }
    if (pid > 0)
        return pid;
    reset_signals();
    if (setsid() < 0)
        say("warning: setsid: %s", strerror(errno));
    tty = console_device(path, sizeof path);
    fd = open(tty, O_RDWR | O_NOCTTY);
    if (fd >= 0) {
        dup2(fd, STDIN_FILENO);
        dup2(fd, STDOUT_FILENO);
        dup2(fd, STDERR_FILENO);
        if (fd > 2)
            close(fd);
    }
    if (ioctl(STDIN_FILENO, TIOCSCTTY, 0) < 0)
        say("warning: no controlling terminal (TIOCSCTTY: %s); job control is off",
            strerror(errno));
    else if (tcsetpgrp(STDIN_FILENO, getpid()) < 0)
        say("warning: tcsetpgrp: %s", strerror(errno));
    if (chdir(getenv("HOME")) < 0 && chdir("/") < 0) {
        /* Stay where init was. */
    }
    execl(SHELL, "sh", "-l", (char *)NULL);
    say("exec %s: %s", SHELL, strerror(errno));
    _exit(127);
}

/* serve: the main loop of process 1.  Never returns. */
static void serve(const sigset_t *unblocked)
{
    pid_t shell = -1;
    time_t started = 0;
    int status = 0;

    for (;;) {
        if (pending_request != REQ_NONE)
            shutdown_system((enum request)pending_request);
        pending_request = REQ_NONE;
        if (shell <= 0) {
            if (started != 0 && time(NULL) - started < 1)
                sleep_ms(1000);
            started = time(NULL);
            shell = start_shell();
            if (shell < 0)
                continue;
        }
        if (reap(shell, &status)) {
            if (WIFSIGNALED(status))
                say("%s killed by signal %d; starting a new one", SHELL, WTERMSIG(status));
            shell = -1;
            continue;
        }
        sigsuspend(unblocked);
    }
}

/* request_signal: the signal `init ARG` sends to process 1, or 0. */
static int request_signal(const char *arg)
{
    if (!strcmp(arg, "0") || !strcmp(arg, "poweroff"))
        return SIGUSR2;
    if (!strcmp(arg, "6") || !strcmp(arg, "reboot"))
        return SIGTERM;
    if (!strcmp(arg, "halt"))
        return SIGUSR1;
    return 0;
}

int main(int argc, char **argv)
{
    sigset_t unblocked;
    int console_ok;

    if (getpid() != 1) {
        int sig = argc == 2 ? request_signal(argv[1]) : 0;

        if (!sig) {
            fprintf(stderr, "usage: init 0|6|poweroff|reboot|halt (process 1 is init)\n");
            return 2;
        }
        if (kill(1, sig) < 0) {
            perror("init: kill 1");
            return 1;
        }
        return 0;
    }

    /* Open the console before mounting (for the warnings), then again on
     * the mounted /dev, so that fds 0-2 are the node that /dev/console names
     * from now on (ttyname() compares the two). */
    console_ok = open_console(0) == 0;
    umask(022);
    mount_pseudo("proc", "/proc", MS_NOSUID | MS_NODEV | MS_NOEXEC);
    mount_pseudo("devtmpfs", "/dev", MS_NOSUID);
    mount_pseudo("sysfs", "/sys", MS_NOSUID | MS_NODEV | MS_NOEXEC);
    if (open_console(1) < 0 && !console_ok)
        say("warning: cannot open %s", CONSOLE);
    if (chdir("/") < 0)
        say("warning: chdir /: %s", strerror(errno));
    setup_environment();
    setup_signals(&unblocked);
    run_rc(&unblocked);
    print_motd();
    serve(&unblocked);
    return 0;
}
