/*
 * arch/cpu.h — the CPU interface generic code uses: interrupt masking,
 * the per-CPU pointer, the CPU's identity, halting.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <arch/sysreg.h>
#include <stdbool.h>
#include <stdint.h>

typedef uint64_t irq_flags_t;

/* irq_save: mask IRQs and FIQs; returns the previous DAIF for irq_restore. */
static inline irq_flags_t irq_save(void)
{
    irq_flags_t f = read_sysreg(daif);
    __asm__ volatile("msr daifset, #3" ::: "memory");
    return f;
}

static inline void irq_restore(irq_flags_t f)
{
    write_sysreg(daif, f);
}

static inline void irq_enable(void)
{
    __asm__ volatile("msr daifclr, #3" ::: "memory");
}

static inline void irq_disable(void)
{
    __asm__ volatile("msr daifset, #3" ::: "memory");
}

static inline bool irqs_enabled(void)
{
    return !(read_sysreg(daif) & (1UL << 7));
}

/* cpu_mpidr: this CPU's affinity (MPIDR_EL1 without the U/MT/RES1 bits). */
static inline uint64_t cpu_mpidr(void)
{
    return read_sysreg(mpidr_el1) & 0xff00ffffffUL;
}

static inline void cpu_relax(void)
{
    __asm__ volatile("yield" ::: "memory");
}

/* sync_icache: make instructions written through `kva` (a kernel address)
 * visible to instruction fetch on every CPU (clean D to PoU, invalidate I). */
void sync_icache(const void *kva, unsigned long len);

/* arch_hwcap: the AT_HWCAP bits (Linux's arm64 HWCAP_*) of this CPU. */
unsigned long arch_hwcap(void);

/*
 * cpu_enable_pan: turn on Privileged Access Never if the CPU has it
 * (ARMv8.1): kernel loads and stores to user pages then fault; the user
 * copies use LDTR/STTR, which PAN allows.  SCTLR_EL1.SPAN is clear, so
 * every exception entry sets PAN again.  Returns true if enabled.
 */
static inline bool cpu_enable_pan(void)
{
    if (((read_sysreg(id_aa64mmfr1_el1) >> 20) & 0xf) == 0)
        return false;
    __asm__ volatile(".inst 0xd500419f" ::: "memory"); /* msr pan, #1 */
    return true;
}

/* cpu_halt: mask interrupts and stop this CPU for good. */
static inline __attribute__((noreturn)) void cpu_halt(void)
{
    irq_disable();
    for (;;)
        wfi();
}

#endif
