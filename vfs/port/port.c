/*
 * vfs/port/port.c — what newlib needs of the system (newlib is built with
 * --disable-newlib-supplied-syscalls): the start-up, memory through Linux
 * brk, stdout/stderr to the kernel log (KEEL_SYS_LOG), the time through
 * Linux clock_gettime, exit.  Every other call fails with ENOSYS: the
 * server has no files of its own.  Descriptors 0-2 look like terminals so
 * that stdio flushes stdout by lines.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>

#include "syscall.h"

#undef errno
extern int errno; /* the one newlib's reent wrappers read (libc/reent/reent.c) */
extern char **environ;

int main(int argc, char **argv, char **envp);
void __libc_init_array(void);
void _start_c(uintptr_t *sp) __attribute__((noreturn));

/* The newlib system-call layer (libc/include/reent.h names them). */
void _exit(int status) __attribute__((noreturn));
void *_sbrk(ptrdiff_t incr);
int _write(int fd, const void *buf, size_t n);
int _read(int fd, void *buf, size_t n);
int _close(int fd);
int _open(const char *path, int flags, int mode);
off_t _lseek(int fd, off_t off, int whence);
int _fstat(int fd, struct stat *st);
int _stat(const char *path, struct stat *st);
int _isatty(int fd);
int _link(const char *old, const char *new_name);
int _unlink(const char *path);
int _getpid(void);
int _kill(int pid, int sig);
int _fork(void);
int _execve(const char *path, char *const argv[], char *const envp[]);
int _wait(int *status);
clock_t _times(struct tms *t);
int _gettimeofday(struct timeval *tv, void *tz);
void _init(void);
void _fini(void);

static int fail(int err)
{
    errno = err;
    return -1;
}

/* _start_c: from start.S with the initial stack. */
void _start_c(uintptr_t *sp)
{
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);

    environ = argv + argc + 1;
    __libc_init_array();
    exit(main(argc, argv, environ));
}

/* crti/crtn would provide these on a hosted system; newlib calls them
 * (__libc_init_array, and _fini at exit with --enable-newlib-register-fini). */
void _init(void)
{
}
void _fini(void)
{
}

void _exit(int status)
{
    for (;;)
        keel_svc1(KEEL_SYS_EXIT, status);
}

void *_sbrk(ptrdiff_t incr)
{
    static uintptr_t cur;
    uintptr_t want;

    if (!cur)
        cur = (uintptr_t)keel_svc1(KEEL_SYS_BRK, 0);
    want = cur + (uintptr_t)incr;
    if ((uintptr_t)keel_svc1(KEEL_SYS_BRK, want) != want) {
        errno = ENOMEM;
        return (void *)-1;
    }
    cur = want;
    return (void *)(want - (uintptr_t)incr);
}

int _write(int fd, const void *buf, size_t n)
{
    long r;

    if (fd != 1 && fd != 2)
        return fail(ENOSYS);
    r = keel_log(buf, n);
    if (r < 0)
        return fail(EIO);
    return (int)n;
}

int _fstat(int fd, struct stat *st)
{
    if (fd < 0 || fd > 2)
        return fail(ENOSYS);
    memset(st, 0, sizeof *st);
    st->st_mode = S_IFCHR | 0600;
    return 0;
}

int _isatty(int fd)
{
    if (fd >= 0 && fd <= 2)
        return 1;
    errno = ENOSYS;
    return 0;
}

int _gettimeofday(struct timeval *tv, void *tz)
{
    struct {
        long sec, nsec;
    } ts;
    long r = keel_svc2(KEEL_SYS_CLOCK_GETTIME, LINUX_CLOCK_REALTIME, &ts);

    if (r < 0)
        return fail(ENOSYS);
    if (tv) {
        tv->tv_sec = ts.sec;
        tv->tv_usec = ts.nsec / 1000;
    }
    return 0;
}

int _read(int fd, void *buf, size_t n)
{
    return fail(ENOSYS);
}
int _close(int fd)
{
    return fail(ENOSYS);
}
int _open(const char *path, int flags, int mode)
{
    return fail(ENOSYS);
}
off_t _lseek(int fd, off_t off, int whence)
{
    return fail(ENOSYS);
}
int _stat(const char *path, struct stat *st)
{
    return fail(ENOSYS);
}
int _link(const char *old, const char *new_name)
{
    return fail(ENOSYS);
}
int _unlink(const char *path)
{
    return fail(ENOSYS);
}
int _getpid(void)
{
    return fail(ENOSYS);
}
int _kill(int pid, int sig)
{
    return fail(ENOSYS);
}
int _fork(void)
{
    return fail(ENOSYS);
}
int _execve(const char *path, char *const argv[], char *const envp[])
{
    return fail(ENOSYS);
}
int _wait(int *status)
{
    return fail(ENOSYS);
}
clock_t _times(struct tms *t)
{
    return (clock_t)fail(ENOSYS);
}
