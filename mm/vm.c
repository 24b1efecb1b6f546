/*
 * mm/vm.c — user address spaces; see keel/vm.h for the contract.
 */
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <keel/compiler.h>
#include <keel/file.h>
#include <keel/mm.h>
#include <keel/printk.h>
#include <keel/string.h>
#include <keel/vm.h>

/*
 * Files referenced by areas are released later, outside as->lock: the
 * last file_put may call the VFS server, which sleeps.  deferred_lock
 * guards deferred_files; vm_run_deferred() drops them.
 */
static spinlock_t deferred_lock = SPINLOCK_INIT;
static struct deferred_put {
    struct file *file;
    struct deferred_put *next;
} * deferred_files;

static void area_free(struct vm_area *a)
{
    if (a->file) {
        struct deferred_put *d = kmalloc(sizeof *d);
        if (d) {
            d->file = a->file;
            irq_flags_t f = spin_lock_irqsave(&deferred_lock);
            d->next = deferred_files;
            deferred_files = d;
            spin_unlock_irqrestore(&deferred_lock, f);
        }
    }
    kfree(a);
}

void vm_run_deferred(void)
{
    irq_flags_t f = spin_lock_irqsave(&deferred_lock);
    struct deferred_put *list = deferred_files;
    deferred_files = NULL;
    spin_unlock_irqrestore(&deferred_lock, f);
    while (list) {
        struct deferred_put *d = list;
        list = d->next;
        file_put(d->file);
        kfree(d);
    }
}

struct address_space *as_create(void)
{
    struct address_space *as = kzalloc(sizeof *as);
    if (!as)
        return NULL;
    if (uvm_create(&as->tables)) {
        kfree(as);
        return NULL;
    }
    as->refs = 1;
    as->lock = (spinlock_t)SPINLOCK_INIT;
    return as;
}

void as_get(struct address_space *as)
{
    irq_flags_t f = spin_lock_irqsave(&as->lock);
    as->refs++;
    spin_unlock_irqrestore(&as->lock, f);
}

static void put_page_cb(uint64_t va, uint64_t pa, unsigned prot, bool cow, void *ctx)
{
    (void)va, (void)prot, (void)cow, (void)ctx;
    page_put(pa);
}

void as_put(struct address_space *as)
{
    irq_flags_t f = spin_lock_irqsave(&as->lock);
    bool last = --as->refs == 0;
    spin_unlock_irqrestore(&as->lock, f);
    if (!last)
        return;
    uvm_for_each_page(&as->tables, 0, USER_TOP, put_page_cb, NULL);
    uvm_destroy(&as->tables);
    for (struct vm_area *a = as->areas, *n; a; a = n) {
        n = a->next;
        area_free(a);
    }
    kfree(as);
    vm_run_deferred();
}

void as_activate(struct address_space *as)
{
    uvm_activate(as ? &as->tables : NULL);
}

struct vm_area *as_find(struct address_space *as, uint64_t va)
{
    for (struct vm_area *a = as->areas; a && a->start <= va; a = a->next)
        if (va < a->end)
            return a;
    return NULL;
}

static void insert_area(struct address_space *as, struct vm_area *n)
{
    struct vm_area **pp = &as->areas;
    while (*pp && (*pp)->start < n->start)
        pp = &(*pp)->next;
    n->next = *pp;
    *pp = n;
}

/* range_free: no area overlaps [start, end). */
static bool range_free(struct address_space *as, uint64_t start, uint64_t end)
{
    for (struct vm_area *a = as->areas; a && a->start < end; a = a->next)
        if (a->end > start)
            return false;
    return true;
}

