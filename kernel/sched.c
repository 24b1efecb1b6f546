/*
 * kernel/sched.c — threads, the round-robin run queue, sleeping and waking.
 *
 * sched_lock guards: rq_head/rq_tail, every thread's state, rq_next,
 * wq_next, waiting_on, timed_next, and every wait queue's list.  It is
 * always taken with interrupts off.  The switch itself runs with the lock
 * released but interrupts still off (one CPU runs the scheduler for now;
 * see docs/architecture.md on SMP).
 */
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/timer.h>
#include <keel/mm.h>
#include <keel/percpu.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/sched.h>
#include <keel/string.h>

extern char boot_stack[];

static spinlock_t sched_lock = SPINLOCK_INIT;
static struct thread *rq_head, *rq_tail;
static struct thread *timed_sleepers;
static struct thread *dead_threads;
static struct thread idle_thread;
static int next_tid = 1;
static unsigned nr_runnable;

struct thread *current(void)
{
    return this_cpu()->current;
}

void sched_init(void)
{
    idle_thread.state = THREAD_RUNNABLE;
    idle_thread.tid = 0;
    idle_thread.kstack = (uint8_t *)boot_stack;
    this_cpu()->current = &idle_thread;
    this_cpu()->idle = &idle_thread;
}

static void rq_push(struct thread *t)
{
    t->rq_next = NULL;
    if (rq_tail)
        rq_tail->rq_next = t;
    else
        rq_head = t;
    rq_tail = t;
    nr_runnable++;
}

static struct thread *rq_pop(void)
{
    struct thread *t = rq_head;
    if (t) {
        rq_head = t->rq_next;
        if (!rq_head)
            rq_tail = NULL;
        t->rq_next = NULL;
        nr_runnable--;
    }
    return t;
}

unsigned sched_runnable_count(void)
{
    return nr_runnable + (current() != &idle_thread);
}

struct thread *thread_create_user(struct process *p, const struct trap_frame *tf)
{
    struct thread *t = kzalloc(sizeof *t);
    if (!t)
        return NULL;
    t->kstack = page_alloc(2); /* KSTACK_SIZE = 4 pages */
    if (!t->kstack) {
        kfree(t);
        return NULL;
    }
    t->proc = p;
    t->tf = (struct trap_frame *)(t->kstack + KSTACK_SIZE - sizeof(struct trap_frame));
    *t->tf = *tf;
    t->ctx.sp = (uint64_t)t->tf;
    t->ctx.lr = (uint64_t)trap_return;
    t->state = THREAD_BLOCKED;
    irq_flags_t f = spin_lock_irqsave(&sched_lock);
    t->tid = next_tid++;
    spin_unlock_irqrestore(&sched_lock, f);
    return t;
}

void user_entry_prepare(void);
void prepare_failed(int err);

struct thread *thread_create_prepared(struct process *p, int (*prepare)(struct trap_frame *tf))
{
    struct trap_frame zero;
    memset(&zero, 0, sizeof zero);
    struct thread *t = thread_create_user(p, &zero);
    if (!t)
        return NULL;
    t->ctx.lr = (uint64_t)user_entry_prepare;
    t->ctx.x19_x29[0] = (uint64_t)prepare;
    t->ctx.x19_x29[1] = (uint64_t)t->tf;
    return t;
}

__attribute__((noreturn)) void prepare_failed(int err)
{
    pr_err("%s[%d]: could not start: error %d", current_process()->name, current_process()->pid,
           err);
    process_exit(127 << 8);
}

void thread_start(struct thread *t)
{
    irq_flags_t f = spin_lock_irqsave(&sched_lock);
    t->state = THREAD_RUNNABLE;
    t->slice = SCHED_SLICE_TICKS;
    rq_push(t);
    spin_unlock_irqrestore(&sched_lock, f);
}

/* reap_dead: free threads that finished (never the running one). */
static void reap_dead(void)
{
    irq_flags_t f = spin_lock_irqsave(&sched_lock);
    struct thread *list = dead_threads;
    dead_threads = NULL;
    struct thread *keep = NULL;
    while (list) {
        struct thread *t = list;
        list = t->rq_next;
        if (t == current()) {
            t->rq_next = keep;
            keep = t;
            continue;
        }
        spin_unlock_irqrestore(&sched_lock, f);
        page_free(t->kstack, 2);
        kfree(t);
        f = spin_lock_irqsave(&sched_lock);
    }
    while (keep) {
        struct thread *t = keep;
        keep = t->rq_next;
        t->rq_next = dead_threads;
        dead_threads = t;
    }
    spin_unlock_irqrestore(&sched_lock, f);
}

void schedule(void)
{
    irq_flags_t f = spin_lock_irqsave(&sched_lock);
    struct thread *prev = current();
    if (prev->state == THREAD_RUNNABLE && prev != &idle_thread)
        rq_push(prev);
    struct thread *next = rq_pop();
    if (!next)
        next = &idle_thread;
    next->need_resched = false;
    if (next == prev) {
        spin_unlock_irqrestore(&sched_lock, f);
        return;
    }
    next->slice = SCHED_SLICE_TICKS;
    this_cpu()->current = next;
    spin_unlock(&sched_lock);

    if (prev->proc) {
        fpsimd_save(&prev->fp);
        prev->tls = read_sysreg(tpidr_el0);
    }
    if (next->proc) {
        fpsimd_load(&next->fp);
        write_sysreg(tpidr_el0, next->tls);
        process_activate(next->proc);
    }
    cpu_switch(&prev->ctx, &next->ctx);
    /* Back in prev, later. */
    irq_restore(f);
    if (dead_threads)
        reap_dead();
}

