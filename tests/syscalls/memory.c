/*
 * tests/syscalls/memory.c — address spaces: brk, mmap (anonymous private
 * and shared across fork, file-backed private and shared, MAP_FIXED,
 * MAP_FIXED_NOREPLACE, bad arguments), munmap (partial, splitting),
 * mprotect (including code written at run time), madvise MADV_DONTNEED,
 * mremap, msync, mincore.
 *
 * Accesses that must fault run in children.  Prints failures and
 * "syscalls-memory: N passed, N failed".
 */
#include "check.h"

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define PAGE 4096UL
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

/* NEED: checks that a mapping worked (check `name`); a test function
 * stops when the mapping it works on failed. */
#define NEED(name, p)                                                                              \
    do {                                                                                           \
        if (!CHECK(name, (void *)(p) != MAP_FAILED))                                               \
            return;                                                                                \
    } while (0)

static void *map(size_t len, int prot, int flags)
{
    return mmap(NULL, len, prot, flags, -1, 0);
}

/* touch_child: in a child, reads (write == 0) or writes the byte at p;
 * returns the wait status. */
static int touch_child(volatile char *p, int write)
{
    int st;
    pid_t pid = fork();

    if (pid == 0) {
        alarm(10);
        if (write)
            *p = 1;
        else
            (void)*p;
        _exit(0);
    }
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return -1;
    return st;
}

static void test_brk(void)
{
    long start = syscall(SYS_brk, 0), grown, back;
    volatile char *p;

    CHECK("brk/query", start > 0 && start % 8 == 0);
    grown = syscall(SYS_brk, start + 64 * 1024);
    CHECK("brk/grow by 64 KiB", grown == start + 64 * 1024);
    p = (volatile char *)start;
    p[0] = 1;
    p[64 * 1024 - 1] = 2;
    CHECK("brk/the new memory is usable", p[0] == 1 && p[64 * 1024 - 1] == 2);
    back = syscall(SYS_brk, start);
    CHECK("brk/shrink", back == start);
    CHECK("brk/memory past a shrunk break is gone", KILLED_BY(touch_child(p + 8192, 1), SIGSEGV));
    CHECK("brk/regrown memory is zero",
          syscall(SYS_brk, start + 8192) == start + 8192 && p[0] == 0);
    CHECK("brk/below the start fails, returning the break", syscall(SYS_brk, 4096) == start + 8192);
    syscall(SYS_brk, start);
}

static void test_anonymous(void)
{
    char *p = map(3 * PAGE, PROT_READ | PROT_WRITE, ANON), *big;
    volatile char *sh;
    int st, zero = 1;
    pid_t pid;

    NEED("mmap/anonymous private", p);
    CHECK("mmap/page-aligned address", (uintptr_t)p % PAGE == 0);
    for (size_t i = 0; i < 3 * PAGE; i++)
        zero &= p[i] == 0;
    CHECK("mmap/anonymous memory is zero", zero);
    p[0] = 'p';
    pid = fork();
    if (pid == 0)
        _exit(p[0] == 'p' && (p[0] = 'c') && p[0] == 'c' ? 0 : 1);
    waitpid(pid, &st, 0);
    CHECK("mmap/private memory is copied on fork", EXITED_WITH(st, 0) && p[0] == 'p');

    sh = map(PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS);
    NEED("mmap/anonymous shared", sh);
    sh[0] = 'a';
    pid = fork();
    if (pid == 0) {
        sh[0] = 'b';
        sh[100] = 'c';
        _exit(0);
    }
    waitpid(pid, &st, 0);
    CHECK("mmap/shared memory is shared with a forked child", sh[0] == 'b' && sh[100] == 'c');

    big = map(64 << 20, PROT_READ | PROT_WRITE, ANON);
    if (big != MAP_FAILED)
        for (size_t i = 0; i < (64 << 20); i += PAGE)
            big[i] = (char)i;
    CHECK("mmap/64 MiB, every page touched",
          big != MAP_FAILED && big[(64 << 20) - PAGE] == 0 && munmap(big, 64 << 20) == 0);
    big = map(256 << 20, PROT_READ | PROT_WRITE, ANON);
    CHECK("mmap/256 MiB untouched (allocated lazily)",
          big != MAP_FAILED && munmap(big, 256 << 20) == 0);
    munmap(p, 3 * PAGE);
    munmap((void *)sh, PAGE);
}

static int make_file(const char *path, size_t size)
{
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    char buf[PAGE];

    for (size_t off = 0; fd >= 0 && off < size; off += PAGE) {
        memset(buf, 'A' + (int)(off / PAGE), sizeof buf);
        if (write(fd, buf, sizeof buf) != (ssize_t)sizeof buf)
            return -1;
    }
    return fd;
}

