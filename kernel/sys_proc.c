/*
 * kernel/sys_proc.c — process system calls: exit, ids, uname, yield,
 * getrandom, set_tid_address.
 */
#include <abi/errno.h>
#include <arch/memlayout.h>
#include <arch/sysreg.h>
#include <arch/power.h>
#include <arch/timer.h>
#include <keel/file.h>
#include <keel/mm.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/signal.h>
#include <keel/vfs.h>
#include <keel/random.h>
#include <keel/sched.h>
#include <keel/string.h>
#include <keel/syscall.h>
#include <keel/uaccess.h>
#include <keel/version.h>

SYSCALL(exit)
{
    process_exit((int)((a0 & 0xff) << 8));
}

SYSCALL(exit_group)
{
    process_exit((int)((a0 & 0xff) << 8));
}

SYSCALL(getpid)
{
    return current_process()->pid;
}

SYSCALL(getppid)
{
    struct process *p = current_process()->parent;
    return p ? p->pid : 0;
}

SYSCALL(gettid)
{
    return current_process()->pid; /* one thread per process: tid = pid */
}

SYSCALL(getuid)
{
    return current_process()->uid;
}

SYSCALL(geteuid)
{
    return current_process()->euid;
}

SYSCALL(getgid)
{
    return current_process()->gid;
}

SYSCALL(getegid)
{
    return current_process()->egid;
}

SYSCALL(set_tid_address)
{
    current_process()->clear_child_tid = a0;
    return current_process()->pid;
}

SYSCALL(sched_yield)
{
    current()->need_resched = true;
    schedule();
    return 0;
}

static char hostname[65] = "keel";
static spinlock_t uts_lock = SPINLOCK_INIT;

SYSCALL(sethostname)
{
    if (current_process()->euid)
        return -EPERM;
    if (a1 > 64)
        return -EINVAL;
    char buf[65];
    if (copy_from_user(buf, a0, a1))
        return -EFAULT;
    buf[a1] = '\0';
    irq_flags_t f = spin_lock_irqsave(&uts_lock);
    memcpy(hostname, buf, a1 + 1);
    spin_unlock_irqrestore(&uts_lock, f);
    return 0;
}

#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_MAGIC2A 85072278
#define LINUX_REBOOT_MAGIC2B 369367448
#define LINUX_REBOOT_MAGIC2C 537993216
#define LINUX_REBOOT_CMD_RESTART 0x01234567
#define LINUX_REBOOT_CMD_HALT 0xCDEF0123
#define LINUX_REBOOT_CMD_CAD_ON 0x89ABCDEF
#define LINUX_REBOOT_CMD_CAD_OFF 0x00000000
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321FEDC

SYSCALL(reboot)
{
    if (current_process()->euid)
        return -EPERM;
    if (a0 != LINUX_REBOOT_MAGIC1 || (a1 != LINUX_REBOOT_MAGIC2 && a1 != LINUX_REBOOT_MAGIC2A &&
                                      a1 != LINUX_REBOOT_MAGIC2B && a1 != LINUX_REBOOT_MAGIC2C))
        return -EINVAL;
    switch ((uint32_t)a2) {
    case LINUX_REBOOT_CMD_POWER_OFF:
        pr_notice("reboot: power down");
        power_off();
    case LINUX_REBOOT_CMD_RESTART:
        pr_notice("reboot: restarting system");
        power_reset();
    case LINUX_REBOOT_CMD_HALT:
        pr_notice("reboot: system halted");
        cpu_halt();
    case LINUX_REBOOT_CMD_CAD_ON:
    case LINUX_REBOOT_CMD_CAD_OFF:
        return 0;
    default:
        return -EINVAL;
    }
}

