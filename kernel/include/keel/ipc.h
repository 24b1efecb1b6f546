/*
 * keel/ipc.h — kernel IPC endpoints (abi/native.h has the user-visible
 * model).  The kernel is the client: ipc_call() queues a request and
 * sleeps until the server answers it, or until the server dies (then the
 * call fails with -EIO and nothing is left behind).  A request lives on
 * the caller's kernel stack for exactly the duration of the call.
 *
 * ep->lock guards the endpoint's queue, its serving list, `server`, and
 * every queued or serving request's state and reply.
 */
#ifndef KEEL_IPC_H
#define KEEL_IPC_H

#include <abi/native.h>
#include <keel/sched.h>
#include <keel/spinlock.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct process;

/* A window the server may copy through while serving one call. */
struct ipc_grant {
    uint64_t addr; /* kernel address, or user address in `owner` */
    uint64_t len;
    unsigned rights;       /* GRANT_READ | GRANT_WRITE */
    struct process *owner; /* NULL: kernel memory */
};

enum ipc_req_state { REQ_QUEUED, REQ_SERVING, REQ_DONE, REQ_ABORTED };

struct ipc_request {
    uint64_t id;
    int client_pid;
    struct ipc_msg msg, reply;
    struct ipc_grant grants[IPC_MAX_GRANTS];
    enum ipc_req_state state;
    struct wait_queue done;
    struct ipc_request *next;
};

struct endpoint {
    spinlock_t lock;
    const char *name;
    struct ipc_request *queue_head, *queue_tail; /* not yet received */
    struct ipc_request *serving;                 /* received, not answered */
    struct wait_queue server_wait;               /* the server sleeps here */
    struct process *server;                      /* NULL: no server */
    uint64_t next_id;
    uint64_t calls;       /* completed calls */
    uint64_t notify_bits; /* posted, not yet received (ep->lock) */
};

/* A process's capability: an endpoint it may receive on. */
struct capability {
    struct endpoint *ep;
    unsigned rights;
};
#define CAP_RECV 1
#define PROC_CAPS 4

/* endpoint_init: an endpoint with no server yet. */
void endpoint_init(struct endpoint *ep, const char *name);

/* endpoint_bind_server: `p` serves `ep` (from now until it exits). */
void endpoint_bind_server(struct endpoint *ep, struct process *p);

/* endpoint_server_died: `p` (the server) exited: abort every queued and
 * serving request with -EIO and wake their callers. */
void endpoint_server_died(struct endpoint *ep, struct process *p);

/*
 * ipc_call: send `req` with up to IPC_MAX_GRANTS grants (unused ones have
 * len 0) on behalf of process `client` (may be NULL: the kernel), wait for
 * the answer in *reply.  Returns 0, or -EIO if there is no server or it
 * died before answering.
 */
int ipc_call(struct endpoint *ep, struct process *client, const struct ipc_msg *req,
             const struct ipc_grant *grants, struct ipc_msg *reply);

/* endpoint_notify: post notification bits (IPC_NOTIFY_*) to ep's server:
 * they accumulate and are delivered on its next receive.  IRQ-safe, never
 * blocks. */
void endpoint_notify(struct endpoint *ep, uint64_t bits);

/* The VFS server's endpoint. */
extern struct endpoint vfs_endpoint;

#endif
