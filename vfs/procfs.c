/*
 * vfs/procfs.c — /proc, formatted as Linux 6.1 formats it (fs/proc/array.c,
 * meminfo.c, uptime.c, version.c, arch/arm64/kernel/cpuinfo.c,
 * fs/proc_namespace.c), so that toybox ps, top, free, df and mount read it.
 * The facts come from the query callback (abi/query.h); the text of a file
 * is made when it is opened and again whenever it is read from offset 0.
 *
 * Nodes other than the root are made by each lookup (they hold their
 * parent) and swept at the end of the operation unless a handle holds
 * them; see internal.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi/query.h"
#include "internal.h"

enum pkind {
    P_ROOT = 1,
    P_SELF,     /* /proc/self -> "<pid>" */
    P_GLOBAL,   /* /proc/meminfo ...: which = root_files index */
    P_PID_DIR,  /* /proc/<pid> */
    P_PID_FILE, /* /proc/<pid>/stat ...: which = pid_entries index */
    P_PID_LINK, /* /proc/<pid>/exe, cwd, root */
    P_FD_DIR,   /* /proc/<pid>/fd */
    P_FD_LINK,  /* /proc/<pid>/fd/<n> */
};

/* ---- text buffers ---------------------------------------------------------- */

struct tbuf {
    char *p;
    size_t len, cap;
    int err;
};

static void tb_add(struct tbuf *b, const char *s, size_t n)
{
    if (b->err)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 512;
        char *p;

        while (cap < b->len + n + 1)
            cap *= 2;
        p = realloc(b->p, cap);
        if (!p) {
            b->err = -ENOMEM;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

static void tb_puts(struct tbuf *b, const char *s)
{
    tb_add(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3))) static void tb_printf(struct tbuf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->err = -EINVAL;
        return;
    }
    if ((size_t)n < sizeof small) {
        tb_add(b, small, (size_t)n);
        return;
    }
    {
        char *big = malloc((size_t)n + 1);

        if (!big) {
            b->err = -ENOMEM;
            return;
        }
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        tb_add(b, big, (size_t)n);
        free(big);
    }
}

/* ---- queries ------------------------------------------------------------------ */

static int64_t query(struct vfs *v, uint32_t what, uint64_t index, void *buf, size_t len)
{
    if (!v->cfg.query)
        return -ENOSYS;
    return v->cfg.query(v->cfg.cb_ctx, what, index, buf, len);
}

static int get_process(struct vfs *v, int32_t pid, struct query_process *p)
{
    int64_t r;

    if (pid <= 0)
        return -ESRCH;
    r = query(v, QUERY_PROCESS, (uint64_t)pid, p, sizeof *p);
    if (r != (int64_t)sizeof *p)
        return -ESRCH;
    p->name[QUERY_NAME_LEN - 1] = 0;
    if (p->cmdline_len > QUERY_CMDLINE_LEN)
        p->cmdline_len = QUERY_CMDLINE_LEN;
    return 0;
}

static void get_system(struct vfs *v, struct query_system *s)
{
    if (query(v, QUERY_SYSTEM, 0, s, sizeof *s) != (int64_t)sizeof *s)
        memset(s, 0, sizeof *s);
    s->sysname[64] = s->release[64] = s->version[64] = s->machine[64] = 0;
    if (!s->page_size)
        s->page_size = 4096;
}

/* get_fd: the record of descriptor fd of pid; -ENOENT if not open. */
static int get_fd(struct vfs *v, int32_t pid, int32_t fd, struct query_fd *out)
{
    int64_t r;

    if (fd < 0)
        return -ENOENT;
    r = query(v, QUERY_FDS, (uint32_t)pid | (uint64_t)(uint32_t)fd << 32, out, sizeof *out);
    if (r != (int64_t)sizeof *out || out->fd != fd)
        return -ENOENT;
    return 0;
}

static uint64_t ns_to_ticks(uint64_t ns)
{
    return ns / (1000000000u / LINUX_USER_HZ);
}

/* ---- the files ------------------------------------------------------------------ */

typedef int (*gen_fn)(struct vfs *v, int32_t pid, struct tbuf *b);

static void meminfo_line(struct tbuf *b, const char *label, uint64_t kb)
{
    tb_printf(b, "%-16s%8llu kB\n", label, (unsigned long long)kb);
}

