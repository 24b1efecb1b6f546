/*
 * mm/pmm.c — the kernel's physical memory: which RAM is free at boot, and
 * the locked wrappers around the buddy allocator.  pmm_lock guards `buddy`.
 */
#include <arch/memlayout.h>
#include <keel/boot.h>
#include <keel/compiler.h>
#include <keel/ipc.h>
#include <keel/mm.h>
#include <keel/page_alloc.h>
#include <keel/printk.h>
#include <keel/spinlock.h>
#include <keel/string.h>

#define MAX_EXCLUDED (PLATFORM_MAX_RESERVED + 8)

extern char _text[], _end[];

static spinlock_t pmm_lock = SPINLOCK_INIT;
static struct page_allocator buddy;
static uint16_t *page_refs; /* per page of the span; pmm_lock */

struct range_set {
    struct phys_range r[MAX_EXCLUDED];
    unsigned n;
};

static void exclude(struct range_set *s, uint64_t base, uint64_t size)
{
    if (!size)
        return;
    if (s->n == MAX_EXCLUDED)
        panic("pmm_init: too many reserved ranges");
    uint64_t b = ALIGN_DOWN(base, PAGE_SIZE);
    uint64_t e = ALIGN_UP(base + size, PAGE_SIZE);
    unsigned i = s->n++;
    while (i > 0 && s->r[i - 1].base > b) {
        s->r[i] = s->r[i - 1];
        i--;
    }
    s->r[i] = (struct phys_range){b, e - b};
}

/*
 * for_each_free_gap: call fn(base, size) for every part of RAM outside the
 * excluded (sorted) ranges.
 */
static void for_each_free_gap(const struct platform *p, const struct range_set *ex,
                              void (*fn)(uint64_t base, uint64_t size, void *ctx), void *ctx)
{
    for (unsigned m = 0; m < p->mem_count; m++) {
        uint64_t cur = p->mem[m].base;
        uint64_t end = p->mem[m].base + p->mem[m].size;
        for (unsigned i = 0; i < ex->n && cur < end; i++) {
            uint64_t eb = ex->r[i].base, ee = ex->r[i].base + ex->r[i].size;
            if (ee <= cur || eb >= end)
                continue;
            if (eb > cur)
                fn(cur, eb - cur, ctx);
            cur = MAX(cur, ee);
        }
        if (cur < end)
            fn(cur, end - cur, ctx);
    }
}

struct carve {
    uint64_t need;
    uint64_t found;
};

/* find_gap: remember the highest fitting place (allocate top-down, as boot
 * loaders and firmware tend to leave the bottom of RAM in use). */
static void find_gap(uint64_t base, uint64_t size, void *ctx)
{
    struct carve *c = ctx;
    uint64_t end = ALIGN_DOWN(base + size, PAGE_SIZE);
    if (end - base >= c->need && end - c->need >= base && end - c->need != 0)
        c->found = MAX(c->found, end - c->need);
}

static void add_gap(uint64_t base, uint64_t size, void *ctx)
{
    (void)ctx;
    pa_add_range(&buddy, base, size);
}

void pmm_init(const struct platform *p)
{
    if (!p->mem_count)
        panic("pmm_init: no RAM");
    uint64_t lo = ALIGN_DOWN(p->mem[0].base, PAGE_SIZE), hi = 0;
    for (unsigned i = 0; i < p->mem_count; i++) {
        lo = MIN(lo, ALIGN_DOWN(p->mem[i].base, PAGE_SIZE));
        hi = MAX(hi, ALIGN_UP(p->mem[i].base + p->mem[i].size, PAGE_SIZE));
    }

    static struct range_set ex;
    ex.n = 0;
    for (unsigned i = 0; i < p->reserved_count; i++)
        exclude(&ex, p->reserved[i].base, p->reserved[i].size);
    exclude(&ex, kimage_phys_base, (uintptr_t)_end - (uintptr_t)_text);
    exclude(&ex, boot_state.fdt_pa, boot_state.fdt_size);
    exclude(&ex, boot_state.efi_info_pa, boot_state.efi_info_size);
    if (p->initrd_end > p->initrd_start)
        exclude(&ex, p->initrd_start, p->initrd_end - p->initrd_start);

    uint64_t npages = (hi - lo) / PAGE_SIZE;
    size_t state_bytes = ALIGN_UP(pa_state_bytes(npages), 8);
    struct carve c = {ALIGN_UP(state_bytes + npages * sizeof(uint16_t), PAGE_SIZE), 0};
    for_each_free_gap(p, &ex, find_gap, &c);
    if (!c.found)
        panic("pmm_init: no room for the page state array (%lu bytes)", (unsigned long)c.need);
    exclude(&ex, c.found, c.need);

    pa_init(&buddy, lo, npages, phys_to_virt(c.found));
    page_refs = (uint16_t *)((uint8_t *)phys_to_virt(c.found) + state_bytes);
    memset(page_refs, 0, npages * sizeof(uint16_t));
    for_each_free_gap(p, &ex, add_gap, NULL);
    pr_info("mm: %lu MiB RAM, %lu pages free, %lu reserved ranges",
            (unsigned long)((hi - lo) >> 20), (unsigned long)buddy.free_pages, (unsigned long)ex.n);
}

