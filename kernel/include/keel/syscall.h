/*
 * keel/syscall.h — the system-call boundary.  Every handler takes the six
 * argument registers and returns a value or -errno (placed in x0).  The
 * table (kernel/syscall.c) maps Linux AArch64 numbers (abi/linux_syscalls.h)
 * and Keel's native numbers (abi/native.h) to handlers named sys_<name>,
 * each in the file of its area: sys_proc.c, sys_mem.c, sys_time.c,
 * sys_file.c, sys_signal.c, ipc/sys_ipc.c.
 */
#ifndef KEEL_SYSCALL_H
#define KEEL_SYSCALL_H

#include <arch/trap.h>
#include <stdint.h>

typedef int64_t (*syscall_fn)(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                              uint64_t a5);

#define SYSCALL(name)                                                                              \
    int64_t sys_##name(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);                \
    int64_t sys_##name(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)

/* syscall_dispatch: handle the SVC in `tf` (called from the EL0 sync trap). */
void syscall_dispatch(struct trap_frame *tf);

/* The trap frame of the system call being handled (clone, execve, sigreturn). */
struct trap_frame *syscall_frame(void);

#endif
