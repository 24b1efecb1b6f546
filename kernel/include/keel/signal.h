/*
 * keel/signal.h — POSIX signals with Linux numbering, default actions,
 * handlers (the arm64 rt_sigframe layout, so musl's restorer and
 * ucontext users work unchanged), masks, alternate stacks, SA_RESTART and
 * job-control stops.  A process's signal state is written by its own
 * thread, or by others with interrupts off (one CPU runs the kernel).
 */
#ifndef KEEL_SIGNAL_H
#define KEEL_SIGNAL_H

#include <arch/trap.h>
#include <stdbool.h>
#include <stdint.h>

struct process;

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGWINCH 28
#define NSIG 64

#define SIG_DFL 0
#define SIG_IGN 1

/* signal_fault: a synchronous fault in user mode (SIGSEGV at `addr`,
 * SIGILL, SIGBUS): delivered now; if blocked or ignored, the process dies
 * of it (as Linux does for a fault it cannot deliver). */
void signal_fault(int sig, uint64_t addr, struct trap_frame *tf);
/* signal_fault_code: the same with an explicit si_code (SEGV_ACCERR...). */
void signal_fault_code(int sig, int code, uint64_t addr, struct trap_frame *tf);

/* signal_deliver_pending: on the way to user mode: run handlers or
 * default actions of pending, unblocked signals, and restart or fail an
 * interrupted system call per SA_RESTART. */
void signal_deliver_pending(struct trap_frame *tf);

/* signal_send: post `sig` to `p` (waking it if it sleeps interruptibly or
 * is stopped and sig is SIGCONT/SIGKILL).  Signals the process ignores
 * are discarded.  0 or -EINVAL. */
int signal_send(struct process *p, int sig);

/* siginfo codes */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE (-1)
#define SI_TKILL (-6)
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

/* signal_send_info: signal_send with the siginfo a handler will see. */
int signal_send_info(struct process *p, int sig, int code, int pid, uint32_t uid, int status);

/* signal_set_value: the si_value of the instance of sig just queued. */
void signal_set_value(struct process *p, int sig, int64_t value);

/* signal_ignored: p would discard sig now. */
bool signal_ignored(struct process *p, int sig);

#endif
