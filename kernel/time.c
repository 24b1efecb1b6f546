/*
 * kernel/time.c — the real-time clock; see keel/time.h.  The PL031 RTC
 * ("arm,pl031", QEMU virt) is read once at boot; after that wall time is
 * boot time plus the monotonic clock.
 */
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include <arch/timer.h>
#include <keel/boot.h>
#include <keel/fdt.h>
#include <keel/printk.h>
#include <keel/time.h>

static uint64_t boot_epoch; /* seconds at timer_now_ns() == boot_mono */
static uint64_t boot_mono;

void time_init(const struct platform *p)
{
    (void)p;
    struct fdt f;
    if (!boot_state.fdt_pa ||
        fdt_init(&f, phys_to_virt(boot_state.fdt_pa), boot_state.fdt_size, NULL))
        return;
    int node = fdt_find_compatible(&f, -1, "arm,pl031");
    uint64_t base, size;
    if (node < 0 || !fdt_node_is_enabled(&f, node) || fdt_reg(&f, node, 0, &base, &size))
        return;
    volatile uint32_t *rtc = ioremap(base, 0x1000);
    if (!rtc)
        return;
    boot_epoch = rtc[0];
    boot_mono = timer_now_ns();
    pr_info("time: PL031 RTC at 0x%lx: %lu s since the epoch", (unsigned long)base,
            (unsigned long)boot_epoch);
}

uint64_t time_realtime_ns(void)
{
    return boot_epoch * 1000000000ULL + (timer_now_ns() - boot_mono);
}

void time_set_realtime_ns(uint64_t ns)
{
    uint64_t mono = timer_now_ns();
    boot_mono = mono;
    boot_epoch = ns / 1000000000ULL;
    /* keep the sub-second part: shift the monotonic reference */
    boot_mono = mono - ns % 1000000000ULL;
}

uint64_t time_boot_epoch(void)
{
    return boot_epoch;
}
