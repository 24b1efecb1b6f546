/*
 * tests/bench/kbench.c — micro-benchmarks of the system-call boundary,
 * processes, pipes, files and memory, the same binary on every kernel.
 *
 *   kbench [-q] [-r REPS] [METRIC...]     all metrics, or the ones named
 *   kbench [-r REPS] -c NAME 'SHELL TEXT'  time `/bin/sh -c TEXT`
 *   kbench -l                              list the metrics
 *   kbench -u                              "kbench uptime NS ns": CLOCK_BOOTTIME now
 *
 * Each metric runs REPS times (default 5; -q: 3, with a tenth of the
 * iterations) and prints the median of the per-operation times, measured
 * with CLOCK_MONOTONIC, as one line:
 *   kbench NAME MEDIAN_NS UNIT
 * (UNIT names the operation, e.g. ns/call).  Under QEMU's -icount
 * shift=0 the clock counts instructions, so the figure is instructions per
 * operation.  A metric that cannot run prints "kbench NAME - UNIT error"
 * and the exit status is 1.  -c times a shell command (stdout and stdin on
 * /dev/null) and prints "kbench NAME MEDIAN_NS ns/run".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL
#define FILE_PATH "/tmp/kbench.4k"

static uint64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* Each benchmark does `iters` operations and returns the elapsed ns, or 0
 * when something failed. */
typedef uint64_t (*bench_fn)(long iters);

static uint64_t b_null(long iters)
{
    uint64_t t0 = now_ns();

    for (long i = 0; i < iters; i++)
        syscall(SYS_getppid);
    return now_ns() - t0;
}

static uint64_t b_fork(long iters)
{
    uint64_t t0 = now_ns();
    int st;

    for (long i = 0; i < iters; i++) {
        pid_t pid = fork();
        if (pid == 0)
            _exit(0);
        if (pid < 0 || waitpid(pid, &st, 0) != pid)
            return 0;
    }
    return now_ns() - t0;
}

static uint64_t b_exec(long iters)
{
    char *argv[] = {"true", NULL}, *envp[] = {NULL};
    uint64_t t0 = now_ns();
    int st;

    for (long i = 0; i < iters; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            execve("/bin/true", argv, envp);
            _exit(127);
        }
        if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
            return 0;
    }
    return now_ns() - t0;
}

static uint64_t b_pingpong(long iters)
{
    int a[2], b[2], st;
    char c = 'x';
    uint64_t t0, t;
    pid_t pid;

    if (pipe(a) != 0 || pipe(b) != 0)
        return 0;
    pid = fork();
    if (pid == 0) {
        for (long i = 0; i < iters; i++)
            if (read(a[0], &c, 1) != 1 || write(b[1], &c, 1) != 1)
                _exit(1);
        _exit(0);
    }
    t0 = now_ns();
    for (long i = 0; i < iters; i++)
        if (write(a[1], &c, 1) != 1 || read(b[0], &c, 1) != 1)
            break;
    t = now_ns() - t0;
    waitpid(pid, &st, 0);
    close(a[0]), close(a[1]), close(b[0]), close(b[1]);
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? t : 0;
}

static uint64_t b_pipe_bw(long iters)
{
    static char chunk[65536];
    int p[2], st;
    uint64_t t0, t;
    pid_t pid;

    if (pipe(p) != 0)
        return 0;
    t0 = now_ns();
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        for (long i = 0; i < iters; i++)
            for (size_t off = 0; off < sizeof chunk;) {
                ssize_t w = write(p[1], chunk + off, sizeof chunk - off);
                if (w <= 0)
                    _exit(1);
                off += (size_t)w;
            }
        _exit(0);
    }
    close(p[1]);
    long long left = (long long)iters * (long long)sizeof chunk;
    ssize_t n;
    while (left > 0 && (n = read(p[0], chunk, sizeof chunk)) > 0)
        left -= n;
    t = now_ns() - t0;
    close(p[0]);
    waitpid(pid, &st, 0);
    return left == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? t : 0;
}

static uint64_t b_open_read(long iters)
{
    char buf[4096];
    uint64_t t0 = now_ns();

    for (long i = 0; i < iters; i++) {
        int fd = open(FILE_PATH, O_RDONLY);
        if (fd < 0 || read(fd, buf, sizeof buf) != (ssize_t)sizeof buf)
            return 0;
        close(fd);
    }
    return now_ns() - t0;
}

static uint64_t b_stat(long iters)
{
    struct stat st;
    uint64_t t0 = now_ns();

    for (long i = 0; i < iters; i++)
        if (stat(FILE_PATH, &st) != 0)
            return 0;
    return now_ns() - t0;
}

