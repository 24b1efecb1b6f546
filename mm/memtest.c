/*
 * mm/memtest.c — pattern tests over every free RAM page (boot flag
 * `memtest`, run by `make test-memory` before any process exists).
 *
 * memtest_run takes every free page from the buddy allocator, largest
 * blocks first, and runs on them, through the linear map:
 *   - walking ones and walking zeros: each of the 64 one-bit (and one-zero)
 *     patterns written to and read back from the first word of every block
 *     (stuck or shorted data lines);
 *   - address lines: in every block, a distinct value at each power-of-two
 *     offset, all written before any is read back (aliased address lines);
 *   - address-in-address: every word of every block holds its own physical
 *     address, then its complement; all written before any is checked
 *     (aliasing and retention across the whole of free RAM).
 * Then every block goes back and the free count must equal the count
 * before.  Prints one "memtest: TEST: ok" or "memtest: TEST: N errors"
 * line per test (the first few bad words too) and
 * "memtest: N passed, N failed".  Contract: called with no user process
 * running (nothing else allocates meanwhile); returns the number failed.
 */
#include <arch/memlayout.h>
#include <keel/compiler.h>
#include <keel/memtest.h>
#include <keel/mm.h>
#include <keel/page_alloc.h>
#include <keel/printk.h>

#define MEMTEST_MAX_BLOCKS 4096
#define MEMTEST_SHOW_ERRORS 8

struct memtest_block {
    uint64_t pa;
    unsigned order;
};

/* Guarded by the contract: one caller, nothing else running. */
static struct memtest_block blocks[MEMTEST_MAX_BLOCKS];
static unsigned nblocks;
static unsigned passed, failed;

static void bad_word(uint64_t pa, uint64_t want, uint64_t got, uint64_t *errors)
{
    if (*errors < MEMTEST_SHOW_ERRORS)
        pr_err("memtest: at 0x%lx: wrote 0x%lx, read 0x%lx", (unsigned long)pa, (unsigned long)want,
               (unsigned long)got);
    (*errors)++;
}

static void report(const char *test, uint64_t errors, uint64_t words)
{
    if (errors) {
        pr_err("memtest: %s: %lu errors in %lu words", test, (unsigned long)errors,
               (unsigned long)words);
        failed++;
    } else {
        if (words)
            pr_info("memtest: %s: ok (%lu words)", test, (unsigned long)words);
        else
            pr_info("memtest: %s: ok", test);
        passed++;
    }
}

static volatile uint64_t *word_at(uint64_t pa)
{
    return (volatile uint64_t *)phys_to_virt(pa);
}

static void walking_bits(void)
{
    uint64_t errors = 0, words = 0;
    for (unsigned b = 0; b < nblocks; b++) {
        volatile uint64_t *w = word_at(blocks[b].pa);
        for (unsigned bit = 0; bit < 64; bit++) {
            uint64_t one = 1UL << bit, zero = ~one;
            *w = one;
            if (*w != one)
                bad_word(blocks[b].pa, one, *w, &errors);
            *w = zero;
            if (*w != zero)
                bad_word(blocks[b].pa, zero, *w, &errors);
            words += 2;
        }
        *w = 0;
    }
    report("walking ones and zeros", errors, words);
}

static void address_lines(void)
{
    uint64_t errors = 0, words = 0;
    for (unsigned b = 0; b < nblocks; b++) {
        uint64_t size = PAGE_SIZE << blocks[b].order;
        /* offset 0 and every power of two from 8 up, each its own value */
        *word_at(blocks[b].pa) = 0x5555555555555555UL;
        for (uint64_t off = 8; off < size; off <<= 1)
            *word_at(blocks[b].pa + off) = 0xa5a5000000000000UL | off;
        if (*word_at(blocks[b].pa) != 0x5555555555555555UL)
            bad_word(blocks[b].pa, 0x5555555555555555UL, *word_at(blocks[b].pa), &errors);
        words++;
        for (uint64_t off = 8; off < size; off <<= 1) {
            uint64_t want = 0xa5a5000000000000UL | off, got = *word_at(blocks[b].pa + off);
            if (got != want)
                bad_word(blocks[b].pa + off, want, got, &errors);
            words++;
        }
    }
    report("address lines", errors, words);
}

/* One pass of address-in-address: every word = its address ^ flip. */
static void address_in_address(uint64_t flip, const char *name)
{
    uint64_t errors = 0, words = 0;
    for (unsigned b = 0; b < nblocks; b++) {
        uint64_t pa = blocks[b].pa, end = pa + (PAGE_SIZE << blocks[b].order);
        uint64_t *w = phys_to_virt(pa);
        for (uint64_t a = pa; a < end; a += 8)
            *w++ = a ^ flip;
    }
    for (unsigned b = 0; b < nblocks; b++) {
        uint64_t pa = blocks[b].pa, end = pa + (PAGE_SIZE << blocks[b].order);
        const uint64_t *w = phys_to_virt(pa);
        for (uint64_t a = pa; a < end; a += 8, w++) {
            if (*w != (a ^ flip))
                bad_word(a, a ^ flip, *w, &errors);
            words++;
        }
    }
    report(name, errors, words);
}

int memtest_run(void)
{
    uint64_t total, free_before, free_after, tested = 0;
    pmm_page_counts(&total, &free_before);
    passed = failed = 0;
    nblocks = 0;
    for (int order = PA_MAX_ORDER; order >= 0 && nblocks < MEMTEST_MAX_BLOCKS; order--) {
        uint64_t pa;
        while (nblocks < MEMTEST_MAX_BLOCKS && (pa = page_alloc_phys((unsigned)order))) {
            blocks[nblocks].pa = pa;
            blocks[nblocks].order = (unsigned)order;
            nblocks++;
            tested += 1UL << order;
        }
    }
    pr_info("memtest: %lu of %lu free pages (%lu MiB) in %u blocks", (unsigned long)tested,
            (unsigned long)free_before, (unsigned long)(tested * PAGE_SIZE >> 20), nblocks);
    walking_bits();
    address_lines();
    address_in_address(0, "address-in-address");
    address_in_address(~0UL, "address-in-address, complemented");
    for (unsigned b = 0; b < nblocks; b++)
        page_free_phys(blocks[b].pa, blocks[b].order);
    pmm_page_counts(&total, &free_after);
    report(free_after == free_before ? "free pages back to the count before" : "free pages",
           free_after == free_before ? 0 : 1, 0);
    if (free_after != free_before)
        pr_err("memtest: %lu free pages before, %lu after", (unsigned long)free_before,
               (unsigned long)free_after);
    pr_info("memtest: %u passed, %u failed", passed, failed);
    return (int)failed;
}
