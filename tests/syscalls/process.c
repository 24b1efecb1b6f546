/*
 * tests/syscalls/process.c — processes: fork (clone with SIGCHLD), vfork,
 * posix_spawn, execve (argv, envp and auxv as the new program sees them,
 * through the showargs helper next to this program; ENOEXEC, EACCES,
 * E2BIG, #! scripts), exit and exit_group, wait4 and waitid (WNOHANG,
 * WUNTRACED, WCONTINUED, WNOWAIT), getpid/getppid/gettid/set_tid_address,
 * the uid and gid calls, process groups and sessions.
 *
 * Works in /tmp/sc-process.PID, removed at the end.  Prints failures and
 * "syscalls-process: N passed, N failed".
 */
#include "check.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>

extern char **environ;

static char showargs[256];

static void write_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

    if (fd >= 0) {
        if (write(fd, text, strlen(text)) < 0)
            say("write %s: %s\n", path, strerror(errno));
        close(fd);
    }
    chmod(path, mode);
}

/* read_all: reads fd to EOF into buf (NUL-terminated, truncated to size). */
static void read_all(int fd, char *buf, size_t size)
{
    size_t got = 0;
    ssize_t n;

    while (got + 1 < size && (n = read(fd, buf + got, size - 1 - got)) > 0)
        got += (size_t)n;
    buf[got] = 0;
}

/*
 * capture: runs path with argv/envp in a child whose stdout is a pipe,
 * after prepare() (if any) ran in the child; stores what it printed in
 * out (NUL-terminated).  Returns the wait status; an execve failure is exit
 * status 200 + errno % 50.
 */
static int capture(const char *path, char *const argv[], char *const envp[], void (*prepare)(void),
                   char *out, size_t size)
{
    int p[2], st;
    pid_t pid;

    if (pipe(p) != 0)
        return -1;
    pid = fork();
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        if (prepare)
            prepare();
        execve(path, argv, envp);
        _exit(200 + errno % 50);
    }
    close(p[1]);
    read_all(p[0], out, size);
    close(p[0]);
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return -1;
    return st;
}

static int has_line(const char *text, const char *line)
{
    size_t len = strlen(line);

    for (const char *p = text; (p = strstr(p, line)) != NULL; p++)
        if ((p == text || p[-1] == '\n') && (p[len] == '\n' || p[len] == 0))
            return 1;
    return 0;
}

static void on_usr2(int sig)
{
}

static void prepare_exec_state(void)
{
    sigset_t mask;

    signal(SIGUSR1, SIG_IGN);
    signal(SIGUSR2, on_usr2);
    sigemptyset(&mask);
    sigaddset(&mask, SIGWINCH);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    dup2(0, 20);
    fcntl(open("/dev/null", O_RDONLY | O_CLOEXEC), F_DUPFD_CLOEXEC, 21);
    dup3(0, 22, O_CLOEXEC);
}

static void test_execve(void)
{
    static char out[4096];
    char *argv[] = {"showargs", "a b", "", "c", NULL};
    char *envp[] = {"SC_A=1", "SC_B=two words", "OTHER=x", NULL};
    char line[300];
    int st;

    st = capture(showargs, argv, envp, prepare_exec_state, out, sizeof out);
    CHECK("execve/runs the program", EXITED_WITH(st, 0));
    CHECK("execve/argc", has_line(out, "argc 4"));
    CHECK("execve/argv", has_line(out, "argv 0 showargs") && has_line(out, "argv 1 a b") &&
                             has_line(out, "argv 2 ") && has_line(out, "argv 3 c"));
    CHECK("execve/envp", has_line(out, "env SC_A=1") && has_line(out, "env SC_B=two words"));
    CHECK("execve/envp follows argv on the stack", has_line(out, "layout 1"));
    CHECK("execve/auxv AT_PAGESZ 4096", has_line(out, "auxv pagesz 4096"));
    CHECK("execve/auxv AT_HWCAP", has_line(out, "auxv hwcap 1"));
    CHECK("execve/auxv AT_ENTRY", has_line(out, "auxv entry 1"));
    CHECK("execve/auxv AT_PHDR, AT_PHENT, AT_PHNUM", has_line(out, "auxv phdr 1"));
    CHECK("execve/auxv AT_RANDOM", has_line(out, "auxv random 1"));
    snprintf(line, sizeof line, "auxv execfn %s", showargs);
    CHECK("execve/auxv AT_EXECFN", has_line(out, line));
    CHECK("execve/auxv ids", has_line(out, "auxv ids 0 0 0 0") && has_line(out, "auxv secure 0"));
    CHECK("execve/ignored signals stay ignored", has_line(out, "sig usr1 ign"));
    CHECK("execve/caught signals are reset", has_line(out, "sig usr2 dfl"));
    CHECK("execve/the signal mask is kept", has_line(out, "blocked winch 1"));
    CHECK("execve/O_CLOEXEC fds are closed, others kept", has_line(out, "fds 20"));
    if (!has_line(out, "layout 1") || !has_line(out, "fds 20"))
        say("showargs printed:\n%s", out);
}

