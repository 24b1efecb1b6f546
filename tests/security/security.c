/*
 * tests/security/security.c — the isolation suite: every way a user
 * program might reach past its own address space or privileges, each of
 * which must be refused with the signal or errno Linux gives.
 *
 *   - loads, stores and jumps to kernel addresses and to non-canonical
 *     addresses: SIGSEGV;
 *   - NULL loads, stores and calls; mapping page 0 as a normal user: EPERM;
 *   - executing the stack, the heap and an anonymous RW mapping; writing
 *     program text and read-only data: SIGSEGV;
 *   - privileged instructions (system registers, interrupt masking, eret,
 *     hvc): SIGILL;
 *   - a forged signal frame that asks for EL1 or masked interrupts, or
 *     returns to a kernel address: SIGSEGV;
 *   - kernel pointers, pointers straddling the top of user space and
 *     read-only buffers passed to system calls: EFAULT, and nothing written;
 *     mmap/mprotect/munmap/brk of kernel ranges refused;
 *   - another process's memory: copy-on-write keeps writes private, an
 *     address mapped in one process faults in another, and debugging
 *     interfaces (ptrace, process_vm_readv, /proc/PID/mem) are refused to a
 *     normal user;
 *   - privileges: a normal user cannot kill init, become root or chroot;
 *     Keel's native calls (IPC, grants) are refused to ordinary programs.
 *
 * Every attempt runs in a child.  Prints failures and
 * "syscalls-security: N passed, N failed".
 */
#include "../syscalls/check.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <ucontext.h>

#define PAGE 4096UL
#define USER_TOP 0x0001000000000000UL /* 48-bit user address space */
#define KEEL_NATIVE_BASE 0x4b00       /* abi/native.h: no Linux number is this high */

/* Addresses a user program must never reach, and what they are. */
static const struct {
    uintptr_t addr;
    const char *what;
} forbidden[] = {
    {0xffff000000000000UL, "the bottom of the kernel half"},
    {0xffff000040080000UL, "a kernel image address"},
    {0xffff800000000000UL, "the kernel linear map"},
    {0xffffffffffff0000UL, "the top of the kernel half"},
    {USER_TOP, "the first non-canonical address"},
    {0x00ff000000000000UL, "a non-canonical address"},
};
#define NFORBIDDEN (sizeof forbidden / sizeof forbidden[0])

static uintptr_t target;

static int load_child(void *arg)
{
    (void)arg;
    return *(volatile unsigned char *)target;
}

static int store_child(void *arg)
{
    (void)arg;
    *(volatile unsigned char *)target = 0x5a;
    return 0;
}

static int call_child(void *arg)
{
    (void)arg;
    ((void (*)(void))target)();
    return 0;
}

static void memory_attempts(void)
{
    char name[128];

    for (unsigned i = 0; i < NFORBIDDEN; i++) {
        target = forbidden[i].addr;
        snprintf(name, sizeof name, "SIGSEGV/load from %s", forbidden[i].what);
        CHECK(name, KILLED_BY(run_child(load_child, NULL, 5), SIGSEGV));
        snprintf(name, sizeof name, "SIGSEGV/store to %s", forbidden[i].what);
        CHECK(name, KILLED_BY(run_child(store_child, NULL, 5), SIGSEGV));
        snprintf(name, sizeof name, "SIGSEGV/call into %s", forbidden[i].what);
        CHECK(name, KILLED_BY(run_child(call_child, NULL, 5), SIGSEGV));
    }
    target = 0;
    CHECK("SIGSEGV/NULL load", KILLED_BY(run_child(load_child, NULL, 5), SIGSEGV));
    CHECK("SIGSEGV/NULL store", KILLED_BY(run_child(store_child, NULL, 5), SIGSEGV));
    CHECK("SIGSEGV/NULL call", KILLED_BY(run_child(call_child, NULL, 5), SIGSEGV));
    target = 0xff8;
    CHECK("SIGSEGV/load near NULL (a struct member)",
          KILLED_BY(run_child(load_child, NULL, 5), SIGSEGV));
}

