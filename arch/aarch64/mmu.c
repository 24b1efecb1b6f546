/*
 * arch/aarch64/mmu.c — the kernel's translation tables (TTBR1).
 *
 * mmu_init replaces head.S's boot tables with the final ones: the image at
 * KIMAGE_VA mapped W^X part by part with 4 KiB pages (the same pages as the
 * boot tables, so switching TTBR1 under our feet is safe), RAM in the linear
 * map with the largest blocks that fit, and an empty TTBR0 until the first
 * process.  Table pages come from a static pool, then from the page
 * allocator once mmu_set_page_source() is called.  kmap_lock guards every
 * table walk that may allocate or change an entry, and ioremap_next.
 */
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include <arch/pgtable.h>
#include <arch/sysreg.h>
#include <keel/compiler.h>
#include <keel/platform.h>
#include <keel/printk.h>
#include <keel/spinlock.h>
#include <keel/string.h>

#define POOL_PAGES 64

extern char _text[], _stext[], _etext[], _erodata[], _sdata[], _end[];

static uint8_t pt_pool[POOL_PAGES][PAGE_SIZE] __aligned(PAGE_SIZE);
static unsigned pt_pool_used;
static uint64_t (*pt_page_source)(void);
static size_t pt_pages;

static uint64_t *kernel_l0;
uint8_t uvm_empty_l0[PAGE_SIZE] __aligned(PAGE_SIZE); /* TTBR0 when no process runs */
static spinlock_t kmap_lock = SPINLOCK_INIT;
static uint64_t ioremap_next = IOREMAP_BASE;

/* table_va: where the kernel can read the table page at physical `pa`. */
static uint64_t *table_va(uint64_t pa)
{
    uint64_t image_size = (uintptr_t)_end - (uintptr_t)_text;
    if (pa >= kimage_phys_base && pa < kimage_phys_base + image_size)
        return (uint64_t *)(KIMAGE_VA + (pa - kimage_phys_base));
    return phys_to_virt(pa);
}

/* pt_alloc: a zeroed table page; returns its physical address or 0. */
static uint64_t pt_alloc(void)
{
    uint64_t pa;
    if (pt_pool_used < POOL_PAGES) {
        pa = virt_to_phys(pt_pool[pt_pool_used++]);
    } else if (pt_page_source) {
        pa = pt_page_source();
        if (!pa)
            return 0;
    } else {
        return 0;
    }
    memset(table_va(pa), 0, PAGE_SIZE);
    pt_pages++;
    return pa;
}

void mmu_set_page_source(uint64_t (*alloc_zeroed_page)(void));
void mmu_set_page_source(uint64_t (*alloc_zeroed_page)(void))
{
    pt_page_source = alloc_zeroed_page;
}

size_t mmu_table_pages(void)
{
    return pt_pages;
}

static uint64_t kind_attrs(enum kmap_kind kind)
{
    uint64_t common = PTE_VALID | PTE_AF;
    switch (kind) {
    case KMAP_TEXT:
        return common | PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AP_RO_EL1 | PTE_UXN;
    case KMAP_RODATA:
        return common | PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AP_RO_EL1 | PTE_UXN | PTE_PXN;
    case KMAP_DATA:
        return common | PTE_ATTR(MT_NORMAL) | PTE_SH_INNER | PTE_AP_RW_EL1 | PTE_UXN | PTE_PXN;
    case KMAP_DEVICE:
    default:
        return common | PTE_ATTR(MT_DEVICE_nGnRE) | PTE_AP_RW_EL1 | PTE_UXN | PTE_PXN;
    }
}

static const unsigned level_shift[4] = {L0_SHIFT, L1_SHIFT, L2_SHIFT, L3_SHIFT};

/*
 * map_level: map [va, va+size) -> pa in the table at `table` (level `lvl`),
 * using blocks at L1/L2 when alignment and size allow and `blocks` is set.
 * Returns 0 or a negative errno; on error part of the range may be mapped.
 */
static int map_level(uint64_t *table, unsigned lvl, uint64_t va, uint64_t pa, uint64_t size,
                     uint64_t attrs, bool blocks)
{
    uint64_t span = 1UL << level_shift[lvl];
    while (size) {
        uint64_t idx = PT_INDEX(va, level_shift[lvl]);
        uint64_t chunk = MIN(size, span - (va & (span - 1)));
        uint64_t *e = &table[idx];
        if (lvl == 3) {
            if (*e & PTE_VALID)
                return -EEXIST;
            *e = (pa & PTE_ADDR_MASK) | attrs | PTE_PAGE;
        } else if (blocks && (lvl == 1 || lvl == 2) && chunk == span && IS_ALIGNED(pa, span)) {
            if (*e & PTE_VALID)
                return -EEXIST;
            *e = (pa & PTE_ADDR_MASK) | attrs | PTE_BLOCK;
        } else {
            if (!(*e & PTE_VALID)) {
                uint64_t t = pt_alloc();
                if (!t)
                    return -ENOMEM;
                *e = t | PTE_VALID | PTE_TABLE;
            } else if (!(*e & PTE_TABLE)) {
                return -EEXIST;
            }
            int r = map_level(table_va(*e & PTE_ADDR_MASK), lvl + 1, va, pa, chunk, attrs, blocks);
            if (r)
                return r;
        }
        va += chunk;
        pa += chunk;
        size -= chunk;
    }
    return 0;
}

