/*
 * arch/aarch64/drivers/power.c — power off and reset: PSCI SYSTEM_OFF /
 * SYSTEM_RESET through the conduit the platform names (HVC or SMC); else the
 * board's mechanism (arch/board.h); else halt with interrupts masked.
 */
#include <arch/board.h>
#include <arch/cpu.h>
#include <arch/power.h>
#include <keel/platform.h>
#include <keel/printk.h>

#define PSCI_SYSTEM_OFF 0x84000008U
#define PSCI_SYSTEM_RESET 0x84000009U

static enum psci_conduit conduit;

/* psci_call: issue PSCI function `fn`; returns PSCI's x0. */
static long psci_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
    register uint64_t x0 __asm__("x0") = fn;
    register uint64_t x1 __asm__("x1") = a1;
    register uint64_t x2 __asm__("x2") = a2;
    register uint64_t x3 __asm__("x3") = a3;
    if (conduit == PSCI_HVC)
        __asm__ volatile("hvc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3) : "memory");
    else
        __asm__ volatile("smc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x3) : "memory");
    return (long)x0;
}

void power_init(const struct platform *p)
{
    conduit = p->psci;
}

__attribute__((noreturn)) void power_off(void)
{
    irq_disable();
    if (conduit != PSCI_NONE)
        psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
    board_power_off();
    console_write_raw("power: no way to power off; halted\n", 36);
    cpu_halt();
}

__attribute__((noreturn)) void power_reset(void)
{
    irq_disable();
    if (conduit != PSCI_NONE)
        psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
    board_reset();
    console_write_raw("power: no way to reset; halted\n", 31);
    cpu_halt();
}