static int gen_meminfo(struct vfs *v, int32_t pid, struct tbuf *b)
{
    struct query_system s;
    uint64_t kb, total, free_kb;

    get_system(v, &s);
    kb = s.page_size / 1024;
    total = s.total_pages * kb;
    free_kb = s.free_pages * kb;
    meminfo_line(b, "MemTotal:", total);
    meminfo_line(b, "MemFree:", free_kb);
    meminfo_line(b, "MemAvailable:", free_kb);
    meminfo_line(b, "Buffers:", 0);
    meminfo_line(b, "Cached:", 0);
    meminfo_line(b, "SwapCached:", 0);
    meminfo_line(b, "Active:", 0);
    meminfo_line(b, "Inactive:", 0);
    meminfo_line(b, "SwapTotal:", 0);
    meminfo_line(b, "SwapFree:", 0);
    meminfo_line(b, "Dirty:", 0);
    meminfo_line(b, "Writeback:", 0);
    meminfo_line(b, "AnonPages:", 0);
    meminfo_line(b, "Mapped:", 0);
    meminfo_line(b, "Shmem:", 0);
    meminfo_line(b, "Slab:", 0);
    meminfo_line(b, "SReclaimable:", 0);
    meminfo_line(b, "SUnreclaim:", 0);
    meminfo_line(b, "KernelStack:", 0);
    meminfo_line(b, "PageTables:", 0);
    meminfo_line(b, "CommitLimit:", total / 2);
    meminfo_line(b, "Committed_AS:", total - free_kb);
    meminfo_line(b, "VmallocTotal:", 0);
    meminfo_line(b, "VmallocUsed:", 0);
    meminfo_line(b, "VmallocChunk:", 0);
    return b->err;
}

static int gen_cpuinfo(struct vfs *v, int32_t pid, struct tbuf *b)
{
    struct query_system s;
    struct query_cpu cpu;
    uint32_t i;

    get_system(v, &s);
    for (i = 0; i < s.cpu_count; i++) {
        uint64_t lpj_hz; /* loops_per_jiffy * HZ: the timer's rate */
        const char *f;

        if (query(v, QUERY_CPU, i, &cpu, sizeof cpu) != (int64_t)sizeof cpu)
            break;
        cpu.features[QUERY_FEATURES_LEN - 1] = 0;
        lpj_hz = cpu.timer_hz;
        tb_printf(b, "processor\t: %u\n", i);
        tb_printf(b, "BogoMIPS\t: %llu.%02llu\n", (unsigned long long)(lpj_hz / 500000),
                  (unsigned long long)(lpj_hz / 5000 % 100));
        tb_puts(b, "Features\t:");
        for (f = cpu.features; *f;) {
            size_t n;

            while (*f == ' ')
                f++;
            n = strcspn(f, " ");
            if (n) {
                tb_puts(b, " ");
                tb_add(b, f, n);
            }
            f += n;
        }
        tb_puts(b, "\n");
        tb_printf(b, "CPU implementer\t: 0x%02x\n", cpu.implementer);
        tb_printf(b, "CPU architecture: %u\n", cpu.architecture ? cpu.architecture : 8);
        tb_printf(b, "CPU variant\t: 0x%x\n", cpu.variant);
        tb_printf(b, "CPU part\t: 0x%03x\n", cpu.part);
        tb_printf(b, "CPU revision\t: %u\n\n", cpu.revision);
    }
    return b->err;
}

static int gen_uptime(struct vfs *v, int32_t pid, struct tbuf *b)
{
    struct query_system s;

    get_system(v, &s);
    tb_printf(b, "%llu.%02llu %llu.%02llu\n", (unsigned long long)(s.uptime_ns / 1000000000u),
              (unsigned long long)(s.uptime_ns % 1000000000u / 10000000u),
              (unsigned long long)(s.idle_ns / 1000000000u),
              (unsigned long long)(s.idle_ns % 1000000000u / 10000000u));
    return b->err;
}

static int gen_version(struct vfs *v, int32_t pid, struct tbuf *b)
{
    struct query_system s;

    get_system(v, &s);
    tb_printf(b, "%s version %s (keel@keel) (gcc version %s) %s\n",
              s.sysname[0] ? s.sysname : "Keel", s.release, __VERSION__, s.version);
    return b->err;
}

