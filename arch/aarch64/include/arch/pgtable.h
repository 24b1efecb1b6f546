/*
 * arch/pgtable.h — AArch64 stage-1 translation-table descriptors
 * (4 KiB granule, 4 levels: L0..L3).  Shared by C and assembly.
 */
#ifndef ARCH_PGTABLE_H
#define ARCH_PGTABLE_H

#include <arch/const.h>

#define PTE_VALID (UL(1) << 0)
#define PTE_TABLE (UL(1) << 1) /* at L0..L2: next-level table */
#define PTE_PAGE (UL(1) << 1)  /* at L3: a page (L3 needs bit 1 set) */
#define PTE_BLOCK (UL(0) << 1) /* at L1/L2: a block */
#define PTE_ATTR(idx) ((idx) << 2)
#define PTE_AP_RW_EL1 (UL(0) << 6)
#define PTE_AP_RW_ALL (UL(1) << 6)
#define PTE_AP_RO_EL1 (UL(2) << 6)
#define PTE_AP_RO_ALL (UL(3) << 6)
#define PTE_SH_INNER (UL(3) << 8)
#define PTE_AF (UL(1) << 10)
#define PTE_NG (UL(1) << 11)
#define PTE_PXN (UL(1) << 53)
#define PTE_UXN (UL(1) << 54)
#define PTE_ADDR_MASK UL(0x0000fffffffff000)

#define L0_SHIFT 39
#define L1_SHIFT 30
#define L2_SHIFT 21
#define L3_SHIFT 12
#define PT_ENTRIES 512
#define PT_INDEX(va, shift) (((va) >> (shift)) & (PT_ENTRIES - 1))

#endif
