/*
 * keel/mm.h — physical pages and the kernel heap for the rest of the kernel.
 *
 * Pages are handed out from the buddy allocator (keel/page_alloc.h) under
 * pmm_lock; the kernel reaches them through the linear map.  Nothing hands
 * out the kernel image, the device tree, the initrd, Keel's EFI boot info or
 * any range the firmware reserved.
 */
#ifndef KEEL_MM_H
#define KEEL_MM_H

#include <keel/platform.h>
#include <stddef.h>
#include <stdint.h>

struct mem_stats {
    uint64_t total_pages; /* pages given to the allocator at boot */
    uint64_t free_pages;  /* pages free now */
    uint64_t heap_bytes;  /* bytes currently allocated through kmalloc */
    uint64_t heap_pages;  /* pages held by the kernel heap */
};

/* pmm_init: hand every free RAM page of `p` to the page allocator. */
void pmm_init(const struct platform *p);

/* page_alloc_phys: 2^order contiguous zeroed pages; physical address or 0. */
uint64_t page_alloc_phys(unsigned order);
/* page_free_phys: give back a block from page_alloc_phys (same order). */
void page_free_phys(uint64_t pa, unsigned order);

/* page_alloc / page_free: the same through linear-map addresses. */
void *page_alloc(unsigned order);
void page_free(void *va, unsigned order);

/* kmalloc: `size` bytes, 16-byte aligned, or NULL.  kzalloc zeroes them.
 * kfree(NULL) is a no-op; freeing anything else not from kmalloc panics. */
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *p);

void mem_get_stats(struct mem_stats *s);

/*
 * Shared pages (user memory, copy-on-write): a reference count per page.
 * page_get_new: a zeroed page with one reference (physical address or 0).
 * page_ref: add a reference.  page_put: drop one; the page is freed with
 * the last.  page_refcount: the current count (0 for a page not shared
 * this way).
 */
uint64_t page_get_new(void);
void page_ref(uint64_t pa);
void page_put(uint64_t pa);
unsigned page_refcount(uint64_t pa);

/* pmm_page_counts: total and free pages (under pmm_lock). */
void pmm_page_counts(uint64_t *total, uint64_t *free_pages);

#endif
