/*
 * arch/power.h — ending a run: power off or reset the machine.
 * Uses PSCI where the platform has it, else the board's own mechanism
 * (the BCM2711 watchdog on the Raspberry Pi 4); halts if neither works.
 */
#ifndef ARCH_POWER_H
#define ARCH_POWER_H

struct platform;

void power_init(const struct platform *p);
__attribute__((noreturn)) void power_off(void);
__attribute__((noreturn)) void power_reset(void);

#endif