/* mangle: a path or name as /proc/mounts shows it (space, tab, newline and
 * backslash as octal escapes). */
static void mangle(struct tbuf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\\')
            tb_printf(b, "\\%03o", (unsigned char)*s);
        else
            tb_add(b, s, 1);
    }
}

static int gen_mounts(struct vfs *v, int32_t pid, struct tbuf *b)
{
    struct mount *m;
    char *path = malloc(LINUX_PATH_MAX);

    if (!path)
        return -ENOMEM;
    for (m = v->mounts; m; m = m->next) {
        struct loc l = {m, m->fs->root};
        uint32_t f = m->flags;

        if (loc_path(v, l, path, LINUX_PATH_MAX) < 0)
            continue;
        mangle(b, m->source);
        tb_puts(b, " ");
        mangle(b, path);
        tb_printf(b, " %s %s", m->type_name, f & LINUX_MS_RDONLY ? "ro" : "rw");
        if (f & LINUX_MS_SYNCHRONOUS)
            tb_puts(b, ",sync");
        if (f & LINUX_MS_NOSUID)
            tb_puts(b, ",nosuid");
        if (f & LINUX_MS_NODEV)
            tb_puts(b, ",nodev");
        if (f & LINUX_MS_NOEXEC)
            tb_puts(b, ",noexec");
        if (f & LINUX_MS_NOATIME)
            tb_puts(b, ",noatime");
        else if (!(f & LINUX_MS_STRICTATIME))
            tb_puts(b, ",relatime");
        if (fs_is_tmpfs(m->fs) && (m->fs->root->mode & 07777) != 01777)
            tb_printf(b, ",mode=%03o", m->fs->root->mode & 07777);
        tb_puts(b, " 0 0\n");
    }
    free(path);
    return b->err;
}

static int gen_filesystems(struct vfs *v, int32_t pid, struct tbuf *b)
{
    tb_puts(b, "nodev\trootfs\nnodev\ttmpfs\nnodev\tdevtmpfs\nnodev\tproc\n");
    return b->err;
}

static int gen_loadavg(struct vfs *v, int32_t pid, struct tbuf *b)
{
    struct query_system s;

    get_system(v, &s);
    tb_printf(b, "0.00 0.00 0.00 %u/%u %u\n", s.nrunning, s.nprocs, s.last_pid);
    return b->err;
}

static int gen_stat(struct vfs *v, int32_t pid, struct tbuf *b)
{
    struct query_system s;
    uint32_t i;

    get_system(v, &s);
    tb_printf(b, "cpu  0 0 0 %llu 0 0 0 0 0 0\n", (unsigned long long)ns_to_ticks(s.idle_ns));
    for (i = 0; i < s.cpu_count; i++)
        tb_printf(b, "cpu%u 0 0 0 0 0 0 0 0 0 0\n", i);
    tb_printf(b,
              "intr 0\nctxt 0\nbtime %lld\nprocesses %llu\nprocs_running %u\n"
              "procs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n",
              (long long)s.boot_time, (unsigned long long)s.forks, s.nrunning);
    return b->err;
}

static int gen_pid_stat(struct vfs *v, int32_t pid, struct tbuf *b)
{
    struct query_process p;
    int err = get_process(v, pid, &p);
    int mm = p.vsize != 0;

    if (err)
        return err;
    tb_printf(b, "%d (%s) %c %d %d %d %u %d %u 0 0 0 0 %llu %llu 0 0 %d %d %u 0 %llu %llu %llu",
              p.pid, p.name, p.state ? p.state : '?', p.ppid, p.pgid, p.sid, p.tty, p.tpgid,
              0x400000u, (unsigned long long)ns_to_ticks(p.utime_ns),
              (unsigned long long)ns_to_ticks(p.stime_ns), 20 + p.nice, p.nice,
              p.threads ? p.threads : 1, (unsigned long long)ns_to_ticks(p.start_ns),
              (unsigned long long)p.vsize, (unsigned long long)p.rss);
    /* rsslim startcode endcode startstack kstkesp kstkeip signal blocked
     * sigignore sigcatch wchan nswap cnswap exit_signal processor
     * rt_priority policy delayacct_blkio_ticks guest_time cguest_time
     * start_data end_data start_brk arg_start arg_end env_start env_end
     * exit_code */
    tb_printf(b, " 18446744073709551615 %d %d 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n",
              mm, mm);
    return b->err;
}