static int map_page_zero(void *arg)
{
    (void)arg;
    void *p =
        mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    return p == MAP_FAILED ? errno : 0;
}

/* A `ret` instruction copied to buf and run: succeeds only if buf is executable. */
static void run_code_at(uint32_t *buf)
{
    buf[0] = 0xd65f03c0; /* ret */
    __builtin___clear_cache((char *)buf, (char *)(buf + 1));
    ((void (*)(void))buf)();
}

static int exec_stack_child(void *arg)
{
    uint32_t code[4];
    (void)arg;
    run_code_at(code);
    return 0;
}

static int exec_heap_child(void *arg)
{
    (void)arg;
    uint32_t *code = malloc(64);
    if (!code)
        return 90;
    run_code_at(code);
    return 0;
}

static int exec_anon_child(void *arg)
{
    (void)arg;
    void *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return 90;
    run_code_at(p);
    return 0;
}

static int exec_data_child(void *arg)
{
    static uint32_t code[4];
    (void)arg;
    run_code_at(code);
    return 0;
}

static int write_text_child(void *arg)
{
    (void)arg;
    *(volatile uint32_t *)(uintptr_t)&write_text_child = 0xd503201f; /* nop */
    return 0;
}

static int write_rodata_child(void *arg)
{
    static const char greeting[] = "read-only";
    (void)arg;
    *(volatile char *)(uintptr_t)greeting = 'R';
    return 0;
}

static void execute_attempts(void)
{
    CHECK("SIGSEGV/execute the stack", KILLED_BY(run_child(exec_stack_child, NULL, 5), SIGSEGV));
    CHECK("SIGSEGV/execute the heap", KILLED_BY(run_child(exec_heap_child, NULL, 5), SIGSEGV));
    CHECK("SIGSEGV/execute an anonymous RW mapping",
          KILLED_BY(run_child(exec_anon_child, NULL, 5), SIGSEGV));
    CHECK("SIGSEGV/execute writable data", KILLED_BY(run_child(exec_data_child, NULL, 5), SIGSEGV));
    CHECK("SIGSEGV/write program text", KILLED_BY(run_child(write_text_child, NULL, 5), SIGSEGV));
    CHECK("SIGSEGV/write read-only data",
          KILLED_BY(run_child(write_rodata_child, NULL, 5), SIGSEGV));
    CHECK("mmap/page 0 as a normal user: EPERM",
          EXITED_WITH(run_as_user(map_page_zero, NULL), EPERM));
}

/* Privileged instructions at EL0. */
static int read_ttbr1(void *arg)
{
    uint64_t v;
    (void)arg;
    __asm__ volatile("mrs %0, ttbr1_el1" : "=r"(v));
    return (int)(v & 1);
}

static int write_vbar(void *arg)
{
    (void)arg;
    __asm__ volatile("msr vbar_el1, %0" ::"r"(0UL));
    return 0;
}

static int mask_irqs(void *arg)
{
    (void)arg;
    __asm__ volatile("msr daifset, #2" ::: "memory");
    return 0;
}

static int read_sctlr(void *arg)
{
    uint64_t v;
    (void)arg;
    __asm__ volatile("mrs %0, sctlr_el1" : "=r"(v));
    return (int)(v & 1);
}

static int do_eret(void *arg)
{
    (void)arg;
    __asm__ volatile("eret" ::: "memory");
    return 0;
}

static int do_hvc(void *arg)
{
    (void)arg;
    __asm__ volatile("hvc #0" ::: "memory");
    return 0;
}

static int do_smc(void *arg)
{
    (void)arg;
    __asm__ volatile("smc #0" ::: "memory");
    return 0;
}