static int exec_errno(void *arg)
{
    char *const *args = arg;
    char *argv[] = {args[0], NULL};

    execve(args[0], argv, environ);
    return errno;
}

static int exec_raw(void *arg)
{
    long *a = arg;
    return ERRNO_OF(syscall(SYS_execve, a[0], a[1], a[2]));
}

static int exec_expect(const char *path)
{
    char *args[] = {(char *)path, NULL};
    int st = run_child(exec_errno, args, 10);

    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_exec_errors(void)
{
    char *argv[] = {"big", NULL, NULL}, *big;
    long raw[3];
    int st;

    write_file("garbage", "this is not an executable\n\x01\x02\x03\x04", 0755);
    write_file("empty", "", 0755);
    write_file("noexec", "#!/bin/sh\necho hi\n", 0644);
    write_file("elfhead", "\177ELF", 0755);
    symlink("loop2", "loop1");
    symlink("loop1", "loop2");
    mkdir("dir", 0755);
    CHECK("execve/garbage: ENOEXEC", exec_expect("garbage") == ENOEXEC);
    CHECK("execve/empty file: ENOEXEC", exec_expect("empty") == ENOEXEC);
    CHECK("execve/truncated ELF header: ENOEXEC or EIO",
          exec_expect("elfhead") == ENOEXEC || exec_expect("elfhead") == EIO);
    CHECK("execve/no x bit: EACCES", exec_expect("noexec") == EACCES);
    CHECK("execve/directory: EACCES", exec_expect("dir") == EACCES);
    CHECK("execve/missing: ENOENT", exec_expect("missing") == ENOENT);
    CHECK("execve/through a file: ENOTDIR", exec_expect("garbage/x") == ENOTDIR);
    CHECK("execve/symlink loop: ELOOP", exec_expect("loop1") == ELOOP);
    raw[0] = 1, raw[1] = (long)argv, raw[2] = (long)environ;
    CHECK("execve/bad path pointer: EFAULT", EXITED_WITH(run_child(exec_raw, raw, 10), EFAULT));
    raw[0] = (long)showargs, raw[1] = (long)KERNEL_ADDR;
    CHECK("execve/kernel argv pointer: EFAULT", EXITED_WITH(run_child(exec_raw, raw, 10), EFAULT));
    big = malloc(200000);
    memset(big, 'x', 199999);
    big[199999] = 0;
    argv[1] = big;
    raw[1] = (long)argv;
    st = run_child(exec_raw, raw, 10);
    CHECK("execve/argument over MAX_ARG_STRLEN: E2BIG", EXITED_WITH(st, E2BIG));
    free(big);
}

static void test_scripts(void)
{
    static char out[4096];
    char script[300], line[400];
    char *argv[] = {"s", "one", NULL};
    int st;

    write_file("s1", "#!/bin/sh\necho \"script $1\"\nexit 3\n", 0755);
    snprintf(script, sizeof script, "%s/s1", scratch_path);
    st = capture(script, argv, environ, NULL, out, sizeof out);
    CHECK("execve/#! script runs its interpreter",
          EXITED_WITH(st, 3) && strcmp(out, "script one\n") == 0);

    snprintf(line, sizeof line, "#!%s -x\n", showargs);
    write_file("s2", line, 0755);
    snprintf(script, sizeof script, "%s/s2", scratch_path);
    st = capture(script, argv, environ, NULL, out, sizeof out);
    snprintf(line, sizeof line, "argv 2 %s", script);
    CHECK("execve/#! interpreter gets its argument, the script path, then argv[1..]",
          EXITED_WITH(st, 0) && has_line(out, "argc 4") && has_line(out, "argv 1 -x") &&
              has_line(out, line) && has_line(out, "argv 3 one"));
    snprintf(line, sizeof line, "argv 0 %s", showargs);
    CHECK("execve/#! interpreter is argv[0]", has_line(out, line));
    write_file("s3", "#!/no/such/interpreter\n", 0755);
    CHECK("execve/#! missing interpreter: ENOENT", exec_expect("s3") == ENOENT);
}

static volatile int vfork_flag;

/*
 * clone_vm_vfork: clone(CLONE_VM | CLONE_VFORK | SIGCHLD) on the caller's
 * stack; the child, in assembly so that it touches no stack, stores 1 in
 * *flag and exits with code.  Returns what clone returned to the parent.
 */
__attribute__((noinline)) static long clone_vm_vfork(volatile int *flag, long code)
{
    register long x0 asm("x0") = CLONE_VM | CLONE_VFORK | SIGCHLD;
    register long x1 asm("x1") = 0;
    register long x2 asm("x2") = 0;
    register long x3 asm("x3") = 0;
    register long x4 asm("x4") = 0;
    register long x8 asm("x8") = SYS_clone;

    asm volatile("svc #0\n"
                 "cbnz x0, 1f\n"
                 "mov w9, #1\n"
                 "str w9, [%[flag]]\n"
                 "mov x0, %[code]\n"
                 "mov x8, #93\n"
                 "svc #0\n"
                 "1:\n"
                 : "+r"(x0)
                 : "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x8), [flag] "r"(flag), [code] "r"(code)
                 : "x9", "memory");
    return x0;
}

static void test_spawn(void)
{
    static char out[4096];
    posix_spawn_file_actions_t fa;
    char *argv[] = {"showargs", "spawned", NULL};
    char *targv[] = {"true", NULL};
    int p[2], st, err;
    pid_t pid;

    pid = (pid_t)clone_vm_vfork(&vfork_flag, 4);
    CHECK("clone/CLONE_VM|CLONE_VFORK: the child ran first, in the same memory",
          pid > 0 && vfork_flag == 1);
    CHECK("clone/CLONE_VM|CLONE_VFORK exit status",
          waitpid(pid, &st, 0) == pid && EXITED_WITH(st, 4));
    pid = vfork();
    if (pid == 0)
        _exit(3);
    CHECK("clone/vfork: exit status", pid > 0 && waitpid(pid, &st, 0) == pid && EXITED_WITH(st, 3));
    pid = vfork();
    if (pid == 0) {
        execve(showargs, (char *[]){"showargs", NULL}, (char *[]){NULL});
        _exit(127);
    }
    CHECK("clone/vfork then execve", pid > 0 && waitpid(pid, &st, 0) == pid && EXITED_WITH(st, 0));

    pipe(p);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, p[1], 1);
    posix_spawn_file_actions_addclose(&fa, p[0]);
    err = posix_spawn(&pid, showargs, &fa, NULL, argv, environ);
    close(p[1]);
    read_all(p[0], out, sizeof out);
    close(p[0]);
    posix_spawn_file_actions_destroy(&fa);
    CHECK("clone/posix_spawn: runs the program with file actions",
          err == 0 && has_line(out, "argv 1 spawned"));
    CHECK("clone/posix_spawn: exit status", waitpid(pid, &st, 0) == pid && EXITED_WITH(st, 0));
    err = posix_spawnp(&pid, "true", NULL, NULL, targv, environ);
    CHECK("clone/posix_spawn: posix_spawnp finds true in PATH",
          err == 0 && waitpid(pid, &st, 0) == pid && EXITED_WITH(st, 0));
    err = posix_spawn(&pid, "/no/such/program", NULL, NULL, targv, environ);
    CHECK("clone/posix_spawn: missing program: ENOENT", err == ENOENT);
}