static const char *state_name(char s)
{
    switch (s) {
    case 'R':
        return "R (running)";
    case 'S':
        return "S (sleeping)";
    case 'D':
        return "D (disk sleep)";
    case 'T':
        return "T (stopped)";
    case 't':
        return "t (tracing stop)";
    case 'X':
        return "X (dead)";
    case 'Z':
        return "Z (zombie)";
    case 'P':
        return "P (parked)";
    case 'I':
        return "I (idle)";
    default:
        return "S (sleeping)";
    }
}

static void status_kb(struct tbuf *b, const char *label, uint64_t kb)
{
    tb_printf(b, "%s\t%8llu kB\n", label, (unsigned long long)kb);
}

static int gen_pid_status(struct vfs *v, int32_t pid, struct tbuf *b)
{
    struct query_process p;
    const char *s;
    int err = get_process(v, pid, &p);
    uint64_t caps = p.euid == 0 ? 0x000001ffffffffffull : 0;

    if (err)
        return err;
    tb_puts(b, "Name:\t");
    for (s = p.name; *s; s++) {
        if (*s == '\n')
            tb_puts(b, "\\n");
        else if (*s == '\\')
            tb_puts(b, "\\\\");
        else
            tb_add(b, s, 1);
    }
    tb_printf(b,
              "\nUmask:\t%#04o\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
              "TracerPid:\t0\n",
              p.umask & 0777, state_name(p.state), p.pid, p.pid, p.ppid);
    tb_printf(b, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", p.uid, p.euid, p.euid, p.euid,
              p.gid, p.egid, p.egid, p.egid);
    tb_printf(b, "FDSize:\t64\nGroups:\t\nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
              p.pid, p.pid, p.pgid, p.sid);
    if (p.vsize) {
        uint64_t vm = p.vsize / 1024, rss = p.rss * 4;

        status_kb(b, "VmPeak:", vm);
        status_kb(b, "VmSize:", vm);
        status_kb(b, "VmLck:", 0);
        status_kb(b, "VmPin:", 0);
        status_kb(b, "VmHWM:", rss);
        status_kb(b, "VmRSS:", rss);
        status_kb(b, "RssAnon:", rss);
        status_kb(b, "RssFile:", 0);
        status_kb(b, "RssShmem:", 0);
        status_kb(b, "VmData:", 0);
        status_kb(b, "VmStk:", 0);
        status_kb(b, "VmExe:", 0);
        status_kb(b, "VmLib:", 0);
        status_kb(b, "VmPTE:", 0);
        status_kb(b, "VmSwap:", 0);
    }
    tb_printf(b, "Threads:\t%u\nSigQ:\t0/0\n", p.threads ? p.threads : 1);
    tb_puts(b, "SigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\n"
               "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n"
               "SigCgt:\t0000000000000000\nCapInh:\t0000000000000000\n");
    tb_printf(b,
              "CapPrm:\t%016llx\nCapEff:\t%016llx\nCapBnd:\t000001ffffffffff\n"
              "CapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t0\n"
              "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n",
              (unsigned long long)caps, (unsigned long long)caps);
    return b->err;
}

static int gen_pid_cmdline(struct vfs *v, int32_t pid, struct tbuf *b)
{
    struct query_process p;
    int err = get_process(v, pid, &p);

    if (err)
        return err;
    tb_add(b, p.cmdline, p.cmdline_len);
    return b->err;
}

static int gen_pid_comm(struct vfs *v, int32_t pid, struct tbuf *b)
{
    struct query_process p;
    int err = get_process(v, pid, &p);

    if (err)
        return err;
    tb_printf(b, "%s\n", p.name);
    return b->err;
}

static int gen_pid_statm(struct vfs *v, int32_t pid, struct tbuf *b)
{
    struct query_process p;
    int err = get_process(v, pid, &p);

    if (err)
        return err;
    tb_printf(b, "%llu %llu 0 0 0 0 0\n", (unsigned long long)(p.vsize / 4096),
              (unsigned long long)p.rss);
    return b->err;
}

/* ---- the directories' entries ------------------------------------------------------- */

struct pentry {
    const char *name;
    uint32_t mode;
    enum pkind kind;
    gen_fn gen;
};

