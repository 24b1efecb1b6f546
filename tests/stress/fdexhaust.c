/*
 * tests/stress/fdexhaust.c — run out of file descriptors.
 *
 *   fdexhaust [-l LIMIT]
 *
 * Sets RLIMIT_NOFILE to LIMIT (default 4096, or the hard limit if lower),
 * then: opens /dev/null until EMFILE; closes every other one and fills the
 * holes with pipes until EMFILE; closes everything and fills the table
 * again with dup until EMFILE; closes everything and opens one file.
 * Pass: each phase ends in EMFILE exactly at the limit (every fd from 0 to
 * LIMIT-1 in use) and the last open succeeds.  Prints "fdexhaust: limit N:
 * open, pipe and dup each stopped at EMFILE with N fds, recovered".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static int limit;

/* count_open: how many fds below the limit are open. */
static int count_open(void)
{
    int n = 0;

    for (int fd = 0; fd < limit; fd++)
        n += fcntl(fd, F_GETFD) != -1;
    return n;
}

static void close_from(int low)
{
    for (int fd = low; fd < limit; fd++)
        close(fd);
}

int main(int argc, char **argv)
{
    struct rlimit rl;
    int opt, fd, p[2], pass = 1, opened = 0, piped = 0, duped = 0, err;

    limit = 4096;
    while ((opt = getopt(argc, argv, "l:")) != -1) {
        if (opt == 'l')
            limit = atoi(optarg);
        else
            return 2;
    }
    getrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_max != RLIM_INFINITY && (rlim_t)limit > rl.rlim_max)
        limit = (int)rl.rlim_max;
    rl.rlim_cur = (rlim_t)limit;
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0) {
        perror("fdexhaust: setrlimit");
        return 2;
    }

    while ((fd = open("/dev/null", O_RDONLY)) >= 0)
        opened++;
    err = errno;
    if (err != EMFILE || count_open() != limit) {
        printf("fdexhaust: open stopped with %s at %d open fds\n", strerror(err), count_open());
        pass = 0;
    }
    for (fd = 3; fd < limit; fd += 2)
        close(fd);
    while (pipe(p) == 0)
        piped += 2;
    err = errno;
    /* One free slot cannot hold a pipe: fill it with an open. */
    while (open("/dev/null", O_RDONLY) >= 0)
        ;
    if (err != EMFILE || count_open() != limit) {
        printf("fdexhaust: pipe stopped with %s at %d open fds\n", strerror(err), count_open());
        pass = 0;
    }
    close_from(3);
    while (dup(0) >= 0)
        duped++;
    err = errno;
    if (err != EMFILE || count_open() != limit) {
        printf("fdexhaust: dup stopped with %s at %d open fds\n", strerror(err), count_open());
        pass = 0;
    }
    close_from(3);
    fd = open("/etc/passwd", O_RDONLY);
    if (fd != 3) {
        printf("fdexhaust: open after closing everything gave %d\n", fd);
        pass = 0;
    }
    close(fd);
    printf("fdexhaust: limit %d: %d opens, %d pipe ends, %d dups until EMFILE, %s\n", limit, opened,
           piped, duped, pass ? "recovered" : "FAILED");
    return pass ? 0 : 1;
}
