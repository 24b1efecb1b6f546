/*
 * kernel/sys_proc.c — process system calls: exit, ids, uname, yield,
 * getrandom, set_tid_address.
 */
#include <abi/errno.h>
#include <arch/memlayout.h>
#include <arch/power.h>
#include <arch/sysreg.h>
#include <arch/timer.h>
#include <keel/file.h>
#include <keel/mm.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/random.h>
#include <keel/sched.h>
#include <keel/signal.h>
#include <keel/string.h>
#include <keel/syscall.h>
#include <keel/uaccess.h>
#include <keel/version.h>
#include <keel/vfs.h>

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
    child->did_exec = false;
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

struct rusage {
    int64_t utime[2], stime[2];
    int64_t rest[14];
};

static void fill_rusage(struct rusage *ru, uint64_t user_ns, uint64_t sys_ns)
{
    memset(ru, 0, sizeof *ru);
    struct process *p = current_process();
    if (p && p->as)
        ru->rest[0] = (int64_t)(p->as->rss_peak * PAGE_SIZE / 1024); /* ru_maxrss, KiB */
    ru->utime[0] = (int64_t)(user_ns / 1000000000),
    ru->utime[1] = (int64_t)(user_ns % 1000000000 / 1000);
    ru->stime[0] = (int64_t)(sys_ns / 1000000000),
    ru->stime[1] = (int64_t)(sys_ns % 1000000000 / 1000);
}

/* What a wait found: a child's state change. */
struct wait_result {
    int pid;
    int code;   /* CLD_* */
    int status; /* exit code or signal number */
    uint32_t uid;
    uint64_t user_ns, sys_ns;
};

#define P_ALL 0
#define P_PID 1
#define P_PGID 2

static bool child_matches(struct process *self, struct process *c, int idtype, int64_t id)
{
    if (idtype == P_ALL)
        return true;
    if (idtype == P_PID)
        return c->pid == id;
    return c->pgid == (id ? id : self->pgid);
}

/*
 * do_wait: the core of wait4 and waitid.  Returns 1 with *res filled, 0
 * (WNOHANG and nothing to report), -ECHILD or -EINTR.  Exited children are
 * reaped unless WNOWAIT; auto-reaped children (SIGCHLD ignored) are freed
 * and never reported.
 */