static void privileged_attempts(void)
{
    CHECK("SIGILL/mrs ttbr1_el1", KILLED_BY(run_child(read_ttbr1, NULL, 5), SIGILL));
    CHECK("SIGILL/mrs sctlr_el1", KILLED_BY(run_child(read_sctlr, NULL, 5), SIGILL));
    CHECK("SIGILL/msr vbar_el1", KILLED_BY(run_child(write_vbar, NULL, 5), SIGILL));
    CHECK("SIGILL/msr daifset (mask interrupts)", KILLED_BY(run_child(mask_irqs, NULL, 5), SIGILL));
    CHECK("SIGILL/eret", KILLED_BY(run_child(do_eret, NULL, 5), SIGILL));
    CHECK("SIGILL/hvc", KILLED_BY(run_child(do_hvc, NULL, 5), SIGILL));
    CHECK("SIGILL/smc", KILLED_BY(run_child(do_smc, NULL, 5), SIGILL));
}

/* Forged signal frames: the handler edits what rt_sigreturn restores. */
static enum {
    FORGE_EL1,
    FORGE_EL2,
    FORGE_DAIF,
    FORGE_AARCH32,
    FORGE_KERNEL_PC,
    FORGE_KERNEL_SP
} forge;

static void forging_handler(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    (void)sig;
    (void)si;
    switch (forge) {
    case FORGE_EL1:
        uc->uc_mcontext.pstate = 0x5; /* EL1h */
        break;
    case FORGE_EL2:
        uc->uc_mcontext.pstate = 0x9; /* EL2h */
        break;
    case FORGE_DAIF:
        uc->uc_mcontext.pstate |= 0x3c0; /* EL0t with D, A, I, F masked */
        break;
    case FORGE_AARCH32:
        uc->uc_mcontext.pstate = 0x10; /* AArch32 user mode */
        break;
    case FORGE_KERNEL_PC:
        uc->uc_mcontext.pc = 0xffff000040080000UL;
        break;
    case FORGE_KERNEL_SP:
        uc->uc_mcontext.sp = 0xffff000040080000UL;
        break;
    }
}

static int forge_child(void *arg)
{
    struct sigaction sa = {.sa_sigaction = forging_handler, .sa_flags = SA_SIGINFO};

    forge = (int)(intptr_t)arg;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    /* Only reached if the forged frame was accepted and ran on. */
    if (forge == FORGE_KERNEL_SP) {
        volatile char probe[64];
        probe[0] = 1;
        return probe[0] + 70;
    }
    return 80;
}

static void sigreturn_attempts(void)
{
    CHECK("rt_sigreturn/forged pstate EL1h: SIGSEGV",
          KILLED_BY(run_child(forge_child, (void *)FORGE_EL1, 5), SIGSEGV));
    CHECK("rt_sigreturn/forged pstate EL2h: SIGSEGV",
          KILLED_BY(run_child(forge_child, (void *)FORGE_EL2, 5), SIGSEGV));
    CHECK("rt_sigreturn/forged pstate with DAIF masked: SIGSEGV",
          KILLED_BY(run_child(forge_child, (void *)FORGE_DAIF, 5), SIGSEGV));
    CHECK("rt_sigreturn/forged pstate AArch32: SIGSEGV",
          KILLED_BY(run_child(forge_child, (void *)FORGE_AARCH32, 5), SIGSEGV));
    CHECK("rt_sigreturn/forged kernel pc faults in user mode: SIGSEGV",
          KILLED_BY(run_child(forge_child, (void *)FORGE_KERNEL_PC, 5), SIGSEGV));
    CHECK("rt_sigreturn/forged kernel sp faults in user mode: SIGSEGV",
          KILLED_BY(run_child(forge_child, (void *)FORGE_KERNEL_SP, 5), SIGSEGV));
}

/*
 * Kernel pointers to system calls: each call runs with every forbidden
 * address and must fail with EFAULT.  Raw syscall() throughout, so that no
 * libc wrapper or vDSO touches the pointer first.
 */
