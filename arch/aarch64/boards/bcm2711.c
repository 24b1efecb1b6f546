/*
 * arch/aarch64/boards/bcm2711.c — Raspberry Pi 4 (BCM2711) specifics.
 *
 * The Pi has no PSCI SYSTEM_OFF; like Linux, Keel powers off by asking the
 * power-management watchdog for a reset with the "halt" partition marked
 * in RSTS (the firmware then stays halted), and resets with the plain
 * watchdog reset.  Under QEMU -M raspi4b -no-reboot either ends the run.
 * The block is found through the device tree ("brcm,bcm2835-pm-wdt" or
 * "brcm,bcm2835-pm"); on other machines nothing here does anything.
 */
#include <arch/board.h>
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include <keel/boot.h>
#include <keel/fdt.h>
#include <keel/printk.h>

#define PM_RSTC 0x1c
#define PM_RSTS 0x20
#define PM_WDOG 0x24
#define PM_PASSWORD 0x5a000000U
#define PM_RSTC_WRCFG_CLR 0xffffffcfU
#define PM_RSTC_WRCFG_FULL_RESET 0x00000020U
#define PM_RSTS_PARTITION_HALT 0x555U /* partition 63, bits spread as Linux does */

static volatile uint8_t *pm;
static const char *name;

static inline uint32_t rd(uint32_t off)
{
    return *(volatile uint32_t *)(pm + off);
}
static inline void wr(uint32_t off, uint32_t v)
{
    *(volatile uint32_t *)(pm + off) = v;
}

void board_init(void)
{
    struct fdt f;
    if (!boot_state.fdt_pa ||
        fdt_init(&f, phys_to_virt(boot_state.fdt_pa), boot_state.fdt_size, NULL))
        return;
    int node = fdt_find_compatible(&f, -1, "brcm,bcm2835-pm-wdt");
    if (node < 0)
        node = fdt_find_compatible(&f, -1, "brcm,bcm2835-pm");
    if (node < 0)
        return;
    uint64_t base, size;
    if (fdt_reg(&f, node, 0, &base, &size))
        return;
    pm = ioremap(base, 0x1000);
    if (pm) {
        name = "bcm2711";
        pr_info("board: BCM2835-family power management at 0x%lx", (unsigned long)base);
    }
}

const char *board_name(void)
{
    return name;
}

static void watchdog_reset(void)
{
    wr(PM_WDOG, PM_PASSWORD | 10);
    wr(PM_RSTC, (rd(PM_RSTC) & PM_RSTC_WRCFG_CLR) | PM_PASSWORD | PM_RSTC_WRCFG_FULL_RESET);
    for (int i = 0; i < 100000000; i++)
        __asm__ volatile("nop");
}

void board_power_off(void)
{
    if (!pm)
        return;
    wr(PM_RSTS, rd(PM_RSTS) | PM_PASSWORD | PM_RSTS_PARTITION_HALT);
    watchdog_reset();
}

void board_reset(void)
{
    if (pm)
        watchdog_reset();
}