static int do_wait(int idtype, int64_t id, unsigned options, struct wait_result *res)
{
    struct process *self = current_process();
    irq_flags_t f = irq_save();
    for (;;) {
        bool any = false;
        struct process *found = NULL;
        int code = 0, st = 0;
        for (struct process *c = self->children, *next; c; c = next) {
            next = c->sibling;
            if (c->state == PROC_ZOMBIE && c->autoreap) {
                process_reap(c);
                continue;
            }
            if (!child_matches(self, c, idtype, id))
                continue;
            any = true;
            if (c->state == PROC_ZOMBIE && (options & WEXITED)) {
                int sig = c->exit_status & 0x7f;
                code = !sig ? CLD_EXITED : (c->exit_status & 0x80) ? CLD_DUMPED : CLD_KILLED;
                st = sig ? sig : (c->exit_status >> 8) & 0xff;
                found = c;
                break;
            }
            if ((options & WUNTRACED) && c->state == PROC_ALIVE && c->stopped &&
                !c->stop_reported) {
                if (!(options & WNOWAIT))
                    c->stop_reported = true;
                code = CLD_STOPPED, st = c->stop_sig, found = c;
                break;
            }
            if ((options & WCONTINUED) && c->state == PROC_ALIVE && c->cont_pending) {
                if (!(options & WNOWAIT))
                    c->cont_pending = false;
                code = CLD_CONTINUED, st = SIGCONT, found = c;
                break;
            }
        }
        if (found) {
            irq_restore(f);
            res->pid = found->pid;
            res->code = code;
            res->status = st;
            res->uid = found->uid;
            if (found->state == PROC_ZOMBIE) {
                res->user_ns = found->self.user_ns;
                res->sys_ns = found->self.sys_ns;
                if (!(options & WNOWAIT)) {
                    self->child_user_ns += found->self.user_ns + found->child_user_ns;
                    self->child_sys_ns += found->self.sys_ns + found->child_sys_ns;
                    process_reap(found);
                }
            } else {
                res->user_ns = found->thread ? found->thread->user_ns : 0;
                res->sys_ns = found->thread ? found->thread->sys_ns : 0;
            }
            return 1;
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

SYSCALL(wait4)
{
    int64_t pid = (int32_t)a0;
    uint64_t options = a2;
    if (options & ~(uint64_t)(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE))
        return -EINVAL;
    int idtype = pid > 0 ? P_PID : pid == -1 ? P_ALL : P_PGID;
    int64_t id = pid > 0 ? pid : pid == -1 ? 0 : pid == 0 ? 0 : -pid;
    if (pid == INT32_MIN)
        return -ESRCH;
    struct wait_result r;
    int e = do_wait(idtype, id, (unsigned)options | WEXITED, &r);
    if (e <= 0)
        return e;
    int32_t status = r.code == CLD_EXITED    ? r.status << 8
                     : r.code == CLD_KILLED  ? r.status
                     : r.code == CLD_DUMPED  ? r.status | 0x80
                     : r.code == CLD_STOPPED ? 0x7f | (r.status << 8)
                                             : 0xffff;
    if (a1 && copy_to_user(a1, &status, sizeof status))
        return -EFAULT;
    if (a3) {
        struct rusage ru;
        fill_rusage(&ru, r.user_ns, r.sys_ns);
        if (copy_to_user(a3, &ru, sizeof ru))
            return -EFAULT;
    }
    return r.pid;
}

SYSCALL(waitid)
{
    unsigned options = (unsigned)a3;
    if (options &
        ~(unsigned)(WNOHANG | WUNTRACED | WEXITED | WCONTINUED | WNOWAIT | __WALL | __WCLONE))
        return -EINVAL;
    if (!(options & (WEXITED | WUNTRACED | WCONTINUED)))
        return -EINVAL;
    if (a0 > P_PGID)
        return -EINVAL;
    struct wait_result r;
    int e = do_wait((int)a0, (int64_t)(int32_t)a1, options, &r);
    if (e < 0)
        return e;
    int32_t info[32];
    memset(info, 0, sizeof info);
    if (e == 1) {
        info[0] = SIGCHLD;
        info[2] = r.code;
        info[4] = r.pid;
        info[5] = (int32_t)r.uid;
        info[6] = r.status;
    }
    if (a2 && copy_to_user(a2, info, sizeof info))
        return -EFAULT;
    if (a4 && e == 1) {
        struct rusage ru;
        fill_rusage(&ru, r.user_ns, r.sys_ns);
        if (copy_to_user(a4, &ru, sizeof ru))
            return -EFAULT;
    }
    return 0;
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
        if (p->native && p != self && sig && self->euid)
            return -EPERM; /* only root may signal a server (and restart it so) */
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
    if ((int)a0 <= 0)
        return -EINVAL; /* a thread id, never a group or "everyone" */
    return sys_kill(a0, a1, 0, 0, 0, 0);
}

SYSCALL(tgkill)
{
    if ((int)a0 <= 0 || (int)a1 <= 0)
        return -EINVAL;
    if (a0 != a1)
        return -ESRCH; /* one thread per process: tid == tgid */
    struct process *self = current_process();
    struct process *p = process_find((int)a1);
    int sig = (int)a2;
    if (!p || p->state != PROC_ALIVE)
        return -ESRCH;
    if (sig < 0 || sig > 64)
        return -EINVAL;
    if (self->euid && self->euid != p->uid && self->uid != p->uid)
        return -EPERM;
    return sig ? signal_send_info(p, sig, SI_TKILL, self->pid, self->uid, 0) : 0;
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
    if (p != self && p->did_exec)
        return -EACCES;
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
    struct process *p = current_process();
    int n = (int)a0;
    if (n < 0)
        return -EINVAL;
    if (n == 0)
        return p->ngroups;
    if ((unsigned)n < p->ngroups)
        return -EINVAL;
    return copy_to_user(a1, p->groups, p->ngroups * sizeof(uint32_t)) ? -EFAULT
                                                                      : (int64_t)p->ngroups;
}

SYSCALL(setgroups)
{
    struct process *p = current_process();
    if (p->euid)
        return -EPERM;
    if (a0 > 32)
        return -EINVAL;
    uint32_t g[32];
    if (a0 && copy_from_user(g, a1, a0 * sizeof(uint32_t)))
        return -EFAULT;
    memcpy(p->groups, g, a0 * sizeof(uint32_t));
    p->ngroups = (unsigned)a0;
    return 0;
}

#define ID_KEEP ((uint32_t)-1)

/* id_allowed: an unprivileged process may take one of its three ids. */
static bool id_allowed(uint32_t id, uint32_t r, uint32_t e, uint32_t s)
{
    return id == r || id == e || id == s;
}

/* set_ids: setresuid/setresgid semantics on (*r, *e, *s). */
static int set_ids(bool privileged, uint32_t nr, uint32_t ne, uint32_t ns, uint32_t *r, uint32_t *e,
                   uint32_t *s)
{
    if (!privileged) {
        if ((nr != ID_KEEP && !id_allowed(nr, *r, *e, *s)) ||
            (ne != ID_KEEP && !id_allowed(ne, *r, *e, *s)) ||
            (ns != ID_KEEP && !id_allowed(ns, *r, *e, *s)))
            return -EPERM;
    }
    if (nr != ID_KEEP)
        *r = nr;
    if (ne != ID_KEEP)
        *e = ne;
    if (ns != ID_KEEP)
        *s = ns;
    return 0;
}

/* uid_set/gid_set: after a successful change of the user (group) ids, the
 * file-access id follows the effective one, as on Linux.  Return r. */
static int64_t uid_set(struct process *p, int64_t r)
{
    if (r == 0)
        p->fsuid = p->euid;
    return r;
}

static int64_t gid_set(struct process *p, int64_t r)
{
    if (r == 0)
        p->fsgid = p->egid;
    return r;
}

SYSCALL(setresuid)
{
    struct process *p = current_process();
    return uid_set(p, set_ids(p->euid == 0, (uint32_t)a0, (uint32_t)a1, (uint32_t)a2, &p->uid,
                              &p->euid, &p->suid));
}

SYSCALL(setresgid)
{
    struct process *p = current_process();
    return gid_set(p, set_ids(p->euid == 0, (uint32_t)a0, (uint32_t)a1, (uint32_t)a2, &p->gid,
                              &p->egid, &p->sgid));
}

SYSCALL(getresuid)
{
    struct process *p = current_process();
    if (copy_to_user(a0, &p->uid, 4) || copy_to_user(a1, &p->euid, 4) ||
        copy_to_user(a2, &p->suid, 4))
        return -EFAULT;
    return 0;
}

SYSCALL(getresgid)
{
    struct process *p = current_process();
    if (copy_to_user(a0, &p->gid, 4) || copy_to_user(a1, &p->egid, 4) ||
        copy_to_user(a2, &p->sgid, 4))
        return -EFAULT;
    return 0;
}

/* setreuid/setregid: Linux's rules, including "the saved id follows the
 * new effective id when the real id is set or the effective one changes". */
static int set_re(bool privileged, uint32_t nr, uint32_t ne, uint32_t *r, uint32_t *e, uint32_t *s)
{
    uint32_t old_r = *r;
    if (!privileged) {
        if (nr != ID_KEEP && nr != *r && nr != *e)
            return -EPERM;
        if (ne != ID_KEEP && !id_allowed(ne, *r, *e, *s))
            return -EPERM;
    }
    if (nr != ID_KEEP)
        *r = nr;
    if (ne != ID_KEEP)
        *e = ne;
    if (nr != ID_KEEP || (ne != ID_KEEP && ne != old_r))
        *s = *e;
    return 0;
}

SYSCALL(setreuid)
{
    struct process *p = current_process();
    return uid_set(p,
                   set_re(p->euid == 0, (uint32_t)a0, (uint32_t)a1, &p->uid, &p->euid, &p->suid));
}

SYSCALL(setregid)
{
    struct process *p = current_process();
    return gid_set(p,
                   set_re(p->euid == 0, (uint32_t)a0, (uint32_t)a1, &p->gid, &p->egid, &p->sgid));
}

SYSCALL(setuid)
{
    struct process *p = current_process();
    uint32_t uid = (uint32_t)a0;
    if (p->euid == 0)
        p->uid = p->euid = p->suid = uid;
    else if (uid == p->uid || uid == p->suid)
        p->euid = uid;
    else
        return -EPERM;
    return uid_set(p, 0);
}

SYSCALL(setgid)
{
    struct process *p = current_process();
    uint32_t gid = (uint32_t)a0;
    if (p->euid == 0)
        p->gid = p->egid = p->sgid = gid;
    else if (gid == p->gid || gid == p->sgid)
        p->egid = gid;
    else
        return -EPERM;
    return gid_set(p, 0);
}

/* setfsuid/setfsgid: return the previous file-access id, always.  The new
 * one is taken if the caller is root or it is one of the real, effective,
 * saved or current file-access ids; (uid_t)-1 only asks. */
SYSCALL(setfsuid)
{
    struct process *p = current_process();
    uint32_t old = p->fsuid, id = (uint32_t)a0;
    if (id != ID_KEEP &&
        (p->euid == 0 || id == p->uid || id == p->euid || id == p->suid || id == old))
        p->fsuid = id;
    return old;
}

SYSCALL(setfsgid)
{
    struct process *p = current_process();
    uint32_t old = p->fsgid, id = (uint32_t)a0;
    if (id != ID_KEEP &&
        (p->euid == 0 || id == p->gid || id == p->egid || id == p->sgid || id == old))
        p->fsgid = id;
    return old;
}

#define RLIMIT_NLIMITS 16
#define RLIMIT_NOFILE 7
#define RLIMIT_NPROC 6
#define RLIMIT_STACK 3

static uint64_t rlim_default_cur(int r)
{
    return r == RLIMIT_NOFILE  ? FD_MAX
           : r == RLIMIT_STACK ? USER_STACK_SIZE
           : r == RLIMIT_NPROC ? PROC_MAX
                               : ~0UL;
}

static int do_prlimit(struct process *p, unsigned res, uint64_t unew, uint64_t uold)
{
    if (res >= RLIMIT_NLIMITS)
        return -EINVAL;
    uint64_t cur = p->rlim_cur[res] == ~0UL ? rlim_default_cur((int)res) : p->rlim_cur[res];
    uint64_t max =
        p->rlim_max[res] == ~0UL ? (res == RLIMIT_NOFILE ? FD_MAX : ~0UL) : p->rlim_max[res];
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

/* ---- scheduling queries: one CPU, SCHED_OTHER, nice values ---------------- */

#define SCHED_OTHER 0
#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2

static struct process *pid_or_self(uint64_t pid)
{
    return pid ? process_find((int)pid) : current_process();
}

SYSCALL(sched_getaffinity)
{
    if (!pid_or_self(a0))
        return -ESRCH;
    if (a1 < 8 || (a1 & 7))
        return -EINVAL;
    uint64_t mask = 1; /* CPU 0 */
    if (copy_to_user(a2, &mask, sizeof mask) || clear_user(a2 + 8, a1 - 8))
        return -EFAULT;
    return 8;
}

SYSCALL(sched_setaffinity)
{
    if (!pid_or_self(a0))
        return -ESRCH;
    uint64_t mask = 0;
    if (a1 && copy_from_user(&mask, a2, a1 < 8 ? a1 : 8))
        return -EFAULT;
    return (mask & 1) ? 0 : -EINVAL;
}

SYSCALL(sched_getscheduler)
{
    if ((int64_t)a0 < 0)
        return -EINVAL;
    return pid_or_self(a0) ? SCHED_OTHER : -ESRCH;
}

SYSCALL(sched_getparam)
{
    if ((int64_t)a0 < 0 || !a1)
        return -EINVAL;
    if (!pid_or_self(a0))
        return -ESRCH;
    int32_t prio = 0;
    return copy_to_user(a1, &prio, sizeof prio);
}

SYSCALL(sched_get_priority_max)
{
    return a0 == SCHED_OTHER || a0 == 3 /* BATCH */ || a0 == 5 /* IDLE */ ? 0
           : a0 == 1 || a0 == 2                                           ? 99
                                                                          : -EINVAL;
}

SYSCALL(sched_get_priority_min)
{
    return a0 == SCHED_OTHER || a0 == 3 || a0 == 5 ? 0 : a0 == 1 || a0 == 2 ? 1 : -EINVAL;
}

SYSCALL(getcpu)
{
    uint32_t zero = 0;
    if ((a0 && copy_to_user(a0, &zero, 4)) || (a1 && copy_to_user(a1, &zero, 4)))
        return -EFAULT;
    return 0;
}

struct prio_ctx {
    int which, who, best, set, err;
    uint32_t self_euid;
    bool found;
};

static int prio_cb(struct process *p, void *ctx)
{
    struct prio_ctx *c = ctx;
    bool match = c->which == PRIO_PROCESS ? p->pid == c->who
                 : c->which == PRIO_PGRP  ? p->pgid == c->who
                                          : p->uid == (uint32_t)c->who;
    if (!match || p->state != PROC_ALIVE)
        return 0;
    c->found = true;
    if (c->set != INT32_MIN) {
        if (c->self_euid && c->set < p->nice)
            c->err = -EACCES; /* lowering nice needs privilege */
        else if (c->self_euid && c->self_euid != p->uid)
            c->err = -EPERM;
        else
            p->nice = c->set;
    } else if (20 - p->nice > c->best) {
        c->best = 20 - p->nice;
    }
    return 0;
}

static int prio_setup(struct prio_ctx *c, uint64_t which, uint64_t who)
{
    struct process *self = current_process();
    if (which > PRIO_USER)
        return -EINVAL;
    c->which = (int)which;
    c->who = (int)who                ? (int)who
             : which == PRIO_PROCESS ? self->pid
             : which == PRIO_PGRP    ? self->pgid
                                     : (int)self->uid;
    c->best = 0;
    c->err = 0;
    c->found = false;
    c->self_euid = self->euid;
    return 0;
}

SYSCALL(getpriority)
{
    struct prio_ctx c;
    int r = prio_setup(&c, a0, a1);
    if (r)
        return r;
    c.set = INT32_MIN;
    process_for_each(prio_cb, &c);
    return c.found ? c.best : -ESRCH; /* the kernel returns 20 - nice */
}

SYSCALL(setpriority)
{
    struct prio_ctx c;
    int r = prio_setup(&c, a0, a1);
    if (r)
        return r;
    int nice = (int)(int64_t)a2;
    c.set = nice < -20 ? -20 : nice > 19 ? 19 : nice;
    process_for_each(prio_cb, &c);
    return !c.found ? -ESRCH : c.err;
}
