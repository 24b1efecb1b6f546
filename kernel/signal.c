/*
 * kernel/signal.c — signal posting, delivery (handler frames and default
 * actions) and the signal system calls; see keel/signal.h.
 *
 * The handler frame is Linux arm64's struct rt_sigframe: siginfo (128
 * bytes), then a ucontext whose mcontext ends in an fpsimd_context record
 * and a terminator, then a frame record {fp, lr}; sp is 16-aligned.
 */
#include <abi/errno.h>
#include <arch/fpsimd.h>
#include <arch/sysreg.h>
#include <arch/timer.h>
#include <arch/uvm.h>
#include <keel/compiler.h>
#include <keel/mm.h>
#include <keel/percpu.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/signal.h>
#include <keel/string.h>
#include <keel/syscall.h>
#include <keel/uaccess.h>

#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO 0x00000004
#define SA_RESTORER 0x04000000
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define MINSIGSTKSZ 5120
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define ILL_ILLOPC 1
#define FPSIMD_MAGIC 0x46508001

#define BIT(sig) (1UL << ((sig)-1))
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))

enum sig_default { SD_TERM, SD_CORE, SD_IGNORE, SD_STOP, SD_CONT };

static enum sig_default default_action(int sig)
{
    switch (sig) {
    case SIGQUIT:
    case SIGILL:
    case SIGTRAP:
    case SIGABRT:
    case SIGBUS:
    case SIGFPE:
    case SIGSEGV:
    case 24:
    case 25:
    case 31:
        return SD_CORE;
    case SIGCHLD:
    case 23:
    case SIGWINCH:
        return SD_IGNORE;
    case SIGCONT:
        return SD_CONT;
    case SIGSTOP:
    case SIGTSTP:
    case SIGTTIN:
    case SIGTTOU:
        return SD_STOP;
    default:
        return SD_TERM; /* the rest, real-time signals included */
    }
}

static const char *const sig_names[32] = {
    "0",         "SIGHUP",  "SIGINT",    "SIGQUIT", "SIGILL",   "SIGTRAP", "SIGABRT", "SIGBUS",
    "SIGFPE",    "SIGKILL", "SIGUSR1",   "SIGSEGV", "SIGUSR2",  "SIGPIPE", "SIGALRM", "SIGTERM",
    "SIGSTKFLT", "SIGCHLD", "SIGCONT",   "SIGSTOP", "SIGTSTP",  "SIGTTIN", "SIGTTOU", "SIGURG",
    "SIGXCPU",   "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO",   "SIGPWR",  "SIGSYS",
};

/* take_signal: dequeue one instance of pending `sig` and its origin. */
static struct sig_origin take_signal(struct process *p, int sig)
{
    if (sig < 32) {
        p->sig_pending &= ~BIT(sig);
        return p->sig_origin[sig - 1];
    }
    struct rt_queue *q = &p->rtq[sig - 32];
    struct sig_origin o = q->count ? q->q[0] : (struct sig_origin){0};
    if (q->count) {
        memmove(q->q, q->q + 1, (q->count - 1) * sizeof q->q[0]);
        q->count--;
    }
    if (!q->count)
        p->sig_pending &= ~BIT(sig);
    return o;
}

/* set_queued_value: sigqueue's value for the instance just queued. */
void signal_set_value(struct process *p, int sig, int64_t value)
{
    if (sig >= 32 && p->rtq[sig - 32].count)
        p->rtq[sig - 32].q[p->rtq[sig - 32].count - 1].value = value;
    else if (sig < 32)
        p->sig_origin[sig - 1].value = value;
}

bool signal_ignored(struct process *p, int sig)
{
    uint64_t h = p->sig_handlers[sig - 1];
    if (sig == SIGKILL || sig == SIGSTOP)
        return false;
    /* SIGCONT's default action is done when it is sent (resume): as Linux,
     * it is then discarded and interrupts nothing. */
    return h == SIG_IGN ||
           (h == SIG_DFL && (default_action(sig) == SD_IGNORE || default_action(sig) == SD_CONT));
}

