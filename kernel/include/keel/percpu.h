/*
 * keel/percpu.h — per-CPU data.  Each CPU's TPIDR_EL1 points at its own
 * struct percpu; only that CPU writes its fields (no lock), others may read
 * the counters.
 */
#ifndef KEEL_PERCPU_H
#define KEEL_PERCPU_H

#include <arch/sysreg.h>
#include <keel/platform.h>
#include <stdbool.h>
#include <stdint.h>

struct thread;

struct percpu {
    unsigned cpu; /* logical CPU number; 0 is the boot CPU */
    uint64_t mpidr;
    uint64_t irq_count;     /* interrupts taken on this CPU */
    uint64_t tick_count;    /* timer ticks taken on this CPU */
    unsigned irq_depth;     /* > 0 while in an interrupt handler */
    bool irq_from_user;     /* the interrupt being handled came from EL0 */
    struct thread *current; /* the running thread */
    struct thread *idle;    /* this CPU's idle thread */
};

extern struct percpu percpu_area[PLATFORM_MAX_CPUS];

static inline struct percpu *this_cpu(void)
{
    return (struct percpu *)read_sysreg(tpidr_el1);
}

/* percpu_init_this: bind logical CPU `cpu` to the calling CPU. */
void percpu_init_this(unsigned cpu);

#endif