static uint64_t b_page_fault(long iters)
{
    char *p = mmap(NULL, (size_t)iters * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    uint64_t t0, t;

    if (p == MAP_FAILED)
        return 0;
    /* One fault per 4 KiB page: no transparent huge pages (where there are any). */
    madvise(p, (size_t)iters * PAGE, MADV_NOHUGEPAGE);
    t0 = now_ns();
    for (long i = 0; i < iters; i++)
        p[(size_t)i * PAGE] = 1;
    t = now_ns() - t0;
    munmap(p, (size_t)iters * PAGE);
    return t;
}

static uint64_t b_mmap(long iters)
{
    uint64_t t0 = now_ns();

    for (long i = 0; i < iters; i++) {
        void *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED || munmap(p, 1 << 20) != 0)
            return 0;
    }
    return now_ns() - t0;
}

static const struct metric {
    const char *name, *unit;
    bench_fn fn;
    long iters; /* per repetition, full mode */
} metrics[] = {
    {"null_syscall", "ns/call", b_null, 20000},
    {"fork_exit_wait", "ns/fork", b_fork, 100},
    {"fork_exec_wait", "ns/exec", b_exec, 30},
    {"pipe_pingpong", "ns/roundtrip", b_pingpong, 1000},
    {"pipe_bandwidth", "ns/64KiB", b_pipe_bw, 512},
    {"open_read_close", "ns/open", b_open_read, 2000},
    {"stat", "ns/call", b_stat, 5000},
    {"page_fault", "ns/page", b_page_fault, 4096},
    {"mmap_munmap_1m", "ns/pair", b_mmap, 2000},
};
#define NMETRICS (sizeof metrics / sizeof metrics[0])

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

static uint64_t median(uint64_t *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_u64);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int make_file(void)
{
    char buf[4096];
    int fd = open(FILE_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0644);

    memset(buf, 'k', sizeof buf);
    if (fd < 0 || write(fd, buf, sizeof buf) != (ssize_t)sizeof buf)
        return -1;
    return close(fd);
}

static int run_metric(const struct metric *m, int reps, int quick)
{
    long iters = quick ? (m->iters / 10 > 0 ? m->iters / 10 : 1) : m->iters;
    uint64_t v[64];

    m->fn(iters / 10 + 1); /* warm up */
    for (int r = 0; r < reps; r++) {
        uint64_t t = m->fn(iters);
        if (t == 0) {
            printf("kbench %s - %s error\n", m->name, m->unit);
            return 1;
        }
        v[r] = t / (uint64_t)iters;
    }
    printf("kbench %s %llu %s\n", m->name, (unsigned long long)median(v, reps), m->unit);
    fflush(stdout);
    return 0;
}

static int run_shell(const char *name, const char *text, int reps)
{
    uint64_t v[64];

    for (int r = 0; r < reps; r++) {
        int st, null = open("/dev/null", O_RDWR);
        uint64_t t0 = now_ns();
        pid_t pid = fork();

        if (pid == 0) {
            dup2(null, 0);
            dup2(null, 1);
            execl("/bin/sh", "sh", "-c", text, (char *)NULL);
            _exit(127);
        }
        if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            printf("kbench %s - ns/run error\n", name);
            return 1;
        }
        v[r] = now_ns() - t0;
        close(null);
    }
    printf("kbench %s %llu ns/run\n", name, (unsigned long long)median(v, reps));
    return 0;
}

int main(int argc, char **argv)
{
    int reps = 0, quick = 0, opt, status = 0;
    const char *shell_name = NULL;

    while ((opt = getopt(argc, argv, "qr:c:lu")) != -1) {
        if (opt == 'q')
            quick = 1;
        else if (opt == 'r')
            reps = atoi(optarg);
        else if (opt == 'c')
            shell_name = optarg;
        else if (opt == 'u') {
            struct timespec ts;
            clock_gettime(CLOCK_BOOTTIME, &ts);
            printf("kbench uptime %lld ns\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
            return 0;
        } else if (opt == 'l') {
            for (size_t i = 0; i < NMETRICS; i++)
                printf("%s %s\n", metrics[i].name, metrics[i].unit);
            return 0;
        } else
            return 2;
    }
    if (reps <= 0)
        reps = quick ? 3 : 5;
    if (reps > 64)
        reps = 64;
    if (shell_name) {
        if (optind != argc - 1)
            return 2;
        return run_shell(shell_name, argv[optind], reps);
    }
    if (make_file() != 0) {
        perror("kbench: " FILE_PATH);
        return 1;
    }
    for (size_t i = 0; i < NMETRICS; i++) {
        int wanted = optind == argc;
        for (int a = optind; a < argc; a++)
            wanted |= strcmp(argv[a], metrics[i].name) == 0;
        if (wanted)
            status |= run_metric(&metrics[i], reps, quick);
    }
    unlink(FILE_PATH);
    return status;
}
