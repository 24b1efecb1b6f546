/*
 * tests/syscalls/pipes_fds.c — file descriptors and pipes: dup, dup3,
 * fcntl (F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD/F_SETFD, F_GETFL/F_SETFL),
 * pipe2 (EOF, EPIPE and SIGPIPE, O_NONBLOCK, atomic writes of PIPE_BUF,
 * FIONREAD), FIFOs, ppoll and pselect6, and EMFILE under RLIMIT_NOFILE.
 *
 * Prints failures and "syscalls-pipes_fds: N passed, N failed".
 */
#include "check.h"

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void test_dup(void)
{
    char c;
    int fd = open("/etc/passwd", O_RDONLY), d, e = -1;

    d = dup(fd);
    CHECK("dup/returns a new fd", d >= 0 && d != fd);
    CHECK("dup/shares the offset", read(fd, &c, 1) == 1 && lseek(d, 0, SEEK_CUR) == 1);
    CHECK("dup/does not copy FD_CLOEXEC",
          fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && (e = dup(fd)) >= 0 && fcntl(e, F_GETFD) == 0);
    close(e);
    close(d);
    e = dup(fd);
    CHECK("dup/lowest free fd", e == d);
    close(e);
    CHECK_ERRNO("dup/bad fd", dup(-1), EBADF);
    CHECK_ERRNO("dup/closed fd", dup(d), EBADF);

    CHECK("dup3/to a chosen fd", dup3(fd, 40, 0) == 40 && fcntl(40, F_GETFD) == 0);
    CHECK("dup3/O_CLOEXEC", dup3(fd, 41, O_CLOEXEC) == 41 && fcntl(41, F_GETFD) == FD_CLOEXEC);
    CHECK("dup3/replaces an open fd", dup3(41, 40, 0) == 40 && lseek(40, 0, SEEK_CUR) == 1);
    CHECK_ERRNO("dup3/same fd", dup3(40, 40, 0), EINVAL);
    CHECK_ERRNO("dup3/bad flags", dup3(40, 42, O_NONBLOCK), EINVAL);
    CHECK_ERRNO("dup3/bad old fd", dup3(-1, 42, 0), EBADF);
    CHECK_ERRNO("dup3/negative new fd", dup3(40, -1, 0), EBADF);
    CHECK_ERRNO("dup3/new fd over RLIMIT_NOFILE", dup3(40, 1 << 24, 0), EBADF);
    CHECK("fcntl/dup2 of an fd onto itself returns it", dup2(40, 40) == 40);
    close(40);
    close(41);

    d = fcntl(fd, F_DUPFD, 50);
    CHECK("fcntl/F_DUPFD at least arg", d >= 50 && fcntl(d, F_GETFD) == 0);
    e = fcntl(fd, F_DUPFD_CLOEXEC, 50);
    CHECK("fcntl/F_DUPFD_CLOEXEC", e > d && fcntl(e, F_GETFD) == FD_CLOEXEC);
    CHECK("fcntl/F_SETFD clears", fcntl(e, F_SETFD, 0) == 0 && fcntl(e, F_GETFD) == 0);
    close(d);
    close(e);
    CHECK_ERRNO("fcntl/F_DUPFD negative", fcntl(fd, F_DUPFD, -1), EINVAL);
    CHECK_ERRNO("fcntl/F_DUPFD over RLIMIT_NOFILE", fcntl(fd, F_DUPFD, 1 << 24), EINVAL);
    CHECK("fcntl/F_GETFL O_RDONLY", (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY);
    CHECK_ERRNO("fcntl/bad fd", fcntl(-1, F_GETFD), EBADF);
    CHECK_ERRNO("fcntl/bad command", fcntl(fd, 9999), EINVAL);
    close(fd);

    fd = open("/tmp/sc-pipes-append", O_RDWR | O_CREAT | O_TRUNC, 0644);
    CHECK("fcntl/F_GETFL O_RDWR", (fcntl(fd, F_GETFL) & (O_ACCMODE | O_APPEND)) == O_RDWR);
    CHECK("fcntl/F_SETFL O_APPEND",
          fcntl(fd, F_SETFL, O_APPEND) == 0 && (fcntl(fd, F_GETFL) & O_APPEND));
    CHECK("fcntl/F_SETFL cannot change the access mode",
          fcntl(fd, F_SETFL, O_WRONLY | O_APPEND) == 0 &&
              (fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR);
    write(fd, "ab", 2);
    lseek(fd, 0, SEEK_SET);
    CHECK("fcntl/O_APPEND set later applies",
          write(fd, "c", 1) == 1 && lseek(fd, 0, SEEK_CUR) == 3);
    close(fd);
    unlink("/tmp/sc-pipes-append");
}

static void test_pipe_basics(void)
{
    int p[2], q[2], n;
    char buf[16];

    CHECK_OK("pipe2/no flags", pipe2(p, 0));
    CHECK("pipe2/two new fds", p[0] >= 0 && p[1] >= 0 && p[0] != p[1]);
    CHECK("pipe2/read end O_RDONLY, write end O_WRONLY",
          (fcntl(p[0], F_GETFL) & O_ACCMODE) == O_RDONLY &&
              (fcntl(p[1], F_GETFL) & O_ACCMODE) == O_WRONLY);
    CHECK("write/to a pipe", write(p[1], "hello", 5) == 5);
    CHECK("ioctl/FIONREAD on a pipe", ioctl(p[0], FIONREAD, &n) == 0 && n == 5);
    CHECK("read/from a pipe, short",
          read(p[0], buf, sizeof buf) == 5 && memcmp(buf, "hello", 5) == 0);
    CHECK_ERRNO("write/to the read end", write(p[0], "x", 1), EBADF);
    CHECK_ERRNO("read/from the write end", read(p[1], buf, 1), EBADF);
    close(p[1]);
    CHECK("read/EOF when the writer closed", read(p[0], buf, sizeof buf) == 0);
    close(p[0]);

    CHECK("pipe2/O_CLOEXEC", pipe2(q, O_CLOEXEC) == 0 && fcntl(q[0], F_GETFD) == FD_CLOEXEC &&
                                 fcntl(q[1], F_GETFD) == FD_CLOEXEC);
    close(q[0]);
    close(q[1]);
    CHECK("pipe2/O_NONBLOCK", pipe2(q, O_NONBLOCK) == 0 && (fcntl(q[0], F_GETFL) & O_NONBLOCK) &&
                                  (fcntl(q[1], F_GETFL) & O_NONBLOCK));
    CHECK_ERRNO("read/empty non-blocking pipe", read(q[0], buf, 1), EAGAIN);
    close(q[1]);
    CHECK("read/non-blocking pipe without writers is EOF", read(q[0], buf, 1) == 0);
    close(q[0]);
    CHECK_ERRNO("pipe2/bad flags", pipe2(q, O_APPEND), EINVAL);
    CHECK_ERRNO("pipe2/bad pointer", syscall(SYS_pipe2, (void *)1, 0), EFAULT);
    CHECK_ERRNO("pipe2/kernel pointer", syscall(SYS_pipe2, KERNEL_ADDR, 0), EFAULT);
}

/* The writer end stays open in a forked child: no EOF until it exits. */
static void test_pipe_fork(void)
{
    int p[2], st;
    char buf[8];
    pid_t pid;

    pipe(p);
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        usleep(100000);
        write(p[1], "late", 4);
        _exit(0);
    }
    close(p[1]);
    CHECK("read/blocks until a child writes",
          read(p[0], buf, sizeof buf) == 4 && memcmp(buf, "late", 4) == 0);
    CHECK("read/EOF once the child exits", read(p[0], buf, sizeof buf) == 0);
    waitpid(pid, &st, 0);
    close(p[0]);
}

static int write_to_closed_pipe(void *arg)
{
    int p[2];

    pipe(p);
    close(p[0]);
    write(p[1], "x", 1);
    return 0;
}

static void test_epipe(void)
{
    int p[2], st;
    struct sigaction sa = {.sa_handler = SIG_IGN}, old;

    st = run_child(write_to_closed_pipe, NULL, 10);
    CHECK("write/SIGPIPE kills by default", KILLED_BY(st, SIGPIPE));
    sigaction(SIGPIPE, &sa, &old);
    pipe(p);
    close(p[0]);
    CHECK_ERRNO("write/EPIPE with SIGPIPE ignored", write(p[1], "x", 1), EPIPE);
    close(p[1]);
    sigaction(SIGPIPE, &old, NULL);
}

static void test_nonblock_full(void)
{
    static char chunk[65536];
    int p[2], avail;
    long total = 0, n;
    char c;

    pipe2(p, O_NONBLOCK);
    while ((n = write(p[1], chunk, sizeof chunk)) > 0)
        total += n;
    CHECK("write/full non-blocking pipe: EAGAIN", n == -1 && errno == EAGAIN);
    CHECK("write/a pipe holds at least PIPE_BUF", total >= PIPE_BUF);
    CHECK("ioctl/FIONREAD on a full pipe", ioctl(p[0], FIONREAD, &avail) == 0 && avail == total);
    CHECK_ERRNO("write/PIPE_BUF bytes to a full pipe: EAGAIN", write(p[1], chunk, PIPE_BUF),
                EAGAIN);
    CHECK("fcntl/F_SETFL clears O_NONBLOCK",
          fcntl(p[0], F_SETFL, 0) == 0 && !(fcntl(p[0], F_GETFL) & O_NONBLOCK));
    CHECK("read/after a full pipe", read(p[0], &c, 1) == 1);
    close(p[0]);
    close(p[1]);
}

/* Four writers each write 64 records of PIPE_BUF bytes of one letter; no
 * record may be interleaved with another. */
static void test_atomic(void)
{
    enum { WRITERS = 4, RECORDS = 64 };
    static char buf[WRITERS * RECORDS * PIPE_BUF];
    int p[2], ok = 1, counts[WRITERS] = {0};
    long got = 0, n;
    pid_t pids[WRITERS];

    pipe(p);
    for (int w = 0; w < WRITERS; w++) {
        pids[w] = fork();
        if (pids[w] == 0) {
            char rec[PIPE_BUF];
            close(p[0]);
            memset(rec, 'a' + w, sizeof rec);
            for (int r = 0; r < RECORDS; r++)
                if (write(p[1], rec, sizeof rec) != (ssize_t)sizeof rec)
                    _exit(1);
            _exit(0);
        }
    }
    close(p[1]);
    while ((n = read(p[0], buf + got, sizeof buf - (size_t)got)) > 0)
        got += n;
    for (long r = 0; r < got / PIPE_BUF; r++) {
        char first = buf[r * PIPE_BUF];
        for (long i = 1; i < PIPE_BUF; i++)
            if (buf[r * PIPE_BUF + i] != first)
                ok = 0;
        if (first >= 'a' && first < 'a' + WRITERS)
            counts[first - 'a']++;
    }
    for (int w = 0; w < WRITERS; w++) {
        int st;
        waitpid(pids[w], &st, 0);
        ok &= counts[w] == RECORDS;
    }
    CHECK("write/4 writers, all bytes arrive", got == (long)sizeof buf);
    CHECK("write/writes of PIPE_BUF bytes are atomic", ok);
    close(p[0]);
}

static void test_fifo(void)
{
    const char *path = "/tmp/sc-pipes-fifo";
    char buf[8];
    int r, w;

    unlink(path);
    mkfifo(path, 0600);
    r = open(path, O_RDONLY | O_NONBLOCK);
    CHECK("openat/FIFO for reading, O_NONBLOCK", r >= 0);
    w = open(path, O_WRONLY | O_NONBLOCK);
    CHECK("openat/FIFO for writing with a reader", w >= 0);
    CHECK("write/through a FIFO",
          write(w, "fifo", 4) == 4 && read(r, buf, sizeof buf) == 4 && memcmp(buf, "fifo", 4) == 0);
    close(w);
    close(r);
    CHECK_ERRNO("openat/FIFO for writing without a reader, O_NONBLOCK",
                open(path, O_WRONLY | O_NONBLOCK), ENXIO);
    unlink(path);
}

static void test_poll(void)
{
    int p[2];
    struct pollfd fds[2];
    struct timespec ts = {0, 0};
    double t0;

    pipe(p);
    fds[0] = (struct pollfd){.fd = p[0], .events = POLLIN};
    fds[1] = (struct pollfd){.fd = p[1], .events = POLLOUT};
    CHECK("ppoll/write end is writable, read end is not readable",
          ppoll(fds, 2, &ts, NULL) == 1 && fds[0].revents == 0 && fds[1].revents == POLLOUT);
    t0 = now_ms();
    ts.tv_nsec = 50000000;
    CHECK("ppoll/timeout on an empty pipe", ppoll(fds, 1, &ts, NULL) == 0 && now_ms() - t0 >= 45);
    write(p[1], "x", 1);
    CHECK("ppoll/data makes POLLIN", poll(fds, 1, 1000) == 1 && fds[0].revents == POLLIN);
    close(p[1]);
    read(p[0], (char[1]){0}, 1);
    CHECK("ppoll/closed writer makes POLLHUP",
          poll(fds, 1, 1000) == 1 && (fds[0].revents & POLLHUP));
    close(p[0]);
    pipe(p);
    close(p[0]);
    fds[0] = (struct pollfd){.fd = p[1], .events = POLLOUT};
    CHECK("ppoll/closed reader makes POLLERR",
          poll(fds, 1, 1000) == 1 && (fds[0].revents & POLLERR));
    close(p[1]);
    fds[0] = (struct pollfd){.fd = 1000, .events = POLLIN};
    fds[1] = (struct pollfd){.fd = -1, .events = POLLIN};
    CHECK("ppoll/closed fd gives POLLNVAL, negative fd is skipped",
          poll(fds, 2, 0) == 1 && fds[0].revents == POLLNVAL && fds[1].revents == 0);
    CHECK_ERRNO("ppoll/bad array", syscall(SYS_ppoll, (void *)8, 1, NULL, NULL, 8), EFAULT);
    CHECK_ERRNO("ppoll/too many fds", syscall(SYS_ppoll, fds, 1L << 30, NULL, NULL, 8), EINVAL);
    ts = (struct timespec){0, 2000000000L};
    CHECK_ERRNO("ppoll/bad timeout", ppoll(fds, 1, &ts, NULL), EINVAL);
}

static volatile sig_atomic_t usr1_count;
static void on_usr1(int sig)
{
    usr1_count++;
}

static void test_ppoll_mask(void)
{
    int p[2];
    struct pollfd fd;
    struct timespec ts = {5, 0};
    struct sigaction sa = {.sa_handler = on_usr1};
    sigset_t block, old, empty;

    sigaction(SIGUSR1, &sa, NULL);
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);
    kill(getpid(), SIGUSR1);
    CHECK("ppoll/blocked signal stays pending", usr1_count == 0);
    pipe(p);
    fd = (struct pollfd){.fd = p[0], .events = POLLIN};
    sigemptyset(&empty);
    CHECK_ERRNO("ppoll/its mask lets a pending signal in: EINTR", ppoll(&fd, 1, &ts, &empty),
                EINTR);
    CHECK("ppoll/the handler ran", usr1_count == 1);
    kill(getpid(), SIGUSR1);
    {
        fd_set rd;
        FD_ZERO(&rd);
        FD_SET(p[0], &rd);
        CHECK_ERRNO("pselect6/its mask lets a pending signal in: EINTR",
                    pselect(p[0] + 1, &rd, NULL, NULL, &ts, &empty), EINTR);
        CHECK("pselect6/the handler ran", usr1_count == 2);
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    close(p[0]);
    close(p[1]);
}

static void test_select(void)
{
    int p[2], closed;
    fd_set rd, wr;
    struct timespec ts = {0, 30000000};
    double t0;

    pipe(p);
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(p[0], &rd);
    FD_SET(p[1], &wr);
    CHECK("pselect6/write end ready, read end not",
          pselect(p[1] + 1, &rd, &wr, NULL, &ts, NULL) == 1 && !FD_ISSET(p[0], &rd) &&
              FD_ISSET(p[1], &wr));
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    t0 = now_ms();
    CHECK("pselect6/timeout", pselect(p[0] + 1, &rd, NULL, NULL, &ts, NULL) == 0 &&
                                  now_ms() - t0 >= 25 && !FD_ISSET(p[0], &rd));
    write(p[1], "y", 1);
    FD_SET(p[0], &rd);
    CHECK("pselect6/readable",
          pselect(p[0] + 1, &rd, NULL, NULL, &ts, NULL) == 1 && FD_ISSET(p[0], &rd));
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    CHECK("pselect6/select with a timeval",
          select(p[0] + 1, &rd, NULL, NULL, &(struct timeval){1, 0}) == 1);
    closed = dup(0);
    close(closed);
    FD_ZERO(&rd);
    FD_SET(closed, &rd);
    CHECK_ERRNO("pselect6/closed fd in the set", pselect(closed + 1, &rd, NULL, NULL, &ts, NULL),
                EBADF);
    CHECK_ERRNO("pselect6/negative nfds", syscall(SYS_pselect6, -1, NULL, NULL, NULL, NULL, NULL),
                EINVAL);
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    CHECK_ERRNO("pselect6/bad set pointer",
                syscall(SYS_pselect6, p[0] + 1, KERNEL_ADDR, NULL, NULL, NULL, NULL), EFAULT);
    close(p[0]);
    close(p[1]);
}

static void test_emfile(void)
{
    struct rlimit old, rl;
    int fds[64], n = 0, fd;

    getrlimit(RLIMIT_NOFILE, &old);
    rl = old;
    rl.rlim_cur = 32;
    CHECK_OK("setrlimit/RLIMIT_NOFILE 32", setrlimit(RLIMIT_NOFILE, &rl));
    while (n < 64 && (fd = open("/dev/null", O_RDONLY)) >= 0)
        fds[n++] = fd;
    CHECK("openat/EMFILE at RLIMIT_NOFILE", n < 64 && errno == EMFILE && fds[n - 1] == 31);
    CHECK_ERRNO("pipe2/EMFILE", pipe(fds + 60), EMFILE);
    CHECK_ERRNO("dup/EMFILE", dup(0), EMFILE);
    CHECK_ERRNO("fcntl/F_DUPFD at the limit: EINVAL", fcntl(0, F_DUPFD, 32), EINVAL);
    close(fds[--n]);
    CHECK("dup/after a close", (fd = dup(0)) == 31);
    close(fd);
    while (n > 0)
        close(fds[--n]);
    setrlimit(RLIMIT_NOFILE, &old);
}

int main(int argc, char **argv)
{
    check_init(argc, argv);
    test_dup();
    test_pipe_basics();
    test_pipe_fork();
    test_epipe();
    test_nonblock_full();
    test_atomic();
    test_fifo();
    test_poll();
    test_ppoll_mask();
    test_select();
    test_emfile();
    return check_done("pipes_fds");
}
