/*
 * keel/page_alloc.h — the physical page allocator: a binary buddy allocator
 * over one span of physical memory (pure code, unit-tested on the host).
 *
 * The span [base, base + npages * 4 KiB) covers all RAM; holes and reserved
 * memory are simply never added.  Per page the allocator keeps one byte of
 * state and two 32-bit free-list links in a caller-provided array
 * (pa_state_bytes), so free memory itself is never touched.  Physical
 * address 0 is never handed out (0 means "no memory"), so page 0 of the span
 * is never added when the span starts at 0.
 *
 * Locking: none here; the kernel wrapper (mm/pmm.c) holds pmm_lock around
 * every call.
 */
#ifndef KEEL_PAGE_ALLOC_H
#define KEEL_PAGE_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#define PA_PAGE_SIZE 4096UL
#define PA_MAX_ORDER 10 /* largest block: 2^10 pages = 4 MiB */

struct page_allocator {
    uint64_t base;   /* physical address of the span's first page */
    uint64_t npages; /* pages in the span */
    uint8_t *state;  /* npages bytes, see page_alloc.c */
    uint32_t *next;  /* free-list links by page index; PA_NO_PAGE ends */
    uint32_t *prev;
    uint32_t free_head[PA_MAX_ORDER + 1];
    uint64_t free_blocks[PA_MAX_ORDER + 1];
    uint64_t free_pages;  /* pages currently free */
    uint64_t total_pages; /* pages ever added */
};

#define PA_NO_PAGE 0xffffffffU
#define PA_MAX_PAGES 0xfffffff0ULL

/* pa_state_bytes: size of the metadata array for a span of npages. */
static inline size_t pa_state_bytes(uint64_t npages)
{
    return (size_t)npages * (1 + 2 * sizeof(uint32_t)) + 8;
}

/*
 * pa_init: an empty allocator over [base, base + npages pages); `meta` must
 * hold pa_state_bytes(npages) bytes, 4-byte aligned.  base must be
 * page-aligned and npages <= PA_MAX_PAGES.
 */
void pa_init(struct page_allocator *pa, uint64_t base, uint64_t npages, void *meta);

/*
 * pa_add_range: give the whole pages inside [start, start + size) to the
 * allocator (clipped to the span; physical page 0 excluded).  Pages already
 * added are skipped.  Returns the number of pages added.
 */
uint64_t pa_add_range(struct page_allocator *pa, uint64_t start, uint64_t size);

/* pa_alloc: 2^order contiguous pages, naturally aligned; returns the
 * physical address or 0 when no block is free. */
uint64_t pa_alloc(struct page_allocator *pa, unsigned order);

/*
 * pa_free: return a block obtained from pa_alloc with the same order.
 * Returns 0, or -1 if `addr` is not an allocated block of that order (a
 * double free or a bad address; nothing is changed).
 */
int pa_free(struct page_allocator *pa, uint64_t addr, unsigned order);

/* pa_is_allocated: true if the page holding `addr` is in the span and
 * currently allocated. */
int pa_is_allocated(const struct page_allocator *pa, uint64_t addr);

#endif
