/*
 * keel/uaccess.h — the only way the kernel touches user memory.  Each call
 * checks the range lies in user space, then copies with fault handling
 * (arch/uaccess.h): a bad pointer gives -EFAULT, never a kernel fault.
 */
#ifndef KEEL_UACCESS_H
#define KEEL_UACCESS_H

#include <arch/uaccess.h>
#include <stddef.h>
#include <stdint.h>

/* copy_from_user / copy_to_user / clear_user: 0 or -EFAULT. */
int copy_from_user(void *dst, uint64_t usrc, size_t n);
int copy_to_user(uint64_t udst, const void *src, size_t n);
int clear_user(uint64_t udst, size_t n);

/*
 * strncpy_from_user: copy a NUL-terminated user string of at most max-1
 * characters into dst (max bytes).  Returns its length, -EFAULT, or
 * -ENAMETOOLONG when no NUL was found within max bytes.
 */
long strncpy_from_user(char *dst, uint64_t usrc, size_t max);

#endif
