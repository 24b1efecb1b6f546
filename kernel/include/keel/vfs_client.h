/*
 * keel/vfs_client.h — helpers shared by the VFS client and the path-based
 * system calls (kernel/vfs_client.c, kernel/sys_file.c).
 */
#ifndef KEEL_VFS_CLIENT_H
#define KEEL_VFS_CLIENT_H

#include <keel/file.h>
#include <keel/ipc.h>
#include <stdint.h>

struct process;
struct linux_stat;

/* vfs_call: one request to the VFS server on behalf of `client`; the reply
 * lands in *rep (48 bytes).  Returns the reply's result if negative, -EIO
 * if the server is gone, else 0. */
int vfs_call(struct process *client, const void *req, const struct ipc_grant *grants, void *rep);

/* vfs_file_new: an open file for a server handle (takes the handle). */
struct file *vfs_file_new(uint64_t handle, uint32_t mode, unsigned flags);
bool file_is_vfs(const struct file *f);
uint32_t vfs_file_mode(const struct file *f);
int vfs_stat_handle(uint64_t handle, struct linux_stat *st);

#endif