static __attribute__((noreturn)) void die_by(int sig)
{
    bool core = default_action(sig) == SD_CORE;
    process_exit(sig | (core ? 0x80 : 0));
}

static void notify_parent_stop(struct process *p)
{
    struct process *parent = p->parent;
    if (!parent)
        return;
    if (!(parent->sig_flags[SIGCHLD - 1] & SA_NOCLDSTOP))
        signal_send_info(parent, SIGCHLD, CLD_STOPPED, p->pid, p->uid, p->stop_sig);
    wake_all(&parent->child_wait);
}

/* do_stop: job-control stop until SIGCONT or SIGKILL. */
static void do_stop(struct process *p, int sig)
{
    p->stopped = true;
    p->stop_sig = sig;
    p->stop_reported = false;
    notify_parent_stop(p);
    irq_flags_t f = irq_save();
    while (p->stopped && !(p->sig_pending & BIT(SIGKILL)))
        wait_sleep(&p->stop_wait, NULL, false, 0);
    irq_restore(f);
}

int signal_send(struct process *p, int sig)
{
    struct process *from = current_process();
    bool user = from && this_cpu()->irq_depth == 0;
    return signal_send_info(p, sig, user ? SI_USER : SI_KERNEL, user ? from->pid : 0,
                            user ? from->uid : 0, 0);
}

int signal_send_info(struct process *p, int sig, int code, int pid, uint32_t uid, int status)
{
    if (sig < 0 || sig > NSIG)
        return -EINVAL;
    if (sig == 0 || p->state != PROC_ALIVE)
        return 0;
    if (sig == SIGCONT || sig == SIGKILL) {
        /* SIGCONT resumes even when ignored; it cancels pending stops. */
        p->sig_pending &= ~(BIT(SIGSTOP) | BIT(SIGTSTP) | BIT(SIGTTIN) | BIT(SIGTTOU));
        if (p->stopped) {
            p->stopped = false;
            p->cont_pending = true;
            wake_all(&p->stop_wait);
            if (sig == SIGCONT && p->parent)
                wake_all(&p->parent->child_wait);
        }
    } else if (default_action(sig) == SD_STOP) {
        p->sig_pending &= ~BIT(SIGCONT);
    }
    if (signal_ignored(p, sig))
        return 0;
    struct sig_origin o = {code, pid, uid, 0, status};
    if (sig >= 32) {
        struct rt_queue *q = &p->rtq[sig - 32];
        if (q->count == ARRAY_SIZE(q->q))
            return -EAGAIN;
        q->q[q->count++] = o;
    } else if (!(p->sig_pending & BIT(sig))) {
        p->sig_origin[sig - 1] = o;
    }
    p->sig_pending |= BIT(sig);
    if (p->thread && (!(p->sig_blocked & BIT(sig)) || (BIT(sig) & (UNBLOCKABLE | p->sigwait_mask))))
        thread_interrupt(p->thread);
    return 0;
}

/* ---- the frame ---------------------------------------------------------------- */

struct k_siginfo {
    int32_t si_signo, si_errno, si_code, pad;
    union {
        struct {
            int32_t pid;
            uint32_t uid;
            int64_t value; /* si_status (SIGCHLD) or si_value */
        } kill;
        uint64_t addr;
        uint8_t pad[112];
    } u;
};
_Static_assert(sizeof(struct k_siginfo) == 128, "siginfo_t is 128 bytes");

struct k_stack {
    uint64_t ss_sp;
    int32_t ss_flags, pad;
    uint64_t ss_size;
};

struct k_fpsimd_context {
    uint32_t magic, size;
    uint32_t fpsr, fpcr;
    __uint128_t vregs[32];
};
_Static_assert(sizeof(struct k_fpsimd_context) == 528, "fpsimd_context");

struct k_sigcontext {
    uint64_t fault_address;
    uint64_t regs[31];
    uint64_t sp, pc, pstate;
    uint8_t reserved[4096] __attribute__((aligned(16)));
};