struct utsname {
    char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

SYSCALL(uname)
{
    struct utsname u;
    memset(&u, 0, sizeof u);
    strscpy(u.sysname, "Keel", sizeof u.sysname);
    irq_flags_t f = spin_lock_irqsave(&uts_lock);
    strscpy(u.nodename, hostname, sizeof u.nodename);
    spin_unlock_irqrestore(&uts_lock, f);
    strscpy(u.release, keel_release, sizeof u.release);
    strscpy(u.version, keel_build, sizeof u.version);
    strscpy(u.machine, "aarch64", sizeof u.machine);
    strscpy(u.domainname, "(none)", sizeof u.domainname);
    return copy_to_user(a0, &u, sizeof u);
}

#define GRND_NONBLOCK 1
#define GRND_RANDOM 2
#define GRND_INSECURE 4

SYSCALL(getrandom)
{
    if (a2 & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
        return -EINVAL;
    uint8_t buf[256];
    size_t done = 0, len = (size_t)(a1 > (1U << 25) ? (1U << 25) : a1);
    while (done < len) {
        size_t n = len - done < sizeof buf ? len - done : sizeof buf;
        random_bytes(buf, n);
        if (copy_to_user(a0 + done, buf, n))
            return done ? (int64_t)done : -EFAULT;
        done += n;
    }
    return (int64_t)done;
}

/* ---- fork, wait ------------------------------------------------------------ */

#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_VFORK 0x00004000
#define CLONE_PARENT 0x00008000
#define CLONE_THREAD 0x00010000
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000
#define CSIGNAL 0xff

struct count_ctx {
    uint32_t uid;
    uint64_t n;
};

static int count_cb(struct process *p, void *ctx)
{
    struct count_ctx *c = ctx;
    if (p->uid == c->uid && p->state == PROC_ALIVE)
        c->n++;
    return 0;
}

static uint64_t count_user_processes(uint32_t uid)
{
    struct count_ctx c = {uid, 0};
    process_for_each(count_cb, &c);
    return c.n;
}

/* nproc_limit: RLIMIT_NPROC (6) of p. */
static uint64_t nproc_limit(struct process *p)
{
    return p->rlim_cur[6] == ~0UL ? PROC_MAX : p->rlim_cur[6];
}

/*
 * clone(flags, stack, parent_tid, tls, child_tid): fork (SIGCHLD) and
 * vfork/posix_spawn (CLONE_VM | CLONE_VFORK).  Threads (CLONE_THREAD) are
 * not supported yet: -EINVAL.
 */
SYSCALL(clone)
{
    uint64_t flags = a0, stack = a1, ptid = a2, tls = a3, ctid = a4;
    struct process *parent = current_process();
    if (flags & (CLONE_THREAD | CLONE_SIGHAND))
        return -EINVAL;
    if ((flags & CLONE_VM) && !(flags & CLONE_VFORK))
        return -EINVAL; /* shared memory without vfork would be a thread */
    if (parent->euid && count_user_processes(parent->uid) >= nproc_limit(parent))
        return -EAGAIN;
    struct process *child = process_create(parent->name, parent);
    if (!child)
        return -EAGAIN;
    memcpy(child->cmdline, parent->cmdline, sizeof child->cmdline);
    child->cmdline_len = parent->cmdline_len;
    memcpy(child->sig_handlers, parent->sig_handlers, sizeof child->sig_handlers);
    memcpy(child->sig_flags, parent->sig_flags, sizeof child->sig_flags);
    memcpy(child->sig_masks, parent->sig_masks, sizeof child->sig_masks);
    memcpy(child->sig_restorers, parent->sig_restorers, sizeof child->sig_restorers);
    child->sig_blocked = parent->sig_blocked;
    child->native = false;
    if (flags & CLONE_VM) {
        as_get(parent->as);
        child->as = parent->as;
    } else {
        child->as = as_fork(parent->as);
    }
    child->fds = fd_table_copy(parent->fds);
    if (parent->cwd_ref) {
        vnode_ref_get(parent->cwd_ref);
        child->cwd_ref = parent->cwd_ref;
    }
    struct trap_frame tf = *syscall_frame();
    tf.x[0] = 0;
    if (stack)
        tf.sp = stack;
    child->thread = child->as && child->fds ? thread_create_user(child, &tf) : NULL;
    if (!child->thread) {
        if (child->as)
            as_put(child->as);
        if (child->fds)
            fd_table_put(child->fds);
        if (child->cwd_ref)
            vnode_ref_put(child->cwd_ref);
        child->as = NULL, child->fds = NULL, child->cwd_ref = NULL;
        child->state = PROC_ZOMBIE;
        process_reap(child);
        return -ENOMEM;
    }
    child->thread->tls = (flags & CLONE_SETTLS) ? tls : read_sysreg(tpidr_el0);
    child->thread->fp = current()->fp;
    fpsimd_save(&child->thread->fp);
    if (flags & CLONE_CHILD_CLEARTID)
        child->clear_child_tid = ctid;
    int pid = child->pid;
    if (flags & CLONE_PARENT_SETTID)
        copy_to_user(ptid, &pid, sizeof pid);
    if (flags & CLONE_VFORK)
        child->vfork_pending = true;
    thread_start(child->thread);
    if (flags & CLONE_VFORK) {
        irq_flags_t f = irq_save();
        while (child->vfork_pending)
            wait_sleep(&parent->vfork_done, NULL, false, 0);
        irq_restore(f);
    }
    return pid;
}

#define WNOHANG 1
#define WUNTRACED 2
#define WCONTINUED 8
#define WEXITED 4
#define WNOWAIT 0x01000000
#define __WALL 0x40000000
#define __WCLONE 0x80000000

static bool wait_matches(struct process *parent, struct process *c, int64_t pid)
{
    if (pid > 0)
        return c->pid == pid;
    if (pid == -1)
        return true;
    if (pid == 0)
        return c->pgid == parent->pgid;
    return c->pgid == -pid;
}

struct rusage {
    int64_t utime[2], stime[2];
    int64_t rest[14];
};

static void fill_rusage(struct rusage *ru, uint64_t user_ns, uint64_t sys_ns)
{
    memset(ru, 0, sizeof *ru);
    ru->utime[0] = (int64_t)(user_ns / 1000000000), ru->utime[1] = (int64_t)(user_ns % 1000000000 / 1000);
    ru->stime[0] = (int64_t)(sys_ns / 1000000000), ru->stime[1] = (int64_t)(sys_ns % 1000000000 / 1000);
}

SYSCALL(wait4)
{
    int64_t pid = (int32_t)a0;
    uint64_t ustatus = a1, options = a2, urusage = a3;
    struct process *self = current_process();
    if (options & ~(uint64_t)(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE))
        return -EINVAL;
    irq_flags_t f = irq_save();
    for (;;) {
        bool any = false;
        struct process *zombie = NULL;
        for (struct process *c = self->children; c; c = c->sibling) {
            if (!wait_matches(self, c, pid))
                continue;
            any = true;
            if (c->state == PROC_ZOMBIE) {
                zombie = c;
                break;
            }
            int32_t st = -1;
            if ((options & WUNTRACED) && c->stopped && !c->stop_reported) {
                c->stop_reported = true;
                st = 0x7f | (c->stop_sig << 8);
            } else if ((options & WCONTINUED) && c->cont_pending) {
                c->cont_pending = false;
                st = 0xffff;
            }
            if (st >= 0) {
                irq_restore(f);
                if (ustatus && copy_to_user(ustatus, &st, sizeof st))
                    return -EFAULT;
                return c->pid;
            }
        }
        if (zombie) {
            irq_restore(f);
            int32_t status = zombie->exit_status;
            int cpid = zombie->pid;
            self->child_user_ns += zombie->self.user_ns + zombie->child_user_ns;
            self->child_sys_ns += zombie->self.sys_ns + zombie->child_sys_ns;
            struct rusage ru;
            fill_rusage(&ru, zombie->self.user_ns, zombie->self.sys_ns);
            if (ustatus && copy_to_user(ustatus, &status, sizeof status))
                return -EFAULT;
            if (urusage && copy_to_user(urusage, &ru, sizeof ru))
                return -EFAULT;
            process_reap(zombie);
            return cpid;
        }
        if (!any) {
            irq_restore(f);
            return -ECHILD;
        }
        if (options & WNOHANG) {
            irq_restore(f);
            return 0;
        }
        if (wait_sleep(&self->child_wait, NULL, true, 0) == -EINTR) {
            irq_restore(f);
            return -EINTR;
        }
    }
}

/* ---- signals to processes ---------------------------------------------- */

struct kill_ctx {
    int sig;
    int sent;
    int self_pid;
};

static int kill_all_cb(struct process *p, void *ctx)
{
    struct kill_ctx *k = ctx;
    if (p->pid > 1 && p->pid != k->self_pid && p->state == PROC_ALIVE && !p->native) {
        signal_send(p, k->sig);
        k->sent++;
    }
    return 0;
}

SYSCALL(kill)
{
    int pid = (int)a0, sig = (int)a1;
    if (sig < 0 || sig > 64)
        return -EINVAL;
    struct process *self = current_process();
    if (pid > 0) {
        struct process *p = process_find(pid);
        if (!p || p->state != PROC_ALIVE)
            return -ESRCH;
        if (self->euid && self->euid != p->uid && self->uid != p->uid)
            return -EPERM;
        if (p->native && p != self && sig)
            return -EPERM; /* servers are not signalled by other programs */
        return signal_send(p, sig);
    }
    if (pid == -1) {
        struct kill_ctx k = {sig, 0, self->pid};
        process_for_each(kill_all_cb, &k);
        return k.sent ? 0 : -ESRCH;
    }
    int pgid = pid == 0 ? self->pgid : -pid;
    return sig ? signal_send_pgrp(pgid, sig) : (process_group_exists(pgid, self->sid) ? 0 : -ESRCH);
}

SYSCALL(tkill)
{
    return sys_kill(a0, a1, 0, 0, 0, 0);
}

SYSCALL(tgkill)
{
    if ((int)a0 <= 0 || (int)a1 <= 0)
        return -EINVAL;
    if (a0 != a1)
        return -ESRCH; /* one thread per process: tid == tgid */
    return sys_kill(a1, a2, 0, 0, 0, 0);
}

/* ---- groups and sessions ----------------------------------------------- */

SYSCALL(setpgid)
{
    struct process *self = current_process();
    int pid = (int)a0 ? (int)a0 : self->pid;
    int pgid = (int)a1;
    if (pgid < 0)
        return -EINVAL;
    struct process *p = process_find(pid);
    if (!p || (p != self && p->parent != self))
        return -ESRCH;
    if (p->sid != self->sid)
        return -EPERM;
    if (p->sid == p->pid)
        return -EPERM; /* a session leader cannot move */
    if (!pgid)
        pgid = p->pid;
    if (pgid != p->pid && !process_group_exists(pgid, self->sid))
        return -EPERM;
    p->pgid = pgid;
    return 0;
}

SYSCALL(getpgid)
{
    if (!a0)
        return current_process()->pgid;
    struct process *p = process_find((int)a0);
    return p ? p->pgid : -ESRCH;
}

SYSCALL(getsid)
{
    if (!a0)
        return current_process()->sid;
    struct process *p = process_find((int)a0);
    return p ? p->sid : -ESRCH;
}

struct group_leader_ctx {
    int pid;
};

static int is_group_leader_cb(struct process *p, void *ctx)
{
    struct group_leader_ctx *c = ctx;
    return p->pgid == c->pid && p->pid != c->pid;
}

SYSCALL(setsid)
{
    struct process *p = current_process();
    struct group_leader_ctx c = {p->pid};
    if (p->pgid == p->pid || process_for_each(is_group_leader_cb, &c))
        return -EPERM;
    p->sid = p->pid;
    p->pgid = p->pid;
    return p->sid;
}

/* ---- credentials, umask, limits, accounting ------------------------------ */

SYSCALL(umask)
{
    struct process *p = current_process();
    uint32_t old = p->umask;
    p->umask = (uint32_t)a0 & 0777;
    return old;
}

SYSCALL(getgroups)
{
    if ((int)a0 < 0)
        return -EINVAL;
    return 0; /* no supplementary groups */
}

SYSCALL(setuid)
{
    struct process *p = current_process();
    uint32_t uid = (uint32_t)a0;
    if (p->euid == 0)
        p->uid = p->euid = uid;
    else if (uid == p->uid)
        p->euid = uid;
    else
        return -EPERM;
    return 0;
}

SYSCALL(setgid)
{
    struct process *p = current_process();
    uint32_t gid = (uint32_t)a0;
    if (p->euid == 0)
        p->gid = p->egid = gid;
    else if (gid == p->gid)
        p->egid = gid;
    else
        return -EPERM;
    return 0;
}

#define RLIMIT_NLIMITS 16
#define RLIMIT_NOFILE 7
#define RLIMIT_NPROC 6
#define RLIMIT_STACK 3

static uint64_t rlim_default_cur(int r)
{
    return r == RLIMIT_NOFILE ? FD_MAX : r == RLIMIT_STACK ? USER_STACK_SIZE : r == RLIMIT_NPROC ? PROC_MAX : ~0UL;
}

static int do_prlimit(struct process *p, unsigned res, uint64_t unew, uint64_t uold)
{
    if (res >= RLIMIT_NLIMITS)
        return -EINVAL;
    uint64_t cur = p->rlim_cur[res] == ~0UL ? rlim_default_cur((int)res) : p->rlim_cur[res];
    uint64_t max = p->rlim_max[res] == ~0UL ? (res == RLIMIT_NOFILE ? FD_MAX : ~0UL) : p->rlim_max[res];
    if (uold) {
        uint64_t old[2] = {cur, max};
        if (copy_to_user(uold, old, sizeof old))
            return -EFAULT;
    }
    if (unew) {
        uint64_t nl[2];
        if (copy_from_user(nl, unew, sizeof nl))
            return -EFAULT;
        if (nl[0] > nl[1])
            return -EINVAL;
        if (nl[1] > max && p->euid)
            return -EPERM;
        if (res == RLIMIT_NOFILE && nl[1] > FD_MAX)
            return -EPERM;
        p->rlim_cur[res] = nl[0];
        p->rlim_max[res] = nl[1];
    }
    return 0;
}

SYSCALL(getrlimit)
{
    return do_prlimit(current_process(), (unsigned)a0, 0, a1);
}

SYSCALL(setrlimit)
{
    return do_prlimit(current_process(), (unsigned)a0, a1, 0);
}

SYSCALL(prlimit64)
{
    struct process *p = a0 ? process_find((int)a0) : current_process();
    if (!p)
        return -ESRCH;
    return do_prlimit(p, (unsigned)a1, a2, a3);
}

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN ((uint64_t)-1)
#define RUSAGE_THREAD 1

SYSCALL(getrusage)
{
    struct process *p = current_process();
    struct rusage ru;
    if (a0 == RUSAGE_SELF || a0 == RUSAGE_THREAD)
        fill_rusage(&ru, current()->user_ns, current()->sys_ns);
    else if (a0 == RUSAGE_CHILDREN)
        fill_rusage(&ru, p->child_user_ns, p->child_sys_ns);
    else
        return -EINVAL;
    return copy_to_user(a1, &ru, sizeof ru);
}

SYSCALL(times)
{
    struct process *p = current_process();
    uint64_t tick = 1000000000ULL / 100; /* clock ticks: AT_CLKTCK = 100 */
    if (a0) {
        int64_t t[4] = {(int64_t)(current()->user_ns / tick), (int64_t)(current()->sys_ns / tick),
                        (int64_t)(p->child_user_ns / tick), (int64_t)(p->child_sys_ns / tick)};
        if (copy_to_user(a0, t, sizeof t))
            return -EFAULT;
    }
    return (int64_t)(timer_now_ns() / tick);
}

struct sysinfo {
    int64_t uptime;
    uint64_t loads[3];
    uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    uint32_t pad2;
    uint64_t totalhigh, freehigh;
    uint32_t mem_unit;
    char reserved[4];
};

SYSCALL(sysinfo)
{
    struct sysinfo si;
    struct mem_stats ms;
    memset(&si, 0, sizeof si);
    mem_get_stats(&ms);
    si.uptime = (int64_t)(timer_now_ns() / 1000000000);
    si.totalram = ms.total_pages * PAGE_SIZE;
    si.freeram = ms.free_pages * PAGE_SIZE;
    si.procs = (uint16_t)process_count();
    si.mem_unit = 1;
    return copy_to_user(a0, &si, sizeof si);
}

#define PR_SET_NAME 15
#define PR_GET_NAME 16

SYSCALL(prctl)
{
    struct process *p = current_process();
    if (a0 == PR_SET_NAME) {
        char name[PROC_NAME_MAX];
        if (copy_from_user(name, a1, sizeof name))
            return -EFAULT;
        name[sizeof name - 1] = 0;
        strscpy(p->name, name, sizeof p->name);
        return 0;
    }
    if (a0 == PR_GET_NAME)
        return copy_to_user(a1, p->name, sizeof p->name);
    return -EINVAL;
}
