/*
 * arch/uaccess.h — copying between the kernel and user memory.
 *
 * Every user access uses the unprivileged load/store instructions
 * (LDTR/STTR), so the MMU checks it with EL0's permissions: a "user"
 * pointer into kernel memory faults exactly as it would in user mode, with
 * or without PAN.  A fault on a user page that is merely not there yet is
 * resolved by the page-fault path and the copy continues; any other fault
 * ends the copy through the exception table.
 */
#ifndef ARCH_UACCESS_H
#define ARCH_UACCESS_H

#include <arch/uvm.h>
#include <stddef.h>
#include <stdint.h>

/* Raw copies: return the number of bytes NOT copied (0 on success). */
size_t arch_copy_from_user(void *dst, const void *usrc, size_t n);
size_t arch_copy_to_user(void *udst, const void *src, size_t n);
size_t arch_clear_user(void *udst, size_t n);

/* user_range_ok: [uaddr, uaddr + n) lies inside user space. */
static inline int user_range_ok(uint64_t uaddr, size_t n)
{
    return uaddr < USER_TOP && n <= USER_TOP - uaddr;
}

#endif