struct k_ucontext {
    uint64_t uc_flags;
    uint64_t uc_link;
    struct k_stack uc_stack;
    uint64_t uc_sigmask;
    uint8_t unused[128 - 8];
    struct k_sigcontext uc_mcontext __attribute__((aligned(16)));
};

struct k_rt_sigframe {
    struct k_siginfo info;
    struct k_ucontext uc;
    uint64_t fp, lr;
};
_Static_assert(offsetof(struct k_ucontext, uc_mcontext) == 176, "ucontext layout (arm64)");

/* setup_frame: build the handler frame on the user stack and point tf at
 * the handler.  Returns 0, or -EFAULT if the stack is unusable. */
static int setup_frame(struct process *p, int sig, const struct k_siginfo *info,
                       struct trap_frame *tf, uint64_t old_mask)
{
    uint64_t flags = p->sig_flags[sig - 1];
    uint64_t sp = tf->sp;
    bool on_alt = p->altstack_size && sp - p->altstack_sp <= p->altstack_size;
    if ((flags & SA_ONSTACK) && p->altstack_size && !(p->altstack_flags & SS_DISABLE) && !on_alt)
        sp = p->altstack_sp + p->altstack_size;
    struct k_rt_sigframe *fr = kzalloc(sizeof *fr);
    if (!fr)
        return -ENOMEM;
    uint64_t frame = (sp - sizeof *fr) & ~15UL;
    fr->info = *info;
    fr->uc.uc_stack.ss_sp = p->altstack_sp;
    fr->uc.uc_stack.ss_size = p->altstack_size;
    fr->uc.uc_stack.ss_flags = p->altstack_size ? (on_alt ? SS_ONSTACK : 0) : SS_DISABLE;
    fr->uc.uc_sigmask = old_mask;
    struct k_sigcontext *mc = &fr->uc.uc_mcontext;
    memcpy(mc->regs, tf->x, sizeof mc->regs);
    mc->sp = tf->sp;
    mc->pc = tf->elr;
    mc->pstate = tf->spsr;
    mc->fault_address = (sig == SIGSEGV || sig == SIGBUS) ? info->u.addr : 0;
    struct k_fpsimd_context *fc = (struct k_fpsimd_context *)mc->reserved;
    struct fpsimd_state fp;
    fpsimd_save(&fp);
    fc->magic = FPSIMD_MAGIC;
    fc->size = sizeof *fc;
    fc->fpsr = fp.fpsr;
    fc->fpcr = fp.fpcr;
    memcpy(fc->vregs, fp.v, sizeof fc->vregs);
    fr->fp = tf->x[29];
    fr->lr = tf->elr;
    int r = copy_to_user(frame, fr, sizeof *fr);
    kfree(fr);
    if (r)
        return r;
    tf->x[0] = (uint64_t)sig;
    tf->x[1] = frame + offsetof(struct k_rt_sigframe, info);
    tf->x[2] = frame + offsetof(struct k_rt_sigframe, uc);
    tf->x[29] = frame + offsetof(struct k_rt_sigframe, fp);
    tf->x[30] = (flags & SA_RESTORER) ? p->sig_restorers[sig - 1] : 0;
    tf->sp = frame;
    tf->elr = p->sig_handlers[sig - 1];
    return 0;
}

/* deliver: run sig's action now (handler frame, or default). */
static void deliver(struct process *p, int sig, const struct k_siginfo *info, struct trap_frame *tf)
{
    uint64_t handler = p->sig_handlers[sig - 1];
    uint64_t flags = p->sig_flags[sig - 1];
    if (handler == SIG_IGN)
        return;
    if (handler == SIG_DFL) {
        switch (default_action(sig)) {
        case SD_IGNORE:
        case SD_CONT:
            return;
        case SD_STOP:
            do_stop(p, sig);
            return;
        default:
            die_by(sig);
        }
    }
    uint64_t old_mask = p->restore_saved_mask ? p->saved_mask : p->sig_blocked;
    p->restore_saved_mask = false;
    if (setup_frame(p, sig, info, tf, old_mask)) {
        pr_info("%s[%d]: cannot deliver %s (bad stack); killed", p->name, p->pid,
                sig < 32 ? sig_names[sig] : "signal");
        die_by(SIGSEGV);
    }
    p->sig_blocked |= p->sig_masks[sig - 1];
    if (!(flags & SA_NODEFER))
        p->sig_blocked |= BIT(sig);
    p->sig_blocked &= ~UNBLOCKABLE;
    if (flags & SA_RESETHAND) {
        p->sig_handlers[sig - 1] = SIG_DFL;
        p->sig_flags[sig - 1] = 0;
    }
}

