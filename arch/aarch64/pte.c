/* arch/aarch64/pte.c — user page descriptors; see arch/pte.h. */
#include <arch/pgtable.h>
#include <arch/pte.h>
#include <arch/sysreg.h>
#include <arch/uvm.h>

uint64_t pte_user(uint64_t pa, unsigned prot, bool cow)
{
    uint64_t pte = (pa & PTE_ADDR_MASK) | PTE_VALID | PTE_PAGE | PTE_ATTR(MT_NORMAL) |
                   PTE_SH_INNER | PTE_AF | PTE_NG | PTE_PXN;
    if (!(prot & (UPROT_READ | UPROT_WRITE | UPROT_EXEC)))
        pte |= PTE_AP_RO_EL1; /* PROT_NONE: kept, but EL0 cannot touch it */
    else if ((prot & UPROT_WRITE) && !cow)
        pte |= PTE_AP_RW_ALL;
    else
        pte |= PTE_AP_RO_ALL;
    /* W^X even if asked otherwise: a page EL0 may write is never executable */
    if (!(prot & UPROT_EXEC) || ((prot & UPROT_WRITE) && !cow))
        pte |= PTE_UXN;
    if (cow)
        pte |= PTE_SW_COW;
    return pte;
}

unsigned pte_user_prot(uint64_t pte, bool *cow)
{
    if (cow)
        *cow = (pte & PTE_SW_COW) != 0;
    uint64_t ap = pte & (3ULL << 6);
    if (ap == PTE_AP_RO_EL1 || ap == PTE_AP_RW_EL1)
        return 0;
    unsigned prot = UPROT_READ;
    if (ap == PTE_AP_RW_ALL)
        prot |= UPROT_WRITE;
    if (!(pte & PTE_UXN))
        prot |= UPROT_EXEC;
    return prot;
}
