/*
 * ipc/endpoint.c — synchronous call/reply on endpoints and the server's
 * native calls (REPLY_RECV, GRANT_COPY); see keel/ipc.h and abi/native.h.
 */
#include <abi/errno.h>
#include <arch/memlayout.h>
#include <arch/uaccess.h>
#include <keel/compiler.h>
#include <keel/ipc.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/string.h>
#include <keel/syscall.h>
#include <keel/uaccess.h>
#include <keel/vm.h>

struct endpoint vfs_endpoint;

void endpoint_init(struct endpoint *ep, const char *name)
{
    memset(ep, 0, sizeof *ep);
    ep->lock = (spinlock_t)SPINLOCK_INIT;
    ep->name = name;
    ep->next_id = 1;
}

void endpoint_bind_server(struct endpoint *ep, struct process *p)
{
    irq_flags_t f = spin_lock_irqsave(&ep->lock);
    ep->server = p;
    spin_unlock_irqrestore(&ep->lock, f);
}

void endpoint_notify(struct endpoint *ep, uint64_t bits)
{
    irq_flags_t f = spin_lock_irqsave(&ep->lock);
    ep->notify_bits |= bits;
    spin_unlock_irqrestore(&ep->lock, f);
    wake_one(&ep->server_wait);
}

static void abort_list(struct ipc_request *r)
{
    while (r) {
        struct ipc_request *next = r->next;
        r->state = REQ_ABORTED;
        r->next = NULL;
        wake_all(&r->done);
        r = next;
    }
}

void endpoint_server_died(struct endpoint *ep, struct process *p)
{
    irq_flags_t f = spin_lock_irqsave(&ep->lock);
    if (ep->server != p) {
        spin_unlock_irqrestore(&ep->lock, f);
        return;
    }
    ep->server = NULL;
    struct ipc_request *queued = ep->queue_head, *serving = ep->serving;
    ep->queue_head = ep->queue_tail = NULL;
    ep->serving = NULL;
    abort_list(queued);
    abort_list(serving);
    spin_unlock_irqrestore(&ep->lock, f);
    pr_warn("ipc: %s server (pid %d) died; pending calls fail with EIO", ep->name, p->pid);
}

int ipc_call(struct endpoint *ep, struct process *client, const struct ipc_msg *req,
             const struct ipc_grant *grants, struct ipc_msg *reply)
{
    struct ipc_request r;
    memset(&r, 0, sizeof r);
    r.msg = *req;
    r.client_pid = client ? client->pid : 0;
    if (grants)
        memcpy(r.grants, grants, sizeof r.grants);
    irq_flags_t f = spin_lock_irqsave(&ep->lock);
    if (!ep->server) {
        spin_unlock_irqrestore(&ep->lock, f);
        return -EIO;
    }
    r.id = ep->next_id++;
    r.state = REQ_QUEUED;
    /* r lives on this stack while linked: we do not return before the
     * server (or endpoint_server_died) has unlinked it and set DONE or
     * ABORTED, all under ep->lock. */
    if (ep->queue_tail)
        ep->queue_tail->next = &r; // cppcheck-suppress autoVariables
    else
        ep->queue_head = &r; // cppcheck-suppress autoVariables
    ep->queue_tail = &r;     // cppcheck-suppress autoVariables
    wake_one(&ep->server_wait);
    while (r.state != REQ_DONE && r.state != REQ_ABORTED)
        wait_sleep(&r.done, &ep->lock, false, 0);
    bool ok = r.state == REQ_DONE;
    if (ok)
        ep->calls++;
    spin_unlock_irqrestore(&ep->lock, f);
    if (!ok)
        return -EIO;
    *reply = r.reply;
    return 0;
}

/* find_serving: the request with `id` being served (ep->lock held); it is
 * unlinked if `unlink`. */
static struct ipc_request *find_serving(struct endpoint *ep, uint64_t id, bool unlink)
{
    for (struct ipc_request **pp = &ep->serving; *pp; pp = &(*pp)->next) {
        if ((*pp)->id == id) {
            struct ipc_request *r = *pp;
            if (unlink) {
                *pp = r->next;
                r->next = NULL;
            }
            return r;
        }
    }
    return NULL;
}

static struct endpoint *cap_endpoint(uint64_t slot, unsigned right)
{
    struct process *p = current_process();
    if (slot >= PROC_CAPS || !p->caps[slot].ep || !(p->caps[slot].rights & right))
        return NULL;
    return p->caps[slot].ep;
}

