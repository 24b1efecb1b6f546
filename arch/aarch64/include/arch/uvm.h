/*
 * arch/uvm.h — user (TTBR0) translation tables, one set per address space,
 * tagged with an ASID so switching needs no TLB flush.
 *
 * User mappings are always nG, PXN (the kernel never executes user pages),
 * and either writable or executable, never both (W^X).  A page mapped
 * read-only because it is shared copy-on-write carries UPTE_COW.
 * The caller (mm/vm.c) serialises all calls on one address space.
 */
#ifndef ARCH_UVM_H
#define ARCH_UVM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define USER_TOP 0x0001000000000000UL /* 48-bit user space */

/* Page protections as the generic code asks for them. */
#define UPROT_READ 1
#define UPROT_WRITE 2
#define UPROT_EXEC 4

struct uvm_tables {
    uint64_t l0_pa; /* root table, physical */
    uint16_t asid;
};

/* uvm_create: empty tables and a fresh ASID.  0 or -ENOMEM/-EAGAIN. */
int uvm_create(struct uvm_tables *t);

/* uvm_destroy: free every table page (not the mapped pages) and the ASID. */
void uvm_destroy(struct uvm_tables *t);

/* uvm_activate: make `t` the current user address space (NULL: none). */
void uvm_activate(const struct uvm_tables *t);

/*
 * uvm_map_page: map the page at `va` to physical `pa` with `prot`
 * (UPROT_*; WRITE and EXEC together are refused with -EINVAL), replacing
 * any previous mapping (the caller owns the old page: *old_pa receives it,
 * or 0).  cow marks the page copy-on-write (mapped read-only).
 * Returns 0 or -ENOMEM.
 */
int uvm_map_page(struct uvm_tables *t, uint64_t va, uint64_t pa, unsigned prot, bool cow,
                 uint64_t *old_pa);

/* uvm_lookup: the physical page mapped at va (0 if none); *prot and *cow
 * describe it. */
uint64_t uvm_lookup(const struct uvm_tables *t, uint64_t va, unsigned *prot, bool *cow);

/* uvm_unmap_page: remove the mapping at va; returns the page's physical
 * address (0 if none was mapped).  Flushes the TLB entry. */
uint64_t uvm_unmap_page(struct uvm_tables *t, uint64_t va);

/* uvm_set_prot: change protection of the mapped page at va; 0 or -ENOENT. */
int uvm_set_prot(struct uvm_tables *t, uint64_t va, unsigned prot, bool cow);

/*
 * uvm_for_each_page: call fn(va, pa, prot, cow, ctx) for every mapped page
 * in [start, end), in address order.
 */
void uvm_for_each_page(const struct uvm_tables *t, uint64_t start, uint64_t end,
                       void (*fn)(uint64_t va, uint64_t pa, unsigned prot, bool cow, void *ctx),
                       void *ctx);

/* uvm_table_pages: table pages in use (accounting). */
size_t uvm_table_pages(const struct uvm_tables *t);

#endif