void signal_fault(int sig, uint64_t addr, struct trap_frame *tf)
{
    /* SEGV_MAPERR, BUS_ADRALN and ILL_ILLOPC are all 1 */
    signal_fault_code(sig, SEGV_MAPERR, addr, tf);
}

void signal_fault_code(int sig, int code, uint64_t addr, struct trap_frame *tf)
{
    struct process *p = current_process();
    struct k_siginfo info = {.si_signo = sig};
    info.si_code = code;
    info.u.addr = addr;
    current()->in_syscall = false;
    if ((p->sig_blocked & BIT(sig)) || p->sig_handlers[sig - 1] <= SIG_IGN) {
        pr_info("%s[%d]: %s at 0x%lx (pc 0x%lx)", p->name, p->pid, sig_names[sig],
                (unsigned long)addr, (unsigned long)tf->elr);
        die_by(sig);
    }
    deliver(p, sig, &info, tf);
}

void signal_deliver_pending(struct trap_frame *tf)
{
    struct process *p = current_process();
    struct thread *t = current();
    if (!p)
        return;
    bool was_syscall = t->in_syscall;
    t->in_syscall = false;
    for (;;) {
        uint64_t ready = p->sig_pending & (~p->sig_blocked | UNBLOCKABLE);
        if (!ready)
            break;
        int sig = __builtin_ctzl(ready) + 1;
        struct sig_origin o = take_signal(p, sig);
        bool has_handler = p->sig_handlers[sig - 1] > SIG_IGN;
        if (was_syscall && (int64_t)tf->x[0] == -EINTR) {
            if (!has_handler && t->restart_sleep) {
                /* an interrupted sleep continues to its deadline */
                tf->x[8] = 128; /* SYS_restart_syscall */
                tf->elr -= 4;
            } else if (!has_handler ||
                       ((p->sig_flags[sig - 1] & SA_RESTART) && !t->restart_sleep)) {
                /* restart: back to the svc with the original arguments */
                tf->x[0] = t->orig_x0;
                tf->elr -= 4;
            }
            if (has_handler)
                t->restart_sleep = false;
            was_syscall = false;
        }
        struct k_siginfo info = {.si_signo = sig, .si_code = o.code};
        info.u.kill.pid = o.pid;
        info.u.kill.uid = o.uid;
        info.u.kill.value = o.value;
        deliver(p, sig, &info, tf);
        if (has_handler)
            break; /* one frame at a time; the rest after sigreturn */
    }
    if (p->restore_saved_mask) {
        p->sig_blocked = p->saved_mask;
        p->restore_saved_mask = false;
    }
}

/* ---- system calls --------------------------------------------------------------- */

struct k_sigaction {
    uint64_t handler;
    uint64_t flags;
    uint64_t restorer;
    uint64_t mask;
};

SYSCALL(rt_sigaction)
{
    int sig = (int)a0;
    struct process *p = current_process();
    if (sig < 1 || sig > NSIG || a3 != 8)
        return -EINVAL;
    struct k_sigaction old = {p->sig_handlers[sig - 1], p->sig_flags[sig - 1],
                              p->sig_restorers[sig - 1], p->sig_masks[sig - 1]};
    if (a1) {
        if (sig == SIGKILL || sig == SIGSTOP)
            return -EINVAL;
        struct k_sigaction n;
        if (copy_from_user(&n, a1, sizeof n))
            return -EFAULT;
        p->sig_handlers[sig - 1] = n.handler;
        p->sig_flags[sig - 1] = n.flags;
        p->sig_restorers[sig - 1] = n.restorer;
        p->sig_masks[sig - 1] = n.mask & ~UNBLOCKABLE;
        if (signal_ignored(p, sig))
            p->sig_pending &= ~BIT(sig);
    }
    if (a2 && copy_to_user(a2, &old, sizeof old))
        return -EFAULT;
    return 0;
}

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

