/*
 * keel/vfs.h — the kernel's side of the file system: every path-based
 * system call becomes a call to the VFS server (abi/vfs_msg.h); this is
 * the client.  An open file served by the server is a struct file whose
 * `handle` is the server's handle (one reference, closed on release).
 */
#ifndef KEEL_VFS_H
#define KEEL_VFS_H

#include <keel/file.h>
#include <stdint.h>

struct process;
struct exec_source;

/* A counted reference to a server handle (working directories). */
struct vnode_ref {
    int refs;
    uint64_t handle;
};

/* vnode_ref_new: wrap a handle (one reference).  NULL when out of memory
 * (the handle is then closed). */
struct vnode_ref *vnode_ref_new(uint64_t handle);
void vnode_ref_get(struct vnode_ref *r);
/* vnode_ref_put: the last reference closes the handle at the server. */
void vnode_ref_put(struct vnode_ref *r);

/* vfs_root_cwd: a reference to "/" for the first process.  NULL on error. */
struct vnode_ref *vfs_root_cwd(void);

/*
 * vfs_exec_open: open `path` (kernel string) for execution by p, relative
 * to p's cwd; fill *src to read it.  Returns 0 or -errno (ENOENT, EACCES,
 * ENOEXEC for a non-regular file...).  vfs_exec_close releases it.
 */
int vfs_exec_open(struct process *p, const char *path, struct exec_source *src);
void vfs_exec_close(struct exec_source *src);

/* vfs_open_kernel: open a path for the kernel itself (init's console).
 * Returns a file or NULL. */
struct file *vfs_open_file(struct process *p, const char *path, unsigned flags);

#endif
