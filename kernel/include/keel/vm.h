/*
 * keel/vm.h — user address spaces: a sorted list of areas (VMAs) over the
 * arch's user tables.  Memory is demand-paged: an area's pages appear on
 * first touch (zero-filled), fork shares private pages copy-on-write, and
 * MAP_SHARED anonymous areas are populated when mapped so that every
 * sharer sees the same pages.
 *
 * as->lock guards areas, brk, the tables and rss_pages.  It is a spinlock:
 * nothing here sleeps.
 */
#ifndef KEEL_VM_H
#define KEEL_VM_H

#include <arch/uvm.h>
#include <keel/spinlock.h>
#include <stdbool.h>
#include <stdint.h>

#define VMA_SHARED 0x1 /* MAP_SHARED: writes are seen by every sharer */
#define VMA_STACK 0x2  /* the initial stack (grows down to its limit) */
#define VMA_HEAP 0x4   /* the brk area */
#define VMA_GUARD 0x8  /* never accessible: the page under a stack */

#define USER_STACK_TOP 0x0000fffffffff000UL
#define USER_STACK_SIZE (8UL << 20)
#define USER_MMAP_TOP (USER_STACK_TOP - USER_STACK_SIZE - (1UL << 30))
#define USER_MIN_ADDR 0x10000UL /* nothing is ever mapped below: NULL faults */

struct file;

struct vm_area {
    uint64_t start, end; /* page-aligned, [start, end) */
    unsigned prot;       /* UPROT_* */
    unsigned flags;      /* VMA_* */
    struct vm_area *next;
    /* Private file mappings: the file (one reference), the file offset of
     * `start`, and how many bytes of the file the area covers: pages
     * wholly past them fault with SIGBUS. */
    struct file *file;
    uint64_t file_off;
    uint64_t file_bytes;
};

#define AS_FAULT_BUS 1 /* as_fault: a file mapping past the end of its file */

struct address_space {
    struct uvm_tables tables;
    struct vm_area *areas;
    uint64_t brk_start, brk; /* heap: [brk_start, brk) */
    uint64_t rss_pages;      /* pages mapped */
    uint64_t rss_peak;       /* most pages ever mapped (ru_maxrss) */
    int refs;                /* processes using it (vfork) */
    spinlock_t lock;
};

/* as_create: an empty address space (one reference).  NULL on failure. */
struct address_space *as_create(void);

/* as_get / as_put: share (vfork) and release; the last put frees all. */
void as_get(struct address_space *as);
void as_put(struct address_space *as);

/* as_fork: a copy of `src` for a child: private pages become shared
 * copy-on-write, shared areas stay shared.  NULL when out of memory. */
struct address_space *as_fork(struct address_space *src);

/* as_activate: switch the CPU's user tables to `as` (NULL: none). */
void as_activate(struct address_space *as);

/*
 * as_map: create an area of `len` bytes (rounded up to pages) with `prot`
 * and `flags`.  With `fixed`, exactly at `addr` (replacing what is there,
 * unless `noreplace`, which fails with -EEXIST); otherwise at `addr` if it
 * is free, else the highest free range below USER_MMAP_TOP.  Returns the
 * address, or -ENOMEM / -EINVAL / -EEXIST / -EACCES (write+exec).
 */
int64_t as_map(struct address_space *as, uint64_t addr, uint64_t len, unsigned prot, unsigned flags,
               bool fixed, bool noreplace);

/* as_unmap: remove [addr, addr+len) (areas split as needed).  0 or -EINVAL. */
int as_unmap(struct address_space *as, uint64_t addr, uint64_t len);

/* as_protect: change the protection of [addr, addr+len), which must be
 * mapped throughout (-ENOMEM otherwise); -EACCES for write+exec. */
int as_protect(struct address_space *as, uint64_t addr, uint64_t len, unsigned prot);

/* as_discard: MADV_DONTNEED: drop the pages of [addr, addr+len) of private
 * areas; they read as zero afterwards.  0 or -EINVAL. */
int as_discard(struct address_space *as, uint64_t addr, uint64_t len);

/* as_set_brk: move the break; returns the resulting break (unchanged on
 * failure, as Linux's brk does). */
uint64_t as_set_brk(struct address_space *as, uint64_t new_brk);

/*
 * as_fault: resolve a fault at `va` (write: a store; exec: an instruction
 * fetch).  Returns 0 when the access may be retried, -EFAULT when it is not
 * allowed (the caller signals SIGSEGV), -ENOMEM when memory ran out.
 */
int as_fault(struct address_space *as, uint64_t va, bool write, bool exec);

/* as_populate: fault in [addr, addr+len) for writing (exec loading). */
int as_populate(struct address_space *as, uint64_t addr, uint64_t len, bool write);

/* as_write_kernel: store kernel bytes into `as` at va (pages are created
 * as needed; area protections do not apply: this is how exec fills text).
 * Returns 0 or -EFAULT (no area) / -ENOMEM.  Calls sync_icache for
 * executable areas. */
int as_write_kernel(struct address_space *as, uint64_t va, const void *src, size_t len);

/*
 * as_remap: mremap.  Shrink in place, grow in place when the space after
 * is free, else (maymove) move the pages to a new area.  Returns the new
 * address or -EFAULT (old range not one area) / -ENOMEM / -EINVAL.
 */
int64_t as_remap(struct address_space *as, uint64_t old, uint64_t old_len, uint64_t new_len,
                 bool maymove);

/* as_set_file: make the area at va a private mapping of f (takes a
 * reference) at file offset off, covering `bytes` bytes of the file. */
void as_set_file(struct address_space *as, uint64_t va, struct file *f, uint64_t off,
                 uint64_t bytes);

/* vm_run_deferred: drop the file references areas released (needs no lock;
 * called on the way back to user mode). */
void vm_run_deferred(void);

/* as_covers: some area (with any protection) contains va. */
bool as_covers(struct address_space *as, uint64_t va);

/* as_find: the area containing va, or NULL (caller holds as->lock). */
struct vm_area *as_find(struct address_space *as, uint64_t va);

/* as_total_bytes: bytes covered by areas (VmSize). */
uint64_t as_total_bytes(struct address_space *as);

#endif