static int map_locked(uint64_t va, uint64_t pa, uint64_t size, uint64_t attrs, bool blocks)
{
    if (!IS_ALIGNED(va | pa | size, PAGE_SIZE))
        return -EINVAL;
    return map_level(kernel_l0, 0, va, pa, size, attrs, blocks);
}

int kmap_range(uint64_t va, uint64_t pa, size_t size, enum kmap_kind kind)
{
    irq_flags_t f = spin_lock_irqsave(&kmap_lock);
    int r = map_locked(va, pa, size, kind_attrs(kind), false);
    spin_unlock_irqrestore(&kmap_lock, f);
    dsb_ishst();
    isb();
    return r;
}

/* walk: the L3 (or block) entry mapping va, or NULL. */
static uint64_t *walk(uint64_t va, unsigned *level)
{
    uint64_t *t = kernel_l0;
    for (unsigned lvl = 0; lvl < 4; lvl++) {
        uint64_t *e = &t[PT_INDEX(va, level_shift[lvl])];
        if (!(*e & PTE_VALID))
            return NULL;
        if (lvl == 3 || !(*e & PTE_TABLE)) {
            *level = lvl;
            return e;
        }
        t = table_va(*e & PTE_ADDR_MASK);
    }
    return NULL;
}

void kunmap_range(uint64_t va, size_t size)
{
    irq_flags_t f = spin_lock_irqsave(&kmap_lock);
    for (uint64_t a = va; a < va + size; a += PAGE_SIZE) {
        unsigned lvl;
        uint64_t *e = walk(a, &lvl);
        if (e && lvl == 3) {
            *e = 0;
            dsb_ishst();
            __asm__ volatile("tlbi vaae1is, %0" ::"r"(a >> 12) : "memory");
        }
    }
    dsb_ish();
    isb();
    spin_unlock_irqrestore(&kmap_lock, f);
}

uint64_t kernel_translate(uint64_t va)
{
    unsigned lvl;
    irq_flags_t f = spin_lock_irqsave(&kmap_lock);
    uint64_t *e = walk(va, &lvl);
    uint64_t r = e ? (*e & PTE_ADDR_MASK & ~((1UL << level_shift[lvl]) - 1)) +
                         (va & ((1UL << level_shift[lvl]) - 1))
                   : (uint64_t)-1;
    spin_unlock_irqrestore(&kmap_lock, f);
    return r;
}

void *ioremap(uint64_t pa, size_t size)
{
    uint64_t offset = pa & (PAGE_SIZE - 1);
    uint64_t base = pa - offset;
    uint64_t len = ALIGN_UP(size + offset, PAGE_SIZE);
    irq_flags_t f = spin_lock_irqsave(&kmap_lock);
    uint64_t va = ioremap_next;
    if (va + len > IOREMAP_BASE + IOREMAP_SIZE ||
        map_locked(va, base, len, kind_attrs(KMAP_DEVICE), false)) {
        spin_unlock_irqrestore(&kmap_lock, f);
        return NULL;
    }
    ioremap_next = va + len + PAGE_SIZE; /* a guard page between mappings */
    spin_unlock_irqrestore(&kmap_lock, f);
    dsb_ishst();
    isb();
    return (void *)(va + offset);
}

static void map_image_part(char *start, char *end, enum kmap_kind kind)
{
    uint64_t va = (uintptr_t)start;
    uint64_t size = (uintptr_t)end - (uintptr_t)start;
    if (!size)
        return;
    if (map_locked(va, va - KIMAGE_VA + kimage_phys_base, size, kind_attrs(kind), false))
        panic("mmu_init: cannot map the kernel image at %p", start);
}

void mmu_init(const struct platform *p)
{
    uint64_t l0 = pt_alloc();
    if (!l0)
        panic("mmu_init: no table page");
    kernel_l0 = table_va(l0);

    map_image_part(_text, _stext, KMAP_RODATA);
    map_image_part(_stext, _etext, KMAP_TEXT);
    map_image_part(_etext, _erodata, KMAP_RODATA);
    map_image_part(_sdata, _end, KMAP_DATA);

    for (unsigned i = 0; i < p->mem_count; i++) {
        uint64_t base = ALIGN_DOWN(p->mem[i].base, PAGE_SIZE);
        uint64_t end = ALIGN_UP(p->mem[i].base + p->mem[i].size, PAGE_SIZE);
        if (map_locked(LINEAR_BASE + base, base, end - base, kind_attrs(KMAP_DATA), true))
            panic("mmu_init: cannot map RAM 0x%lx-0x%lx", (unsigned long)base, (unsigned long)end);
    }

    dsb_ishst();
    write_sysreg(ttbr1_el1, l0);
    isb();
    __asm__ volatile("tlbi vmalle1\n\tdsb nsh\n\tisb" ::: "memory");
    write_sysreg(ttbr0_el1, virt_to_phys(uvm_empty_l0));
    isb();
    __asm__ volatile("tlbi vmalle1\n\tdsb nsh\n\tisb" ::: "memory");
}
