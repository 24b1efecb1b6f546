/*
 * tests/stress/pipeflood.c — many processes pushing data through pipes.
 *
 *   pipeflood [-p PAIRS] [-m MIB]
 *
 * 1. PAIRS (default 8) writer/reader process pairs, each writer sending
 *    MIB (default 8) MiB in writes of random sizes (1 byte to 128 KiB) with
 *    a running checksum; each reader checks the byte count and checksum.
 * 2. 256 pipes filled to capacity with non-blocking writes, then closed.
 * 3. 16 writers blocked on full pipes nobody reads, killed with SIGKILL.
 * Prints "pipeflood: N MiB through N pipes, checksums ok; 256 full pipes
 * (N KiB); 16 blocked writers killed"; exit status 0 when all held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static uint64_t rng = 88172645463325252ULL;

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* The byte at position i of every stream. */
static unsigned char byte_at(uint64_t i)
{
    return (unsigned char)(i * 2654435761U >> 13);
}

static int writer(int fd, uint64_t total)
{
    static unsigned char chunk[128 * 1024];
    uint64_t sent = 0;

    while (sent < total) {
        size_t n = 1 + rnd() % sizeof chunk;
        ssize_t w;
        if (n > total - sent)
            n = (size_t)(total - sent);
        for (size_t i = 0; i < n; i++)
            chunk[i] = byte_at(sent + i);
        for (size_t off = 0; off < n; off += (size_t)w) {
            w = write(fd, chunk + off, n - off);
            if (w <= 0)
                return 1;
        }
        sent += n;
    }
    return 0;
}

static int reader(int fd, uint64_t total)
{
    static unsigned char chunk[64 * 1024];
    uint64_t got = 0;
    ssize_t n;

    while ((n = read(fd, chunk, sizeof chunk)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            if (chunk[i] != byte_at(got + (uint64_t)i))
                return 2;
        got += (uint64_t)n;
    }
    return n == 0 && got == total ? 0 : 3;
}

static int flood(int pairs, uint64_t bytes)
{
    int ok = 1, st;
    pid_t pids[64];

    for (int i = 0; i < pairs; i++) {
        int p[2];
        if (pipe(p) != 0)
            return 0;
        rnd();
        pids[2 * i] = fork();
        if (pids[2 * i] == 0) {
            close(p[0]);
            _exit(writer(p[1], bytes));
        }
        pids[2 * i + 1] = fork();
        if (pids[2 * i + 1] == 0) {
            close(p[1]);
            _exit(reader(p[0], bytes));
        }
        close(p[0]);
        close(p[1]);
    }
    for (int i = 0; i < 2 * pairs; i++) {
        if (waitpid(pids[i], &st, 0) != pids[i] || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            printf("pipeflood: %s %d failed (status %#x)\n", i % 2 ? "reader" : "writer", i / 2,
                   st);
            ok = 0;
        }
    }
    return ok;
}

static long fill_pipes(int n)
{
    static char chunk[65536];
    int(*p)[2] = calloc((size_t)n, sizeof *p);
    long total = 0, w;
    int made = 0;

    if (!p)
        return -1;
    for (; made < n; made++) {
        if (pipe2(p[made], O_NONBLOCK) != 0)
            break;
        while ((w = write(p[made][1], chunk, sizeof chunk)) > 0)
            total += w;
        if (errno != EAGAIN)
            total = -1;
    }
    for (int i = 0; i < made; i++) {
        close(p[i][0]);
        close(p[i][1]);
    }
    free(p);
    return made == n ? total : -1;
}

static int blocked_writers(int n)
{
    static char chunk[65536];
    pid_t pids[64];
    int p[64][2], st, ok = 1;

    for (int i = 0; i < n; i++) {
        if (pipe(p[i]) != 0)
            return 0;
        pids[i] = fork();
        if (pids[i] == 0) {
            for (;;)
                if (write(p[i][1], chunk, sizeof chunk) < 0)
                    _exit(1);
        }
    }
    usleep(300000);
    for (int i = 0; i < n; i++) {
        if (waitpid(pids[i], &st, WNOHANG) != 0) {
            printf("pipeflood: writer %d did not block\n", i);
            ok = 0;
        }
        kill(pids[i], SIGKILL);
    }
    for (int i = 0; i < n; i++) {
        if (waitpid(pids[i], &st, 0) != pids[i] || !WIFSIGNALED(st) || WTERMSIG(st) != SIGKILL)
            ok = 0;
        close(p[i][0]);
        close(p[i][1]);
    }
    return ok;
}

int main(int argc, char **argv)
{
    int pairs = 8, mib = 8, opt, ok1, ok3;
    long filled;
    struct rlimit rl;

    while ((opt = getopt(argc, argv, "p:m:")) != -1) {
        if (opt == 'p')
            pairs = atoi(optarg);
        else if (opt == 'm')
            mib = atoi(optarg);
        else
            return 2;
    }
    if (pairs < 1 || pairs > 32)
        return 2;
    signal(SIGPIPE, SIG_IGN);
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < 1024 && rl.rlim_max >= 1024) {
        rl.rlim_cur = 1024;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    ok1 = flood(pairs, (uint64_t)mib << 20);
    filled = fill_pipes(256);
    ok3 = blocked_writers(16);
    printf("pipeflood: %d MiB through %d pipes, %s; 256 full pipes (%ld KiB)%s; 16 blocked writers "
           "%s\n",
           pairs * mib, pairs, ok1 ? "checksums ok" : "DATA WRONG", filled / 1024,
           filled > 0 ? "" : " FAILED", ok3 ? "killed" : "NOT all killed");
    return ok1 && filled > 0 && ok3 ? 0 : 1;
}