/* Maps that the descriptor's access mode allows or refuses. */
static void file_permissions(const char *path)
{
    int ro = open(path, O_RDONLY), wo = open(path, O_WRONLY);
    char *p;

    CHECK_ERRNO("mmap/shared writable map of an O_RDONLY fd: EACCES",
                mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), EACCES);
    p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
    CHECK("mmap/private writable map of an O_RDONLY fd", p != MAP_FAILED);
    munmap(p, PAGE);
    CHECK_ERRNO("mmap/an O_WRONLY fd: EACCES", mmap(NULL, PAGE, PROT_READ, MAP_SHARED, wo, 0),
                EACCES);
    close(ro);
    close(wo);
}

static void test_file_maps(void)
{
    const char *path = "/tmp/sc-memory-file";
    int fd = make_file(path, 3 * PAGE);
    char *p, *s, c;

    p = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
        CHECK("mmap/file private", p[0] == 'A' && p[PAGE] == 'B' && p[3 * PAGE - 1] == 'C');
        p[0] = 'x';
        CHECK("mmap/writes to a private file map stay private",
              pread(fd, &c, 1, 0) == 1 && c == 'A');
        munmap(p, 3 * PAGE);
    } else {
        CHECK("mmap/file private", 0);
    }
    p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 2 * PAGE);
    CHECK("mmap/file at an offset", p != MAP_FAILED && p[0] == 'C');
    munmap(p, PAGE);
    file_permissions(path);

    s = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    NEED("mmap/file shared", s);
    CHECK("mmap/file shared: contents", s[PAGE] == 'B');
    s[5] = 'y';
    CHECK("msync/MS_SYNC", msync(s, 2 * PAGE, MS_SYNC) == 0);
    CHECK("mmap/writes to a shared map reach the file", pread(fd, &c, 1, 5) == 1 && c == 'y');
    pwrite(fd, "z", 1, PAGE + 7);
    CHECK("mmap/writes to the file show in a shared map", s[PAGE + 7] == 'z');
    CHECK_ERRNO("msync/unaligned: EINVAL", msync(s + 1, PAGE, MS_SYNC), EINVAL);
    CHECK_ERRNO("msync/MS_SYNC|MS_ASYNC: EINVAL", msync(s, PAGE, MS_SYNC | MS_ASYNC), EINVAL);
    munmap(s, 2 * PAGE);
    CHECK_ERRNO("msync/unmapped: ENOMEM", msync(s, PAGE, MS_SYNC), ENOMEM);
    close(fd);
    unlink(path);
}

static void test_bad_maps(void)
{
    int fd = open("/etc/passwd", O_RDONLY), dfd = open("/", O_RDONLY | O_DIRECTORY), p[2];

    pipe(p);
    CHECK_ERRNO("mmap/neither private nor shared: EINVAL",
                mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL);
    CHECK_ERRNO("mmap/length 0: EINVAL", mmap(NULL, 0, PROT_READ, ANON, -1, 0), EINVAL);
    CHECK_ERRNO("mmap/unaligned offset: EINVAL", mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 100),
                EINVAL);
    CHECK_ERRNO("mmap/MAP_FIXED at an unaligned address: EINVAL",
                mmap((void *)0x10000001, PAGE, PROT_READ, ANON | MAP_FIXED, -1, 0), EINVAL);
    CHECK_ERRNO("mmap/bad fd: EBADF", mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0), EBADF);
    CHECK_ERRNO("mmap/a directory: ENODEV", mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, dfd, 0),
                ENODEV);
    CHECK_ERRNO("mmap/a pipe: ENODEV", mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, p[0], 0), ENODEV);
    CHECK_ERRNO("mmap/1 PiB: ENOMEM", mmap(NULL, 1UL << 50, PROT_READ, ANON, -1, 0), ENOMEM);
    CHECK_ERRNO("mmap/MAP_FIXED in kernel space",
                mmap(KERNEL_ADDR, PAGE, PROT_READ, ANON | MAP_FIXED, -1, 0), ENOMEM);
    close(fd);
    close(dfd);
    close(p[0]);
    close(p[1]);
}

