/*
 * abi/native.h — Keel's native system calls: IPC and the few services that
 * only Keel's own servers use.  Same trap as the Linux ABI (svc #0, number
 * in x8) but numbers from KEEL_NATIVE_BASE up, a range no Linux program
 * reaches.  Only a process holding the native capability (the VFS server)
 * may make them; anyone else gets -ENOSYS, like any unknown number.
 *
 * IPC model (synchronous call/reply, Minix/seL4-like):
 *   - An endpoint is a kernel object; a server names its endpoint by a
 *     capability slot (small integer).  The kernel is the VFS server's
 *     client: a file system call of an ordinary process becomes one call.
 *   - A message is IPC_MSG_WORDS 64-bit words carried in registers x2..x7;
 *     word 0 is the label (request: the operation; reply: the result).
 *   - Bulk data moves only through grants: a call carries up to
 *     IPC_MAX_GRANTS windows of the client's memory (address, length,
 *     rights); while serving that call the server copies in or out of them
 *     with KEEL_SYS_GRANT_COPY.  The kernel checks every byte against the
 *     window and the client's page tables.
 *
 * Registers of the IPC calls:
 *   KEEL_SYS_IPC_REPLY_RECV
 *     in:  x0 = request id to answer (0: answer nothing), x1 = endpoint cap,
 *          x2..x7 = reply words (ignored when x0 = 0)
 *     out: x0 = id of the next request (> 0) or -errno, x1 = client id (the
 *          calling process's pid, or 0 for the kernel itself),
 *          x2..x7 = request words
 *     Answering a request whose client has died drops the reply silently.
 *     Notifications: asynchronous events the kernel posts to an endpoint
 *     (endpoint_notify) are a bit mask that accumulates until the server
 *     next receives; then, before any request, REPLY_RECV returns x0 = 0
 *     and x1 = the bits (IPC_NOTIFY_*), and clears them.
 */
#ifndef ABI_NATIVE_H
#define ABI_NATIVE_H

#include <stdint.h>

#define KEEL_NATIVE_BASE 0x4b00 /* 'K' << 8 */

#define KEEL_SYS_IPC_REPLY_RECV (KEEL_NATIVE_BASE + 0)
/* GRANT_COPY(request id, grant index, offset, local address, length, direction)
 * -> bytes copied or -errno (-EFAULT outside the window or at a bad local
 * address, -EPERM without the right, -ESRCH if the request is gone). */
#define KEEL_SYS_GRANT_COPY (KEEL_NATIVE_BASE + 1)
/* LOG(address, length) -> length or -errno: a line for the kernel log. */
#define KEEL_SYS_LOG (KEEL_NATIVE_BASE + 2)
/* QUERY(what, index, address, length) -> bytes written or -errno: process
 * and system information for procfs (abi/query.h). */
#define KEEL_SYS_QUERY (KEEL_NATIVE_BASE + 3)
/* BOOT_MODULE(index, address, length) -> module size or -errno: copy boot
 * module `index` (0 = the initrd) into the caller's memory; with length 0
 * only report the size. */
#define KEEL_SYS_BOOT_MODULE (KEEL_NATIVE_BASE + 4)
/* RANDOM(address, length) -> length or -errno: bytes from the kernel's
 * entropy pool. */
#define KEEL_SYS_RANDOM (KEEL_NATIVE_BASE + 5)
/* The server's own memory, time and exit.  They behave exactly as the
 * Linux calls of the same name (arguments, results), but have their own
 * numbers: a native server never uses the Linux ABI it implements. */
#define KEEL_SYS_BRK (KEEL_NATIVE_BASE + 6)           /* brk(addr) */
#define KEEL_SYS_MMAP (KEEL_NATIVE_BASE + 7)          /* mmap(addr, len, prot, flags, fd, off) */
#define KEEL_SYS_MUNMAP (KEEL_NATIVE_BASE + 8)        /* munmap(addr, len) */
#define KEEL_SYS_CLOCK_GETTIME (KEEL_NATIVE_BASE + 9) /* clock_gettime(clock, ts) */
#define KEEL_SYS_EXIT (KEEL_NATIVE_BASE + 10)         /* exit_group(status) */

/* Notification bits. */
#define IPC_NOTIFY_MEMORY_LOW 1 /* free RAM fell below 1/16 of it: give some back */
#define IPC_NOTIFY_MEMORY_OK 2  /* free RAM is above 1/8 of it again */

#define IPC_MSG_WORDS 6
#define IPC_MAX_GRANTS 2

#define GRANT_READ 1             /* the server may copy out of the window */
#define GRANT_WRITE 2            /* the server may copy into the window */
#define GRANT_COPY_FROM_CLIENT 0 /* direction: window -> server memory */
#define GRANT_COPY_TO_CLIENT 1   /* direction: server memory -> window */

/* The VFS server receives on capability slot 0 of its own table. */
#define VFS_ENDPOINT_CAP 0

/* One message: words[0] is the label. */
struct ipc_msg {
    uint64_t words[IPC_MSG_WORDS];
};
_Static_assert(sizeof(struct ipc_msg) == 48, "ipc_msg is six registers");

#endif
