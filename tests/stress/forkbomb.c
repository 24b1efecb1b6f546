/*
 * tests/stress/forkbomb.c — a fork bomb stopped by RLIMIT_NPROC.
 *
 *   forkbomb [-l LIMIT] [-t SECONDS]
 *
 * A child becomes uid 1000 (root is exempt from RLIMIT_NPROC) in a process
 * group of its own, sets RLIMIT_NPROC to LIMIT (default 64) and forks
 * without end: every process forks again and again.  After SECONDS
 * (default 2) this program kills the group with SIGKILL until no member is
 * left (at most 20 s), then checks that fork works again.  Pass: forks
 * failed with EAGAIN (the limit held), no more processes than the limit
 * were alive at once, everything was killed, and fork works afterwards.
 * Prints "forkbomb: limit N, M forks, K EAGAIN, at most P at once, all
 * killed, fork works" or what went wrong; exit status 0 on pass.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct shared {
    volatile long forks, eagain, other_errors, alive, max_alive;
};

static struct shared *sh;

static void note_alive(long delta)
{
    long now = __atomic_add_fetch(&sh->alive, delta, __ATOMIC_SEQ_CST), max;

    while ((max = sh->max_alive) < now &&
           !__atomic_compare_exchange_n(&sh->max_alive, &max, now, 0, __ATOMIC_SEQ_CST,
                                        __ATOMIC_SEQ_CST))
        ;
}

static void bomb(void)
{
    for (;;) {
        pid_t pid = fork();

        if (pid == 0) {
            note_alive(1);
            continue;
        }
        if (pid > 0) {
            __atomic_add_fetch(&sh->forks, 1, __ATOMIC_SEQ_CST);
        } else if (errno == EAGAIN) {
            __atomic_add_fetch(&sh->eagain, 1, __ATOMIC_SEQ_CST);
            usleep(1000);
        } else {
            __atomic_add_fetch(&sh->other_errors, 1, __ATOMIC_SEQ_CST);
            usleep(1000);
        }
    }
}

int main(int argc, char **argv)
{
    long limit = 64, seconds = 2, waited = 0;
    int opt, st, pass = 1;
    pid_t leader, pid;
    int ready[2];
    char c;

    while ((opt = getopt(argc, argv, "l:t:")) != -1) {
        if (opt == 'l')
            limit = atol(optarg);
        else if (opt == 't')
            seconds = atol(optarg);
        else
            return 2;
    }
    sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED || pipe(ready) != 0)
        return 2;
    leader = fork();
    if (leader == 0) {
        struct rlimit rl = {(rlim_t)limit, (rlim_t)limit};

        setpgid(0, 0);
        if (setgroups(0, NULL) != 0 || setgid(1000) != 0 || setuid(1000) != 0 ||
            setrlimit(RLIMIT_NPROC, &rl) != 0)
            _exit(3);
        note_alive(1);
        close(ready[0]);
        close(ready[1]);
        bomb();
    }
    close(ready[1]);
    setpgid(leader, leader);
    if (read(ready[0], &c, 1) < 0)
        return 2;
    sleep((unsigned)seconds);
    if (waitpid(leader, &st, WNOHANG) == leader && WIFEXITED(st)) {
        printf("forkbomb: the bomb could not become uid 1000 under RLIMIT_NPROC (exit %d)\n",
               WEXITSTATUS(st));
        pass = 0;
    }

    /* Kill the whole group until it is empty (the orphans' parent is init,
     * which reaps them). */
    while (kill(-leader, SIGKILL) == 0 && waited < 20000) {
        while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
            ;
        usleep(10000);
        waited += 10;
    }
    while (waitpid(-1, &st, WNOHANG) > 0)
        ;
    if (kill(-leader, 0) == 0) {
        printf("forkbomb: processes of the bomb still exist after 20 s of SIGKILL\n");
        pass = 0;
    }
    if (sh->eagain == 0) {
        printf("forkbomb: no fork failed with EAGAIN: RLIMIT_NPROC did not hold\n");
        pass = 0;
    }
    if (sh->max_alive > limit) {
        printf("forkbomb: %ld processes were alive at once, above the limit %ld\n", sh->max_alive,
               limit);
        pass = 0;
    }
    if (sh->other_errors)
        printf("forkbomb: %ld forks failed with an error other than EAGAIN\n", sh->other_errors);
    pid = fork();
    if (pid == 0)
        _exit(7);
    if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 7) {
        printf("forkbomb: fork does not work afterwards\n");
        pass = 0;
    }
    printf("forkbomb: limit %ld, %ld forks, %ld EAGAIN, at most %ld at once, %s, fork %s\n", limit,
           sh->forks, sh->eagain, sh->max_alive,
           kill(-leader, 0) == 0 ? "NOT all killed" : "all killed", pass ? "works" : "checked");
    return pass ? 0 : 1;
}