/* split_at: make an area boundary at addr (if inside an area).  0 or -ENOMEM. */
static int split_at(struct address_space *as, uint64_t addr)
{
    struct vm_area *a = as_find(as, addr);
    if (!a || a->start == addr)
        return 0;
    struct vm_area *b = kmalloc(sizeof *b);
    if (!b)
        return -ENOMEM;
    *b = *a;
    b->start = addr;
    if (b->file) {
        file_get(b->file);
        b->file_off += addr - a->start;
        b->file_bytes = b->file_bytes > addr - a->start ? b->file_bytes - (addr - a->start) : 0;
    }
    a->end = addr;
    a->next = b;
    return 0;
}

/* drop_pages: unmap and release the pages of [start, end) (lock held). */
static void drop_pages(struct address_space *as, uint64_t start, uint64_t end)
{
    for (uint64_t va = start; va < end; va += PAGE_SIZE) {
        uint64_t pa = uvm_unmap_page(&as->tables, va);
        if (pa) {
            page_put(pa);
            as->rss_pages--;
        }
    }
}

/* remove_range: delete areas and pages in [start, end) (lock held). */
static int remove_range(struct address_space *as, uint64_t start, uint64_t end)
{
    if (split_at(as, start) || split_at(as, end))
        return -ENOMEM;
    struct vm_area **pp = &as->areas;
    while (*pp) {
        struct vm_area *a = *pp;
        if (a->start >= start && a->end <= end) {
            *pp = a->next;
            drop_pages(as, a->start, a->end);
            area_free(a);
        } else {
            pp = &a->next;
        }
    }
    return 0;
}

/* find_gap: the highest free range of len bytes below `top`; 0 if none. */
static uint64_t find_gap(struct address_space *as, uint64_t len, uint64_t top)
{
    uint64_t candidate = top - len;
    /* Walk areas from the top down: collect them into order by scanning. */
    for (;;) {
        if (candidate < USER_MIN_ADDR || candidate > top)
            return 0;
        struct vm_area *clash = NULL;
        for (struct vm_area *a = as->areas; a; a = a->next)
            if (a->start < candidate + len && a->end > candidate)
                clash = a;
        if (!clash)
            return candidate;
        if (clash->start < len)
            return 0;
        candidate = clash->start - len;
    }
}

static int populate_locked(struct address_space *as, uint64_t start, uint64_t end);

int64_t as_map(struct address_space *as, uint64_t addr, uint64_t len, unsigned prot, unsigned flags,
               bool fixed, bool noreplace)
{
    if (!len)
        return -EINVAL;
    if ((prot & UPROT_WRITE) && (prot & UPROT_EXEC))
        return -EACCES;
    len = ALIGN_UP(len, PAGE_SIZE);
    if (len > USER_TOP || (addr & (PAGE_SIZE - 1) && fixed))
        return -EINVAL;
    struct vm_area *n = kzalloc(sizeof *n);
    if (!n)
        return -ENOMEM;
    irq_flags_t f = spin_lock_irqsave(&as->lock);
    uint64_t start;
    if (fixed) {
        start = addr;
        if (start + len > USER_TOP || start + len < start) {
            spin_unlock_irqrestore(&as->lock, f);
            kfree(n);
            return -ENOMEM;
        }
        if (start < USER_MIN_ADDR) {
            spin_unlock_irqrestore(&as->lock, f);
            kfree(n);
            return -EPERM; /* as Linux below mmap_min_addr */
        }
        if (!range_free(as, start, start + len)) {
            if (noreplace) {
                spin_unlock_irqrestore(&as->lock, f);
                kfree(n);
                return -EEXIST;
            }
            if (remove_range(as, start, start + len)) {
                spin_unlock_irqrestore(&as->lock, f);
                kfree(n);
                return -ENOMEM;
            }
        }
    } else {
        addr = ALIGN_DOWN(addr, PAGE_SIZE);
        if (addr >= USER_MIN_ADDR && addr + len <= USER_MMAP_TOP && addr + len > addr &&
            range_free(as, addr, addr + len))
            start = addr;
        else
            start = find_gap(as, len, USER_MMAP_TOP);
        if (!start) {
            spin_unlock_irqrestore(&as->lock, f);
            kfree(n);
            return -ENOMEM;
        }
    }
    n->start = start;
    n->end = start + len;
    n->prot = prot;
    n->flags = flags;
    insert_area(as, n);
    int r = 0;
    if (flags & VMA_SHARED)
        r = populate_locked(as, n->start, n->end);
    if (r)
        remove_range(as, n->start, n->end);
    spin_unlock_irqrestore(&as->lock, f);
    return r ? r : (int64_t)start;
}