/* /proc: "self" first, then the files; the pids follow. */
static const struct pentry root_files[] = {
    {"self", LINUX_S_IFLNK | 0777, P_SELF, NULL},
    {"cpuinfo", LINUX_S_IFREG | 0444, P_GLOBAL, gen_cpuinfo},
    {"filesystems", LINUX_S_IFREG | 0444, P_GLOBAL, gen_filesystems},
    {"loadavg", LINUX_S_IFREG | 0444, P_GLOBAL, gen_loadavg},
    {"meminfo", LINUX_S_IFREG | 0444, P_GLOBAL, gen_meminfo},
    {"mounts", LINUX_S_IFREG | 0444, P_GLOBAL, gen_mounts},
    {"stat", LINUX_S_IFREG | 0444, P_GLOBAL, gen_stat},
    {"uptime", LINUX_S_IFREG | 0444, P_GLOBAL, gen_uptime},
    {"version", LINUX_S_IFREG | 0444, P_GLOBAL, gen_version},
};
#define NROOT (sizeof root_files / sizeof root_files[0])

#define LINK_EXE 0
#define LINK_CWD 1
#define LINK_ROOT 2

static const struct pentry pid_entries[] = {
    {"cmdline", LINUX_S_IFREG | 0444, P_PID_FILE, gen_pid_cmdline},
    {"comm", LINUX_S_IFREG | 0644, P_PID_FILE, gen_pid_comm},
    {"cwd", LINUX_S_IFLNK | 0777, P_PID_LINK, NULL},
    {"exe", LINUX_S_IFLNK | 0777, P_PID_LINK, NULL},
    {"fd", LINUX_S_IFDIR | 0500, P_FD_DIR, NULL},
    {"mounts", LINUX_S_IFREG | 0444, P_PID_FILE, gen_mounts},
    {"root", LINUX_S_IFLNK | 0777, P_PID_LINK, NULL},
    {"stat", LINUX_S_IFREG | 0444, P_PID_FILE, gen_pid_stat},
    {"statm", LINUX_S_IFREG | 0444, P_PID_FILE, gen_pid_statm},
    {"status", LINUX_S_IFREG | 0444, P_PID_FILE, gen_pid_status},
};
#define NPID (sizeof pid_entries / sizeof pid_entries[0])

static uint32_t link_which(const char *name)
{
    return !strcmp(name, "exe") ? LINK_EXE : !strcmp(name, "cwd") ? LINK_CWD : LINK_ROOT;
}

/* Cookies: 0 ".", 1 "..", then 2 + table index; pids and fds at
 * COOKIE_BASE + number. */
#define COOKIE_BASE ((uint64_t)1 << 32)

/* ---- nodes -------------------------------------------------------------------------------- */

static struct vnode *pnode_new(struct vfs *v, struct vnode *parent, enum pkind kind, uint32_t mode,
                               uint32_t which, int32_t pid, int32_t fd, const char *name)
{
    struct vnode *n = node_alloc(v, parent->fs, mode);

    if (!n)
        return NULL;
    n->u.proc.kind = kind;
    n->u.proc.which = which;
    n->u.proc.pid = pid;
    n->u.proc.fd = fd;
    snprintf(n->u.proc.name, sizeof n->u.proc.name, "%s", name);
    n->parent = parent;
    vnode_get(parent);
    n->uid = parent->uid;
    n->gid = parent->gid;
    n->nlink = IS_DIR(n) ? 2 : 1;
    /* Stable inode numbers: the same file always has the same one. */
    switch (kind) {
    case P_PID_DIR:
        n->ino = COOKIE_BASE + ((uint64_t)(uint32_t)pid << 8);
        break;
    case P_PID_FILE:
    case P_PID_LINK:
    case P_FD_DIR:
        n->ino = COOKIE_BASE + ((uint64_t)(uint32_t)pid << 8) + 1 + which;
        break;
    case P_FD_LINK:
        n->ino = (COOKIE_BASE << 8) + ((uint64_t)(uint32_t)pid << 20) + (uint32_t)fd;
        break;
    default:
        n->ino = 2 + which;
        break;
    }
    n->eph_next = v->eph;
    v->eph = n;
    return n;
}

