/*
 * keel/platform.h — what the kernel learns about the machine at boot.
 *
 * Filled once, early, by exactly one discovery source: the device tree
 * (kernel/discover_fdt.c) or, on UEFI machines without a full device tree,
 * the ACPI tables (kernel/discover_acpi.c) plus the EFI memory map.  After
 * boot it is read-only.  Pure data: no pointers into firmware memory except
 * the `bootargs` copy, which is owned by the struct.
 */
#ifndef KEEL_PLATFORM_H
#define KEEL_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PLATFORM_MAX_MEM 32
#define PLATFORM_MAX_RESERVED 64
#define PLATFORM_MAX_CPUS 16
#define PLATFORM_BOOTARGS_MAX 512

struct phys_range {
    uint64_t base;
    uint64_t size;
};

enum uart_kind { UART_NONE = 0, UART_PL011 };
enum psci_conduit { PSCI_NONE = 0, PSCI_HVC, PSCI_SMC };
enum cpu_enable { CPU_ENABLE_NONE = 0, CPU_ENABLE_PSCI, CPU_ENABLE_SPIN_TABLE };

struct platform_cpu {
    uint64_t mpidr; /* MPIDR affinity bits (reg of the cpu node / MADT GICC) */
    enum cpu_enable enable;
    uint64_t release_addr; /* spin-table only */
};

struct platform {
    /* Which source filled this struct: "fdt" or "acpi". */
    const char *source;
    char model[64]; /* "/model" or the ACPI OEM id; may be empty */

    struct phys_range mem[PLATFORM_MAX_MEM]; /* usable RAM, sorted */
    unsigned mem_count;
    struct phys_range reserved[PLATFORM_MAX_RESERVED]; /* never allocate */
    unsigned reserved_count;

    /* Console UART: physical MMIO base after every bus `ranges` translation. */
    enum uart_kind uart;
    uint64_t uart_base;
    uint32_t uart_irq;      /* GIC INTID (SPIs already offset by 32) */
    uint32_t uart_clock_hz; /* 0 when unknown or not trustworthy */

    /* Interrupt controller. */
    unsigned gic_version; /* 2 or 3; 0 = not found */
    uint64_t gicd_base;
    uint64_t gicc_base; /* v2 CPU interface */
    uint64_t gicr_base; /* v3 redistributors */
    uint64_t gicr_size;

    /* Generic timer PPIs (GIC INTIDs, i.e. PPI number + 16). */
    uint32_t timer_irq_phys; /* EL1 physical timer */
    uint32_t timer_irq_virt; /* EL1 virtual timer */
    uint32_t timer_freq_hz;  /* from the DT "clock-frequency", 0 = use CNTFRQ */

    enum psci_conduit psci;

    struct platform_cpu cpus[PLATFORM_MAX_CPUS];
    unsigned cpu_count;

    uint64_t initrd_start; /* physical, [start, end); 0/0 when none */
    uint64_t initrd_end;

    char bootargs[PLATFORM_BOOTARGS_MAX];
};

/*
 * platform_from_fdt: parse the flattened device tree at `blob` (at most
 * `max_size` bytes readable) into *p.  Returns 0, or a negative errno with
 * *why set to a static, human-readable reason (truncated blob, bad magic,
 * no memory node, ...).  Never reads outside [blob, blob + max_size).
 *
 * *p is cleared first.  RAM is every enabled `device_type = "memory"` node
 * under the root (sorted, merged); reserved is the header's memory
 * reservation map plus the enabled /reserved-memory children with a `reg`.
 * The caller must itself reserve what the tree does not describe: the blob
 * (fdt totalsize bytes at `blob`), the kernel image, and the initrd
 * [initrd_start, initrd_end).  Optional pieces that are missing or
 * malformed are left zero; only a missing memory node, an invalid blob or
 * more ranges than the arrays hold are errors.
 */
int platform_from_fdt(struct platform *p, const void *blob, size_t max_size, const char **why);

/*
 * platform_from_acpi: parse the ACPI tables reachable from the RSDP at
 * `rsdp` into *p (CPUs and GIC from the MADT, timer from the GTDT, UART
 * from the SPCR).  `map` translates a table's physical address into a
 * pointer the caller can read, or NULL if unmapped; `ctx` is passed through.
 * RAM and reserved ranges are not touched: they come from the EFI memory
 * map.  Returns 0 or a negative errno with *why set.  Checksums are verified.
 *
 * *p is cleared first.  A pointer returned by `map` need only stay valid
 * until the next call of `map`.  The MADT is required; the GTDT, SPCR and
 * FADT are optional, but a present one that fails validation is an error.
 * model is the root table's OEM ID; CPUs are the enabled GICC entries, with
 * CPU_ENABLE_PSCI when the FADT declares PSCI.
 */
int platform_from_acpi(struct platform *p, uint64_t rsdp,
                       const void *(*map)(uint64_t phys, size_t len, void *ctx), void *ctx,
                       const char **why);

/*
 * platform_add_reserved: append a reserved range; returns 0 or -ENOSPC.
 * A zero size is ignored; a range running past 2^64 is clipped.
 */
int platform_add_reserved(struct platform *p, uint64_t base, uint64_t size);

/*
 * platform_add_mem: add a RAM range to p->mem, keeping it sorted with
 * overlapping and adjacent ranges merged (for the EFI memory map as well as
 * the device tree).  Returns 0 or -ENOSPC (then p->mem is unchanged).  A
 * zero size is ignored; a range running past 2^64 is clipped.
 */
int platform_add_mem(struct platform *p, uint64_t base, uint64_t size);

#endif
