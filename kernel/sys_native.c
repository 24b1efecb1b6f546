/*
 * kernel/sys_native.c — Keel's native calls for its servers (abi/native.h)
 * other than IPC: LOG, BOOT_MODULE, RANDOM, QUERY.
 */
#include <abi/errno.h>
#include <abi/native.h>
#include <arch/memlayout.h>
#include <keel/boot.h>
#include <keel/compiler.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/random.h>
#include <keel/syscall.h>
#include <keel/uaccess.h>

SYSCALL(native_log)
{
    char buf[256];
    size_t n = (size_t)MIN(a1, (uint64_t)sizeof buf - 1);
    if (copy_from_user(buf, a0, n))
        return -EFAULT;
    while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        n--;
    buf[n] = '\0';
    pr_info("%s[%d]: %s", current_process()->name, current_process()->pid, buf);
    return (int64_t)a1;
}

SYSCALL(native_boot_module)
{
    if (a0 != 0)
        return -ENOENT;
    const struct platform *p = &boot_platform;
    uint64_t size = p->initrd_end - p->initrd_start;
    if (!size)
        return -ENOENT;
    if (a2 == 0)
        return (int64_t)size;
    if (a2 < size)
        return -EINVAL;
    if (copy_to_user(a1, phys_to_virt(p->initrd_start), size))
        return -EFAULT;
    return (int64_t)size;
}

SYSCALL(native_random)
{
    uint8_t buf[256];
    size_t done = 0;
    while (done < a1) {
        size_t n = (size_t)MIN(a1 - done, (uint64_t)sizeof buf);
        random_bytes(buf, n);
        if (copy_to_user(a0 + done, buf, n))
            return -EFAULT;
        done += n;
    }
    return (int64_t)a1;
}