/* Low-memory watermarks (fractions of all pages): below LOW the VFS server
 * is told to give memory back; the state rearms above HIGH. */
#define LOW_SHIFT 4  /* 1/16 */
#define HIGH_SHIFT 3 /* 1/8 */
static bool memory_low;

uint64_t page_alloc_phys(unsigned order)
{
    irq_flags_t f = spin_lock_irqsave(&pmm_lock);
    uint64_t pa = pa_alloc(&buddy, order);
    bool notify = false;
    if (!memory_low && buddy.free_pages < buddy.total_pages >> LOW_SHIFT) {
        memory_low = true;
        notify = true;
    }
    spin_unlock_irqrestore(&pmm_lock, f);
    if (notify) {
        pr_warn("mm: free memory below 1/16: asking the VFS server to give some back");
        endpoint_notify(&vfs_endpoint, IPC_NOTIFY_MEMORY_LOW);
    }
    if (pa)
        memset(phys_to_virt(pa), 0, PAGE_SIZE << order);
    return pa;
}

void page_free_phys(uint64_t pa, unsigned order)
{
    irq_flags_t f = spin_lock_irqsave(&pmm_lock);
    int r = pa_free(&buddy, pa, order);
    bool recovered = false;
    if (!r && memory_low && buddy.free_pages > buddy.total_pages >> HIGH_SHIFT) {
        memory_low = false;
        recovered = true;
    }
    spin_unlock_irqrestore(&pmm_lock, f);
    if (recovered)
        endpoint_notify(&vfs_endpoint, IPC_NOTIFY_MEMORY_OK);
    if (r)
        panic("page_free_phys: 0x%lx (order %u) is not an allocated block", (unsigned long)pa,
              order);
}

void *page_alloc(unsigned order)
{
    uint64_t pa = page_alloc_phys(order);
    return pa ? phys_to_virt(pa) : NULL;
}

void page_free(void *va, unsigned order)
{
    page_free_phys(virt_to_phys(va), order);
}

void pmm_page_counts(uint64_t *total, uint64_t *free_pages)
{
    irq_flags_t f = spin_lock_irqsave(&pmm_lock);
    *total = buddy.total_pages;
    *free_pages = buddy.free_pages;
    spin_unlock_irqrestore(&pmm_lock, f);
}

static uint16_t *ref_slot(uint64_t pa)
{
    uint64_t idx = (pa - buddy.base) / PAGE_SIZE;
    BUG_ON(pa < buddy.base || idx >= buddy.npages);
    return &page_refs[idx];
}

uint64_t page_get_new(void)
{
    uint64_t pa = page_alloc_phys(0);
    if (pa) {
        irq_flags_t f = spin_lock_irqsave(&pmm_lock);
        *ref_slot(pa) = 1;
        spin_unlock_irqrestore(&pmm_lock, f);
    }
    return pa;
}

void page_ref(uint64_t pa)
{
    irq_flags_t f = spin_lock_irqsave(&pmm_lock);
    uint16_t *r = ref_slot(pa);
    BUG_ON(*r == 0 || *r == UINT16_MAX);
    (*r)++;
    spin_unlock_irqrestore(&pmm_lock, f);
}

void page_put(uint64_t pa)
{
    irq_flags_t f = spin_lock_irqsave(&pmm_lock);
    uint16_t *r = ref_slot(pa);
    BUG_ON(*r == 0);
    bool last = --(*r) == 0;
    spin_unlock_irqrestore(&pmm_lock, f);
    if (last)
        page_free_phys(pa, 0);
}

unsigned page_refcount(uint64_t pa)
{
    irq_flags_t f = spin_lock_irqsave(&pmm_lock);
    unsigned n = *ref_slot(pa);
    spin_unlock_irqrestore(&pmm_lock, f);
    return n;
}
