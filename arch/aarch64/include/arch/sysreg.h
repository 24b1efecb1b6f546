/*
 * arch/sysreg.h — system-register access and the bit definitions the kernel
 * uses.  Values are from the Arm ARM (DDI 0487); names follow it.
 */
#ifndef ARCH_SYSREG_H
#define ARCH_SYSREG_H

#include <arch/const.h>

/* SCTLR_EL1 */
#define SCTLR_M (UL(1) << 0)
#define SCTLR_A (UL(1) << 1)
#define SCTLR_C (UL(1) << 2)
#define SCTLR_SA (UL(1) << 3)
#define SCTLR_SA0 (UL(1) << 4)
#define SCTLR_I (UL(1) << 12)
#define SCTLR_SPAN (UL(1) << 23)
#define SCTLR_DZE (UL(1) << 14)  /* EL0 may use DC ZVA (musl's memset) */
#define SCTLR_UCT (UL(1) << 15)  /* EL0 may read CTR_EL0 */
#define SCTLR_nTWI (UL(1) << 16) /* EL0 WFI not trapped */
#define SCTLR_nTWE (UL(1) << 18) /* EL0 WFE not trapped */
#define SCTLR_UCI (UL(1) << 26)  /* EL0 may clean/invalidate caches by VA (JITs) */
#define SCTLR_EL0_ACCESS (SCTLR_DZE | SCTLR_UCT | SCTLR_nTWI | SCTLR_nTWE | SCTLR_UCI | SCTLR_SA0)
#define SCTLR_EL1_RES1                                                                             \
    ((UL(1) << 11) | (UL(1) << 20) | (UL(1) << 22) | (UL(1) << 28) | (UL(1) << 29))

/* HCR_EL2 */
#define HCR_RW (UL(1) << 31)

/* SCR_EL3 */
#define SCR_NS (UL(1) << 0)
#define SCR_RES1 ((UL(1) << 4) | (UL(1) << 5))
#define SCR_HCE (UL(1) << 8)
#define SCR_RW (UL(1) << 10)

/* SPSR: mask D, A, I, F; target EL1h / EL2h. */
#define SPSR_DAIF (UL(0xf) << 6)
#define SPSR_EL1H 0x5
#define SPSR_EL2H 0x9
#define SPSR_MODE (UL(0x1f) << 0) /* M[4] (AArch32) and M[3:0] (EL, SP); 0 = EL0t */
#define SPSR_NZCV (UL(0xf) << 28) /* the condition flags */

/* MAIR indices, see MAIR_VALUE. */
#define MT_DEVICE_nGnRnE 0
#define MT_DEVICE_nGnRE 1
#define MT_NORMAL_NC 2
#define MT_NORMAL 3
#define MAIR_VALUE                                                                                 \
    ((UL(0x00) << (8 * MT_DEVICE_nGnRnE)) | (UL(0x04) << (8 * MT_DEVICE_nGnRE)) |                  \
     (UL(0x44) << (8 * MT_NORMAL_NC)) | (UL(0xff) << (8 * MT_NORMAL)))

/* TCR_EL1: 48-bit VA both halves, 4 KiB granules, WBWA inner-shareable walks. */
#define TCR_T0SZ(n) ((n) << 0)
#define TCR_T1SZ(n) ((n) << 16)
#define TCR_IRGN0_WBWA (UL(1) << 8)
#define TCR_ORGN0_WBWA (UL(1) << 10)
#define TCR_SH0_INNER (UL(3) << 12)
#define TCR_TG0_4K (UL(0) << 14)
#define TCR_IRGN1_WBWA (UL(1) << 24)
#define TCR_ORGN1_WBWA (UL(1) << 26)
#define TCR_SH1_INNER (UL(3) << 28)
#define TCR_TG1_4K (UL(2) << 30)
#define TCR_IPS_SHIFT 32
#define TCR_AS (UL(1) << 36)
#define TCR_VALUE                                                                                  \
    (TCR_T0SZ(16) | TCR_T1SZ(16) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | TCR_TG0_4K |  \
     TCR_IRGN1_WBWA | TCR_ORGN1_WBWA | TCR_SH1_INNER | TCR_TG1_4K | TCR_AS)

/* CPACR_EL1.FPEN: no trapping of FP/SIMD at EL0/EL1 (user programs use it). */
#define CPACR_FPEN (UL(3) << 20)

#ifndef __ASSEMBLER__
#include <stdint.h>

#define read_sysreg(r)                                                                             \
    ({                                                                                             \
        uint64_t read_sysreg_v_;                                                                   \
        __asm__ volatile("mrs %0, " #r : "=r"(read_sysreg_v_));                                    \
        read_sysreg_v_;                                                                            \
    })
#define write_sysreg(r, v)                                                                         \
    do {                                                                                           \
        uint64_t write_sysreg_v_ = (uint64_t)(v);                                                  \
        __asm__ volatile("msr " #r ", %0" ::"r"(write_sysreg_v_) : "memory");                      \
    } while (0)

static inline void isb(void)
{
    __asm__ volatile("isb" ::: "memory");
}
static inline void dsb_sy(void)
{
    __asm__ volatile("dsb sy" ::: "memory");
}
static inline void dsb_ish(void)
{
    __asm__ volatile("dsb ish" ::: "memory");
}
static inline void dsb_ishst(void)
{
    __asm__ volatile("dsb ishst" ::: "memory");
}
static inline void wfi(void)
{
    __asm__ volatile("wfi" ::: "memory");
}
static inline void wfe(void)
{
    __asm__ volatile("wfe" ::: "memory");
}
static inline void sev(void)
{
    __asm__ volatile("sev" ::: "memory");
}
#endif

#endif
