/*
 * arch/spinlock.h — a ticket spinlock (fair, FIFO) built on load-acquire /
 * store-release exclusives.  Used through keel/spinlock.h.
 */
#ifndef ARCH_SPINLOCK_H
#define ARCH_SPINLOCK_H

#include <stdint.h>

typedef struct {
    volatile uint16_t owner;
    volatile uint16_t next;
} arch_spinlock_t;

#define ARCH_SPINLOCK_INIT                                                                         \
    {                                                                                              \
        0, 0                                                                                       \
    }

static inline void arch_spin_lock(arch_spinlock_t *l)
{
    uint16_t ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);
    while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket)
        __asm__ volatile("wfe" ::: "memory");
}

static inline void arch_spin_unlock(arch_spinlock_t *l)
{
    __atomic_store_n(&l->owner, (uint16_t)(l->owner + 1), __ATOMIC_RELEASE);
    __asm__ volatile("dsb ishst\n\tsev" ::: "memory");
}

static inline int arch_spin_is_locked(arch_spinlock_t *l)
{
    return __atomic_load_n(&l->owner, __ATOMIC_RELAXED) !=
           __atomic_load_n(&l->next, __ATOMIC_RELAXED);
}

#endif