int as_unmap(struct address_space *as, uint64_t addr, uint64_t len)
{
    if ((addr & (PAGE_SIZE - 1)) || !len || addr >= USER_TOP)
        return -EINVAL;
    uint64_t end = ALIGN_UP(addr + len, PAGE_SIZE);
    if (end > USER_TOP || end < addr)
        return -EINVAL;
    irq_flags_t f = spin_lock_irqsave(&as->lock);
    int r = remove_range(as, addr, end);
    spin_unlock_irqrestore(&as->lock, f);
    return r;
}

int as_protect(struct address_space *as, uint64_t addr, uint64_t len, unsigned prot)
{
    if (addr & (PAGE_SIZE - 1))
        return -EINVAL;
    if ((prot & UPROT_WRITE) && (prot & UPROT_EXEC))
        return -EACCES;
    uint64_t end = ALIGN_UP(addr + len, PAGE_SIZE);
    if (end < addr || end > USER_TOP)
        return -ENOMEM;
    irq_flags_t f = spin_lock_irqsave(&as->lock);
    for (uint64_t va = addr; va < end;) {
        struct vm_area *a = as_find(as, va);
        if (!a) {
            spin_unlock_irqrestore(&as->lock, f);
            return -ENOMEM;
        }
        va = a->end;
    }
    if (split_at(as, addr) || split_at(as, end)) {
        spin_unlock_irqrestore(&as->lock, f);
        return -ENOMEM;
    }
    for (struct vm_area *a = as->areas; a && a->start < end; a = a->next) {
        if (a->start < addr)
            continue;
        a->prot = prot;
        for (uint64_t va = a->start; va < a->end; va += PAGE_SIZE) {
            unsigned old;
            bool cow;
            if (!uvm_lookup(&as->tables, va, &old, &cow))
                continue;
            uvm_set_prot(&as->tables, va, prot, cow);
        }
    }
    spin_unlock_irqrestore(&as->lock, f);
    return 0;
}

int as_discard(struct address_space *as, uint64_t addr, uint64_t len)
{
    if (addr & (PAGE_SIZE - 1))
        return -EINVAL;
    uint64_t end = ALIGN_UP(addr + len, PAGE_SIZE);
    struct refill {
        struct file *file;
        uint64_t va, off, len;
    } refill[8];
    unsigned nrefill = 0;
    irq_flags_t f = spin_lock_irqsave(&as->lock);
    for (struct vm_area *a = as->areas; a && a->start < end; a = a->next) {
        if (a->end <= addr || (a->flags & VMA_SHARED))
            continue;
        uint64_t s = MAX(a->start, addr), e = MIN(a->end, end);
        drop_pages(as, s, e);
        /* a private file mapping reads the file again, as Linux */
        if (a->file && nrefill < ARRAY_SIZE(refill) && s - a->start < a->file_bytes) {
            file_get(a->file);
            refill[nrefill++] = (struct refill){a->file, s, a->file_off + (s - a->start),
                                                MIN(e - s, a->file_bytes - (s - a->start))};
        }
    }
    spin_unlock_irqrestore(&as->lock, f);
    int r = 0;
    void *buf = nrefill ? page_alloc(0) : NULL;
    for (unsigned i = 0; i < nrefill; i++) {
        for (uint64_t done = 0; buf && !r && done < refill[i].len; done += PAGE_SIZE) {
            size_t n = (size_t)MIN(refill[i].len - done, (uint64_t)PAGE_SIZE);
            int64_t got =
                refill[i].file->ops->pread_kernel(refill[i].file, buf, n, refill[i].off + done);
            if (got <= 0)
                break;
            r = as_write_kernel(as, refill[i].va + done, buf, (size_t)got);
        }
        file_put(refill[i].file);
    }
    if (buf)
        page_free(buf, 0);
    return r;
}