static int parse_number(const char *name, size_t len, int32_t *out)
{
    uint64_t val = 0;
    size_t i;

    if (len == 0 || len > 10 || (name[0] == '0' && len > 1))
        return -1;
    for (i = 0; i < len; i++) {
        if (name[i] < '0' || name[i] > '9')
            return -1;
        val = val * 10 + (uint64_t)(name[i] - '0');
    }
    if (val > INT32_MAX)
        return -1;
    *out = (int32_t)val;
    return 0;
}

static int p_lookup(struct vfs *v, const struct vfs_ctx *c, struct vnode *dir, const char *name,
                    size_t len, struct vnode **out)
{
    char nm[16];
    int32_t num;
    size_t i;

    *out = NULL;
    switch (dir->u.proc.kind) {
    case P_ROOT:
        for (i = 0; i < NROOT; i++) {
            if (strlen(root_files[i].name) == len && !memcmp(root_files[i].name, name, len)) {
                *out = pnode_new(v, dir, root_files[i].kind, root_files[i].mode, (uint32_t)i, 0, -1,
                                 root_files[i].name);
                return *out ? 0 : -ENOMEM;
            }
        }
        if (!parse_number(name, len, &num)) {
            struct query_process p;

            if (get_process(v, num, &p))
                return 0;
            snprintf(nm, sizeof nm, "%d", num);
            *out = pnode_new(v, dir, P_PID_DIR, LINUX_S_IFDIR | 0555, 0, num, -1, nm);
            if (!*out)
                return -ENOMEM;
            (*out)->uid = p.euid;
            (*out)->gid = p.egid;
            (*out)->nlink = 3;
        }
        return 0;
    case P_PID_DIR:
        for (i = 0; i < NPID; i++) {
            if (strlen(pid_entries[i].name) == len && !memcmp(pid_entries[i].name, name, len)) {
                *out = pnode_new(v, dir, pid_entries[i].kind, pid_entries[i].mode, (uint32_t)i,
                                 dir->u.proc.pid, -1, pid_entries[i].name);
                return *out ? 0 : -ENOMEM;
            }
        }
        return 0;
    case P_FD_DIR: {
        struct query_fd f;

        if (parse_number(name, len, &num) || get_fd(v, dir->u.proc.pid, num, &f))
            return 0;
        snprintf(nm, sizeof nm, "%d", num);
        *out = pnode_new(v, dir, P_FD_LINK,
                         LINUX_S_IFLNK | ((f.flags & LINUX_O_ACCMODE) == LINUX_O_RDONLY   ? 0500
                                          : (f.flags & LINUX_O_ACCMODE) == LINUX_O_WRONLY ? 0300
                                                                                          : 0700),
                         0, dir->u.proc.pid, num, nm);
        return *out ? 0 : -ENOMEM;
    }
    default:
        return -ENOTDIR;
    }
}

static int emit_table(struct dir_sink *sink, const struct pentry *t, size_t n, uint64_t cookie,
                      uint64_t ino_base)
{
    size_t i;

    for (i = cookie >= 2 ? (size_t)(cookie - 2) : 0; i < n; i++) {
        int r = sink->emit(sink, ino_base + 1 + i, LINUX_IFTODT(t[i].mode), t[i].name,
                           strlen(t[i].name), 2 + i + 1);

        if (r)
            return r;
    }
    return 0;
}