SYSCALL(native_ipc_reply_recv)
{
    struct trap_frame *tf = syscall_frame();
    struct endpoint *ep = cap_endpoint(a1, CAP_RECV);
    if (!ep)
        return -EBADF;
    irq_flags_t f = spin_lock_irqsave(&ep->lock);
    if (ep->server != current_process()) {
        spin_unlock_irqrestore(&ep->lock, f);
        return -EPERM;
    }
    if (a0) {
        struct ipc_request *r = find_serving(ep, a0, true);
        if (r) {
            for (int i = 0; i < IPC_MSG_WORDS; i++)
                r->reply.words[i] = tf->x[2 + i];
            r->state = REQ_DONE;
            wake_all(&r->done);
        }
        /* an unknown id: the client is gone (aborted) — drop the reply */
    }
    while (!ep->queue_head && !ep->notify_bits) {
        if (wait_sleep(&ep->server_wait, &ep->lock, true, 0) == -EINTR) {
            spin_unlock_irqrestore(&ep->lock, f);
            return -EINTR;
        }
    }
    if (ep->notify_bits) { /* notifications first: x0 = 0, x1 = the bits */
        tf->x[1] = ep->notify_bits;
        ep->notify_bits = 0;
        spin_unlock_irqrestore(&ep->lock, f);
        return 0;
    }
    struct ipc_request *r = ep->queue_head;
    ep->queue_head = r->next;
    if (!ep->queue_head)
        ep->queue_tail = NULL;
    r->state = REQ_SERVING;
    r->next = ep->serving;
    ep->serving = r;
    tf->x[1] = (uint64_t)r->client_pid;
    for (int i = 0; i < IPC_MSG_WORDS; i++)
        tf->x[2 + i] = r->msg.words[i];
    uint64_t id = r->id;
    spin_unlock_irqrestore(&ep->lock, f);
    return (int64_t)id;
}

/*
 * grant_copy_user_window: copy between the server's memory (current AS, at
 * `local`) and `owner`'s user memory at `addr` (not the current AS), one
 * page at a time through the linear map.  Returns bytes copied or -errno.
 */
static int64_t copy_with_client(struct process *owner, uint64_t addr, uint64_t local, size_t len,
                                bool to_client)
{
    struct address_space *as = owner->as;
    size_t done = 0;
    while (done < len) {
        uint64_t va = addr + done;
        size_t chunk = (size_t)MIN((uint64_t)(len - done), PAGE_SIZE - (va & (PAGE_SIZE - 1)));
        if (as_fault(as, va, to_client, false))
            return -EFAULT;
        uint64_t pa = uvm_lookup(&as->tables, va & ~(PAGE_SIZE - 1), NULL, NULL);
        if (!pa)
            return -EFAULT;
        void *kva = (uint8_t *)phys_to_virt(pa) + (va & (PAGE_SIZE - 1));
        int r = to_client ? copy_from_user(kva, local + done, chunk)
                          : copy_to_user(local + done, kva, chunk);
        if (r)
            return r;
        done += chunk;
    }
    return (int64_t)done;
}

SYSCALL(native_grant_copy)
{
    uint64_t id = a0, index = a1, offset = a2, local = a3, len = a4, dir = a5;
    struct endpoint *ep = &vfs_endpoint;
    if (index >= IPC_MAX_GRANTS || (dir != GRANT_COPY_FROM_CLIENT && dir != GRANT_COPY_TO_CLIENT))
        return -EINVAL;
    irq_flags_t f = spin_lock_irqsave(&ep->lock);
    struct ipc_request *r = ep->server == current_process() ? find_serving(ep, id, false) : NULL;
    if (!r) {
        spin_unlock_irqrestore(&ep->lock, f);
        return -ESRCH;
    }
    struct ipc_grant g = r->grants[index];
    spin_unlock_irqrestore(&ep->lock, f);
    /* The request stays serving (its caller sleeps) until we reply, and
     * only this server thread replies, so g's memory stays valid. */
    bool to_client = dir == GRANT_COPY_TO_CLIENT;
    if (!(g.rights & (to_client ? GRANT_WRITE : GRANT_READ)))
        return -EPERM;
    if (offset > g.len || len > g.len - offset)
        return -EFAULT;
    if (!user_range_ok(local, len))
        return -EFAULT;
    if (!g.owner) {
        void *k = (uint8_t *)g.addr + offset;
        int rr = to_client ? copy_from_user(k, local, len) : copy_to_user(local, k, len);
        return rr ? rr : (int64_t)len;
    }
    return copy_with_client(g.owner, g.addr + offset, local, len, to_client);
}