uint64_t as_set_brk(struct address_space *as, uint64_t new_brk)
{
    irq_flags_t f = spin_lock_irqsave(&as->lock);
    uint64_t old = as->brk;
    if (new_brk < as->brk_start || new_brk > as->brk_start + (1UL << 36)) {
        spin_unlock_irqrestore(&as->lock, f);
        return old;
    }
    uint64_t old_end = ALIGN_UP(old, PAGE_SIZE), new_end = ALIGN_UP(new_brk, PAGE_SIZE);
    if (new_end > old_end) {
        if (!range_free(as, old_end, new_end)) {
            spin_unlock_irqrestore(&as->lock, f);
            return old;
        }
        struct vm_area *heap = as_find(as, old_end - 1);
        if (heap && (heap->flags & VMA_HEAP) && heap->end == old_end) {
            heap->end = new_end;
        } else {
            struct vm_area *n = kzalloc(sizeof *n);
            if (!n) {
                spin_unlock_irqrestore(&as->lock, f);
                return old;
            }
            n->start = old_end;
            n->end = new_end;
            n->prot = UPROT_READ | UPROT_WRITE;
            n->flags = VMA_HEAP;
            insert_area(as, n);
        }
    } else if (new_end < old_end) {
        remove_range(as, new_end, old_end);
    }
    as->brk = new_brk;
    spin_unlock_irqrestore(&as->lock, f);
    return new_brk;
}

/* fault_locked: see as_fault. */
static int fault_locked(struct address_space *as, uint64_t va, bool write, bool exec)
{
    struct vm_area *a = as_find(as, va);
    if (!a || (a->flags & VMA_GUARD))
        return -EFAULT;
    if ((write && !(a->prot & UPROT_WRITE)) || (exec && !(a->prot & UPROT_EXEC)) ||
        !(a->prot & (UPROT_READ | UPROT_WRITE | UPROT_EXEC)))
        return -EFAULT;
    uint64_t page = ALIGN_DOWN(va, PAGE_SIZE);
    unsigned prot;
    bool cow;
    uint64_t pa = uvm_lookup(&as->tables, page, &prot, &cow);
    if (!pa && a->file && page - a->start >= ALIGN_UP(a->file_bytes, PAGE_SIZE))
        return AS_FAULT_BUS; /* wholly past the end of the file */
    if (!pa) {
        uint64_t fresh = page_get_new();
        if (!fresh)
            return -ENOMEM;
        int r = uvm_map_page(&as->tables, page, fresh, a->prot, false, NULL);
        if (r) {
            page_put(fresh);
            return r;
        }
        as->rss_pages++;
        if (as->rss_pages > as->rss_peak)
            as->rss_peak = as->rss_pages;
        return 0;
    }
    if (write && cow) {
        if (page_refcount(pa) == 1) {
            /* The last sharer: take the page over. */
            return uvm_set_prot(&as->tables, page, a->prot, false);
        }
        uint64_t copy = page_get_new();
        if (!copy)
            return -ENOMEM;
        memcpy(phys_to_virt(copy), phys_to_virt(pa), PAGE_SIZE);
        uint64_t old;
        int r = uvm_map_page(&as->tables, page, copy, a->prot, false, &old);
        if (r) {
            page_put(copy);
            return r;
        }
        page_put(old);
        return 0;
    }
    /* Mapped and allowed: a stale TLB entry or a spurious fault. */
    return 0;
}

