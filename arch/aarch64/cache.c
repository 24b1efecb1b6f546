/*
 * arch/aarch64/cache.c — cache maintenance for code the kernel writes
 * (exec), and the CPU feature bits user space reads from AT_HWCAP.
 */
#include <arch/cpu.h>
#include <arch/sysreg.h>

void sync_icache(const void *kva, unsigned long len)
{
    uint64_t ctr = read_sysreg(ctr_el0);
    uint64_t line = 4UL << ((ctr >> 16) & 0xf);
    uint64_t start = (uint64_t)kva & ~(line - 1), end = (uint64_t)kva + len;
    for (uint64_t a = start; a < end; a += line)
        __asm__ volatile("dc cvau, %0" ::"r"(a) : "memory");
    __asm__ volatile("dsb ish\n\tic ialluis\n\tdsb ish\n\tisb" ::: "memory");
}

/* Linux arm64 HWCAP bits (asm/hwcap.h values). */
#define HWCAP_FP (1UL << 0)
#define HWCAP_ASIMD (1UL << 1)
#define HWCAP_AES (1UL << 3)
#define HWCAP_PMULL (1UL << 4)
#define HWCAP_SHA1 (1UL << 5)
#define HWCAP_SHA2 (1UL << 6)
#define HWCAP_CRC32 (1UL << 7)
#define HWCAP_ATOMICS (1UL << 8)
#define HWCAP_CPUID (1UL << 11)

unsigned long arch_hwcap(void)
{
    uint64_t pfr0 = read_sysreg(id_aa64pfr0_el1);
    uint64_t isar0 = read_sysreg(id_aa64isar0_el1);
    unsigned long hw = 0;
    if (((pfr0 >> 16) & 0xf) != 0xf)
        hw |= HWCAP_FP;
    if (((pfr0 >> 20) & 0xf) != 0xf)
        hw |= HWCAP_ASIMD;
    unsigned aes = (isar0 >> 4) & 0xf;
    if (aes >= 1)
        hw |= HWCAP_AES;
    if (aes >= 2)
        hw |= HWCAP_PMULL;
    if ((isar0 >> 8) & 0xf)
        hw |= HWCAP_SHA1;
    if ((isar0 >> 12) & 0xf)
        hw |= HWCAP_SHA2;
    if ((isar0 >> 16) & 0xf)
        hw |= HWCAP_CRC32;
    if (((isar0 >> 20) & 0xf) >= 2)
        hw |= HWCAP_ATOMICS;
    return hw;
}
