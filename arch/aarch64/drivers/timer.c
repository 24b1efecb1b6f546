/*
 * arch/aarch64/drivers/timer.c — the periodic tick from the EL1 virtual
 * timer (CNTV_*).  TIMER_HZ ticks per second; each tick re-arms the
 * compare value from the previous deadline, so ticks do not drift.
 */
#include <arch/cpu.h>
#include <arch/irq.h>
#include <arch/timer.h>
#include <keel/percpu.h>
#include <keel/platform.h>
#include <keel/printk.h>

#define CNTV_CTL_ENABLE (1UL << 0)
#define CNTV_CTL_IMASK (1UL << 1)

static uint64_t tick_interval; /* counter cycles per tick */
static uint64_t next_deadline; /* boot CPU's next compare value */
static volatile uint64_t ticks;

uint64_t timer_ticks(void)
{
    return ticks;
}

static void timer_irq(uint32_t intid, void *ctx)
{
    uint64_t now = timer_counter();
    do
        next_deadline += tick_interval;
    while (next_deadline <= now);
    write_sysreg(cntv_cval_el0, next_deadline);
    ticks++;
    this_cpu()->tick_count++;
    timer_tick();
}

void timer_init(const struct platform *p)
{
    uint64_t freq = timer_frequency();
    uint32_t irq = p->timer_irq_virt ? p->timer_irq_virt : 27;
    if (!freq)
        panic("timer_init: CNTFRQ_EL0 is 0");
    tick_interval = freq / TIMER_HZ;
    next_deadline = timer_counter() + tick_interval;
    write_sysreg(cntv_cval_el0, next_deadline);
    write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
    isb();
    if (irq_register(irq, timer_irq, NULL, 0))
        panic("timer_init: cannot register timer interrupt %u", irq);
    pr_info("timer: %lu Hz counter, %u Hz tick on interrupt %u", (unsigned long)freq, TIMER_HZ,
            irq);
}