int as_fault(struct address_space *as, uint64_t va, bool write, bool exec)
{
    if (va >= USER_TOP)
        return -EFAULT;
    irq_flags_t f = spin_lock_irqsave(&as->lock);
    int r = fault_locked(as, va, write, exec);
    spin_unlock_irqrestore(&as->lock, f);
    return r;
}

static int populate_locked(struct address_space *as, uint64_t start, uint64_t end)
{
    for (uint64_t va = ALIGN_DOWN(start, PAGE_SIZE); va < end; va += PAGE_SIZE) {
        struct vm_area *a = as_find(as, va);
        if (!a)
            return -EFAULT;
        bool w = (a->prot & UPROT_WRITE) != 0;
        int r = fault_locked(as, va, w, false);
        if (r)
            return r;
    }
    return 0;
}

int as_populate(struct address_space *as, uint64_t addr, uint64_t len, bool write)
{
    (void)write;
    irq_flags_t f = spin_lock_irqsave(&as->lock);
    int r = populate_locked(as, addr, addr + len);
    spin_unlock_irqrestore(&as->lock, f);
    return r;
}

struct fork_ctx {
    struct address_space *child;
    struct address_space *parent;
    int err;
};

static void fork_page(uint64_t va, uint64_t pa, unsigned prot, bool cow, void *ctx)
{
    struct fork_ctx *fc = ctx;
    if (fc->err)
        return;
    struct vm_area *a = as_find(fc->parent, va);
    bool shared = a && (a->flags & VMA_SHARED);
    unsigned vprot = a ? a->prot : prot;
    bool make_cow = !shared && (vprot & UPROT_WRITE);
    if (uvm_map_page(&fc->child->tables, va, pa, vprot, make_cow || cow, NULL)) {
        fc->err = -ENOMEM;
        return;
    }
    page_ref(pa);
    fc->child->rss_pages++;
    if (make_cow && !cow)
        uvm_set_prot(&fc->parent->tables, va, vprot, true);
}

struct address_space *as_fork(struct address_space *src)
{
    struct address_space *as = as_create();
    if (!as)
        return NULL;
    irq_flags_t f = spin_lock_irqsave(&src->lock);
    struct vm_area **tail = &as->areas;
    for (struct vm_area *a = src->areas; a; a = a->next) {
        struct vm_area *n = kmalloc(sizeof *n);
        if (!n) {
            spin_unlock_irqrestore(&src->lock, f);
            as_put(as);
            return NULL;
        }
        *n = *a;
        n->next = NULL;
        if (n->file)
            file_get(n->file);
        *tail = n;
        tail = &n->next;
    }
    as->brk_start = src->brk_start;
    as->brk = src->brk;
    struct fork_ctx fc = {as, src, 0};
    uvm_for_each_page(&src->tables, 0, USER_TOP, fork_page, &fc);
    spin_unlock_irqrestore(&src->lock, f);
    if (fc.err) {
        as_put(as);
        return NULL;
    }
    return as;
}

uint64_t as_total_bytes(struct address_space *as)
{
    uint64_t n = 0;
    irq_flags_t f = spin_lock_irqsave(&as->lock);
    for (struct vm_area *a = as->areas; a; a = a->next)
        n += a->end - a->start;
    spin_unlock_irqrestore(&as->lock, f);
    return n;
}

