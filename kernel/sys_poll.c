/*
 * kernel/sys_poll.c — ppoll, pselect6, and the interval timer (setitimer,
 * getitimer; alarm is setitimer in musl).
 */
#include <abi/errno.h>
#include <arch/timer.h>
#include <keel/compiler.h>
#include <keel/file.h>
#include <keel/mm.h>
#include <keel/process.h>
#include <keel/sched.h>
#include <keel/signal.h>
#include <keel/string.h>
#include <keel/syscall.h>
#include <keel/time.h>
#include <keel/uaccess.h>

#define POLL_MAX FD_MAX

struct pollfd {
    int32_t fd;
    int16_t events, revents;
};

struct kernel_timespec {
    int64_t tv_sec, tv_nsec;
};

/* deadline_from: a relative timespec as a monotonic deadline (0: block
 * forever; *immediate for a zero timeout).  0 or -EFAULT/-EINVAL. */
static int deadline_from(uint64_t uts, uint64_t *deadline, bool *immediate)
{
    *deadline = 0;
    *immediate = false;
    if (!uts)
        return 0;
    struct kernel_timespec ts;
    if (copy_from_user(&ts, uts, sizeof ts))
        return -EFAULT;
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
        return -EINVAL;
    if (!ts.tv_sec && !ts.tv_nsec) {
        *immediate = true;
        return 0;
    }
    uint64_t ns =
        (uint64_t)MIN(ts.tv_sec, (int64_t)1000000000) * 1000000000ULL + (uint64_t)ts.tv_nsec;
    *deadline = timer_now_ns() + ns;
    return 0;
}

/* sigmask_swap: apply a temporary signal mask for the wait. */
static int sigmask_swap(uint64_t umask, uint64_t size)
{
    if (!umask)
        return 0;
    if (size != 8)
        return -EINVAL;
    uint64_t m;
    if (copy_from_user(&m, umask, sizeof m))
        return -EFAULT;
    struct process *p = current_process();
    p->saved_mask = p->sig_blocked;
    p->restore_saved_mask = true;
    p->sig_blocked = m & ~((1UL << 8) | (1UL << 18)); /* KILL, STOP */
    return 0;
}

static void sigmask_restore_if_no_signal(void)
{
    struct process *p = current_process();
    if (p->restore_saved_mask && !process_signal_pending(current())) {
        p->sig_blocked = p->saved_mask;
        p->restore_saved_mask = false;
    }
}

/* poll_once: revents for every entry; returns how many are ready. */
static int poll_once(struct pollfd *pf, size_t n)
{
    int ready = 0;
    struct fd_table *t = current_process()->fds;
    for (size_t i = 0; i < n; i++) {
        pf[i].revents = 0;
        if (pf[i].fd < 0)
            continue;
        struct file *f = fd_get(t, pf[i].fd);
        if (!f) {
            pf[i].revents = POLLNVAL;
        } else {
            unsigned m = f->ops->poll ? f->ops->poll(f, NULL) : (POLLIN | POLLOUT);
            file_put(f);
            pf[i].revents = (int16_t)(m & ((unsigned)pf[i].events | POLLERR | POLLHUP | POLLNVAL));
        }
        if (pf[i].revents)
            ready++;
    }
    return ready;
}

/* wait_poll: sleep until something may have changed or the deadline. */
static int wait_poll(uint64_t deadline)
{
    irq_flags_t f = irq_save();
    int r = wait_sleep(&poll_waiters, NULL, true, deadline);
    irq_restore(f);
    return r;
}

SYSCALL(ppoll)
{
    uint64_t n = a1;
    if (n > POLL_MAX)
        return -EINVAL;
    struct pollfd *pf = kmalloc(MAX(n, 1UL) * sizeof *pf);
    if (!pf)
        return -ENOMEM;
    int64_t r = copy_from_user(pf, a0, n * sizeof *pf);
    uint64_t deadline;
    bool immediate;
    if (!r)
        r = deadline_from(a2, &deadline, &immediate);
    if (!r)
        r = sigmask_swap(a3, a4);
    while (!r) {
        int ready = poll_once(pf, (size_t)n);
        if (ready || immediate) {
            r = ready;
            break;
        }
        int w = wait_poll(deadline);
        if (w == -EINTR)
            r = -EINTR;
        else if (w == -ETIMEDOUT || (deadline && timer_now_ns() >= deadline))
            r = poll_once(pf, (size_t)n), immediate = true;
        if (immediate && r >= 0)
            break;
    }
    if (r >= 0) {
        for (uint64_t i = 0; i < n; i++)
            if (copy_to_user(a0 + i * sizeof *pf + offsetof(struct pollfd, revents), &pf[i].revents,
                             sizeof pf[i].revents)) {
                r = -EFAULT;
                break;
            }
    }
    if (r != -EINTR)
        sigmask_restore_if_no_signal();
    else
        current()->in_syscall = false; /* ppoll is never restarted */
    kfree(pf);
    return r;
}