static void test_fork(void)
{
    volatile int value = 1;
    int st, fd;
    pid_t parent = getpid(), pid;
    char c;

    pid = fork();
    if (pid == 0) {
        value = 2;
        _exit(getppid() == parent && getpid() != parent ? 10 + value : 1);
    }
    CHECK("clone/fork returns the child's pid", pid > 0 && pid != parent);
    CHECK("wait4/the child's status", waitpid(pid, &st, 0) == pid && EXITED_WITH(st, 12));
    CHECK("clone/fork copies memory, the parent's is unchanged", value == 1);

    pid = (pid_t)syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
    if (pid == 0)
        _exit(5);
    CHECK("clone/raw clone(SIGCHLD) forks",
          pid > 0 && waitpid(pid, &st, 0) == pid && EXITED_WITH(st, 5));

    fd = open("/etc/passwd", O_RDONLY);
    pid = fork();
    if (pid == 0) {
        read(fd, &c, 1);
        read(fd, &c, 1);
        _exit(0);
    }
    waitpid(pid, &st, 0);
    CHECK("clone/fork shares the file offset", lseek(fd, 0, SEEK_CUR) == 2);
    close(fd);
}

static void test_exit(void)
{
    int st;
    pid_t pid;

    pid = fork();
    if (pid == 0)
        syscall(SYS_exit_group, 7);
    CHECK("exit_group/status", waitpid(pid, &st, 0) == pid && EXITED_WITH(st, 7));
    pid = fork();
    if (pid == 0)
        syscall(SYS_exit, 9);
    CHECK("exit/of the only thread ends the process",
          waitpid(pid, &st, 0) == pid && EXITED_WITH(st, 9));
    pid = fork();
    if (pid == 0)
        _exit(256 + 3);
    CHECK("exit_group/status is 8 bits", waitpid(pid, &st, 0) == pid && EXITED_WITH(st, 3));
}