int as_write_kernel(struct address_space *as, uint64_t va, const void *src, size_t len)
{
    const uint8_t *from = src;
    irq_flags_t f = spin_lock_irqsave(&as->lock);
    while (len) {
        struct vm_area *a = as_find(as, va);
        if (!a) {
            spin_unlock_irqrestore(&as->lock, f);
            return -EFAULT;
        }
        uint64_t page = ALIGN_DOWN(va, PAGE_SIZE);
        size_t chunk = MIN(len, (size_t)(page + PAGE_SIZE - va));
        uint64_t pa = uvm_lookup(&as->tables, page, NULL, NULL);
        if (!pa) {
            pa = page_get_new();
            if (!pa || uvm_map_page(&as->tables, page, pa, a->prot, false, NULL)) {
                if (pa)
                    page_put(pa);
                spin_unlock_irqrestore(&as->lock, f);
                return -ENOMEM;
            }
            as->rss_pages++;
        }
        uint8_t *dst = (uint8_t *)phys_to_virt(pa) + (va - page);
        memcpy(dst, from, chunk);
        if (a->prot & UPROT_EXEC)
            sync_icache(dst, chunk);
        va += chunk;
        from += chunk;
        len -= chunk;
    }
    spin_unlock_irqrestore(&as->lock, f);
    return 0;
}

bool as_covers(struct address_space *as, uint64_t va)
{
    irq_flags_t f = spin_lock_irqsave(&as->lock);
    struct vm_area *a = as_find(as, va);
    bool r = a && !(a->flags & VMA_GUARD);
    spin_unlock_irqrestore(&as->lock, f);
    return r;
}

int64_t as_remap(struct address_space *as, uint64_t old, uint64_t old_len, uint64_t new_len,
                 bool maymove)
{
    if ((old & (PAGE_SIZE - 1)) || !new_len)
        return -EINVAL;
    old_len = ALIGN_UP(old_len, PAGE_SIZE);
    new_len = ALIGN_UP(new_len, PAGE_SIZE);
    irq_flags_t f = spin_lock_irqsave(&as->lock);
    struct vm_area *a = as_find(as, old);
    if (!a || old + old_len > a->end || (a->flags & (VMA_GUARD | VMA_STACK))) {
        spin_unlock_irqrestore(&as->lock, f);
        return -EFAULT;
    }
    if (new_len <= old_len) {
        int r = new_len < old_len ? remove_range(as, old + new_len, old + old_len) : 0;
        spin_unlock_irqrestore(&as->lock, f);
        return r ? r : (int64_t)old;
    }
    if (old + old_len == a->end && old + new_len <= USER_MMAP_TOP &&
        range_free(as, a->end, old + new_len)) {
        a->end = old + new_len; /* grow in place */
        spin_unlock_irqrestore(&as->lock, f);
        return (int64_t)old;
    }
    if (!maymove) {
        spin_unlock_irqrestore(&as->lock, f);
        return -ENOMEM;
    }
    uint64_t dest = find_gap(as, new_len, USER_MMAP_TOP);
    struct vm_area *n = dest ? kzalloc(sizeof *n) : NULL;
    if (!n) {
        spin_unlock_irqrestore(&as->lock, f);
        return -ENOMEM;
    }
    n->start = dest;
    n->end = dest + new_len;
    n->prot = a->prot;
    n->flags = a->flags & VMA_SHARED;
    insert_area(as, n);
    for (uint64_t off = 0; off < old_len; off += PAGE_SIZE) {
        unsigned prot;
        bool cow;
        uint64_t pa = uvm_lookup(&as->tables, old + off, &prot, &cow);
        if (!pa)
            continue;
        uvm_unmap_page(&as->tables, old + off);
        if (uvm_map_page(&as->tables, dest + off, pa, n->prot, cow, NULL)) {
            page_put(pa);
            as->rss_pages--;
        }
    }
    remove_range(as, old, old + old_len);
    spin_unlock_irqrestore(&as->lock, f);
    return (int64_t)dest;
}

void as_set_file(struct address_space *as, uint64_t va, struct file *f, uint64_t off,
                 uint64_t bytes)
{
    irq_flags_t fl = spin_lock_irqsave(&as->lock);
    struct vm_area *a = as_find(as, va);
    if (a && a->start == va && !a->file) {
        file_get(f);
        a->file = f;
        a->file_off = off;
        a->file_bytes = bytes;
    }
    spin_unlock_irqrestore(&as->lock, fl);
}
