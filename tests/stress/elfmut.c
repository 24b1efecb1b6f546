/*
 * tests/stress/elfmut.c — execve of mutated ELF files.
 *
 *   elfmut [-n COUNT] [-s SEED]
 *
 * Builds COUNT (default 1000) mutated copies of two valid static AArch64
 * ELF files — a 136-byte hand-made one and this program itself (run as
 * "elfmut --exit42") — in /tmp/elfmut.PID, and execve()s each in a child.
 * Mutations: flipped bytes in the ELF header or the program headers,
 * truncation, an empty file, huge p_filesz/p_memsz, overlapping or
 * duplicated segments, bad e_phoff/e_phnum/e_phentsize, wrong class,
 * machine or type, segments in kernel space or at 0, entry points outside
 * the segments, bad alignment, a PT_INTERP that names nothing or is not
 * terminated, p_filesz above p_memsz, random bytes after the magic.
 *
 * Each child runs as uid 1000 (when it cannot drop to it, it runs nothing
 * and is counted apart) with RLIMIT_NPROC 1 (the mutant cannot fork),
 * RLIMIT_CPU 5 s, RLIMIT_AS 256 MiB, RLIMIT_CORE 0, stdio on /dev/null and
 * alarm(5) armed across the execve.  Every mutant must fail cleanly: the
 * execve returns -1 (any errno; counted per errno), or the program is
 * killed by a signal, or it runs and exits (a harmless mutation).  A
 * mutant still alive after 10 s is killed and counted as hung.  Both
 * originals must exit 42 before and after.  Prints the counts and
 * "elfmut: N mutants, N exec errors, N killed, N exited, N hung"; exit
 * status 1 if anything hung or an original failed.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TINY_BASE 0x400000UL

struct tiny {
    Elf64_Ehdr eh;
    Elf64_Phdr ph;
    uint32_t code[4];
};

static uint64_t rng_state = 1;

static uint64_t rnd(void)
{
    uint64_t x = rng_state;

    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return rng_state = x;
}

static unsigned pick(unsigned n)
{
    return (unsigned)(rnd() % n);
}

/* make_tiny: an ELF that exits 42: mov x0, #42; mov x8, #93; svc #0. */
static void make_tiny(struct tiny *t)
{
    memset(t, 0, sizeof *t);
    memcpy(t->eh.e_ident, ELFMAG, SELFMAG);
    t->eh.e_ident[EI_CLASS] = ELFCLASS64;
    t->eh.e_ident[EI_DATA] = ELFDATA2LSB;
    t->eh.e_ident[EI_VERSION] = EV_CURRENT;
    t->eh.e_type = ET_EXEC;
    t->eh.e_machine = EM_AARCH64;
    t->eh.e_version = EV_CURRENT;
    t->eh.e_entry = TINY_BASE + offsetof(struct tiny, code);
    t->eh.e_phoff = offsetof(struct tiny, ph);
    t->eh.e_ehsize = sizeof(Elf64_Ehdr);
    t->eh.e_phentsize = sizeof(Elf64_Phdr);
    t->eh.e_phnum = 1;
    t->ph.p_type = PT_LOAD;
    t->ph.p_flags = PF_R | PF_X;
    t->ph.p_vaddr = t->ph.p_paddr = TINY_BASE;
    t->ph.p_filesz = t->ph.p_memsz = sizeof *t;
    t->ph.p_align = 0x1000;
    t->code[0] = 0xd2800540; /* mov x0, #42 */
    t->code[1] = 0xd2800ba8; /* mov x8, #93 */
    t->code[2] = 0xd4000001; /* svc #0 */
}

/* The program headers of an image, or NULL when they are not inside it. */
static Elf64_Phdr *phdrs(unsigned char *img, size_t size, unsigned *n)
{
    Elf64_Ehdr *eh = (Elf64_Ehdr *)img;

    if (size < sizeof *eh || eh->e_phoff > size ||
        eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff || eh->e_phnum == 0)
        return NULL;
    *n = eh->e_phnum;
    return (Elf64_Phdr *)(img + eh->e_phoff);
}

