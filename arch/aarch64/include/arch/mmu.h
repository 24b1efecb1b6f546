/*
 * arch/mmu.h — the kernel's translation tables.
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <stddef.h>
#include <stdint.h>

struct platform;

/* Mapping kinds for kernel mappings. */
enum kmap_kind {
    KMAP_TEXT,   /* read-only, executable */
    KMAP_RODATA, /* read-only, never executable */
    KMAP_DATA,   /* read-write, never executable */
    KMAP_DEVICE, /* device nGnRE, read-write, never executable */
};

/*
 * mmu_init: build the final kernel tables (image mapped W^X at KIMAGE_VA,
 * every RAM range of `p` in the linear map, nothing in TTBR0) and switch to
 * them.  Table pages come from a static pool until the page allocator runs.
 */
void mmu_init(const struct platform *p);

/* ioremap: map device registers [pa, pa + size) and return their address,
 * or NULL when out of space.  Mappings are never removed. */
void *ioremap(uint64_t pa, size_t size);

/*
 * kmap_range: map [va, va + size) to [pa, pa + size) in the kernel tables
 * (page-aligned arguments).  Returns 0 or -ENOMEM/-EINVAL/-EEXIST.
 */
int kmap_range(uint64_t va, uint64_t pa, size_t size, enum kmap_kind kind);

/* kunmap_range: remove kernel mappings in [va, va + size); tables stay. */
void kunmap_range(uint64_t va, size_t size);

/* kernel_translate: the physical address `va` maps to in the kernel tables,
 * or (uint64_t)-1 if unmapped. */
uint64_t kernel_translate(uint64_t va);

/* mmu_table_pages: translation-table pages in use by the kernel tables. */
size_t mmu_table_pages(void);

#endif