SYSCALL(rt_sigprocmask)
{
    struct process *p = current_process();
    if (a3 != 8)
        return -EINVAL;
    uint64_t old = p->sig_blocked;
    if (a1) {
        uint64_t set;
        if (copy_from_user(&set, a1, sizeof set))
            return -EFAULT;
        switch (a0) {
        case SIG_BLOCK:
            p->sig_blocked |= set;
            break;
        case SIG_UNBLOCK:
            p->sig_blocked &= ~set;
            break;
        case SIG_SETMASK:
            p->sig_blocked = set;
            break;
        default:
            return -EINVAL;
        }
        p->sig_blocked &= ~UNBLOCKABLE;
    }
    if (a2 && copy_to_user(a2, &old, sizeof old))
        return -EFAULT;
    return 0;
}

SYSCALL(rt_sigpending)
{
    if (a1 != 8)
        return -EINVAL;
    struct process *p = current_process();
    uint64_t pend = p->sig_pending & p->sig_blocked;
    return copy_to_user(a0, &pend, sizeof pend);
}

SYSCALL(rt_sigsuspend)
{
    if (a1 != 8)
        return -EINVAL;
    struct process *p = current_process();
    uint64_t mask;
    if (copy_from_user(&mask, a0, sizeof mask))
        return -EFAULT;
    p->saved_mask = p->sig_blocked;
    p->restore_saved_mask = true;
    p->sig_blocked = mask & ~UNBLOCKABLE;
    irq_flags_t f = irq_save();
    while (!process_signal_pending(current()))
        wait_sleep(NULL, NULL, true, 0);
    irq_restore(f);
    current()->in_syscall = false; /* never restarted */
    return -EINTR;
}

SYSCALL(rt_sigreturn)
{
    struct trap_frame *tf = syscall_frame();
    struct process *p = current_process();
    struct k_rt_sigframe *fr = kmalloc(sizeof *fr);
    if (!fr)
        die_by(SIGSEGV);
    if (copy_from_user(fr, tf->sp, sizeof *fr)) {
        kfree(fr);
        pr_info("%s[%d]: bad signal frame at 0x%lx", p->name, p->pid, (unsigned long)tf->sp);
        die_by(SIGSEGV);
    }
    struct k_sigcontext *mc = &fr->uc.uc_mcontext;
    /* A frame may only return to EL0t, AArch64, with D, A, I and F unmasked
     * (Linux's valid_native_regs): anything else is a forged frame. */
    if (mc->pstate & (SPSR_MODE | SPSR_DAIF)) {
        kfree(fr);
        pr_info("%s[%d]: signal frame asks for pstate 0x%lx", p->name, p->pid,
                (unsigned long)mc->pstate);
        die_by(SIGSEGV);
    }
    memcpy(tf->x, mc->regs, sizeof mc->regs);
    tf->sp = mc->sp;
    tf->elr = mc->pc;
    tf->spsr = mc->pstate & SPSR_NZCV; /* only the condition flags */
    struct k_fpsimd_context *fc = (struct k_fpsimd_context *)mc->reserved;
    if (fc->magic == FPSIMD_MAGIC && fc->size == sizeof *fc) {
        struct fpsimd_state fp;
        memcpy(fp.v, fc->vregs, sizeof fp.v);
        fp.fpsr = fc->fpsr;
        fp.fpcr = fc->fpcr;
        fpsimd_load(&fp);
    }
    p->sig_blocked = fr->uc.uc_sigmask & ~UNBLOCKABLE;
    kfree(fr);
    current()->in_syscall = false; /* x0 is the restored register, not a result */
    return (int64_t)tf->x[0];
}

