/*
 * keel/sched.h — threads, the run queue and sleeping.
 *
 * Every thread has a kernel stack (KSTACK_SIZE); a user thread's trap frame
 * sits at the top of it.  The scheduler is round-robin with a time slice of
 * SCHED_SLICE_TICKS; the kernel is not preemptible: a thread gives up the
 * CPU by blocking, by yielding, or on its way back to user mode when its
 * slice is used up.  sched_lock (in sched.c) guards the run queue, thread
 * states and every wait queue.
 */
#ifndef KEEL_SCHED_H
#define KEEL_SCHED_H

#include <arch/context.h>
#include <arch/fpsimd.h>
#include <arch/trap.h>
#include <keel/spinlock.h>
#include <stdbool.h>
#include <stdint.h>

#define KSTACK_SIZE (16 * 1024)
#define SCHED_SLICE_TICKS 2

struct process;

enum thread_state {
    THREAD_RUNNABLE, /* on the run queue or running */
    THREAD_BLOCKED,  /* on a wait queue (or sleeping until wake_ns) */
    THREAD_DEAD,     /* finished; its memory is freed by the reaper */
};

struct thread {
    struct cpu_context ctx; /* saved by cpu_switch */
    enum thread_state state;
    int tid;
    struct process *proc;   /* NULL for kernel threads */
    uint8_t *kstack;        /* KSTACK_SIZE bytes */
    struct trap_frame *tf;  /* user threads: the frame at the stack top */
    struct thread *rq_next; /* run queue (sched_lock) */
    struct thread *wq_next; /* wait queue (sched_lock) */
    struct wait_queue *waiting_on;
    uint64_t wake_ns; /* timed sleep deadline, 0 = none */
    int slice;        /* ticks left in the time slice */
    bool need_resched;
    bool interruptible;        /* a signal may end the current sleep */
    bool interrupted;          /* woken by a signal, not by the event */
    bool timed_out;            /* woken by its deadline */
    struct thread *timed_next; /* list of sleepers with a deadline */
    uint64_t user_ns, sys_ns;  /* CPU time */
    uint64_t tls;              /* TPIDR_EL0: the user thread pointer */
    uint64_t orig_x0;          /* x0 at system-call entry (restarts) */
    bool in_syscall;           /* tf->x[0] holds a system call's result */
    bool restart_sleep;        /* an interrupted nanosleep may resume (restart_syscall) */
    uint64_t restart_deadline; /* ... until this monotonic time */
    struct fpsimd_state fp;
};

struct wait_queue {
    struct thread *head;
};

#define WAIT_QUEUE_INIT                                                                            \
    {                                                                                              \
        NULL                                                                                       \
    }

/* sched_init: make the calling boot context the idle thread of CPU 0. */
void sched_init(void);

/* current: the running thread. */
struct thread *current(void);

/* thread_create_user: a thread of `p` that will enter user mode with the
 * registers in `tf` (copied).  Not yet runnable.  NULL when out of memory. */
struct thread *thread_create_user(struct process *p, const struct trap_frame *tf);

/* thread_create_prepared: a thread of `p` that first runs prepare(tf) in
 * the kernel, in p's context (it may block, e.g. on the VFS server), then
 * enters user mode with the frame prepare filled in.  If prepare fails the
 * process exits.  Not yet runnable.  NULL when out of memory. */
struct thread *thread_create_prepared(struct process *p, int (*prepare)(struct trap_frame *tf));

/* thread_start: put a new thread on the run queue. */
void thread_start(struct thread *t);

/* thread_exit: the calling thread is finished; never returns. */
__attribute__((noreturn)) void thread_exit(void);

/* schedule: run another thread if one is runnable (the caller stays
 * runnable unless it set itself blocked).  Called with interrupts enabled
 * or disabled; returns with the same state. */
void schedule(void);

/*
 * wait_sleep: block the caller on `wq` until wake_all()/wake_one(), a
 * signal (if `interruptible`), or `deadline_ns` (monotonic, 0 = none).
 * The caller checks its condition while holding `lock` (taken with
 * spin_lock_irqsave; may be NULL if interrupts are simply off) and calls
 * this without dropping it: the caller is queued before `lock` is
 * released, so no wakeup is lost; `lock` is held again on return.  The
 * caller re-checks its condition afterwards.  Returns 0, -EINTR when a
 * signal ended the wait, or -ETIMEDOUT.
 */
int wait_sleep(struct wait_queue *wq, spinlock_t *lock, bool interruptible, uint64_t deadline_ns);

/* The queue poll/select sleep on: woken by every wake_all/wake_one. */
extern struct wait_queue poll_waiters;

/* wake_all / wake_one: make sleepers on `wq` runnable (IRQ-safe). */
void wake_all(struct wait_queue *wq);
void wake_one(struct wait_queue *wq);

/* thread_interrupt: end an interruptible sleep of `t` (signal delivery). */
void thread_interrupt(struct thread *t);

/* sched_tick: timer hook: accounting, slice expiry, timed wakeups. */
void sched_tick(void);

/* sched_preempt_check: on the way back to user mode: switch if the slice
 * is used up. */
void sched_preempt_check(void);

/* idle_loop: the boot CPU idles here once init runs. */
__attribute__((noreturn)) void idle_loop(void);

/* sched_runnable_count: threads on the run queue (for /proc/loadavg). */
unsigned sched_runnable_count(void);

#endif
