/*
 * arch/timer.h — the generic timer: monotonic time and the periodic tick.
 */
#ifndef ARCH_TIMER_H
#define ARCH_TIMER_H

#include <arch/sysreg.h>
#include <stdint.h>

#define TIMER_HZ 100

/* timer_counter: the raw virtual counter (CNTVCT_EL0). */
static inline uint64_t timer_counter(void)
{
    isb();
    return read_sysreg(cntvct_el0);
}

static inline uint64_t timer_frequency(void)
{
    return read_sysreg(cntfrq_el0);
}

/* timer_now_ns: nanoseconds since the counter started; usable from boot. */
static inline uint64_t timer_now_ns(void)
{
    uint64_t freq = timer_frequency();
    if (!freq)
        return 0;
    uint64_t c = timer_counter();
    return c / freq * 1000000000u + c % freq * 1000000000u / freq;
}

struct platform;
/* timer_init: start the periodic tick on this CPU (needs irq_init first). */
void timer_init(const struct platform *p);

/* Ticks taken since timer_init on the boot CPU. */
uint64_t timer_ticks(void);

/* Called from the tick interrupt; generic code (scheduler) hooks in here. */
void timer_tick(void);

#endif
