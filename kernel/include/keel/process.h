/*
 * keel/process.h — processes: an address space, a file table, credentials,
 * signal state and (for now) one thread.
 *
 * proc_lock (process.c) guards the process list, every parent/child/sibling
 * link, `state` and `exit_status`.  Fields a process only changes about
 * itself (credentials, umask, cwd, name) are written by its own thread.
 */
#ifndef KEEL_PROCESS_H
#define KEEL_PROCESS_H

#include <keel/ipc.h>
#include <keel/sched.h>
#include <keel/vm.h>
#include <stdbool.h>
#include <stdint.h>

#define PROC_NAME_MAX 16
#define PROC_CMDLINE_MAX 256
#define PROC_MAX 1024 /* default limit on live processes (RLIMIT_NPROC) */

enum proc_state { PROC_ALIVE, PROC_ZOMBIE };

struct fd_table;

struct process {
    int pid;
    char name[PROC_NAME_MAX];
    char cmdline[PROC_CMDLINE_MAX]; /* NUL-separated argv, as /proc/pid/cmdline */
    size_t cmdline_len;
    struct process *parent;
    struct process *children, *sibling; /* proc_lock */
    struct process *all_next;           /* proc_lock */
    struct thread *thread;
    struct address_space *as;
    struct fd_table *fds;
    uint32_t uid, euid, gid, egid;
    uint32_t suid, sgid;   /* saved set-user/group-ID */
    uint32_t fsuid, fsgid; /* file-access ids: set to euid/egid by every change of
                            * those, or on their own by setfsuid/setfsgid */
    uint32_t groups[32];   /* supplementary groups */
    unsigned ngroups;
    bool did_exec;      /* has called execve since fork (setpgid rules) */
    int nice;           /* -20..19 */
    bool autoreap;      /* parent ignores SIGCHLD: no zombie to wait for */
    struct sig_origin { /* who sent each pending signal (siginfo) */
        int32_t code, pid;
        uint32_t uid;
        int32_t pad;
        int64_t value; /* si_status (SIGCHLD) or si_value (sigqueue) */
    } sig_origin[64];
    uint64_t sigwait_mask; /* rt_sigtimedwait: signals that end the wait */
    struct rt_queue {      /* real-time signals (32..64) queue up, in order */
        uint8_t count;
        struct sig_origin q[8];
    } rtq[33];
    int pgid, sid;
    uint32_t umask;
    uint64_t cwd; /* VFS handle of the working directory */
    bool native;  /* may make Keel's native calls (servers) */
    enum proc_state state;
    int exit_status;              /* wait(2) status word, valid when a zombie */
    struct wait_queue child_wait; /* the parent sleeps here in wait4 */
    uint64_t start_ns;
    uint64_t clear_child_tid;             /* set_tid_address */
    uint64_t child_user_ns, child_sys_ns; /* reaped children's CPU time */
    uint64_t sig_pending, sig_blocked;    /* signal bit masks (bit n-1) */
    struct capability caps[PROC_CAPS];    /* endpoints it may receive on */
    struct vnode_ref *cwd_ref;            /* shared working directory handle */
    struct rusage_acct {
        uint64_t user_ns, sys_ns;
    } self;
    struct wait_queue vfork_done;        /* a vfork parent sleeps here */
    bool vfork_pending;                  /* the vfork child has not exec'd or exited */
    uint64_t rlim_cur[16], rlim_max[16]; /* RLIMIT_* */
    uint64_t sig_handlers[64];           /* sa_handler per signal (0 default, 1 ignore) */
    uint64_t sig_flags[64], sig_masks[64], sig_restorers[64];
    uint64_t altstack_sp, altstack_size; /* sigaltstack */
    int altstack_flags;
    bool stopped;                              /* job control: stopped by a signal */
    int stop_sig;                              /* the signal that stopped it */
    bool stop_reported;                        /* wait4 WUNTRACED has seen this stop */
    bool cont_pending;                         /* continued, not yet seen by WCONTINUED */
    struct wait_queue stop_wait;               /* a stopped process sleeps here */
    uint64_t saved_mask;                       /* rt_sigsuspend: mask to restore */
    uint64_t itimer_deadline, itimer_interval; /* ITIMER_REAL, ns (0: off) */
    int64_t itimer_cpu_left[2];                /* ITIMER_VIRTUAL, ITIMER_PROF: ns left (0: off) */
    uint64_t itimer_cpu_interval[2];
    struct posix_timer { /* timer_create */
        bool used;
        int clock, signo, notify;
        int64_t value;               /* sigev_value */
        uint64_t deadline, interval; /* monotonic ns (0: disarmed) */
        int overrun;
    } ptimers[32];
    bool restore_saved_mask;
};

/* proc_init: the process table (before the first process). */
void proc_init(void);

/* process_create: a new, empty process with a fresh pid (no address space,
 * no thread), or with pid `want_pid` if > 0 (init is 1).  NULL when out of
 * memory or pids. */
struct process *process_create(const char *name, struct process *parent);
struct process *process_create_pid(const char *name, struct process *parent, int want_pid);

/* process_reap: free a zombie (its parent collected the status). */
void process_reap(struct process *p);

/* process_for_each: call fn on every process (proc_lock held: fn must not
 * sleep); stops early when fn returns non-zero, which is returned. */
int process_for_each(int (*fn)(struct process *p, void *ctx), void *ctx);

/* process_group_exists: some process is in group pgid of session sid. */
bool process_group_exists(int pgid, int sid);

/* signal_send_pgrp: post sig to every process of group pgid. */
int signal_send_pgrp(int pgid, int sig);

/* The init process (pid 1), or NULL before it exists. */
extern struct process *init_process;

/* process_activate: switch the CPU to p's address space (scheduler). */
void process_activate(struct process *p);

/* process_signal_pending: an unblocked signal waits for t's process. */
bool process_signal_pending(struct thread *t);

/* process_exit: the current process ends with wait status `status`. */
__attribute__((noreturn)) void process_exit(int status);

/* process_find: the live or zombie process with pid, or NULL (proc_lock
 * is taken and released inside; the result may die afterwards). */
struct process *process_find(int pid);

/* current_process: the process of the running thread (NULL in the idle
 * thread). */
static inline struct process *current_process(void)
{
    return current()->proc;
}

/* process_count: processes alive or zombie. */
unsigned process_count(void);

/*
 * Loading programs.  An exec_source reads the file being executed; exec
 * works the same whether the bytes come from the VFS server or (for the
 * VFS server itself) from the initrd in memory.
 */
struct exec_source {
    uint64_t size;
    /* read: copy [off, off+len) of the file into kernel memory; returns
     * bytes read or -errno. */
    int64_t (*read)(struct exec_source *src, uint64_t off, void *buf, size_t len);
    void *ctx;
};

/*
 * exec_image: replace p's address space with the program from `src`, with
 * argument and environment vectors (kernel copies, NULL-terminated) and
 * `execfn` for AT_EXECFN; fill *tf to enter it.  On failure p is unchanged
 * and -errno is returned (-ENOEXEC for a malformed program, -ENOMEM, -E2BIG).
 */
int exec_image(struct process *p, struct exec_source *src, char *const argv[], char *const envp[],
               const char *execfn, struct trap_frame *tf);

/* spawn_boot_program: start a native program from a memory image (the VFS
 * server from the initrd).  Returns its pid or -errno. */
int spawn_boot_program(const char *name, const void *image, size_t size, bool native,
                       const char *arg);

#endif
