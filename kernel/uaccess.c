/* kernel/uaccess.c — see keel/uaccess.h. */
#include <abi/errno.h>
#include <arch/uaccess.h>
#include <keel/uaccess.h>

int copy_from_user(void *dst, uint64_t usrc, size_t n)
{
    if (!user_range_ok(usrc, n))
        return -EFAULT;
    return arch_copy_from_user(dst, (const void *)usrc, n) ? -EFAULT : 0;
}

int copy_to_user(uint64_t udst, const void *src, size_t n)
{
    if (!user_range_ok(udst, n))
        return -EFAULT;
    return arch_copy_to_user((void *)udst, src, n) ? -EFAULT : 0;
}

int clear_user(uint64_t udst, size_t n)
{
    if (!user_range_ok(udst, n))
        return -EFAULT;
    return arch_clear_user((void *)udst, n) ? -EFAULT : 0;
}

long strncpy_from_user(char *dst, uint64_t usrc, size_t max)
{
    for (size_t i = 0; i < max; i++) {
        if (!user_range_ok(usrc + i, 1) ||
            arch_copy_from_user(&dst[i], (const void *)(usrc + i), 1))
            return -EFAULT;
        if (dst[i] == '\0')
            return (long)i;
    }
    if (max)
        dst[max - 1] = '\0';
    return -ENAMETOOLONG;
}