static long bad_ptr_call(int which, void *bad, int pipe_r, int pipe_w)
{
    struct iovec iov = {bad, 8};
    char *argv[] = {"true", NULL};
    struct stat st;

    switch (which) {
    case 0:
        return syscall(SYS_read, pipe_r, bad, 4);
    case 1:
        return syscall(SYS_write, pipe_w, bad, 4);
    case 2:
        return syscall(SYS_openat, AT_FDCWD, bad, O_RDONLY);
    case 3:
        return syscall(SYS_newfstatat, AT_FDCWD, bad, &st, 0);
    case 4:
        return syscall(SYS_newfstatat, AT_FDCWD, "/", bad, 0);
    case 5:
        return syscall(SYS_fstat, pipe_r, bad);
    case 6:
        return syscall(SYS_pipe2, bad, 0);
    case 7:
        return syscall(SYS_clock_gettime, CLOCK_MONOTONIC, bad);
    case 8:
        return syscall(SYS_uname, bad);
    case 9:
        return syscall(SYS_rt_sigaction, SIGUSR2, bad, NULL, 8);
    case 10:
        return syscall(SYS_rt_sigaction, SIGUSR2, NULL, bad, 8);
    case 11:
        return syscall(SYS_execve, bad, argv, NULL);
    case 12:
        return syscall(SYS_execve, "/bin/true", bad, NULL);
    case 13:
        return syscall(SYS_getcwd, bad, 256);
    case 14:
        return syscall(SYS_writev, pipe_w, bad, 1);
    case 15:
        return syscall(SYS_writev, pipe_w, &iov, 1);
    case 16:
        return syscall(SYS_readv, pipe_r, &iov, 1);
    case 17:
        return syscall(SYS_getrandom, bad, 16, 0);
    case 18:
        return syscall(SYS_nanosleep, bad, NULL);
    case 19:
        return syscall(SYS_rt_sigprocmask, SIG_BLOCK, bad, NULL, 8);
    case 20:
        return syscall(SYS_mkdirat, AT_FDCWD, bad, 0755);
    case 21:
        return syscall(SYS_getrlimit, RLIMIT_NOFILE, bad);
    case 22:
        return syscall(SYS_sysinfo, bad);
    case 23:
        return syscall(SYS_wait4, -1, bad, 0, NULL);
    }
    return -2;
}

static const char *const bad_ptr_names[] = {
    "read/buffer",        "write/buffer",     "openat/path",         "newfstatat/path",
    "newfstatat/statbuf", "fstat/statbuf",    "pipe2/fds",           "clock_gettime/timespec",
    "uname/utsname",      "rt_sigaction/act", "rt_sigaction/oldact", "execve/path",
    "execve/argv",        "getcwd/buffer",    "writev/iovec array",  "writev/iov_base",
    "readv/iov_base",     "getrandom/buffer", "nanosleep/timespec",  "rt_sigprocmask/set",
    "mkdirat/path",       "getrlimit/rlimit", "sysinfo/struct",      "wait4/status",
};
#define NBAD (sizeof bad_ptr_names / sizeof bad_ptr_names[0])

/* One bad-pointer call in a child (a call that blocks ends in SIGALRM):
 * exits 0 for EFAULT, the errno for another error, 200 for success. */
static unsigned bad_which;
static uintptr_t bad_addr;

static int bad_ptr_child(void *arg)
{
    int p[2];
    (void)arg;
    if (pipe(p) != 0 || write(p[1], "data", 4) != 4)
        return 201;
    if (bad_which == 23 && fork() == 0) /* wait4 needs a child to report */
        _exit(0);
    errno = 0;
    long r = bad_ptr_call(bad_which, (void *)bad_addr, p[0], p[1]);
    return r != -1 ? 200 : errno == EFAULT ? 0 : errno;
}

static int edge_read_child(void *arg)
{
    return ERRNO_OF(syscall(SYS_read, *(int *)arg, (void *)(USER_TOP - 8), 64));
}