SYSCALL(pselect6)
{
    int n = (int)a0;
    if (n < 0 || n > FD_MAX)
        return -EINVAL;
    size_t words = ((size_t)n + 63) / 64;
    uint64_t in[FD_MAX / 64] = {0}, out[FD_MAX / 64] = {0}, ex[FD_MAX / 64] = {0};
    if ((a1 && copy_from_user(in, a1, words * 8)) || (a2 && copy_from_user(out, a2, words * 8)) ||
        (a3 && copy_from_user(ex, a3, words * 8)))
        return -EFAULT;
    uint64_t deadline;
    bool immediate;
    int r = deadline_from(a4, &deadline, &immediate);
    if (r)
        return r;
    if (a5) {
        uint64_t sm[2]; /* { const sigset_t *ss; size_t ss_len } */
        if (copy_from_user(sm, a5, sizeof sm))
            return -EFAULT;
        r = sigmask_swap(sm[0], sm[1]);
        if (r)
            return r;
    }
    struct fd_table *t = current_process()->fds;
    uint64_t rin[FD_MAX / 64], rout[FD_MAX / 64], rex[FD_MAX / 64];
    for (;;) {
        int ready = 0;
        memset(rin, 0, sizeof rin), memset(rout, 0, sizeof rout), memset(rex, 0, sizeof rex);
        for (int fd = 0; fd < n; fd++) {
            uint64_t bit = 1UL << (fd % 64);
            bool want = (in[fd / 64] | out[fd / 64] | ex[fd / 64]) & bit;
            if (!want)
                continue;
            struct file *f = fd_get(t, fd);
            if (!f) {
                sigmask_restore_if_no_signal();
                return -EBADF;
            }
            unsigned m = f->ops->poll ? f->ops->poll(f, NULL) : (POLLIN | POLLOUT);
            file_put(f);
            if ((in[fd / 64] & bit) && (m & (POLLIN | POLLHUP | POLLERR)))
                rin[fd / 64] |= bit, ready++;
            if ((out[fd / 64] & bit) && (m & (POLLOUT | POLLERR)))
                rout[fd / 64] |= bit, ready++;
            if ((ex[fd / 64] & bit) && (m & POLLPRI))
                rex[fd / 64] |= bit, ready++;
        }
        bool timed_out = immediate || (deadline && timer_now_ns() >= deadline);
        if (ready || timed_out) {
            if ((a1 && copy_to_user(a1, rin, words * 8)) ||
                (a2 && copy_to_user(a2, rout, words * 8)) ||
                (a3 && copy_to_user(a3, rex, words * 8)))
                return -EFAULT;
            sigmask_restore_if_no_signal();
            return ready;
        }
        if (wait_poll(deadline) == -EINTR) {
            current()->in_syscall = false;
            return -EINTR;
        }
    }
}

/* ---- interval timer ---------------------------------------------------------- */

#define ITIMER_REAL 0

struct kernel_itimerval {
    int64_t interval_sec, interval_usec, value_sec, value_usec;
};

#define SI_TIMER (-2)
#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD_ID 4

static int itimer_cb(struct process *p, void *ctx)
{
    uint64_t now = *(uint64_t *)ctx;
    if (p->state != PROC_ALIVE)
        return 0;
    if (p->itimer_deadline && now >= p->itimer_deadline) {
        p->itimer_deadline = p->itimer_interval ? now + p->itimer_interval : 0;
        signal_send_info(p, SIGALRM, SI_KERNEL, 0, 0, 0);
    }
    for (unsigned i = 0; i < ARRAY_SIZE(p->ptimers); i++) {
        struct posix_timer *t = &p->ptimers[i];
        if (!t->used || !t->deadline || now < t->deadline)
            continue;
        if (t->interval) {
            uint64_t missed = (now - t->deadline) / t->interval;
            t->overrun = (int)MIN(missed, (uint64_t)INT32_MAX);
            t->deadline += (missed + 1) * t->interval;
        } else {
            t->deadline = 0;
        }
        if (t->notify != SIGEV_NONE) {
            if (!signal_send_info(p, t->signo, SI_TIMER, (int)i, (uint32_t)t->overrun, 0))
                signal_set_value(p, t->signo, t->value);
        }
    }
    return 0;
}

