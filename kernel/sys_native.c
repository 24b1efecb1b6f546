/*
 * kernel/sys_native.c — Keel's native calls for its servers (abi/native.h)
 * other than IPC: LOG, BOOT_MODULE, RANDOM, QUERY.
 */
#include <abi/errno.h>
#include <abi/linux_types.h>
#include <abi/native.h>
#include <abi/query.h>
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/timer.h>
#include <keel/boot.h>
#include <keel/compiler.h>
#include <keel/file.h>
#include <keel/mm.h>
#include <keel/pipe.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/random.h>
#include <keel/string.h>
#include <keel/syscall.h>
#include <keel/time.h>
#include <keel/tty.h>
#include <keel/uaccess.h>
#include <keel/version.h>
#include <keel/vfs.h>
#include <keel/vfs_client.h>

SYSCALL(native_log)
{
    char buf[256];
    size_t n = (size_t)MIN(a1, (uint64_t)sizeof buf - 1);
    if (copy_from_user(buf, a0, n))
        return -EFAULT;
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        n--;
    buf[n] = '\0';
    pr_info("%s[%d]: %s", current_process()->name, current_process()->pid, buf);
    return (int64_t)a1;
}

SYSCALL(native_boot_module)
{
    if (a0 != 0)
        return -ENOENT;
    const struct platform *p = &boot_platform;
    uint64_t size = p->initrd_end - p->initrd_start;
    if (!size)
        return -ENOENT;
    if (a2 == 0)
        return (int64_t)size;
    if (a2 < size)
        return -EINVAL;
    if (copy_to_user(a1, phys_to_virt(p->initrd_start), size))
        return -EFAULT;
    return (int64_t)size;
}

SYSCALL(native_random)
{
    uint8_t buf[256];
    size_t done = 0;
    while (done < a1) {
        size_t n = (size_t)MIN(a1 - done, (uint64_t)sizeof buf);
        random_bytes(buf, n);
        if (copy_to_user(a0 + done, buf, n))
            return -EFAULT;
        done += n;
    }
    return (int64_t)a1;
}

/* ---- QUERY: process and system data for procfs (abi/query.h) ---------------------- */

struct pid_list {
    int32_t *pids;
    size_t max, n;
    int from;
};

static int collect_pid(struct process *p, void *ctx)
{
    struct pid_list *l = ctx;
    if (p->pid >= l->from && l->n < l->max)
        l->pids[l->n++] = p->pid;
    return 0;
}

static char state_letter(struct process *p)
{
    if (p->state == PROC_ZOMBIE)
        return QUERY_STATE_ZOMBIE;
    if (p->stopped)
        return QUERY_STATE_STOPPED;
    if (p->thread && p->thread->state == THREAD_RUNNABLE)
        return QUERY_STATE_RUNNING;
    return QUERY_STATE_SLEEPING;
}

static int64_t query_process(int pid, uint64_t addr, uint64_t len)
{
    if (len < sizeof(struct query_process))
        return 0;
    struct process *p = process_find(pid);
    if (!p)
        return -ESRCH;
    struct query_process *q = kzalloc(sizeof *q);
    if (!q)
        return -ENOMEM;
    int tsid, tfg;
    tty_session_info(&tsid, &tfg);
    q->pid = p->pid;
    q->ppid = p->parent ? p->parent->pid : 0;
    q->pgid = p->pgid;
    q->sid = p->sid;
    q->uid = p->uid, q->euid = p->euid, q->gid = p->gid, q->egid = p->egid;
    q->state = state_letter(p);
    q->threads = 1;
    q->tty = tsid && p->sid == tsid ? LINUX_MKDEV(5, 1) : 0;
    q->tpgid = q->tty ? tfg : -1;
    q->umask = p->umask;
    strscpy(q->name, p->name, sizeof q->name);
    q->start_ns = p->start_ns;
    if (p->thread && p->state == PROC_ALIVE) {
        q->utime_ns = p->thread->user_ns;
        q->stime_ns = p->thread->sys_ns;
    } else {
        q->utime_ns = p->self.user_ns;
        q->stime_ns = p->self.sys_ns;
    }
    if (p->as) {
        q->vsize = as_total_bytes(p->as);
        q->rss = p->as->rss_pages;
    }
    q->cwd_handle = p->cwd_ref ? p->cwd_ref->handle : 0;
    q->cmdline_len = (uint32_t)MIN(p->cmdline_len, sizeof q->cmdline);
    memcpy(q->cmdline, p->cmdline, q->cmdline_len);
    int r = copy_to_user(addr, q, sizeof *q);
    kfree(q);
    return r ? r : (int64_t)sizeof(struct query_process);
}

