/*
 * kernel/banner.c — the boot banner: version, boot path, exception level,
 * and what discovery found (RAM, console, interrupt controller, timer,
 * CPUs, initrd, command line).
 */
#include <arch/board.h>
#include <keel/boot.h>
#include <keel/printk.h>
#include <keel/version.h>

#ifndef KEEL_VERSION
#define KEEL_VERSION "0.0.0"
#endif
#ifndef KEEL_GIT_REV
#define KEEL_GIT_REV "unknown"
#endif
#ifdef KEEL_DEBUG
#define KEEL_VARIANT "debug"
#else
#define KEEL_VARIANT "release"
#endif

const char keel_release[] = KEEL_VERSION;
const char keel_build[] = KEEL_GIT_REV " " KEEL_VARIANT;

void print_banner(void);
void print_banner(void)
{
    const struct platform *p = &boot_platform;
    uint64_t ram = 0;
    for (unsigned i = 0; i < p->mem_count; i++)
        ram += p->mem[i].size;

    pr_notice("Keel %s (%s, %s build) on aarch64", KEEL_VERSION, KEEL_GIT_REV, KEEL_VARIANT);
    pr_notice("boot: %s entry at EL%u, machine described by %s%s%s",
              boot_state.path == BOOT_PATH_EFI ? "EFI" : "raw", boot_state.entry_el,
              p->source ? p->source : "?", p->model[0] ? ": " : "", p->model);
    pr_notice("memory: %lu MiB RAM in %u range(s), %u reserved range(s)",
              (unsigned long)(ram >> 20), p->mem_count, p->reserved_count);
    for (unsigned i = 0; i < p->mem_count; i++)
        pr_info("  RAM 0x%010lx-0x%010lx", (unsigned long)p->mem[i].base,
                (unsigned long)(p->mem[i].base + p->mem[i].size));
    pr_notice("console: %s at 0x%lx, irq %u", p->uart == UART_PL011 ? "PL011" : "none",
              (unsigned long)p->uart_base, p->uart_irq);
    pr_notice("interrupts: GICv%u, distributor 0x%lx, %s 0x%lx", p->gic_version,
              (unsigned long)p->gicd_base, p->gic_version == 3 ? "redistributors" : "cpu interface",
              (unsigned long)(p->gic_version == 3 ? p->gicr_base : p->gicc_base));
    pr_notice("timer: interrupts phys %u virt %u; cpus: %u; psci: %s", p->timer_irq_phys,
              p->timer_irq_virt, p->cpu_count,
              p->psci == PSCI_HVC   ? "hvc"
              : p->psci == PSCI_SMC ? "smc"
                                    : "none");
    if (p->initrd_end > p->initrd_start)
        pr_notice("initrd: 0x%lx-0x%lx (%lu KiB)%s%s", (unsigned long)p->initrd_start,
                  (unsigned long)p->initrd_end,
                  (unsigned long)((p->initrd_end - p->initrd_start) >> 10),
                  boot_state.efi_initrd_source ? " via " : "",
                  boot_state.efi_initrd_source ? boot_state.efi_initrd_source : "");
    else
        pr_notice("initrd: none");
    pr_notice("command line: %s", p->bootargs);
}