static void test_fixed(void)
{
    char *area = map(4 * PAGE, PROT_NONE, ANON), *p;

    NEED("mmap/PROT_NONE area", area);
    p = mmap(area + PAGE, PAGE, PROT_READ | PROT_WRITE, ANON | MAP_FIXED, -1, 0);
    CHECK("mmap/MAP_FIXED replaces a mapping at that address", p == area + PAGE);
    if (p != area + PAGE) {
        munmap(area, 4 * PAGE);
        return;
    }
    p[0] = 5;
    CHECK("mmap/MAP_FIXED memory is usable", p[0] == 5);
    CHECK_ERRNO("mmap/MAP_FIXED_NOREPLACE over a mapping: EEXIST",
                mmap(area + 2 * PAGE, PAGE, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
    munmap(area, 4 * PAGE);
    p = mmap(area + PAGE, PAGE, PROT_READ, ANON | MAP_FIXED_NOREPLACE, -1, 0);
    CHECK("mmap/MAP_FIXED_NOREPLACE at a free address", p == area + PAGE);
    munmap(p, PAGE);
}

static void test_munmap(void)
{
    char *p = map(3 * PAGE, PROT_READ | PROT_WRITE, ANON);

    NEED("mmap/3 pages to unmap", p);
    p[0] = 1;
    p[PAGE] = 2;
    p[2 * PAGE] = 3;
    CHECK_OK("munmap/the middle page", munmap(p + PAGE, PAGE));
    CHECK("munmap/the middle page is gone", KILLED_BY(touch_child(p + PAGE, 0), SIGSEGV));
    CHECK("munmap/the pages around it stay", p[0] == 1 && p[2 * PAGE] == 3);
    CHECK_ERRNO("munmap/unaligned: EINVAL", munmap(p + 1, PAGE), EINVAL);
    CHECK_ERRNO("munmap/length 0: EINVAL", munmap(p, 0), EINVAL);
    CHECK_OK("munmap/a range with a hole", munmap(p, 3 * PAGE));
    CHECK_OK("munmap/nothing mapped there", munmap(p, 3 * PAGE));
    CHECK("munmap/first page gone", KILLED_BY(touch_child(p, 0), SIGSEGV));
}

/* jit: writes `mov w0, #42; ret` into a fresh page, makes it executable
 * and calls it (in a child: the cache maintenance may trap). */
static int jit(void *arg)
{
    unsigned *code = map(PAGE, PROT_READ | PROT_WRITE, ANON);

    if (code == MAP_FAILED)
        return 1;
    code[0] = 0x52800540; /* mov w0, #42 */
    code[1] = 0xd65f03c0; /* ret */
    __builtin___clear_cache((char *)code, (char *)(code + 2));
    if (mprotect(code, PAGE, PROT_READ | PROT_EXEC) != 0)
        return 2;
    return ((int (*)(void))code)();
}

static void test_mprotect(void)
{
    char *p = map(3 * PAGE, PROT_READ | PROT_WRITE, ANON);
    unsigned *code;

    NEED("mmap/3 pages to protect", p);
    CHECK_OK("mprotect/middle page read-only", mprotect(p + PAGE, PAGE, PROT_READ));
    p[0] = 1;
    p[2 * PAGE] = 1;
    CHECK("mprotect/split: writes around the page work", p[0] == 1 && p[2 * PAGE] == 1);
    CHECK("mprotect/split: writing the page faults", KILLED_BY(touch_child(p + PAGE, 1), SIGSEGV));
    CHECK("mprotect/split: reading it works", EXITED_WITH(touch_child(p + PAGE, 0), 0));
    CHECK_OK("mprotect/PROT_NONE", mprotect(p, 3 * PAGE, PROT_NONE));
    CHECK("mprotect/PROT_NONE: reading faults", KILLED_BY(touch_child(p + 2 * PAGE, 0), SIGSEGV));
    CHECK("mprotect/back to read-write keeps the data",
          mprotect(p, 3 * PAGE, PROT_READ | PROT_WRITE) == 0 && p[0] == 1 && p[2 * PAGE] == 1);
    CHECK_ERRNO("mprotect/unaligned: EINVAL", syscall(SYS_mprotect, p + 1, PAGE, PROT_READ),
                EINVAL);
    CHECK_ERRNO("mprotect/bad protection bits: EINVAL", mprotect(p, PAGE, 0x100), EINVAL);
    munmap(p, 3 * PAGE);
    CHECK_ERRNO("mprotect/unmapped: ENOMEM", mprotect(p, PAGE, PROT_READ), ENOMEM);

    code = map(PAGE, PROT_READ | PROT_WRITE, ANON);
    NEED("mmap/a page for code", code);
    CHECK_OK("mprotect/PROT_READ|PROT_EXEC", mprotect(code, PAGE, PROT_READ | PROT_EXEC));
    CHECK("mprotect/executable page is not writable",
          KILLED_BY(touch_child((char *)code, 1), SIGSEGV));
    munmap(code, PAGE);
    CHECK("mprotect/code written then made executable runs",
          EXITED_WITH(run_child(jit, NULL, 10), 42));
}

static void test_madvise(void)
{
    char *p = map(2 * PAGE, PROT_READ | PROT_WRITE, ANON);
    volatile char *sh = map(PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS);
    const char *path = "/tmp/sc-memory-adv";
    int fd = make_file(path, PAGE);
    char *f = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);

    close(fd);
    unlink(path);
    NEED("mmap/2 pages to advise on", p);
    p[0] = 5;
    p[PAGE] = 6;
    CHECK("madvise/MADV_DONTNEED", madvise(p, PAGE, MADV_DONTNEED) == 0);
    CHECK("madvise/private anonymous memory reads zero after it", p[0] == 0 && p[PAGE] == 6);
    if (sh != MAP_FAILED) {
        sh[0] = 7;
        CHECK("madvise/shared memory keeps its data",
              madvise((void *)sh, PAGE, MADV_DONTNEED) == 0 && sh[0] == 7);
        munmap((void *)sh, PAGE);
    } else {
        CHECK("madvise/shared memory keeps its data (no shared mapping)", 0);
    }
    if (f != MAP_FAILED) {
        f[0] = 'q';
        CHECK("madvise/private file memory reverts to the file",
              madvise(f, PAGE, MADV_DONTNEED) == 0 && f[0] == 'A');
        munmap(f, PAGE);
    } else {
        CHECK("madvise/private file memory reverts to the file (no file mapping)", 0);
    }
    CHECK_OK("madvise/MADV_NORMAL", madvise(p, PAGE, MADV_NORMAL));
    CHECK_OK("madvise/MADV_WILLNEED", madvise(p, PAGE, MADV_WILLNEED));
    CHECK_ERRNO("madvise/bad advice: EINVAL", madvise(p, PAGE, 12345), EINVAL);
    CHECK_ERRNO("madvise/unaligned: EINVAL", madvise(p + 1, PAGE, MADV_NORMAL), EINVAL);
    munmap(p, 2 * PAGE);
}

static void test_mremap_mincore(void)
{
    char *p = map(2 * PAGE, PROT_READ | PROT_WRITE, ANON), *q;
    unsigned char vec[4];

    NEED("mmap/2 pages to remap", p);
    p[0] = 'm';
    p[PAGE] = 'n';
    q = mremap(p, 2 * PAGE, 64 * PAGE, MREMAP_MAYMOVE);
    if (q == MAP_FAILED)
        munmap(p, 2 * PAGE);
    NEED("mremap/grow", q);
    CHECK("mremap/grow keeps the data", q[0] == 'm' && q[PAGE] == 'n');
    q[63 * PAGE] = 1;
    CHECK("mremap/new part is usable and zero", q[62 * PAGE] == 0 && q[63 * PAGE] == 1);
    p = mremap(q, 64 * PAGE, PAGE, 0);
    NEED("mremap/shrink", p);
    CHECK("mremap/shrink in place", p == q && p[0] == 'm');
    CHECK_ERRNO("mremap/bad flags: EINVAL", mremap(p, PAGE, 2 * PAGE, 0x100), EINVAL);
    CHECK_ERRNO("mremap/unaligned: EINVAL", mremap(p + 1, PAGE, 2 * PAGE, MREMAP_MAYMOVE), EINVAL);
    munmap(p, PAGE);
    p = map(4 * PAGE, PROT_READ | PROT_WRITE, ANON);
    NEED("mmap/4 pages for mincore", p);
    p[0] = 1;
    CHECK("mincore/a touched page is resident", mincore(p, PAGE, vec) == 0 && (vec[0] & 1));
    munmap(p, 4 * PAGE);
    CHECK_ERRNO("mincore/unmapped: ENOMEM", mincore(p, PAGE, vec), ENOMEM);
    CHECK_ERRNO("mincore/unaligned: EINVAL", mincore((char *)p + 1, PAGE, vec), EINVAL);
}

static void test_many(void)
{
    enum { N = 500 };
    static char *maps[N];
    int ok = 1;

    for (int i = 0; i < N; i++) {
        maps[i] = map(PAGE, PROT_READ | PROT_WRITE, ANON);
        if (maps[i] == MAP_FAILED)
            ok = 0;
        else
            maps[i][0] = (char)i;
    }
    for (int i = 0; i < N; i++)
        if (maps[i] != MAP_FAILED) {
            ok &= maps[i][0] == (char)i;
            ok &= munmap(maps[i], PAGE) == 0;
        }
    CHECK("mmap/500 separate mappings", ok);
}

int main(int argc, char **argv)
{
    check_init(argc, argv);
    test_brk();
    test_anonymous();
    test_file_maps();
    test_bad_maps();
    test_fixed();
    test_munmap();
    test_mprotect();
    test_madvise();
    test_mremap_mincore();
    test_many();
    return check_done("memory");
}