/* itimer_tick: from every timer tick: real-time timers of every process;
 * CPU-time timers (ITIMER_VIRTUAL, ITIMER_PROF) of the running one. */
void itimer_tick(uint64_t now, struct process *running, bool in_user, uint64_t tick_ns);
void itimer_tick(uint64_t now, struct process *running, bool in_user, uint64_t tick_ns)
{
    process_for_each(itimer_cb, &now);
    if (!running)
        return;
    static const int sigs[2] = {26 /* SIGVTALRM */, 27 /* SIGPROF */};
    for (int k = 0; k < 2; k++) {
        if (!running->itimer_cpu_left[k] || (k == 0 && !in_user))
            continue;
        running->itimer_cpu_left[k] -= (int64_t)tick_ns;
        if (running->itimer_cpu_left[k] <= 0) {
            running->itimer_cpu_left[k] = (int64_t)running->itimer_cpu_interval[k];
            signal_send_info(running, sigs[k], SI_KERNEL, 0, 0, 0);
        }
    }
}

static void itimer_get(struct process *p, struct kernel_itimerval *v)
{
    uint64_t now = timer_now_ns();
    uint64_t left = p->itimer_deadline > now ? p->itimer_deadline - now : 0;
    if (p->itimer_deadline && !left)
        left = 1000;
    v->value_sec = (int64_t)(left / 1000000000);
    v->value_usec = (int64_t)(left % 1000000000 / 1000);
    v->interval_sec = (int64_t)(p->itimer_interval / 1000000000);
    v->interval_usec = (int64_t)(p->itimer_interval % 1000000000 / 1000);
}

static void cpu_itimer_get(struct process *p, int k, struct kernel_itimerval *v)
{
    uint64_t left = p->itimer_cpu_left[k] > 0 ? (uint64_t)p->itimer_cpu_left[k] : 0;
    v->value_sec = (int64_t)(left / 1000000000);
    v->value_usec = (int64_t)(left % 1000000000 / 1000);
    v->interval_sec = (int64_t)(p->itimer_cpu_interval[k] / 1000000000);
    v->interval_usec = (int64_t)(p->itimer_cpu_interval[k] % 1000000000 / 1000);
}

SYSCALL(getitimer)
{
    if (a0 > 2)
        return -EINVAL;
    struct kernel_itimerval v;
    if (a0 == ITIMER_REAL)
        itimer_get(current_process(), &v);
    else
        cpu_itimer_get(current_process(), (int)a0 - 1, &v);
    return copy_to_user(a1, &v, sizeof v);
}

SYSCALL(setitimer)
{
    if (a0 > 2)
        return -EINVAL;
    struct process *p = current_process();
    struct kernel_itimerval n, old;
    if (a1 && copy_from_user(&n, a1, sizeof n))
        return -EFAULT;
    if (a0 == ITIMER_REAL)
        itimer_get(p, &old);
    else
        cpu_itimer_get(p, (int)a0 - 1, &old);
    if (a1) {
        if (n.value_usec < 0 || n.value_usec >= 1000000 || n.interval_usec < 0 ||
            n.interval_usec >= 1000000 || n.value_sec < 0 || n.interval_sec < 0)
            return -EINVAL;
        uint64_t value = (uint64_t)n.value_sec * 1000000000ULL + (uint64_t)n.value_usec * 1000;
        uint64_t interval =
            (uint64_t)n.interval_sec * 1000000000ULL + (uint64_t)n.interval_usec * 1000;
        if (a0 == ITIMER_REAL) {
            p->itimer_interval = interval;
            p->itimer_deadline = value ? timer_now_ns() + value : 0;
        } else {
            p->itimer_cpu_interval[a0 - 1] = interval;
            p->itimer_cpu_left[a0 - 1] = (int64_t)value;
        }
    }
    if (a2 && copy_to_user(a2, &old, sizeof old))
        return -EFAULT;
    return 0;
}

