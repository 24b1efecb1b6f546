/*
 * tests/syscalls/showargs.c — the exec helper of the system-call suite:
 * prints what execve gave it, one "KEY VALUE" line each, for process.c to
 * compare:
 *   argc N / argv I TEXT / env NAME=VALUE (only names starting with SC_)
 *   layout 1       environ starts right after argv's NULL, as Linux lays out the stack
 *   auxv pagesz N / auxv hwcap 1 (non-zero) / auxv entry 1 (AT_ENTRY is _start)
 *   auxv phdr 1    (AT_PHDR, AT_PHENT, AT_PHNUM describe this program's headers)
 *   auxv random 1  (AT_RANDOM points at 16 readable bytes)
 *   auxv execfn TEXT / auxv ids UID EUID GID EGID / auxv secure N
 *   sig usr1 ign|dfl|caught / sig usr2 ... / blocked winch 0|1
 *   fds N...       the open fds from 3 to 63
 */
#define _GNU_SOURCE
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;
extern char _start[];
extern const Elf64_Ehdr __ehdr_start;

static const char *disposition(int sig)
{
    struct sigaction sa;

    if (sigaction(sig, NULL, &sa) != 0)
        return "error";
    if (sa.sa_handler == SIG_IGN)
        return "ign";
    return sa.sa_handler == SIG_DFL ? "dfl" : "caught";
}

static int phdr_ok(void)
{
    const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
    unsigned long n = getauxval(AT_PHNUM);
    int loads = 0;

    if (!ph || getauxval(AT_PHENT) != sizeof(Elf64_Phdr) || n != __ehdr_start.e_phnum)
        return 0;
    if ((const char *)ph != (const char *)&__ehdr_start + __ehdr_start.e_phoff)
        return 0;
    for (unsigned long i = 0; i < n; i++)
        loads += ph[i].p_type == PT_LOAD;
    return loads > 0;
}

int main(int argc, char **argv)
{
    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    sigset_t mask;
    unsigned sum = 0;

    printf("argc %d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv %d %s\n", i, argv[i]);
    for (char **e = environ; *e; e++)
        if (strncmp(*e, "SC_", 3) == 0)
            printf("env %s\n", *e);
    printf("layout %d\n", argv[argc] == NULL && environ == argv + argc + 1);
    printf("auxv pagesz %lu\n", getauxval(AT_PAGESZ));
    printf("auxv hwcap %d\n", getauxval(AT_HWCAP) != 0);
    printf("auxv entry %d\n", getauxval(AT_ENTRY) == (unsigned long)_start);
    printf("auxv phdr %d\n", phdr_ok());
    if (rnd)
        for (int i = 0; i < 16; i++)
            sum += rnd[i];
    printf("auxv random %d\n", rnd != NULL && sum != 0);
    printf("auxv execfn %s\n", execfn ? execfn : "(none)");
    printf("auxv ids %lu %lu %lu %lu\n", getauxval(AT_UID), getauxval(AT_EUID), getauxval(AT_GID),
           getauxval(AT_EGID));
    printf("auxv secure %lu\n", getauxval(AT_SECURE));
    printf("sig usr1 %s\n", disposition(SIGUSR1));
    printf("sig usr2 %s\n", disposition(SIGUSR2));
    sigprocmask(SIG_SETMASK, NULL, &mask);
    printf("blocked winch %d\n", sigismember(&mask, SIGWINCH));
    printf("fds");
    for (int fd = 3; fd < 64; fd++)
        if (fcntl(fd, F_GETFD) != -1)
            printf(" %d", fd);
    printf("\n");
    return 0;
}
