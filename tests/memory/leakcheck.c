/*
 * tests/memory/leakcheck.c — the leak check of `make test-memory`: the
 * free page count (/proc/meminfo's MemFree, which Keel's procfs takes from
 * the kernel's page allocator) must come back to its baseline after each
 * workload:
 *   - 1000 fork + execve(/bin/true) + exit + wait;
 *   - 200 pipes, each carrying 64 KiB from a child to its parent, and 20
 *     shell pipelines (`seq | sort | wc`);
 *   - tmpfs churn: 20 rounds of 50 files of 8 KiB created, renamed and
 *     removed, with a directory made and removed per round;
 *   - 200 anonymous 1 MiB mappings, touched and unmapped.
 * The whole sequence runs once at a smaller scale first (the warm-up), so
 * that what is allocated once and kept on purpose (the VFS server's heap,
 * the kernel heap's slabs) is in the baseline.  Checked: MemFree after the
 * 1000 fork+exec+exit (kernel memory only) and after the whole workload;
 * the other phases are logged ("info" lines), since the server's heap
 * moves in between (20 pipelines leave it 12 kB larger until the tmpfs
 * churn frees enough for newlib to trim it).  Only Keel
 * promises an exact count: Linux's MemFree moves with its page cache, so
 * `make test-memory` runs this on Keel alone.
 *
 * Prints failures and "syscalls-memory-leak: N passed, N failed".
 */
#include "../syscalls/check.h"

#include <fcntl.h>

static long mem_free_kb(void)
{
    char buf[4096];
    long kb = -1;
    int fd = open("/proc/meminfo", O_RDONLY);
    if (fd < 0)
        return -1;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = 0;
    char *p = strstr(buf, "MemFree:");
    if (p)
        kb = strtol(p + 8, NULL, 10);
    return kb;
}

/* settle: let exited processes be reaped and deferred work run. */
static long settled_free_kb(void)
{
    usleep(200000);
    return mem_free_kb();
}

static int fork_exec(int n)
{
    for (int i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0)
            return -1;
        if (pid == 0) {
            execl("/bin/true", "true", (char *)NULL);
            _exit(127);
        }
        int st;
        if (waitpid(pid, &st, 0) != pid || !EXITED_WITH(st, 0))
            return -1;
    }
    return 0;
}

static int pipes(int n, int pipelines)
{
    static char buf[65536];
    for (int i = 0; i < n; i++) {
        int p[2];
        if (pipe(p) != 0)
            return -1;
        pid_t pid = fork();
        if (pid < 0)
            return -1;
        if (pid == 0) {
            close(p[0]);
            memset(buf, 'p', sizeof buf);
            _exit(write(p[1], buf, sizeof buf) == (ssize_t)sizeof buf ? 0 : 1);
        }
        close(p[1]);
        size_t got = 0;
        ssize_t r;
        while ((r = read(p[0], buf, sizeof buf)) > 0)
            got += (size_t)r;
        close(p[0]);
        int st;
        if (waitpid(pid, &st, 0) != pid || !EXITED_WITH(st, 0) || got != sizeof buf)
            return -1;
    }
    for (int i = 0; i < pipelines; i++)
        if (system("seq 1 500 | sort -r | wc -l >/dev/null") != 0)
            return -1;
    return 0;
}

static int tmpfs_churn(int rounds)
{
    static char data[8192];
    char name[64], other[64];
    memset(data, 't', sizeof data);
    for (int r = 0; r < rounds; r++) {
        if (mkdir("churn", 0755) != 0)
            return -1;
        for (int i = 0; i < 50; i++) {
            snprintf(name, sizeof name, "churn/f%d", i);
            int fd = open(name, O_CREAT | O_WRONLY | O_TRUNC, 0644);
            if (fd < 0 || write(fd, data, sizeof data) != (ssize_t)sizeof data || close(fd) != 0)
                return -1;
            snprintf(other, sizeof other, "churn/g%d", i);
            if (rename(name, other) != 0)
                return -1;
        }
        for (int i = 0; i < 50; i++) {
            snprintf(other, sizeof other, "churn/g%d", i);
            if (unlink(other) != 0)
                return -1;
        }
        if (rmdir("churn") != 0)
            return -1;
    }
    return 0;
}

static int mappings(int n)
{
    for (int i = 0; i < n; i++) {
        char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return -1;
        for (int off = 0; off < (1 << 20); off += 4096)
            p[off] = (char)off;
        if (munmap(p, 1 << 20) != 0)
            return -1;
    }
    return 0;
}

/* note: MemFree against the baseline in mid-workload, for the log only:
 * the VFS server's heap grows and shrinks with what runs (the warm-up ran
 * the same sequence, so it ends where the warm-up ended). */
static void note(const char *name, long baseline)
{
    long now = settled_free_kb();
    say("info %s: MemFree %ld kB (%+ld kB)\n", name, now, now - baseline);
}

static void check_back(const char *name, long baseline)
{
    long now = settled_free_kb();
    char full[128];
    snprintf(full, sizeof full, "leak/%s: MemFree back to the baseline", name);
    if (now != baseline)
        say("FAIL detail: %s: MemFree %ld kB, baseline %ld kB (%+ld kB)\n", name, now, baseline,
            now - baseline);
    CHECK(full, now == baseline);
}

int main(int argc, char **argv)
{
    check_init(argc, argv);
    if (!scratch_dir("leak")) {
        CHECK("leak/scratch directory", 0);
        return check_done("memory-leak");
    }
    CHECK("leak/MemFree readable", mem_free_kb() > 0);

    /* Warm-up: every workload once, smaller. */
    CHECK_OK("leak/warm-up fork+exec", fork_exec(50));
    CHECK_OK("leak/warm-up pipes", pipes(20, 20));
    CHECK_OK("leak/warm-up tmpfs", tmpfs_churn(2));
    CHECK_OK("leak/warm-up mappings", mappings(10));
    long baseline = settled_free_kb();
    say("info memfree-baseline %ld\n", baseline);

    CHECK_OK("leak/1000 fork+exec+exit", fork_exec(1000));
    check_back("after 1000 fork+exec+exit", baseline);
    CHECK_OK("leak/200 pipes", pipes(200, 0));
    note("after 200 pipes", baseline);
    CHECK_OK("leak/20 pipelines", pipes(0, 20));
    note("after 20 pipelines", baseline);
    CHECK_OK("leak/20 rounds of tmpfs churn", tmpfs_churn(20));
    note("after tmpfs churn", baseline);
    CHECK_OK("leak/200 1 MiB mappings", mappings(200));
    check_back("after the whole workload", baseline);

    scratch_remove();
    return check_done("memory-leak");
}