static void test_wait(void)
{
    siginfo_t si;
    struct rusage ru;
    int st, p[2];
    pid_t pid, a, b;
    char c;

    CHECK_ERRNO("wait4/no children: ECHILD", waitpid(-1, &st, WNOHANG), ECHILD);
    pipe(p);
    pid = fork();
    if (pid == 0) {
        close(p[1]);
        read(p[0], &c, 1);
        _exit(6);
    }
    close(p[0]);
    CHECK("wait4/WNOHANG with a running child returns 0", waitpid(pid, &st, WNOHANG) == 0);
    memset(&si, 0xff, sizeof si);
    CHECK("waitid/WNOHANG with a running child: si_pid 0",
          waitid(P_PID, pid, &si, WEXITED | WNOHANG) == 0 && si.si_pid == 0);
    CHECK_ERRNO("wait4/someone else's process: ECHILD", waitpid(1, &st, WNOHANG), ECHILD);
    close(p[1]);
    memset(&si, 0, sizeof si);
    CHECK("waitid/WNOWAIT", waitid(P_PID, pid, &si, WEXITED | WNOWAIT) == 0 && si.si_pid == pid &&
                                si.si_code == CLD_EXITED && si.si_status == 6);
    CHECK("waitid/P_PID reaps", waitid(P_PID, pid, &si, WEXITED) == 0 && si.si_pid == pid &&
                                    si.si_signo == SIGCHLD && si.si_uid == getuid());
    CHECK_ERRNO("waitid/already reaped: ECHILD", waitid(P_PID, pid, &si, WEXITED), ECHILD);
    CHECK_ERRNO("waitid/no event in options: EINVAL", waitid(P_ALL, 0, &si, WNOHANG), EINVAL);
    CHECK_ERRNO("wait4/bad options: EINVAL", waitpid(-1, &st, 0x12345678), EINVAL);

    a = fork();
    if (a == 0)
        _exit(1);
    b = fork();
    if (b == 0)
        _exit(2);
    CHECK("wait4/a chosen child", wait4(b, &st, 0, &ru) == b && EXITED_WITH(st, 2));
    CHECK("wait4/any child", wait4(-1, &st, 0, NULL) == a && EXITED_WITH(st, 1));

    pid = fork();
    if (pid == 0) {
        alarm(20);
        for (;;)
            pause();
    }
    kill(pid, SIGSTOP);
    CHECK("wait4/WUNTRACED reports SIGSTOP",
          waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP);
    kill(pid, SIGCONT);
    CHECK("wait4/WCONTINUED reports SIGCONT",
          waitpid(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st));
    kill(pid, SIGSTOP);
    memset(&si, 0, sizeof si);
    CHECK("waitid/WSTOPPED", waitid(P_PID, pid, &si, WSTOPPED) == 0 && si.si_code == CLD_STOPPED &&
                                 si.si_status == SIGSTOP);
    kill(pid, SIGCONT);
    CHECK("waitid/WCONTINUED",
          waitid(P_PID, pid, &si, WCONTINUED) == 0 && si.si_code == CLD_CONTINUED);
    kill(pid, SIGKILL);
    CHECK("waitid/killed child: CLD_KILLED", waitid(P_PID, pid, &si, WEXITED) == 0 &&
                                                 si.si_code == CLD_KILLED &&
                                                 si.si_status == SIGKILL);

    pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        _exit(8);
    }
    setpgid(pid, pid);
    CHECK("wait4/by process group", waitpid(-pid, &st, 0) == pid && EXITED_WITH(st, 8));
}

