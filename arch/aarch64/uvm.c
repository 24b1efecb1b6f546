/*
 * arch/aarch64/uvm.c — user translation tables (TTBR0) and ASIDs; see
 * arch/uvm.h.  asid_lock guards asid_map and asid_next.
 */
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/pgtable.h>
#include <arch/pte.h>
#include <arch/sysreg.h>
#include <arch/uvm.h>
#include <keel/compiler.h>
#include <keel/mm.h>
#include <keel/printk.h>
#include <keel/spinlock.h>

#define ASID_COUNT 65536

static spinlock_t asid_lock = SPINLOCK_INIT;
static uint64_t asid_map[ASID_COUNT / 64] = {1}; /* ASID 0 is the kernel's */
static unsigned asid_next = 1;
extern uint8_t uvm_empty_l0[];

static uint64_t *tva(uint64_t pa)
{
    return phys_to_virt(pa);
}

int uvm_create(struct uvm_tables *t)
{
    irq_flags_t f = spin_lock_irqsave(&asid_lock);
    unsigned a = asid_next, tries;
    for (tries = 0; tries < ASID_COUNT; tries++, a = (a + 1) % ASID_COUNT)
        if (!(asid_map[a / 64] & (1UL << (a % 64))))
            break;
    if (tries == ASID_COUNT) {
        spin_unlock_irqrestore(&asid_lock, f);
        return -EAGAIN;
    }
    asid_map[a / 64] |= 1UL << (a % 64);
    asid_next = (a + 1) % ASID_COUNT;
    spin_unlock_irqrestore(&asid_lock, f);

    uint64_t l0 = page_alloc_phys(0);
    if (!l0) {
        f = spin_lock_irqsave(&asid_lock);
        asid_map[a / 64] &= ~(1UL << (a % 64));
        spin_unlock_irqrestore(&asid_lock, f);
        return -ENOMEM;
    }
    t->l0_pa = l0;
    t->asid = (uint16_t)a;
    return 0;
}

static void free_level(uint64_t table_pa, unsigned level)
{
    uint64_t *tab = tva(table_pa);
    if (level < 3) {
        for (unsigned i = 0; i < PT_ENTRIES; i++)
            if ((tab[i] & (PTE_VALID | PTE_TABLE)) == (PTE_VALID | PTE_TABLE))
                free_level(tab[i] & PTE_ADDR_MASK, level + 1);
    }
    page_free_phys(table_pa, 0);
}

void uvm_destroy(struct uvm_tables *t)
{
    if (!t->l0_pa)
        return;
    free_level(t->l0_pa, 0);
    t->l0_pa = 0;
    dsb_ishst();
    __asm__ volatile("tlbi aside1is, %0" ::"r"((uint64_t)t->asid << 48) : "memory");
    dsb_ish();
    isb();
    irq_flags_t f = spin_lock_irqsave(&asid_lock);
    asid_map[t->asid / 64] &= ~(1UL << (t->asid % 64));
    spin_unlock_irqrestore(&asid_lock, f);
}

void uvm_activate(const struct uvm_tables *t)
{
    if (t)
        write_sysreg(ttbr0_el1, t->l0_pa | ((uint64_t)t->asid << 48));
    else
        write_sysreg(ttbr0_el1, virt_to_phys(uvm_empty_l0));
    isb();
}

static const unsigned shifts[4] = {L0_SHIFT, L1_SHIFT, L2_SHIFT, L3_SHIFT};

/* walk: the L3 entry for va, creating tables if `create`; NULL if absent
 * (or out of memory when creating). */
static uint64_t *walk(const struct uvm_tables *t, uint64_t va, bool create)
{
    uint64_t *tab = tva(t->l0_pa);
    for (unsigned lvl = 0; lvl < 3; lvl++) {
        uint64_t *e = &tab[PT_INDEX(va, shifts[lvl])];
        if (!(*e & PTE_VALID)) {
            if (!create)
                return NULL;
            uint64_t pa = page_alloc_phys(0);
            if (!pa)
                return NULL;
            dsb_ishst();
            *e = pa | PTE_VALID | PTE_TABLE;
        }
        tab = tva(*e & PTE_ADDR_MASK);
    }
    return &tab[PT_INDEX(va, L3_SHIFT)];
}

