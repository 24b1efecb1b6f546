/*
 * userspace/newlib-check/check.c — proves that build/sysroot/newlib is
 * usable: a program linked with -nostdlib against newlib's libc.a and
 * libm.a, with its own _start and the system-call stubs newlib expects
 * (built --disable-newlib-supplied-syscalls).  The stubs here are Linux
 * system calls, so the binary also runs on Linux/aarch64 (and on Keel),
 * printing "newlib ok" and exiting 0; the VFS server will put its native
 * calls in their place.  `make newlib-check` builds (links) it.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#undef errno
extern int errno;

#define SYS_close 57
#define SYS_lseek 62
#define SYS_read 63
#define SYS_write 64
#define SYS_exit_group 94
#define SYS_kill 129
#define SYS_getpid 172
#define SYS_brk 214

static long syscall3(long n, long a, long b, long c)
{
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;

    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
    return x0;
}

static int result(long r)
{
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return (int)r;
}

/* The system-call layer newlib calls (see newlib's libc/include/reent.h). */
void _exit(int status);
int _close(int fd);
int _fstat(int fd, struct stat *st);
int _getpid(void);
int _isatty(int fd);
int _kill(int pid, int sig);
off_t _lseek(int fd, off_t off, int whence);
int _read(int fd, void *buf, size_t n);
int _write(int fd, const void *buf, size_t n);
void *_sbrk(ptrdiff_t incr);
void _init(void);
void _fini(void);
void _start(void);
int main(void);

/* newlib (--enable-newlib-register-fini) calls _fini at exit; crti.o would
 * define both on a hosted system. */
void _init(void)
{
}
void _fini(void)
{
}

void _exit(int status)
{
    for (;;)
        syscall3(SYS_exit_group, status, 0, 0);
}

int _close(int fd)
{
    return result(syscall3(SYS_close, fd, 0, 0));
}
int _getpid(void)
{
    return result(syscall3(SYS_getpid, 0, 0, 0));
}
int _kill(int pid, int sig)
{
    return result(syscall3(SYS_kill, pid, sig, 0));
}
int _read(int fd, void *buf, size_t n)
{
    return result(syscall3(SYS_read, fd, (long)buf, (long)n));
}
int _write(int fd, const void *buf, size_t n)
{
    return result(syscall3(SYS_write, fd, (long)buf, (long)n));
}

off_t _lseek(int fd, off_t off, int whence)
{
    long r = syscall3(SYS_lseek, fd, (long)off, whence);

    return r < 0 ? result(r) : r;
}

/* Every descriptor is a character device (a terminal): line-buffered stdio. */
int _fstat(int fd, struct stat *st)
{
    memset(st, 0, sizeof *st);
    st->st_mode = S_IFCHR;
    return 0;
}

int _isatty(int fd)
{
    return 1;
}

void *_sbrk(ptrdiff_t incr)
{
    static long cur;
    long want;

    if (!cur)
        cur = syscall3(SYS_brk, 0, 0, 0);
    want = cur + incr;
    if (syscall3(SYS_brk, want, 0, 0) != want) {
        errno = ENOMEM;
        return (void *)-1;
    }
    cur = want;
    return (void *)(want - incr);
}

/* The kernel enters with sp set and argc/argv on the stack; unused here. */
void _start(void)
{
    exit(main());
}

int main(void)
{
    char buf[64];
    char *p = malloc(1000);
    double r = sqrt(2.0) * strtod("1.5", NULL);

    if (!p)
        return 1;
    snprintf(buf, sizeof buf, "%.4f %lld", r, 1LL << 40);
    if (strcmp(buf, "2.1213 1099511627776") != 0)
        return 2;
    free(p);
    printf("newlib ok\n");
    return 0;
}