static Elf64_Phdr *some_load(unsigned char *img, size_t size)
{
    unsigned n = 0;
    Elf64_Phdr *ph = phdrs(img, size, &n);

    if (!ph)
        return NULL;
    for (unsigned i = 0, start = pick(n); i < n; i++)
        if (ph[(start + i) % n].p_type == PT_LOAD)
            return &ph[(start + i) % n];
    return &ph[0];
}

static const uint64_t huge_values[] = {0xffffffffffffffffULL,
                                       0x8000000000000000ULL,
                                       0xffff000000000000ULL,
                                       1ULL << 47,
                                       1ULL << 40,
                                       0x7fffffff};

#define NMUT 24

/* mutate: applies mutation kind m to img; returns the new size. */
static size_t mutate(unsigned char *img, size_t size, unsigned m)
{
    Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
    Elf64_Phdr *ph = some_load(img, size), *all;
    unsigned n = 0;

    switch (m) {
    case 0: /* flip bytes in the ELF header */
        for (unsigned i = 0, k = 1 + pick(4); i < k; i++)
            img[4 + pick(60)] ^= (unsigned char)(1 << pick(8));
        break;
    case 1: /* flip bytes in the program headers */
        for (unsigned i = 0, k = 1 + pick(8); i < k && eh->e_phoff < size; i++)
            img[eh->e_phoff + pick((unsigned)(eh->e_phnum * sizeof(Elf64_Phdr)))] ^=
                (unsigned char)rnd();
        break;
    case 2: /* truncate */
        return pick((unsigned)size);
    case 3: /* empty */
        return 0;
    case 4:
        if (ph)
            ph->p_filesz = huge_values[pick(6)];
        break;
    case 5:
        if (ph)
            ph->p_memsz = huge_values[pick(6)];
        break;
    case 6: /* two segments at one address */
        all = phdrs(img, size, &n);
        if (all && n >= 2) {
            all[1] = all[0];
            all[1].p_flags = PF_R | PF_W;
        } else if (ph) {
            ph->p_vaddr -= 0x1000;
        }
        break;
    case 7:
        eh->e_phoff = pick(2) ? huge_values[pick(6)] : size - pick(40);
        break;
    case 8:
        eh->e_phoff += 1 + pick(7);
        break;
    case 9:
        eh->e_phnum = pick(3) == 0 ? 0
                      : pick(2)    ? 0xffff
                                   : (Elf64_Half)(eh->e_phnum + 1 + pick(100));
        break;
    case 10:
        eh->e_machine = pick(2) ? EM_X86_64 : (Elf64_Half)rnd();
        break;
    case 11:
        eh->e_ident[EI_CLASS] = pick(2) ? ELFCLASS32 : (unsigned char)rnd();
        break;
    case 12:
        eh->e_type = pick(2) ? ET_REL : pick(2) ? ET_CORE : (Elf64_Half)rnd();
        break;
    case 13:
        if (ph)
            ph->p_offset = pick(2) ? size + pick(1 << 20) : huge_values[pick(6)];
        break;
    case 14:
        if (ph)
            ph->p_vaddr = ph->p_paddr = pick(2) ? 0xffff000000000000ULL : 0xffffff8000400000ULL;
        break;
    case 15:
        if (ph)
            ph->p_vaddr = ph->p_paddr = 0;
        break;
    case 16:
        eh->e_entry = pick(3) == 0 ? 0
                      : pick(2)    ? 0xffff000000001000ULL
                                   : eh->e_entry + (1ULL << 30);
        break;
    case 17:
        if (ph) {
            ph->p_align = pick(2) ? 3 + pick(1000) : 1ULL << (12 + pick(40));
            ph->p_offset += pick(2) ? 1 : 0;
        }
        break;
    case 18: /* PT_INTERP naming nothing, or running past the file */
        if (ph) {
            ph->p_type = PT_INTERP;
            ph->p_offset = pick(2) ? 0 : size - 4;
            ph->p_filesz = pick(2) ? 4 : huge_values[pick(6)];
        }
        break;
    case 19:
        if (ph) {
            ph->p_memsz = ph->p_filesz / 2;
            ph->p_filesz += 0x1000;
        }
        break;
    case 20:
        eh->e_phentsize = pick(2) ? 0 : (Elf64_Half)(pick(200));
        break;
    case 21: /* every program header the same */
        all = phdrs(img, size, &n);
        for (unsigned i = 1; all && i < n; i++)
            all[i] = all[0];
        break;
    case 22: /* random bytes after the magic */
        for (size_t i = 4; i < size && i < 4096; i++)
            img[i] = (unsigned char)rnd();
        break;
    default: /* no permissions on the segment with the entry point */
        if (ph)
            ph->p_flags = pick(2) ? 0 : PF_W;
        break;
    }
    return size;
}