static void flush_va(const struct uvm_tables *t, uint64_t va)
{
    dsb_ishst();
    __asm__ volatile("tlbi vae1is, %0" ::"r"((va >> 12) | ((uint64_t)t->asid << 48)) : "memory");
    dsb_ish();
    isb();
}

int uvm_map_page(struct uvm_tables *t, uint64_t va, uint64_t pa, unsigned prot, bool cow,
                 uint64_t *old_pa)
{
    if ((prot & UPROT_WRITE) && (prot & UPROT_EXEC))
        return -EINVAL;
    if (va >= USER_TOP || (va & (PAGE_SIZE - 1)))
        return -EINVAL;
    uint64_t *e = walk(t, va, true);
    if (!e)
        return -ENOMEM;
    uint64_t old = *e;
    if (old_pa)
        *old_pa = (old & PTE_VALID) ? (old & PTE_ADDR_MASK) : 0;
    if (old & PTE_VALID) {
        *e = 0;
        flush_va(t, va);
    }
    *e = pte_user(pa, prot, cow);
    dsb_ishst();
    isb();
    return 0;
}

uint64_t uvm_lookup(const struct uvm_tables *t, uint64_t va, unsigned *prot, bool *cow)
{
    uint64_t *e = walk(t, va, false);
    if (!e || !(*e & PTE_VALID))
        return 0;
    if (prot)
        *prot = pte_user_prot(*e, NULL);
    if (cow)
        *cow = (*e & PTE_SW_COW) != 0;
    return *e & PTE_ADDR_MASK;
}

uint64_t uvm_unmap_page(struct uvm_tables *t, uint64_t va)
{
    uint64_t *e = walk(t, va, false);
    if (!e || !(*e & PTE_VALID))
        return 0;
    uint64_t pa = *e & PTE_ADDR_MASK;
    *e = 0;
    flush_va(t, va);
    return pa;
}

int uvm_set_prot(struct uvm_tables *t, uint64_t va, unsigned prot, bool cow)
{
    if ((prot & UPROT_WRITE) && (prot & UPROT_EXEC) && !cow)
        return -EINVAL;
    uint64_t *e = walk(t, va, false);
    if (!e || !(*e & PTE_VALID))
        return -ENOENT;
    uint64_t pa = *e & PTE_ADDR_MASK;
    *e = 0;
    flush_va(t, va);
    *e = pte_user(pa, prot, cow);
    dsb_ishst();
    isb();
    return 0;
}

static void each_level(uint64_t table_pa, unsigned lvl, uint64_t base, uint64_t start, uint64_t end,
                       void (*fn)(uint64_t, uint64_t, unsigned, bool, void *), void *ctx)
{
    uint64_t *tab = tva(table_pa);
    uint64_t span = 1UL << shifts[lvl];
    for (unsigned i = 0; i < PT_ENTRIES; i++) {
        uint64_t va = base + i * span;
        if (va + span <= start || va >= end)
            continue;
        uint64_t e = tab[i];
        if (!(e & PTE_VALID))
            continue;
        if (lvl < 3)
            each_level(e & PTE_ADDR_MASK, lvl + 1, va, start, end, fn, ctx);
        else
            fn(va, e & PTE_ADDR_MASK, pte_user_prot(e, NULL), (e & PTE_SW_COW) != 0, ctx);
    }
}

void uvm_for_each_page(const struct uvm_tables *t, uint64_t start, uint64_t end,
                       void (*fn)(uint64_t va, uint64_t pa, unsigned prot, bool cow, void *ctx),
                       void *ctx)
{
    each_level(t->l0_pa, 0, 0, start, end, fn, ctx);
}

static size_t count_level(uint64_t table_pa, unsigned lvl)
{
    size_t n = 1;
    uint64_t *tab = tva(table_pa);
    if (lvl < 3)
        for (unsigned i = 0; i < PT_ENTRIES; i++)
            if ((tab[i] & (PTE_VALID | PTE_TABLE)) == (PTE_VALID | PTE_TABLE))
                n += count_level(tab[i] & PTE_ADDR_MASK, lvl + 1);
    return n;
}

size_t uvm_table_pages(const struct uvm_tables *t)
{
    return t->l0_pa ? count_level(t->l0_pa, 0) : 0;
}
