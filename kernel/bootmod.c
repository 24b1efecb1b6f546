/*
 * kernel/bootmod.c — starting the first user-space program: the VFS server,
 * found in the initrd as /sbin/vfs-server.  This is the one file the kernel
 * itself reads from the initrd (with the shared bounds-checked cpio
 * reader, vfs/cpio.c); everything else comes through the server.
 */
#include <abi/errno.h>
#include <arch/memlayout.h>
#include <arch/timer.h>
#include <keel/boot.h>
#include <keel/file.h>
#include <keel/ipc.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/string.h>

#include "../vfs/cpio.h"

#define VFS_SERVER_PATH "sbin/vfs-server"

/* find_in_initrd: the data of `path` (no leading '/') in the initrd. */
static int find_in_initrd(const char *path, const void **data, size_t *size)
{
    const struct platform *p = &boot_platform;
    if (p->initrd_end <= p->initrd_start)
        return -ENOENT;
    struct cpio_reader r;
    struct cpio_entry e;
    cpio_reader_init(&r, phys_to_virt(p->initrd_start), p->initrd_end - p->initrd_start);
    int got;
    size_t plen = strlen(path);
    while ((got = cpio_next(&r, &e)) == 1) {
        const char *name = e.name;
        size_t nlen = e.name_len;
        if (nlen >= 2 && name[0] == '.' && name[1] == '/')
            name += 2, nlen -= 2;
        if (nlen == plen && !memcmp(name, path, plen) && (e.mode & 0170000) == 0100000) {
            *data = e.data;
            *size = e.size;
            return 0;
        }
    }
    if (got < 0) {
        pr_err("initrd: %s", cpio_strerror(got));
        return -EINVAL;
    }
    return -ENOENT;
}

/* start_vfs_server: spawn the VFS server and bind it to vfs_endpoint.
 * Returns its pid or -errno (the reason is logged). */
int start_vfs_server_as(const char *arg);
int start_vfs_server(void);
int start_vfs_server(void)
{
    return start_vfs_server_as(NULL);
}

/* start_vfs_server_as: arg "restart" tells a new server that the old one
 * died (it then makes the standard mounts again). */
int start_vfs_server_as(const char *arg)
{
    const void *image;
    size_t size;
    int r = find_in_initrd(VFS_SERVER_PATH, &image, &size);
    if (r) {
        pr_err("boot: no /%s in the initrd (%d): no file system", VFS_SERVER_PATH, r);
        return r;
    }
    int pid = spawn_boot_program("vfs-server", image, size, true, arg);
    if (pid < 0) {
        pr_err("boot: cannot start the VFS server: %d", pid);
        return pid;
    }
    struct process *srv = process_find(pid);
    srv->caps[VFS_ENDPOINT_CAP] = (struct capability){&vfs_endpoint, CAP_RECV};
    endpoint_bind_server(&vfs_endpoint, srv);
    pr_info("boot: VFS server started (pid %d, %lu KiB)", pid, (unsigned long)(size >> 10));
    return pid;
}

int start_init_in_process(struct trap_frame *tf);

/* start_init: create pid 1 and let its thread exec /sbin/init through the
 * VFS server (kernel/sys_exec.c). */
int start_init(void);
int start_init(void)
{
    if (!vfs_endpoint.server) {
        pr_err("boot: no VFS server: not starting init");
        return -ENOENT;
    }
    struct process *p = process_create_pid("init", NULL, 1);
    if (!p || !(p->fds = fd_table_new()))
        panic("start_init: out of memory");
    init_process = p;
    p->thread = thread_create_prepared(p, start_init_in_process);
    if (!p->thread)
        panic("start_init: out of memory");
    thread_start(p->thread);
    return 0;
}

#define RESTART_WINDOW_NS (10ULL * 1000000000ULL)
#define RESTART_MAX 3

/* vfs_server_restart: the VFS server died (its pending calls already
 * failed with EIO): start a new one, at most RESTART_MAX times in
 * RESTART_WINDOW_NS.  The new server starts from the initrd again: files
 * written since boot are lost (docs/architecture.md). */
void vfs_server_restart(void);
void vfs_server_restart(void)
{
    static uint64_t window_start;
    static unsigned restarts;
    uint64_t now = timer_now_ns();
    if (now - window_start > RESTART_WINDOW_NS) {
        window_start = now;
        restarts = 0;
    }
    if (++restarts > RESTART_MAX) {
        pr_err("vfs: server died %u times in %llu s: not restarting", restarts - 1,
               RESTART_WINDOW_NS / 1000000000ULL);
        return;
    }
    pr_warn("vfs: restarting the VFS server");
    start_vfs_server_as("restart");
}
