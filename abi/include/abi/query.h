/*
 * abi/query.h — KEEL_SYS_QUERY: what the kernel tells the VFS server about
 * processes and the machine, so that procfs can format /proc/<pid>/stat,
 * /proc/meminfo, /proc/cpuinfo and friends the way Linux does.
 *
 *   QUERY(what, index, address, length) -> bytes written or -errno
 *
 * The kernel fills the record(s) at address; a record that does not fit in
 * length is not written (records are never cut).  -EINVAL for an unknown
 * `what`, -EFAULT for a bad address.  Strings are NUL-terminated inside
 * their arrays and NUL-padded.  Layouts are fixed (size asserts below) and
 * the same on the host (the server's unit tests use a fake).
 */
#ifndef ABI_QUERY_H
#define ABI_QUERY_H

#include <stdint.h>

/* what (index; what is written) */
/* QUERY_PIDS (index: lowest pid wanted): int32_t pids, ascending, of every
 * process whose pid >= index, as many as fit; 0 bytes: no more. */
#define QUERY_PIDS 1
/* QUERY_PROCESS (index: a pid): one struct query_process; -ESRCH if none. */
#define QUERY_PROCESS 2
/* QUERY_SYSTEM (index: 0): one struct query_system. */
#define QUERY_SYSTEM 3
/* QUERY_CPU (index: a CPU number, 0 .. cpu_count-1): one struct query_cpu;
 * -ENOENT past the last CPU. */
#define QUERY_CPU 4
/* QUERY_FDS (index: pid | (uint64_t)first_fd << 32): struct query_fd records,
 * ascending fd, of that process's open descriptors >= first_fd, as many as
 * fit; -ESRCH if no such process. */
#define QUERY_FDS 5

/* struct query_process.state: the letters of /proc/<pid>/stat. */
#define QUERY_STATE_RUNNING 'R'
#define QUERY_STATE_SLEEPING 'S'
#define QUERY_STATE_DISK 'D'
#define QUERY_STATE_STOPPED 'T'
#define QUERY_STATE_ZOMBIE 'Z'
#define QUERY_STATE_IDLE 'I'

#define QUERY_NAME_LEN 16     /* comm, with its NUL (Linux TASK_COMM_LEN) */
#define QUERY_CMDLINE_LEN 256 /* argv bytes kept */

struct query_process {
    int32_t pid;
    int32_t ppid; /* 0 for the first process */
    int32_t pgid;
    int32_t sid;
    uint32_t uid; /* real */
    uint32_t euid;
    uint32_t gid; /* real */
    uint32_t egid;
    char state; /* QUERY_STATE_* */
    uint8_t reserved0[3];
    uint32_t threads;
    uint32_t tty;  /* controlling terminal, LINUX_MKDEV encoding (5:1 is 1281); 0: none */
    int32_t tpgid; /* foreground process group of that terminal, -1 if none */
    uint32_t umask;
    int32_t nice;
    char name[QUERY_NAME_LEN]; /* comm: the executable's base name, NUL-padded */
    uint64_t start_ns;         /* start time, nanoseconds after boot */
    uint64_t utime_ns;         /* CPU time in user mode */
    uint64_t stime_ns;         /* CPU time in the kernel */
    uint64_t vsize;            /* bytes of address space mapped */
    uint64_t rss;              /* resident pages */
    uint64_t exe_handle;       /* VFS handle of the executable the kernel keeps, 0: none */
    uint64_t cwd_handle;       /* VFS handle of the working directory, 0: none */
    uint32_t cmdline_len;      /* bytes used in cmdline (argv strings, each with its NUL) */
    uint32_t reserved1;
    char cmdline[QUERY_CMDLINE_LEN];
};
_Static_assert(sizeof(struct query_process) == 392, "query_process layout");

struct query_system {
    uint64_t total_pages; /* RAM the page allocator manages */
    uint64_t free_pages;
    uint64_t used_pages;
    uint64_t page_size; /* bytes */
    uint64_t uptime_ns;
    uint64_t idle_ns;  /* idle time summed over the CPUs, 0 if not counted */
    int64_t boot_time; /* CLOCK_REALTIME at boot, seconds since the epoch */
    uint32_t cpu_count;
    uint32_t nprocs;   /* processes that exist */
    uint32_t nrunning; /* of them runnable */
    uint32_t last_pid; /* the pid most recently given out */
    uint64_t forks;    /* processes created since boot */
    char sysname[65];  /* uname(2) strings */
    char release[65];
    char version[65];
    char machine[65];
    uint32_t reserved;
};
_Static_assert(sizeof(struct query_system) == 344, "query_system layout");

#define QUERY_FEATURES_LEN 224

struct query_cpu {
    uint32_t index;
    uint32_t implementer; /* MIDR_EL1 fields */
    uint32_t variant;
    uint32_t part;
    uint32_t revision;
    uint32_t architecture;             /* 8 */
    uint64_t timer_hz;                 /* CNTFRQ_EL0 (BogoMIPS is timer_hz / 500000) */
    char features[QUERY_FEATURES_LEN]; /* hwcap names as /proc/cpuinfo spells them,
                                          separated by single spaces */
};
_Static_assert(sizeof(struct query_cpu) == 256, "query_cpu layout");

/* struct query_fd.kind */
#define QUERY_FD_VFS 1     /* a VFS handle: `handle` */
#define QUERY_FD_PIPE 2    /* a pipe end: `id` is its inode number (pipe:[id]) */
#define QUERY_FD_CONSOLE 3 /* a kernel terminal device: `id` is its LINUX_MKDEV number */
#define QUERY_FD_OTHER 4   /* anything else the kernel owns: `id` names it (anon_inode:[id]) */

struct query_fd {
    int32_t fd;
    uint32_t kind;  /* QUERY_FD_* */
    uint32_t flags; /* the open file description's LINUX_O_* status flags */
    uint32_t reserved;
    uint64_t handle;
    uint64_t id;
};
_Static_assert(sizeof(struct query_fd) == 32, "query_fd layout");

#endif