static int p_readdir(struct vfs *v, struct vnode *dir, uint64_t cookie, struct dir_sink *sink)
{
    char nm[16];
    int r;

    switch (dir->u.proc.kind) {
    case P_ROOT: {
        int32_t pids[32];
        uint64_t next;

        if (cookie < COOKIE_BASE) {
            r = emit_table(sink, root_files, NROOT, cookie, 1);
            if (r)
                return r < 0 ? r : 0;
            cookie = COOKIE_BASE;
        }
        for (next = cookie - COOKIE_BASE; next <= INT32_MAX;) {
            int64_t got = query(v, QUERY_PIDS, next, pids, sizeof pids);
            size_t i, n;

            if (got <= 0)
                return 0;
            n = (size_t)got / sizeof pids[0];
            for (i = 0; i < n; i++) {
                if (pids[i] < 0 || (uint64_t)pids[i] < next)
                    return 0; /* not ascending: stop rather than loop */
                snprintf(nm, sizeof nm, "%d", pids[i]);
                r = sink->emit(sink, COOKIE_BASE + ((uint64_t)(uint32_t)pids[i] << 8), LINUX_DT_DIR,
                               nm, strlen(nm), COOKIE_BASE + (uint64_t)pids[i] + 1);
                if (r)
                    return r < 0 ? r : 0;
                next = (uint64_t)pids[i] + 1;
            }
            if (n == 0)
                return 0;
        }
        return 0;
    }
    case P_PID_DIR:
        r = emit_table(sink, pid_entries, NPID, cookie, dir->ino);
        return r < 0 ? r : 0;
    case P_FD_DIR: {
        struct query_fd fds[16];
        uint64_t next = cookie < COOKIE_BASE ? 0 : cookie - COOKIE_BASE;

        while (next <= INT32_MAX) {
            int64_t got =
                query(v, QUERY_FDS, (uint32_t)dir->u.proc.pid | next << 32, fds, sizeof fds);
            size_t i, n;

            if (got <= 0)
                return 0;
            n = (size_t)got / sizeof fds[0];
            if (n == 0)
                return 0;
            for (i = 0; i < n; i++) {
                if (fds[i].fd < 0 || (uint64_t)fds[i].fd < next)
                    return 0;
                snprintf(nm, sizeof nm, "%d", fds[i].fd);
                r = sink->emit(sink,
                               (COOKIE_BASE << 8) + ((uint64_t)(uint32_t)dir->u.proc.pid << 20) +
                                   (uint32_t)fds[i].fd,
                               LINUX_DT_LNK, nm, strlen(nm), COOKIE_BASE + (uint64_t)fds[i].fd + 1);
                if (r)
                    return r < 0 ? r : 0;
                next = (uint64_t)fds[i].fd + 1;
            }
        }
        return 0;
    }
    default:
        return -ENOTDIR;
    }
}

/* may_inspect: the links of another user's process are root's business. */
static int may_inspect(const struct vfs_ctx *c, const struct vnode *n)
{
    return c->uid == 0 || c->uid == n->uid ? 0 : -EACCES;
}

static int link_to_handle(struct vfs *v, uint64_t hnum, char *buf, size_t cap,
                          struct link_target *t)
{
    struct handle *h = handle_get(v, hnum);
    int len;

    if (!h)
        return -ENOENT;
    len = handle_path(v, h, buf, cap);
    if (len < 0)
        return len;
    t->kind = LINK_JUMP;
    t->len = (size_t)len;
    t->jump = h->loc;
    t->jump_handle = hnum;
    return 0;
}

static int p_readlink(struct vfs *v, const struct vfs_ctx *c, struct vnode *n, char *buf,
                      size_t cap, struct link_target *t)
{
    struct query_process p;
    struct query_fd f;
    int err, len;

    t->kind = LINK_TEXT;
    switch (n->u.proc.kind) {
    case P_SELF:
        if (c->pid <= 0)
            return -ENOENT;
        len = snprintf(buf, cap, "%d", c->pid);
        t->len = (size_t)len;
        return 0;
    case P_PID_LINK:
        err = may_inspect(c, n);
        if (!err)
            err = get_process(v, n->u.proc.pid, &p);
        if (err)
            return err == -ESRCH ? -ENOENT : err;
        switch (link_which(n->u.proc.name)) {
        case LINK_EXE:
            return link_to_handle(v, p.exe_handle, buf, cap, t);
        case LINK_CWD:
            return link_to_handle(v, p.cwd_handle, buf, cap, t);
        default:
            t->kind = LINK_JUMP;
            t->jump = root_loc(v);
            t->len = (size_t)snprintf(buf, cap, "/");
            return 0;
        }
    case P_FD_LINK:
        err = may_inspect(c, n);
        if (!err)
            err = get_fd(v, n->u.proc.pid, n->u.proc.fd, &f);
        if (err)
            return err;
        switch (f.kind) {
        case QUERY_FD_VFS:
            return link_to_handle(v, f.handle, buf, cap, t);
        case QUERY_FD_CONSOLE:
            if (f.id == LINUX_MKDEV(5, 1) || f.id == LINUX_MKDEV(5, 0)) {
                t->len = (size_t)snprintf(buf, cap, "%s",
                                          f.id == LINUX_MKDEV(5, 1) ? "/dev/console" : "/dev/tty");
                return 0;
            }
            t->len =
                (size_t)snprintf(buf, cap, "/dev/char/%u:%u", LINUX_MAJOR(f.id), LINUX_MINOR(f.id));
            break;
        case QUERY_FD_PIPE:
            t->len = (size_t)snprintf(buf, cap, "pipe:[%llu]", (unsigned long long)f.id);
            break;
        default:
            t->len = (size_t)snprintf(buf, cap, "anon_inode:[%llu]", (unsigned long long)f.id);
            break;
        }
        t->kind = LINK_KFD;
        t->kfd_pid = n->u.proc.pid;
        t->kfd_fd = n->u.proc.fd;
        return 0;
    default:
        return -EINVAL;
    }
}