/* ---- POSIX timers ----------------------------------------------------------- */

struct k_sigevent {
    int64_t value;
    int32_t signo, notify;
    int32_t tid;
    int32_t pad[11];
};

struct k_itimerspec {
    int64_t interval_sec, interval_nsec, value_sec, value_nsec;
};

static struct posix_timer *timer_lookup(uint64_t id)
{
    struct process *p = current_process();
    if (id >= ARRAY_SIZE(p->ptimers) || !p->ptimers[id].used)
        return NULL;
    return &p->ptimers[id];
}

SYSCALL(timer_create)
{
    struct process *p = current_process();
    if (a0 != 0 /* REALTIME */ && a0 != 1 /* MONOTONIC */ && a0 != 7 /* BOOTTIME */)
        return -EINVAL;
    struct k_sigevent ev = {.signo = SIGALRM, .notify = SIGEV_SIGNAL};
    if (a1 && copy_from_user(&ev, a1, sizeof ev))
        return -EFAULT;
    if (ev.notify != SIGEV_SIGNAL && ev.notify != SIGEV_NONE && ev.notify != SIGEV_THREAD_ID)
        return -EINVAL;
    if (ev.notify != SIGEV_NONE && (ev.signo < 1 || ev.signo > 64))
        return -EINVAL;
    for (unsigned i = 0; i < ARRAY_SIZE(p->ptimers); i++) {
        if (p->ptimers[i].used)
            continue;
        int32_t id = (int32_t)i;
        if (copy_to_user(a2, &id, sizeof id))
            return -EFAULT;
        p->ptimers[i] = (struct posix_timer){
            true, (int)a0, ev.signo, ev.notify, a1 ? ev.value : (int64_t)i, 0, 0, 0};
        return 0;
    }
    return -EAGAIN;
}

static void ptimer_get(struct posix_timer *t, struct k_itimerspec *v)
{
    uint64_t now = timer_now_ns();
    uint64_t left = t->deadline > now ? t->deadline - now : (t->deadline ? 1 : 0);
    v->value_sec = (int64_t)(left / 1000000000);
    v->value_nsec = (int64_t)(left % 1000000000);
    v->interval_sec = (int64_t)(t->interval / 1000000000);
    v->interval_nsec = (int64_t)(t->interval % 1000000000);
}

SYSCALL(timer_settime)
{
    struct posix_timer *t = timer_lookup(a0);
    if (!t)
        return -EINVAL;
    struct k_itimerspec n, old;
    if (copy_from_user(&n, a2, sizeof n))
        return -EFAULT;
    if (n.value_nsec < 0 || n.value_nsec >= 1000000000 || n.interval_nsec < 0 ||
        n.interval_nsec >= 1000000000 || n.value_sec < 0 || n.interval_sec < 0)
        return -EINVAL;
    ptimer_get(t, &old);
    uint64_t value = (uint64_t)n.value_sec * 1000000000ULL + (uint64_t)n.value_nsec;
    t->interval = (uint64_t)n.interval_sec * 1000000000ULL + (uint64_t)n.interval_nsec;
    t->overrun = 0;
    if (!value) {
        t->deadline = 0;
    } else if (a1 & 1 /* TIMER_ABSTIME */) {
        uint64_t base = t->clock == 0 ? time_realtime_ns() : timer_now_ns();
        t->deadline = timer_now_ns() + (value > base ? value - base : 0);
    } else {
        t->deadline = timer_now_ns() + value;
    }
    if (a3 && copy_to_user(a3, &old, sizeof old))
        return -EFAULT;
    return 0;
}

SYSCALL(timer_gettime)
{
    struct posix_timer *t = timer_lookup(a0);
    if (!t)
        return -EINVAL;
    struct k_itimerspec v;
    ptimer_get(t, &v);
    return copy_to_user(a1, &v, sizeof v);
}

SYSCALL(timer_getoverrun)
{
    struct posix_timer *t = timer_lookup(a0);
    return t ? t->overrun : -EINVAL;
}

SYSCALL(timer_delete)
{
    struct posix_timer *t = timer_lookup(a0);
    if (!t)
        return -EINVAL;
    t->used = false;
    return 0;
}