/* NO_SETUP: the child could not become uid 1000 and never called execve. */
enum outcome { EXEC_ERROR, KILLED, EXITED, HUNG, NO_SETUP };

/* run: execve(path) in a restricted child; *detail is the errno, signal or
 * exit status. */
static enum outcome run(const char *path, int *detail)
{
    int p[2], st, err = 0;
    pid_t pid;
    time_t start;

    if (pipe2(p, O_CLOEXEC) != 0)
        return HUNG;
    pid = fork();
    if (pid == 0) {
        struct rlimit nproc = {1, 1}, cpu = {5, 5}, as = {256 << 20, 256 << 20}, core = {0, 0};
        int null = open("/dev/null", O_RDWR);
        char *argv[] = {(char *)path, "--exit42", NULL}, *envp[] = {NULL};

        close(p[0]);
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        setrlimit(RLIMIT_CPU, &cpu);
        setrlimit(RLIMIT_AS, &as);
        setrlimit(RLIMIT_CORE, &core);
        if (setgroups(0, NULL) != 0 || setgid(1000) != 0 || setuid(1000) != 0) {
            err = -1;
            if (write(p[1], &err, sizeof err) < 0)
                _exit(98);
            _exit(99);
        }
        setrlimit(RLIMIT_NPROC, &nproc);
        alarm(5);
        execve(path, argv, envp);
        err = errno;
        if (write(p[1], &err, sizeof err) < 0)
            _exit(98);
        _exit(97);
    }
    close(p[1]);
    if (read(p[0], &err, sizeof err) != (ssize_t)sizeof err)
        err = 0;
    close(p[0]);
    start = time(NULL);
    while (waitpid(pid, &st, WNOHANG) == 0) {
        if (time(NULL) - start > 10) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            *detail = 0;
            return HUNG;
        }
        usleep(2000);
    }
    if (err == -1) {
        *detail = 0;
        return NO_SETUP;
    }
    if (err) {
        *detail = err;
        return EXEC_ERROR;
    }
    if (WIFSIGNALED(st)) {
        *detail = WTERMSIG(st);
        return KILLED;
    }
    *detail = WEXITSTATUS(st);
    return EXITED;
}

static const char *errname(int e)
{
    static char other[16];

    switch (e) {
    case ENOEXEC:
        return "ENOEXEC";
    case EINVAL:
        return "EINVAL";
    case ENOMEM:
        return "ENOMEM";
    case EACCES:
        return "EACCES";
    case EFAULT:
        return "EFAULT";
    case EIO:
        return "EIO";
    case ENOENT:
        return "ENOENT";
    case EPERM:
        return "EPERM";
    case ELIBBAD:
        return "ELIBBAD";
    case E2BIG:
        return "E2BIG";
    case EOVERFLOW:
        return "EOVERFLOW";
    case ETXTBSY:
        return "ETXTBSY";
    case EAGAIN:
        return "EAGAIN";
    }
    snprintf(other, sizeof other, "errno %d", e);
    return other;
}

static const char *signame(int s)
{
    static char other[16];

    switch (s) {
    case SIGSEGV:
        return "SIGSEGV";
    case SIGILL:
        return "SIGILL";
    case SIGBUS:
        return "SIGBUS";
    case SIGKILL:
        return "SIGKILL";
    case SIGALRM:
        return "SIGALRM";
    case SIGXCPU:
        return "SIGXCPU";
    case SIGTRAP:
        return "SIGTRAP";
    case SIGSYS:
        return "SIGSYS";
    case SIGFPE:
        return "SIGFPE";
    case SIGABRT:
        return "SIGABRT";
    }
    snprintf(other, sizeof other, "signal %d", s);
    return other;
}

static int write_file(const char *path, const void *data, size_t size)
{
    int fd;

    unlink(path);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (fd < 0)
        return -1;
    if (size && write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return -1;
    }
    return close(fd);
}

