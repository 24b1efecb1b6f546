/*
 * vfs/ipc.h — the VFS server's message layer: one request of
 * abi/vfs_msg.h in, one reply out.  It decodes the words, copies paths and
 * data through the call's grants, calls ops.h and encodes the result; it
 * has no semantics of its own.  The transport (KEEL_SYS_GRANT_COPY in the
 * server, a fake in the unit tests) is a callback, so this file is pure C.
 */
#ifndef KEEL_VFS_IPC_H
#define KEEL_VFS_IPC_H

#include <stdint.h>

#include "abi/native.h"
#include "ops.h"

struct vfs_transport {
    /* grant_copy: KEEL_SYS_GRANT_COPY(req, grant, off, local, len, dir) with
     * dir GRANT_COPY_FROM_CLIENT or GRANT_COPY_TO_CLIENT; returns bytes
     * copied or -errno. */
    int64_t (*grant_copy)(void *ctx, uint64_t req, unsigned grant, uint64_t off, void *local,
                          uint64_t len, int dir);
    void *ctx;
};

/* vfs_ipc_handle: serves request `req` of client `client` (a pid, 0 for
 * the kernel) whose words are *in, and fills *out with the reply.  Never
 * fails: every problem (unknown label, bad handle, bad grant, path without
 * NUL) is a -errno result, and the reply's other words are 0 then. */
void vfs_ipc_handle(struct vfs *v, const struct vfs_transport *t, uint64_t req, uint32_t client,
                    const struct ipc_msg *in, struct ipc_msg *out);

#endif