static void syscall_pointer_attempts(void)
{
    int p[2];
    char name[160];

    for (unsigned which = 0; which < NBAD; which++) {
        int all_efault = 1;
        for (unsigned i = 0; i < NFORBIDDEN; i++) {
            bad_which = which;
            bad_addr = forbidden[i].addr;
            int st = run_child(bad_ptr_child, NULL, 5);
            if (!EXITED_WITH(st, 0)) {
                say("FAIL detail: %s with %s (0x%lx): wait status 0x%x\n", bad_ptr_names[which],
                    forbidden[i].what, (unsigned long)forbidden[i].addr, st);
                all_efault = 0;
            }
        }
        snprintf(name, sizeof name, "%s: kernel and non-canonical pointers give EFAULT",
                 bad_ptr_names[which]);
        CHECK(name, all_efault);
    }

    if (pipe(p) != 0) {
        CHECK("pipe2/for the pointer checks", 0);
        return;
    }
    /* A buffer that starts in user space and runs past its top. */
    char *edge = (char *)(USER_TOP - 8);
    CHECK_ERRNO("write/buffer straddling the top of user space", syscall(SYS_write, p[1], edge, 64),
                EFAULT);
    CHECK("read/buffer straddling the top of user space, from an empty pipe: EFAULT, no wait",
          EXITED_WITH(run_child(edge_read_child, &p[0], 5), EFAULT));
    CHECK_ERRNO("getrandom/length wrapping the address space",
                syscall(SYS_getrandom, (void *)(USER_TOP - PAGE), (size_t)-1 / 2, 0), EFAULT);

    /* A read-only destination: program text. */
    uint32_t before = *(volatile uint32_t *)(uintptr_t)&bad_ptr_call;
    if (write(p[1], "XXXX", 4) != 4)
        CHECK("write/pipe for the text check", 0);
    CHECK_ERRNO("read/into program text",
                syscall(SYS_read, p[0], (void *)(uintptr_t)&bad_ptr_call, 4), EFAULT);
    CHECK("read/program text unchanged", *(volatile uint32_t *)(uintptr_t)&bad_ptr_call == before);
    close(p[0]);
    close(p[1]);

    /* The memory-management calls on kernel ranges. */
    void *k = (void *)forbidden[0].addr;
    void *m = mmap(k, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK("mmap/MAP_FIXED at a kernel address: ENOMEM", m == MAP_FAILED && errno == ENOMEM);
    m = mmap((void *)(USER_TOP - PAGE), 2 * PAGE, PROT_READ,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK("mmap/MAP_FIXED across the top of user space: ENOMEM",
          m == MAP_FAILED && errno == ENOMEM);
    m = mmap(k, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    CHECK("mmap/a kernel hint is not honoured", m != MAP_FAILED && (uintptr_t)m < USER_TOP);
    if (m != MAP_FAILED)
        munmap(m, PAGE);
    CHECK_ERRNO("mprotect/a kernel range", mprotect(k, PAGE, PROT_READ | PROT_WRITE), ENOMEM);
    CHECK_ERRNO("munmap/a kernel range", munmap(k, PAGE), EINVAL);
    long brk0 = syscall(SYS_brk, 0);
    CHECK("brk/a kernel address leaves the break where it was", syscall(SYS_brk, k) == brk0);
}

/* Another process's memory. */
static volatile int shared_looking = 1;

static int cow_child(void *arg)
{
    (void)arg;
    shared_looking = 2;
    return shared_looking;
}

#define SECRET_ADDR 0x5500000000UL

static int ptrace_init(void *arg)
{
    (void)arg;
    return ERRNO_OF(syscall(SYS_ptrace, 16 /* PTRACE_ATTACH */, 1, 0, 0));
}

static int vm_read_init(void *arg)
{
    char buf[16];
    struct iovec local = {buf, sizeof buf}, remote = {(void *)0x400000, sizeof buf};
    (void)arg;
    return ERRNO_OF(syscall(SYS_process_vm_readv, 1, &local, 1, &remote, 1, 0));
}

static int proc_mem_init(void *arg)
{
    (void)arg;
    return ERRNO_OF(open("/proc/1/mem", O_RDONLY));
}

static int kill_init(void *arg)
{
    (void)arg;
    return ERRNO_OF(kill(1, SIGKILL));
}

static int kill_root_process(void *arg)
{
    return ERRNO_OF(kill(*(pid_t *)arg, SIGKILL));
}

static int become_root(void *arg)
{
    (void)arg;
    int a = ERRNO_OF(setuid(0));
    int b = ERRNO_OF(setresuid(0, 0, 0));
    int c = ERRNO_OF(setgid(0));
    return a == EPERM && b == EPERM && c == EPERM && getuid() == 1000 ? 0 : 1;
}

static int chroot_user(void *arg)
{
    (void)arg;
    return ERRNO_OF(syscall(SYS_chroot, "/tmp"));
}

static int native_calls(void *arg)
{
    (void)arg;
    for (long n = KEEL_NATIVE_BASE; n < KEEL_NATIVE_BASE + 16; n++) {
        errno = 0;
        if (syscall(n, 0xffff000000000000UL, 4096, 0, 0, 0, 0) != -1 || errno != ENOSYS)
            return 1;
    }
    return 0;
}

static int is_refusal(int st, int e1, int e2)
{
    return st != -1 && WIFEXITED(st) && (WEXITSTATUS(st) == e1 || WEXITSTATUS(st) == e2);
}

static void process_attempts(void)
{
    CHECK("clone/a child's write stays private", EXITED_WITH(run_child(cow_child, NULL, 5), 2));
    CHECK("clone/the parent's copy is untouched", shared_looking == 1);

    /* A page mapped after fork exists in the parent only. */
    int go[2];
    if (pipe(go) != 0) {
        CHECK("pipe2/for the secret check", 0);
        return;
    }
    pid_t reader = fork();
    if (reader == 0) {
        char c;
        alarm(5);
        if (read(go[0], &c, 1) != 1)
            _exit(90);
        _exit(*(volatile int *)SECRET_ADDR); /* mapped in the parent only */
    }
    int *secret = mmap((void *)SECRET_ADDR, PAGE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    CHECK("mmap/the secret page", secret != MAP_FAILED);
    if (secret != MAP_FAILED)
        *secret = 0x5ec7e7;
    if (write(go[1], "g", 1) != 1)
        CHECK("write/go", 0);
    int st = -1;
    waitpid(reader, &st, 0);
    CHECK("SIGSEGV/another process's page is not mapped here", KILLED_BY(st, SIGSEGV));
    if (secret != MAP_FAILED)
        munmap(secret, PAGE);
    close(go[0]);
    close(go[1]);

    /* Debugging interfaces: refused (Keel has none: ENOSYS; Linux: EPERM/EACCES). */
    CHECK("ptrace/attach to init as a normal user is refused",
          is_refusal(run_as_user(ptrace_init, NULL), EPERM, ENOSYS));
    CHECK("process_vm_readv/init's memory as a normal user is refused",
          is_refusal(run_as_user(vm_read_init, NULL), EPERM, ENOSYS));
    CHECK("openat//proc/1/mem as a normal user is refused",
          is_refusal(run_as_user(proc_mem_init, NULL), EACCES, ENOENT));

    /* Privileges. */
    CHECK("kill/init as a normal user: EPERM", EXITED_WITH(run_as_user(kill_init, NULL), EPERM));
    pid_t victim = fork();
    if (victim == 0) {
        alarm(10);
        pause();
        _exit(0);
    }
    CHECK("kill/a root process as a normal user: EPERM",
          EXITED_WITH(run_as_user(kill_root_process, &victim), EPERM));
    kill(victim, SIGKILL);
    waitpid(victim, &st, 0);
    CHECK("setuid/a normal user cannot become root",
          EXITED_WITH(run_as_user(become_root, NULL), 0));
    CHECK("chroot/a normal user: EPERM", EXITED_WITH(run_as_user(chroot_user, NULL), EPERM));
    CHECK("ENOSYS/Keel's native calls are refused to ordinary programs",
          EXITED_WITH(run_child(native_calls, NULL, 5), 0));
    CHECK("ENOSYS/native calls refused to a normal user too",
          EXITED_WITH(run_as_user(native_calls, NULL), 0));
}

int main(int argc, char **argv)
{
    check_init(argc, argv);
    memory_attempts();
    execute_attempts();
    privileged_attempts();
    sigreturn_attempts();
    syscall_pointer_attempts();
    process_attempts();
    return check_done("security");
}