static unsigned char *read_self(const char *path, size_t *size)
{
    struct stat st;
    unsigned char *data;
    int fd = open(path, O_RDONLY);

    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size < 64) {
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    data = malloc((size_t)st.st_size);
    if (data && read(fd, data, (size_t)st.st_size) != st.st_size) {
        free(data);
        data = NULL;
    }
    close(fd);
    *size = (size_t)st.st_size;
    return data;
}

/* originals_ok: both unmutated files run and exit 42. */
static int originals_ok(const char *dir, struct tiny *t, unsigned char *self, size_t self_size)
{
    char path[96];
    int detail, ok = 1;

    snprintf(path, sizeof path, "%s/tiny", dir);
    if (write_file(path, t, sizeof *t) != 0 || run(path, &detail) != EXITED || detail != 42) {
        printf("elfmut: the hand-made ELF does not exit 42\n");
        ok = 0;
    }
    snprintf(path, sizeof path, "%s/self", dir);
    if (self &&
        (write_file(path, self, self_size) != 0 || run(path, &detail) != EXITED || detail != 42)) {
        printf("elfmut: the copy of elfmut does not exit 42\n");
        ok = 0;
    }
    return ok;
}

int main(int argc, char **argv)
{
    int count = 1000, opt, counts[5] = {0}, errnos[134] = {0}, signals[65] = {0}, ok;
    struct tiny t;
    unsigned char *self, *img;
    size_t self_size = 0, max;
    char dir[64], path[96];

    if (argc > 1 && strcmp(argv[1], "--exit42") == 0)
        return 42;
    while ((opt = getopt(argc, argv, "n:s:")) != -1) {
        if (opt == 'n')
            count = atoi(optarg);
        else if (opt == 's')
            rng_state = strtoull(optarg, NULL, 0) | 1;
        else
            return 2;
    }
    make_tiny(&t);
    self = strchr(argv[0], '/') ? read_self(argv[0], &self_size) : NULL;
    max = self_size > sizeof t ? self_size : sizeof t;
    img = malloc(max);
    snprintf(dir, sizeof dir, "/tmp/elfmut.%d", (int)getpid());
    if (!img || mkdir(dir, 0755) != 0) {
        perror("elfmut");
        return 2;
    }
    ok = originals_ok(dir, &t, self, self_size);
    for (int i = 0; i < count; i++) {
        size_t size;
        int detail;
        enum outcome o;

        if (self && i % 2) {
            memcpy(img, self, self_size);
            size = self_size;
        } else {
            memcpy(img, &t, sizeof t);
            size = sizeof t;
        }
        size = mutate(img, size, (unsigned)(i / 2) % NMUT);
        snprintf(path, sizeof path, "%s/m%d", dir, i % 2);
        if (write_file(path, img, size) != 0) {
            printf("elfmut: cannot write %s\n", path);
            return 2;
        }
        o = run(path, &detail);
        counts[o]++;
        if (o == EXEC_ERROR && detail > 0 && detail < 134)
            errnos[detail]++;
        else if (o == KILLED && detail > 0 && detail < 65)
            signals[detail]++;
        else if (o == HUNG)
            printf("elfmut: mutant %d (mutation %d) hung\n", i, (i / 2) % NMUT);
        unlink(path);
    }
    ok &= originals_ok(dir, &t, self, self_size);
    printf("elfmut: execve errors:");
    for (int e = 1; e < 134; e++)
        if (errnos[e])
            printf(" %s %d,", errname(e), errnos[e]);
    printf("\nelfmut: killed by:");
    for (int s = 1; s < 65; s++)
        if (signals[s])
            printf(" %s %d,", signame(s), signals[s]);
    printf("\n");
    snprintf(path, sizeof path, "%s/tiny", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/self", dir);
    unlink(path);
    rmdir(dir);
    printf("elfmut: %d mutants, %d exec errors, %d killed, %d exited, %d hung\n", count,
           counts[EXEC_ERROR], counts[KILLED], counts[EXITED], counts[HUNG]);
    if (counts[NO_SETUP])
        printf("elfmut: %d children could not become uid 1000 and ran nothing\n", counts[NO_SETUP]);
    return ok && counts[HUNG] == 0 && counts[NO_SETUP] == 0 ? 0 : 1;
}
