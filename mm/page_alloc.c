/*
 * mm/page_alloc.c — the binary buddy allocator; see keel/page_alloc.h.
 *
 * state[i] for page i of the span:
 *   ST_ABSENT       never added (hole, reserved, or not RAM)
 *   ST_FREE | k     page i heads a free block of order k
 *   ST_USED | k     page i heads an allocated block of order k
 *   ST_TAIL         inside a block headed by an earlier page
 */
#include <keel/page_alloc.h>

#define ST_ABSENT 0x00
#define ST_TAIL 0x01
#define ST_FREE 0x40
#define ST_USED 0x80
#define ST_ORDER_MASK 0x0f

static inline uint64_t page_index(const struct page_allocator *pa, uint64_t addr)
{
    return (addr - pa->base) / PA_PAGE_SIZE;
}

static inline uint64_t page_addr(const struct page_allocator *pa, uint64_t idx)
{
    return pa->base + idx * PA_PAGE_SIZE;
}

static void list_push(struct page_allocator *pa, uint64_t addr, unsigned order)
{
    uint32_t idx = (uint32_t)page_index(pa, addr);
    uint32_t head = pa->free_head[order];
    pa->prev[idx] = PA_NO_PAGE;
    pa->next[idx] = head;
    if (head != PA_NO_PAGE)
        pa->prev[head] = idx;
    pa->free_head[order] = idx;
    pa->free_blocks[order]++;
    pa->state[idx] = (uint8_t)(ST_FREE | order);
}

static void list_remove(struct page_allocator *pa, uint64_t addr, unsigned order)
{
    uint32_t idx = (uint32_t)page_index(pa, addr);
    uint32_t n = pa->next[idx], p = pa->prev[idx];
    if (p != PA_NO_PAGE)
        pa->next[p] = n;
    else
        pa->free_head[order] = n;
    if (n != PA_NO_PAGE)
        pa->prev[n] = p;
    pa->free_blocks[order]--;
}

void pa_init(struct page_allocator *pa, uint64_t base, uint64_t npages, void *meta)
{
    pa->base = base;
    pa->npages = npages;
    pa->next = meta;
    pa->prev = pa->next + npages;
    pa->state = (uint8_t *)(pa->prev + npages);
    for (unsigned o = 0; o <= PA_MAX_ORDER; o++) {
        pa->free_head[o] = PA_NO_PAGE;
        pa->free_blocks[o] = 0;
    }
    pa->free_pages = 0;
    pa->total_pages = 0;
    for (uint64_t i = 0; i < npages; i++)
        pa->state[i] = ST_ABSENT;
}

/* free_block: put the allocated-or-new block at idx (order) on the free
 * lists, merging with free buddies. */
static void free_block(struct page_allocator *pa, uint64_t idx, unsigned order)
{
    pa->free_pages += 1UL << order;
    /* Buddies are computed relative to physical alignment, not the span. */
    uint64_t pfn = pa->base / PA_PAGE_SIZE + idx;
    while (order < PA_MAX_ORDER) {
        uint64_t buddy_pfn = pfn ^ (1UL << order);
        uint64_t base_pfn = pa->base / PA_PAGE_SIZE;
        if (buddy_pfn < base_pfn || buddy_pfn - base_pfn >= pa->npages)
            break;
        uint64_t bidx = buddy_pfn - base_pfn;
        if (pa->state[bidx] != (uint8_t)(ST_FREE | order))
            break;
        list_remove(pa, page_addr(pa, bidx), order);
        pa->state[bidx] = ST_TAIL;
        if (buddy_pfn < pfn) {
            pa->state[pfn - base_pfn] = ST_TAIL;
            pfn = buddy_pfn;
        }
        order++;
    }
    list_push(pa, page_addr(pa, pfn - pa->base / PA_PAGE_SIZE), order);
}

uint64_t pa_add_range(struct page_allocator *pa, uint64_t start, uint64_t size)
{
    uint64_t end = start + size;
    if (end < start)
        end = UINT64_MAX;
    uint64_t span_end = pa->base + pa->npages * PA_PAGE_SIZE;
    start = (start + PA_PAGE_SIZE - 1) & ~(PA_PAGE_SIZE - 1);
    end &= ~(PA_PAGE_SIZE - 1);
    if (start < pa->base)
        start = pa->base;
    if (start == 0)
        start = PA_PAGE_SIZE;
    if (end > span_end)
        end = span_end;
    uint64_t added = 0;
    for (uint64_t a = start; a < end;) {
        uint64_t idx = page_index(pa, a);
        if (pa->state[idx] != ST_ABSENT) {
            a += PA_PAGE_SIZE;
            continue;
        }
        /* Largest naturally aligned run of absent pages that fits. */
        unsigned order = 0;
        while (order < PA_MAX_ORDER) {
            uint64_t next = order + 1;
            uint64_t len = PA_PAGE_SIZE << next;
            if ((a & (len - 1)) || a + len > end)
                break;
            uint64_t i;
            for (i = idx + (1UL << order); i < idx + (1UL << next); i++)
                if (pa->state[i] != ST_ABSENT)
                    break;
            if (i != idx + (1UL << next))
                break;
            order = (unsigned)next;
        }
        for (uint64_t i = 1; i < (1UL << order); i++)
            pa->state[idx + i] = ST_TAIL;
        pa->total_pages += 1UL << order;
        added += 1UL << order;
        free_block(pa, idx, order);
        a += PA_PAGE_SIZE << order;
    }
    return added;
}

uint64_t pa_alloc(struct page_allocator *pa, unsigned order)
{
    if (order > PA_MAX_ORDER)
        return 0;
    unsigned o = order;
    while (o <= PA_MAX_ORDER && pa->free_head[o] == PA_NO_PAGE)
        o++;
    if (o > PA_MAX_ORDER)
        return 0;
    uint64_t addr = page_addr(pa, pa->free_head[o]);
    list_remove(pa, addr, o);
    while (o > order) {
        o--;
        uint64_t half = addr + (PA_PAGE_SIZE << o);
        list_push(pa, half, o);
    }
    pa->state[page_index(pa, addr)] = (uint8_t)(ST_USED | order);
    pa->free_pages -= 1UL << order;
    return addr;
}

int pa_free(struct page_allocator *pa, uint64_t addr, unsigned order)
{
    if (order > PA_MAX_ORDER || addr < pa->base || (addr & (PA_PAGE_SIZE - 1)))
        return -1;
    uint64_t idx = page_index(pa, addr);
    if (idx >= pa->npages || pa->state[idx] != (uint8_t)(ST_USED | order))
        return -1;
    free_block(pa, idx, order);
    return 0;
}

int pa_is_allocated(const struct page_allocator *pa, uint64_t addr)
{
    if (addr < pa->base)
        return 0;
    uint64_t idx = page_index(pa, addr);
    if (idx >= pa->npages)
        return 0;
    /* Find the head of the block holding idx. */
    while (idx > 0 && pa->state[idx] == ST_TAIL)
        idx--;
    return (pa->state[idx] & ST_USED) != 0;
}
