/*
 * tests/stress/memhog.c — take memory until the system says no.
 *
 *   memhog [-m MAX_MIB]
 *
 * Grows the heap with brk in 1 MiB steps, touching every page, until brk
 * refuses; gives it back; then maps anonymous memory 1 MiB at a time,
 * touching every page, until mmap fails with ENOMEM (or MAX_MIB, default
 * 4096, is reached); unmaps everything and maps 16 MiB again to show the
 * memory came back.  Being killed (by the OOM killer) is also an answer;
 * the runner starts it under `ulimit -v` so that on Linux it meets
 * RLIMIT_AS first.  Prints "memhog: brk N MiB, mmap N MiB (ENOMEM), freed
 * and reused"; exit status 0 when the limits were met with an error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MIB (1UL << 20)
#define PAGE 4096UL

static void touch(char *p, size_t len)
{
    for (size_t i = 0; i < len; i += PAGE)
        p[i] = (char)(i >> 12);
}

int main(int argc, char **argv)
{
    long max = 4096, brk_mib = 0, mmap_mib = 0;
    unsigned long start, cur;
    char **maps;
    int opt, err = 0, reused;

    while ((opt = getopt(argc, argv, "m:")) != -1) {
        if (opt == 'm')
            max = atol(optarg);
        else
            return 2;
    }
    maps = calloc((size_t)max, sizeof *maps);
    if (!maps)
        return 2;

    start = cur = (unsigned long)syscall(SYS_brk, 0);
    while (brk_mib < max) {
        unsigned long next = (unsigned long)syscall(SYS_brk, cur + MIB);
        if (next != cur + MIB)
            break;
        touch((char *)cur, MIB);
        cur = next;
        brk_mib++;
    }
    syscall(SYS_brk, start);

    while (mmap_mib < max) {
        char *p = mmap(NULL, MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            err = errno;
            break;
        }
        touch(p, MIB);
        maps[mmap_mib++] = p;
    }
    for (long i = 0; i < mmap_mib; i++)
        munmap(maps[i], MIB);
    {
        char *p = mmap(NULL, 16 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        reused = p != MAP_FAILED;
        if (reused) {
            touch(p, 16 * MIB);
            munmap(p, 16 * MIB);
        }
    }
    printf("memhog: brk %ld MiB, mmap %ld MiB (%s), %s\n", brk_mib, mmap_mib,
           err ? strerror(err) : "no error: the maximum",
           reused ? "freed and reused" : "NOT reusable");
    return err == ENOMEM && reused && brk_mib < max ? 0 : 1;
}