__attribute__((noreturn)) void thread_exit(void)
{
    irq_flags_t f = spin_lock_irqsave(&sched_lock);
    struct thread *t = current();
    t->state = THREAD_DEAD;
    t->rq_next = dead_threads;
    dead_threads = t;
    spin_unlock_irqrestore(&sched_lock, f);
    irq_disable();
    schedule();
    panic("thread_exit: a dead thread ran again");
}

static void wq_remove(struct wait_queue *wq, struct thread *t)
{
    for (struct thread **pp = &wq->head; *pp; pp = &(*pp)->wq_next) {
        if (*pp == t) {
            *pp = t->wq_next;
            t->wq_next = NULL;
            return;
        }
    }
}

static void timed_remove(struct thread *t)
{
    for (struct thread **pp = &timed_sleepers; *pp; pp = &(*pp)->timed_next) {
        if (*pp == t) {
            *pp = t->timed_next;
            t->timed_next = NULL;
            return;
        }
    }
}

/* make_runnable: sched_lock held; t is blocked. */
static void make_runnable(struct thread *t)
{
    if (t->waiting_on)
        wq_remove(t->waiting_on, t);
    t->waiting_on = NULL;
    if (t->wake_ns)
        timed_remove(t);
    t->wake_ns = 0;
    t->state = THREAD_RUNNABLE;
    rq_push(t);
}

int wait_sleep(struct wait_queue *wq, spinlock_t *lock, bool interruptible, uint64_t deadline_ns)
{
    struct thread *t = current();
    BUG_ON(t == &idle_thread);
    irq_flags_t f = spin_lock_irqsave(&sched_lock);
    if (interruptible && process_signal_pending(t)) {
        spin_unlock_irqrestore(&sched_lock, f);
        return -EINTR;
    }
    t->state = THREAD_BLOCKED;
    t->interruptible = interruptible;
    t->interrupted = false;
    t->timed_out = false;
    t->waiting_on = wq;
    if (wq) {
        t->wq_next = wq->head;
        wq->head = t;
    }
    if (deadline_ns) {
        t->wake_ns = deadline_ns;
        t->timed_next = timed_sleepers;
        timed_sleepers = t;
    }
    spin_unlock(&sched_lock);
    if (lock)
        spin_unlock(lock);
    schedule();
    if (lock)
        spin_lock(lock);
    irq_restore(f);
    if (t->interrupted)
        return -EINTR;
    if (t->timed_out)
        return -ETIMEDOUT;
    return 0;
}

/* Threads in poll/select sleep here; every wakeup also wakes them, and
 * they re-check their descriptors (no busy waiting, some spurious wakes). */
struct wait_queue poll_waiters = WAIT_QUEUE_INIT;

void wake_all(struct wait_queue *wq)
{
    irq_flags_t f = spin_lock_irqsave(&sched_lock);
    while (wq->head)
        make_runnable(wq->head);
    while (poll_waiters.head)
        make_runnable(poll_waiters.head);
    spin_unlock_irqrestore(&sched_lock, f);
}

void wake_one(struct wait_queue *wq)
{
    irq_flags_t f = spin_lock_irqsave(&sched_lock);
    if (wq->head)
        make_runnable(wq->head);
    while (poll_waiters.head)
        make_runnable(poll_waiters.head);
    spin_unlock_irqrestore(&sched_lock, f);
}

void thread_interrupt(struct thread *t)
{
    irq_flags_t f = spin_lock_irqsave(&sched_lock);
    if (t->state == THREAD_BLOCKED && t->interruptible) {
        t->interrupted = true;
        make_runnable(t);
    }
    spin_unlock_irqrestore(&sched_lock, f);
}

void itimer_tick(uint64_t now, struct process *running, bool in_user, uint64_t tick_ns);

void sched_tick(void)
{
    struct thread *t = current();
    uint64_t tick_ns = 1000000000ULL / TIMER_HZ;
    if (t != &idle_thread) {
        if (this_cpu()->irq_from_user)
            t->user_ns += tick_ns;
        else
            t->sys_ns += tick_ns;
        if (--t->slice <= 0)
            t->need_resched = true;
    }
    uint64_t now = timer_now_ns();
    spin_lock(&sched_lock);
    for (struct thread *s = timed_sleepers, *next; s; s = next) {
        next = s->timed_next;
        if (s->wake_ns <= now) {
            s->timed_out = true;
            make_runnable(s);
        }
    }
    if (rq_head && t == &idle_thread)
        t->need_resched = true;
    spin_unlock(&sched_lock);
    itimer_tick(now, t->proc, this_cpu()->irq_from_user, tick_ns);
}

/* timer_tick: the periodic tick's hook (arch/timer.h). */
void timer_tick(void)
{
    sched_tick();
}

__attribute__((noreturn)) void idle_loop(void)
{
    for (;;) {
        schedule();
        wfi();
    }
}

void sched_preempt_check(void)
{
    if (current()->need_resched)
        schedule();
}
