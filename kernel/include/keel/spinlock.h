/*
 * keel/spinlock.h — spinlocks for shared kernel state.
 *
 * spin_lock_irqsave masks local interrupts while the lock is held; use it for
 * anything an interrupt handler also takes.  Locks are not recursive.
 */
#ifndef KEEL_SPINLOCK_H
#define KEEL_SPINLOCK_H

#include <arch/cpu.h>
#include <arch/spinlock.h>

typedef struct {
    arch_spinlock_t raw;
} spinlock_t;

#define SPINLOCK_INIT                                                                              \
    {                                                                                              \
        ARCH_SPINLOCK_INIT                                                                         \
    }

static inline void spin_lock(spinlock_t *l)
{
    arch_spin_lock(&l->raw);
}
static inline void spin_unlock(spinlock_t *l)
{
    arch_spin_unlock(&l->raw);
}
static inline int spin_is_locked(spinlock_t *l)
{
    return arch_spin_is_locked(&l->raw);
}

static inline irq_flags_t spin_lock_irqsave(spinlock_t *l)
{
    irq_flags_t f = irq_save();
    arch_spin_lock(&l->raw);
    return f;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, irq_flags_t f)
{
    arch_spin_unlock(&l->raw);
    irq_restore(f);
}

#endif
