/*
 * arch/pte.h — encoding and decoding user page descriptors (pure code,
 * unit-tested on the host).  A user page is always nG (per-ASID), PXN (the
 * kernel never executes it), accessed, inner-shareable normal memory, and
 * never writable and executable at once.
 */
#ifndef ARCH_PTE_H
#define ARCH_PTE_H

#include <stdbool.h>
#include <stdint.h>

#define PTE_SW_COW (1ULL << 55) /* software bit: shared copy-on-write */

/* pte_user: the L3 descriptor mapping `pa` with UPROT_* `prot`; a cow page
 * is read-only whatever prot says.  prot 0 (PROT_NONE) keeps the page but
 * makes it inaccessible to EL0. */
uint64_t pte_user(uint64_t pa, unsigned prot, bool cow);

/* pte_user_prot: the UPROT_* bits EL0 gets from `pte` (writable only if not
 * copy-on-write); *cow (may be NULL) receives the copy-on-write mark. */
unsigned pte_user_prot(uint64_t pte, bool *cow);

#endif