static void test_ids(void)
{
    pid_t pid = getpid(), child;
    int st, fds[2];
    char buf[16];

    CHECK("getpid/positive", pid > 0);
    CHECK("gettid/equals getpid in a single thread", syscall(SYS_gettid) == pid);
    CHECK("set_tid_address/returns the tid", syscall(SYS_set_tid_address, NULL) == pid);
    CHECK("getppid/positive", getppid() > 0 && getppid() != pid);

    pipe(fds);
    child = fork();
    if (child == 0) {
        if (fork() == 0) {
            close(fds[0]);
            for (int i = 0; i < 200 && getppid() != 1; i++)
                usleep(10000);
            snprintf(buf, sizeof buf, "%d", (int)getppid());
            write(fds[1], buf, strlen(buf));
            _exit(0);
        }
        _exit(0);
    }
    close(fds[1]);
    waitpid(child, &st, 0);
    memset(buf, 0, sizeof buf);
    read(fds[0], buf, sizeof buf - 1);
    close(fds[0]);
    CHECK("getppid/an orphan is adopted by init", strcmp(buf, "1") == 0);
}

static int user_ids(void *arg)
{
    uid_t r, e, s;
    gid_t g[4];

    if (getuid() != 1000 || geteuid() != 1000 || getgid() != 1000 || getegid() != 1000)
        return 1;
    if (getresuid(&r, &e, &s) != 0 || s != 1000)
        return 2;
    if (setuid(0) != -1 || errno != EPERM)
        return 3;
    if (setgroups(1, (gid_t[]){0}) != -1 || errno != EPERM)
        return 4;
    if (getgroups(4, g) != 0)
        return 5;
    if (setresuid(-1, -1, 0) != -1 || errno != EPERM)
        return 6;
    return 0;
}

static int saved_uid(void *arg)
{
    uid_t r, e, s;

    if (setresuid(1000, 1000, -1) != 0)
        return 1;
    if (getresuid(&r, &e, &s) != 0 || r != 1000 || e != 1000 || s != 0)
        return 2;
    if (seteuid(0) != 0 || geteuid() != 0 || getuid() != 1000)
        return 3;
    if (setreuid(2000, 3000) != 0 || getuid() != 2000 || geteuid() != 3000)
        return 4;
    return 0;
}

static int gid_calls(void *arg)
{
    gid_t g[8], r, e, s;
    int n;

    if (setgroups(3, (gid_t[]){5, 7, 1000}) != 0)
        return 1;
    n = getgroups(8, g);
    if (n != 3 || g[0] != 5 || g[1] != 7 || g[2] != 1000)
        return 2;
    if (getgroups(0, NULL) != 3)
        return 3;
    if (getgroups(1, g) != -1 || errno != EINVAL)
        return 4;
    if (setresgid(1000, 1001, 1002) != 0 || getresgid(&r, &e, &s) != 0 || r != 1000 || e != 1001 ||
        s != 1002)
        return 5;
    if (setgid(0) != 0 || getgid() != 0 || getegid() != 0)
        return 6;
    return 0;
}