static int64_t query_system(uint64_t addr, uint64_t len)
{
    if (len < sizeof(struct query_system))
        return 0;
    struct query_system q;
    struct mem_stats ms;
    memset(&q, 0, sizeof q);
    mem_get_stats(&ms);
    q.total_pages = ms.total_pages;
    q.free_pages = ms.free_pages;
    q.used_pages = ms.total_pages - ms.free_pages;
    q.page_size = PAGE_SIZE;
    q.uptime_ns = timer_now_ns();
    q.boot_time = (int64_t)time_boot_epoch();
    q.cpu_count = 1;
    q.nprocs = process_count();
    q.nrunning = sched_runnable_count();
    strscpy(q.sysname, "Keel", sizeof q.sysname);
    strscpy(q.release, keel_release, sizeof q.release);
    strscpy(q.version, keel_build, sizeof q.version);
    strscpy(q.machine, "aarch64", sizeof q.machine);
    return copy_to_user(addr, &q, sizeof q) ? -EFAULT : (int64_t)sizeof q;
}

static const char *const hwcap_names[] = {"fp",   "asimd", "evtstrm", "aes",    "pmull",
                                          "sha1", "sha2",  "crc32",   "atomics"};

static int64_t query_cpu(uint64_t index, uint64_t addr, uint64_t len)
{
    if (index != 0)
        return -ENOENT;
    if (len < sizeof(struct query_cpu))
        return 0;
    struct query_cpu q;
    memset(&q, 0, sizeof q);
    uint64_t midr = read_sysreg(midr_el1);
    q.implementer = (midr >> 24) & 0xff;
    q.variant = (midr >> 20) & 0xf;
    q.part = (midr >> 4) & 0xfff;
    q.revision = midr & 0xf;
    q.architecture = 8;
    q.timer_hz = timer_frequency();
    unsigned long hw = arch_hwcap();
    size_t pos = 0;
    for (unsigned i = 0; i < ARRAY_SIZE(hwcap_names); i++) {
        if (!(hw & (1UL << i)))
            continue;
        size_t n = strlen(hwcap_names[i]);
        if (pos + n + 2 > sizeof q.features)
            break;
        if (pos)
            q.features[pos++] = ' ';
        memcpy(q.features + pos, hwcap_names[i], n);
        pos += n;
    }
    return copy_to_user(addr, &q, sizeof q) ? -EFAULT : (int64_t)sizeof q;
}

static int64_t query_fds(uint64_t index, uint64_t addr, uint64_t len)
{
    struct process *p = process_find((int)(index & 0xffffffff));
    if (!p)
        return -ESRCH;
    struct fd_table *t = p->fds;
    int first = (int)(index >> 32);
    size_t done = 0;
    for (int fd = first < 0 ? 0 : first; t && fd < FD_MAX; fd++) {
        if (done + sizeof(struct query_fd) > len)
            break;
        struct file *f = fd_get(t, fd);
        if (!f)
            continue;
        struct query_fd q = {.fd = fd, .flags = f->flags};
        if (file_is_vfs(f)) {
            q.kind = QUERY_FD_VFS;
            q.handle = f->handle;
        } else if (file_is_pipe(f)) {
            q.kind = QUERY_FD_PIPE;
            q.id = pipe_inode(f);
        } else if (tty_is_console(f)) {
            q.kind = QUERY_FD_CONSOLE;
            q.id = LINUX_MKDEV(5, 1);
        } else {
            q.kind = QUERY_FD_OTHER;
        }
        file_put(f);
        if (copy_to_user(addr + done, &q, sizeof q))
            return -EFAULT;
        done += sizeof q;
    }
    return (int64_t)done;
}

SYSCALL(native_query)
{
    switch (a0) {
    case QUERY_PIDS: {
        struct pid_list l = {NULL, (size_t)MIN(a3 / sizeof(int32_t), (uint64_t)PROC_MAX), 0,
                             (int)a1};
        l.pids = kmalloc(PROC_MAX * sizeof(int32_t));
        if (!l.pids)
            return -ENOMEM;
        process_for_each(collect_pid, &l);
        /* ascending order */
        for (size_t i = 1; i < l.n; i++)
            for (size_t j = i; j > 0 && l.pids[j - 1] > l.pids[j]; j--) {
                int32_t tmp = l.pids[j];
                l.pids[j] = l.pids[j - 1];
                l.pids[j - 1] = tmp;
            }
        int r = copy_to_user(a2, l.pids, l.n * sizeof(int32_t));
        kfree(l.pids);
        return r ? r : (int64_t)(l.n * sizeof(int32_t));
    }
    case QUERY_PROCESS:
        return query_process((int)a1, a2, a3);
    case QUERY_SYSTEM:
        return query_system(a2, a3);
    case QUERY_CPU:
        return query_cpu(a1, a2, a3);
    case QUERY_FDS:
        return query_fds(a1, a2, a3);
    default:
        return -EINVAL;
    }
}
