/*
 * kernel/process.c — the process table: creation, exit, reaping, groups.
 */
#include <abi/errno.h>
#include <arch/timer.h>
#include <keel/compiler.h>
#include <keel/file.h>
#include <keel/mm.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/signal.h>
#include <keel/string.h>
#include <keel/tty.h>
#include <keel/vfs.h>

void vfs_server_restart(void);

static spinlock_t proc_lock = SPINLOCK_INIT;
static struct process *all_procs;
static int next_pid = 2; /* pid 1 is init's */
static unsigned nr_procs;
struct process *init_process;

void proc_init(void)
{
    all_procs = NULL;
}

static bool pid_used(int pid)
{
    for (struct process *q = all_procs; q; q = q->all_next)
        if (q->pid == pid || q->pgid == pid || q->sid == pid)
            return true;
    return false;
}

struct process *process_create_pid(const char *name, struct process *parent, int want_pid)
{
    struct process *p = kzalloc(sizeof *p);
    if (!p)
        return NULL;
    strscpy(p->name, name, sizeof p->name);
    p->start_ns = timer_now_ns();
    p->umask = 022;
    for (int i = 0; i < 16; i++)
        p->rlim_cur[i] = p->rlim_max[i] = ~0UL;
    irq_flags_t f = spin_lock_irqsave(&proc_lock);
    if (nr_procs >= PROC_MAX) {
        spin_unlock_irqrestore(&proc_lock, f);
        kfree(p);
        return NULL;
    }
    if (want_pid > 0) {
        p->pid = want_pid;
    } else {
        for (int tries = 0; tries < 32768; tries++) {
            int pid = next_pid++;
            if (next_pid >= 32768)
                next_pid = 2;
            if (!pid_used(pid)) {
                p->pid = pid;
                break;
            }
        }
    }
    if (!p->pid) {
        spin_unlock_irqrestore(&proc_lock, f);
        kfree(p);
        return NULL;
    }
    p->parent = parent;
    if (parent) {
        p->sibling = parent->children;
        parent->children = p;
        p->uid = parent->uid, p->euid = parent->euid, p->suid = parent->suid;
        p->gid = parent->gid, p->egid = parent->egid, p->sgid = parent->sgid;
        p->fsuid = parent->fsuid, p->fsgid = parent->fsgid;
        memcpy(p->groups, parent->groups, sizeof p->groups);
        p->ngroups = parent->ngroups;
        p->pgid = parent->pgid, p->sid = parent->sid;
        p->umask = parent->umask;
        p->nice = parent->nice;
        memcpy(p->rlim_cur, parent->rlim_cur, sizeof p->rlim_cur);
        memcpy(p->rlim_max, parent->rlim_max, sizeof p->rlim_max);
    } else {
        p->pgid = p->pid;
        p->sid = p->pid;
    }
    p->all_next = all_procs;
    all_procs = p;
    nr_procs++;
    spin_unlock_irqrestore(&proc_lock, f);
    return p;
}

struct process *process_create(const char *name, struct process *parent)
{
    return process_create_pid(name, parent, 0);
}

void process_activate(struct process *p)
{
    as_activate(p ? p->as : NULL);
}

bool process_signal_pending(struct thread *t)
{
    struct process *p = t->proc;
    return p && (p->sig_pending & ~p->sig_blocked) != 0;
}

struct process *process_find(int pid)
{
    irq_flags_t f = spin_lock_irqsave(&proc_lock);
    struct process *p = all_procs;
    while (p && p->pid != pid)
        p = p->all_next;
    spin_unlock_irqrestore(&proc_lock, f);
    return p;
}

unsigned process_count(void)
{
    return nr_procs;
}

int process_for_each(int (*fn)(struct process *p, void *ctx), void *ctx)
{
    irq_flags_t f = spin_lock_irqsave(&proc_lock);
    int r = 0;
    for (struct process *p = all_procs; p && !r; p = p->all_next)
        r = fn(p, ctx);
    spin_unlock_irqrestore(&proc_lock, f);
    return r;
}

