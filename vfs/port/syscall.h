/*
 * vfs/port/syscall.h — the VFS server's system calls: Keel's native calls
 * (abi/native.h) and the few Linux ones it is allowed (memory, time, exit),
 * as inline `svc #0` wrappers (number in x8, arguments x0..x5, result or
 * -errno in x0).  Only for the aarch64 server build.
 */
#ifndef KEEL_VFS_PORT_SYSCALL_H
#define KEEL_VFS_PORT_SYSCALL_H

#include <stdint.h>

#include "abi/native.h"

/* The server's memory, time and exit use Keel's native numbers
 * (abi/native.h): it never uses the Linux ABI. */

#define LINUX_PROT_READ 1
#define LINUX_PROT_WRITE 2
#define LINUX_MAP_PRIVATE 0x02
#define LINUX_MAP_ANONYMOUS 0x20
#define LINUX_CLOCK_REALTIME 0

static inline long keel_svc6(long n, long a, long b, long c, long d, long e, long f)
{
    register long x8 __asm__("x8") = n;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;

    __asm__ volatile("svc #0"
                     : "+r"(x0)
                     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                     : "memory", "cc");
    return x0;
}

#define keel_svc0(n) keel_svc6((n), 0, 0, 0, 0, 0, 0)
#define keel_svc1(n, a) keel_svc6((n), (long)(a), 0, 0, 0, 0, 0)
#define keel_svc2(n, a, b) keel_svc6((n), (long)(a), (long)(b), 0, 0, 0, 0)
#define keel_svc3(n, a, b, c) keel_svc6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define keel_svc4(n, a, b, c, d) keel_svc6((n), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

/* keel_ipc_reply_recv: answers request `reply_id` (0: none) with *reply and
 * waits for the next request on endpoint `cap`.  Returns its id (> 0) with
 * *client and *req filled, 0 for notifications (*client = the
 * IPC_NOTIFY_* bits), or -errno. */
static inline long keel_ipc_reply_recv(uint64_t reply_id, uint64_t cap, const struct ipc_msg *reply,
                                       uint64_t *client, struct ipc_msg *req)
{
    const uint64_t *w = reply->words;
    uint64_t w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5];
    register long x8 __asm__("x8") = KEEL_SYS_IPC_REPLY_RECV;
    register uint64_t x0 __asm__("x0") = reply_id;
    register uint64_t x1 __asm__("x1") = cap;
    register uint64_t x2 __asm__("x2") = w0;
    register uint64_t x3 __asm__("x3") = w1;
    register uint64_t x4 __asm__("x4") = w2;
    register uint64_t x5 __asm__("x5") = w3;
    register uint64_t x6 __asm__("x6") = w4;
    register uint64_t x7 __asm__("x7") = w5;

    __asm__ volatile("svc #0"
                     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5), "+r"(x6),
                       "+r"(x7)
                     : "r"(x8)
                     : "memory", "cc");
    if ((long)x0 == 0) {
        *client = x1; /* a notification: x1 holds the IPC_NOTIFY_* bits */
        return 0;
    }
    if ((long)x0 > 0) {
        *client = x1;
        req->words[0] = x2;
        req->words[1] = x3;
        req->words[2] = x4;
        req->words[3] = x5;
        req->words[4] = x6;
        req->words[5] = x7;
    }
    return (long)x0;
}

static inline long keel_grant_copy(uint64_t req, unsigned grant, uint64_t off, void *local,
                                   uint64_t len, int dir)
{
    return keel_svc6(KEEL_SYS_GRANT_COPY, (long)req, (long)grant, (long)off, (long)local, (long)len,
                     dir);
}

static inline long keel_log(const char *s, uint64_t len)
{
    return keel_svc2(KEEL_SYS_LOG, s, len);
}

static inline long keel_query(uint32_t what, uint64_t index, void *buf, uint64_t len)
{
    return keel_svc4(KEEL_SYS_QUERY, what, index, buf, len);
}

static inline long keel_boot_module(uint64_t index, void *buf, uint64_t len)
{
    return keel_svc3(KEEL_SYS_BOOT_MODULE, index, buf, len);
}

static inline long keel_random(void *buf, uint64_t len)
{
    return keel_svc2(KEEL_SYS_RANDOM, buf, len);
}

#endif