SYSCALL(sigaltstack)
{
    struct process *p = current_process();
    struct trap_frame *tf = syscall_frame();
    bool on = p->altstack_size && tf->sp - p->altstack_sp <= p->altstack_size;
    if (a1) {
        struct k_stack old = {p->altstack_sp, p->altstack_size ? (on ? SS_ONSTACK : 0) : SS_DISABLE,
                              0, p->altstack_size};
        if (copy_to_user(a1, &old, sizeof old))
            return -EFAULT;
    }
    if (a0) {
        struct k_stack n;
        if (copy_from_user(&n, a0, sizeof n))
            return -EFAULT;
        if (on)
            return -EPERM;
        if (n.ss_flags & ~SS_DISABLE)
            return -EINVAL;
        if (n.ss_flags & SS_DISABLE) {
            p->altstack_sp = p->altstack_size = 0;
            p->altstack_flags = SS_DISABLE;
        } else {
            if (n.ss_size < MINSIGSTKSZ)
                return -ENOMEM;
            p->altstack_sp = n.ss_sp;
            p->altstack_size = n.ss_size;
            p->altstack_flags = 0;
        }
    }
    return 0;
}

SYSCALL(rt_sigqueueinfo)
{
    struct process *self = current_process();
    struct process *p = process_find((int)a0);
    int sig = (int)a1;
    if (!p || p->state != PROC_ALIVE)
        return -ESRCH;
    if (sig < 0 || sig > NSIG)
        return -EINVAL;
    struct k_siginfo info;
    if (copy_from_user(&info, a2, sizeof info))
        return -EFAULT;
    /* Only the kernel may claim SI_USER/SI_KERNEL to another process. */
    if ((info.si_code >= 0 || info.si_code == SI_TKILL) && p != self)
        return -EPERM;
    if (self->euid && self->euid != p->uid && self->uid != p->uid)
        return -EPERM;
    if (!sig)
        return 0;
    if (signal_ignored(p, sig))
        return 0;
    int r = signal_send_info(p, sig, info.si_code, self->pid, self->uid, 0);
    if (!r)
        signal_set_value(p, sig, info.u.kill.value);
    return r;
}

SYSCALL(rt_sigtimedwait)
{
    struct process *p = current_process();
    if (a3 != 8)
        return -EINVAL;
    uint64_t set;
    if (copy_from_user(&set, a0, sizeof set))
        return -EFAULT;
    set &= ~UNBLOCKABLE;
    uint64_t deadline = 0;
    bool poll_only = false;
    if (a2) {
        int64_t ts[2];
        if (copy_from_user(ts, a2, sizeof ts))
            return -EFAULT;
        if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
            return -EINVAL;
        if (!ts[0] && !ts[1])
            poll_only = true;
        else
            deadline = timer_now_ns() + (uint64_t)ts[0] * 1000000000ULL + (uint64_t)ts[1];
    }
    irq_flags_t f = irq_save();
    for (;;) {
        uint64_t ready = p->sig_pending & set;
        if (ready) {
            int sig = __builtin_ctzl(ready) + 1;
            struct sig_origin o = take_signal(p, sig);
            p->sigwait_mask = 0;
            irq_restore(f);
            struct k_siginfo info = {.si_signo = sig, .si_code = o.code};
            info.u.kill.pid = o.pid;
            info.u.kill.uid = o.uid;
            info.u.kill.value = o.value;
            if (a1 && copy_to_user(a1, &info, sizeof info))
                return -EFAULT;
            return sig;
        }
        if (poll_only || (deadline && timer_now_ns() >= deadline)) {
            p->sigwait_mask = 0;
            irq_restore(f);
            return -EAGAIN;
        }
        p->sigwait_mask = set;
        int r = wait_sleep(NULL, NULL, true, deadline);
        p->sigwait_mask = 0;
        if (r == -EINTR && !(p->sig_pending & set)) {
            irq_restore(f);
            current()->in_syscall = false;
            return -EINTR;
        }
    }
}