static gen_fn generator(const struct vnode *n)
{
    if (n->u.proc.kind == P_GLOBAL)
        return root_files[n->u.proc.which].gen;
    if (n->u.proc.kind == P_PID_FILE)
        return pid_entries[n->u.proc.which].gen;
    return NULL;
}

static int regenerate(struct vfs *v, struct handle *h)
{
    gen_fn gen = generator(h->loc.node);
    struct tbuf b = {0};
    int err;

    if (!gen)
        return 0;
    err = gen(v, h->loc.node->u.proc.pid, &b);
    if (!err)
        err = b.err;
    if (err) {
        free(b.p);
        return err == -ESRCH ? -ENOENT : err;
    }
    free(h->text);
    h->text = b.p;
    h->text_len = b.len;
    return 0;
}

static int p_open(struct vfs *v, const struct vfs_ctx *c, struct handle *h)
{
    if (h->loc.node->u.proc.kind == P_FD_DIR) {
        int err = may_inspect(c, h->loc.node);

        if (err)
            return err;
    }
    return regenerate(v, h);
}

static int64_t p_read(struct vfs *v, struct handle *h, uint64_t off, struct vfs_xfer *x,
                      uint64_t len)
{
    int err;

    if (off == 0) {
        err = regenerate(v, h);
        if (err)
            return err;
    }
    if (!h->text || off >= h->text_len)
        return 0;
    if (len > h->text_len - off)
        len = h->text_len - off;
    err = x->copy(x, 0, h->text + off, (size_t)len, 1);
    return err ? err : (int64_t)len;
}

static void p_close(struct vfs *v, struct handle *h)
{
    free(h->text);
    h->text = NULL;
    h->text_len = 0;
}

static int p_getname(struct vfs *v, struct vnode *n, char *buf, size_t cap)
{
    size_t len = strlen(n->u.proc.name);

    if (len + 1 > cap)
        return -ERANGE;
    memcpy(buf, n->u.proc.name, len + 1);
    return 0;
}

static void p_statfs(struct vfs *v, struct fs *fs, struct linux_statfs *out)
{
    out->f_type = LINUX_PROC_SUPER_MAGIC;
    out->f_bsize = 4096;
    out->f_frsize = 4096;
    out->f_namelen = LINUX_NAME_MAX;
}

static void p_release(struct vfs *v, struct vnode *n)
{
    /* vfs_sweep frees it at the end of the operation */
}

static void p_destroy(struct vfs *v, struct fs *fs)
{
    if (fs->root)
        node_free_struct(v, fs->root);
    fs->root = NULL;
}

static int p_fill(struct vfs *v, struct fs *fs)
{
    struct vnode *root = node_alloc(v, fs, LINUX_S_IFDIR | 0555);

    if (!root)
        return -ENOMEM;
    root->ino = 1;
    root->nlink = 2;
    root->refs = 1; /* the instance's own: never swept */
    root->u.proc.kind = P_ROOT;
    fs->root = root;
    return 0;
}

int procfs_is_node(const struct vnode *n)
{
    return n->fs->type == &procfs_type;
}

static const struct fs_ops procfs_ops = {
    .lookup = p_lookup,
    .readdir = p_readdir,
    .readlink = p_readlink,
    .open = p_open,
    .read = p_read,
    .close = p_close,
    .getname = p_getname,
    .statfs = p_statfs,
    .release = p_release,
    .destroy = p_destroy,
    .writable = 0,
};

const struct fs_type procfs_type = {"proc", LINUX_PROC_SUPER_MAGIC, &procfs_ops, p_fill};