static void test_uids(void)
{
    int st;

    CHECK("getuid/root here", getuid() == 0 && geteuid() == 0);
    CHECK("getgid/root here", getgid() == 0 && getegid() == 0);
    st = run_as_user(user_ids, NULL);
    CHECK("setuid/uid 1000 cannot become root again", EXITED_WITH(st, 0));
    if (!EXITED_WITH(st, 0))
        say("  user_ids step %d\n", WEXITSTATUS(st));
    st = run_child(saved_uid, NULL, 10);
    CHECK("setresuid/the saved uid lets root come back", EXITED_WITH(st, 0));
    if (!EXITED_WITH(st, 0))
        say("  saved_uid step %d\n", WEXITSTATUS(st));
    st = run_child(gid_calls, NULL, 10);
    CHECK("setgroups/and getgroups, setresgid", EXITED_WITH(st, 0));
    if (!EXITED_WITH(st, 0))
        say("  gid_calls step %d\n", WEXITSTATUS(st));
}

static int session_child(void *arg)
{
    pid_t parent_pgrp = *(pid_t *)arg, me = getpid();

    if (setsid() != me)
        return 1;
    if (getsid(0) != me || getpgid(0) != me || getpgrp() != me)
        return 2;
    if (setsid() != -1 || errno != EPERM)
        return 3;
    if (setpgid(0, parent_pgrp) != -1 || errno != EPERM)
        return 4;
    return 0;
}

static void test_groups(void)
{
    pid_t me = getpid(), pgrp = getpgrp(), child;
    int st, p[2];
    char c;

    CHECK("getpgid/of self is getpgrp", getpgid(0) == pgrp && getpgid(me) == pgrp);
    CHECK("getsid/of self", getsid(0) > 0 && getsid(me) == getsid(0));
    CHECK_ERRNO("getpgid/no such process: ESRCH", getpgid(999999), ESRCH);
    CHECK_ERRNO("getsid/no such process: ESRCH", getsid(999999), ESRCH);
    if (pgrp == me)
        CHECK_ERRNO("setsid/process group leader: EPERM", setsid(), EPERM);
    else
        CHECK("setsid/not run as a group leader (skipped)", 1);
    CHECK_ERRNO("setpgid/negative pgid: EINVAL", setpgid(0, -1), EINVAL);
    CHECK_ERRNO("setpgid/no such process: ESRCH", setpgid(999999, 0), ESRCH);
    st = run_child(session_child, &pgrp, 10);
    CHECK("setsid/new session, then EPERM cases", EXITED_WITH(st, 0));
    if (!EXITED_WITH(st, 0))
        say("  session_child step %d\n", WEXITSTATUS(st));

    pipe(p);
    child = fork();
    if (child == 0) {
        close(p[1]);
        read(p[0], &c, 1);
        _exit(0);
    }
    CHECK("setpgid/child into its own group",
          setpgid(child, child) == 0 && getpgid(child) == child);
    CHECK("setpgid/child back into ours", setpgid(child, pgrp) == 0 && getpgid(child) == pgrp);
    CHECK_ERRNO("setpgid/group in no process: EPERM", setpgid(child, 999999), EPERM);
    close(p[0]);
    close(p[1]);
    waitpid(child, &st, 0);
    pipe2(p, O_CLOEXEC);
    child = fork();
    if (child == 0) {
        close(p[0]);
        execve("/bin/sleep", (char *[]){"sleep", "10", NULL}, environ);
        _exit(127);
    }
    close(p[1]);
    read(p[0], &c, 1);
    close(p[0]);
    CHECK_ERRNO("setpgid/after the child's execve: EACCES", setpgid(child, child), EACCES);
    kill(child, SIGKILL);
    waitpid(child, &st, 0);
}

int main(int argc, char **argv)
{
    const char *slash = strrchr(argv[0], '/');

    check_init(argc, argv);
    if (slash)
        snprintf(showargs, sizeof showargs, "%.*s/showargs", (int)(slash - argv[0]), argv[0]);
    else
        snprintf(showargs, sizeof showargs, "/usr/libexec/keel-tests/syscalls/showargs");
    if (!scratch_dir("process"))
        return 1;
    test_fork();
    test_execve();
    test_exec_errors();
    test_scripts();
    test_spawn();
    test_exit();
    test_wait();
    test_ids();
    test_uids();
    test_groups();
    scratch_remove();
    return check_done("process");
}