bool process_group_exists(int pgid, int sid)
{
    irq_flags_t f = spin_lock_irqsave(&proc_lock);
    bool found = false;
    for (struct process *p = all_procs; p && !found; p = p->all_next)
        found = p->pgid == pgid && p->sid == sid; /* zombies are members until reaped */
    spin_unlock_irqrestore(&proc_lock, f);
    return found;
}

int signal_send_pgrp(int pgid, int sig)
{
    int total = 0;
    irq_flags_t f = spin_lock_irqsave(&proc_lock);
    for (struct process *p = all_procs; p; p = p->all_next) {
        if (p->pgid == pgid && p->state == PROC_ALIVE) {
            signal_send(p, sig); /* takes no proc_lock: safe under it */
            total++;
        }
    }
    spin_unlock_irqrestore(&proc_lock, f);
    return total ? 0 : -ESRCH;
}

void process_reap(struct process *p)
{
    irq_flags_t f = spin_lock_irqsave(&proc_lock);
    for (struct process **pp = &all_procs; *pp; pp = &(*pp)->all_next) {
        if (*pp == p) {
            *pp = p->all_next;
            break;
        }
    }
    if (p->parent) {
        for (struct process **pp = &p->parent->children; *pp; pp = &(*pp)->sibling) {
            if (*pp == p) {
                *pp = p->sibling;
                break;
            }
        }
    }
    nr_procs--;
    spin_unlock_irqrestore(&proc_lock, f);
    kfree(p);
}

__attribute__((noreturn)) void process_exit(int status)
{
    struct process *p = current_process();
    BUG_ON(!p);
    if (p == init_process)
        pr_err("init exited with status 0x%x", status);
    bool was_vfs_server = vfs_endpoint.server == p;
    endpoint_server_died(&vfs_endpoint, p);
    if (p->fds) {
        fd_table_put(p->fds);
        p->fds = NULL;
    }
    if (p->cwd_ref) {
        vnode_ref_put(p->cwd_ref);
        p->cwd_ref = NULL;
    }
    if (p->sid == p->pid)
        tty_session_exit(p);
    process_activate(NULL);
    if (p->as) {
        as_put(p->as);
        p->as = NULL;
    }
    if (p->vfork_pending) {
        p->vfork_pending = false;
        if (p->parent)
            wake_all(&p->parent->vfork_done);
    }

    irq_flags_t f = spin_lock_irqsave(&proc_lock);
    /* Orphans go to init, which reaps them. */
    struct process *reaper = init_process && init_process != p ? init_process : NULL;
    bool zombie_orphans = false;
    while (p->children) {
        struct process *c = p->children;
        p->children = c->sibling;
        c->parent = reaper;
        if (reaper) {
            c->sibling = reaper->children;
            reaper->children = c;
            zombie_orphans |= c->state == PROC_ZOMBIE;
        } else {
            c->sibling = NULL;
        }
    }
    p->exit_status = status;
    p->state = PROC_ZOMBIE;
    p->self.user_ns = current()->user_ns;
    p->self.sys_ns = current()->sys_ns;
    struct process *parent = p->parent;
    spin_unlock_irqrestore(&proc_lock, f);
    if (zombie_orphans) {
        /* as Linux: the new parent learns of children already dead */
        signal_send_info(reaper, SIGCHLD, CLD_EXITED, 0, 0, 0);
        wake_all(&reaper->child_wait);
    }
    if (parent) {
        int sig = status & 0x7f;
        int code = !sig ? CLD_EXITED : (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
        if (parent->sig_handlers[SIGCHLD - 1] == SIG_IGN ||
            (parent->sig_flags[SIGCHLD - 1] & 0x2 /* SA_NOCLDWAIT */))
            p->autoreap = true;
        else
            signal_send_info(parent, SIGCHLD, code, p->pid, p->uid,
                             sig ? sig : (status >> 8) & 0xff);
        wake_all(&parent->child_wait);
    }
    if (was_vfs_server)
        vfs_server_restart();
    thread_exit();
}
