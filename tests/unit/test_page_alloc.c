/* Unit tests for mm/page_alloc.c: the buddy allocator over a fake RAM span. */
#include "harness.h"

#include <keel/page_alloc.h>
#include <stdlib.h>

#define SPAN_BASE 0x40000000UL
#define SPAN_PAGES 4096UL /* 16 MiB */

static uint8_t *arena;

static void *fake_p2v(uint64_t pa)
{
    return arena + (pa - SPAN_BASE);
}

static void setup(struct page_allocator *pa, uint32_t *state)
{
    if (!arena)
        arena = aligned_alloc(4096, SPAN_PAGES * 4096);
    pa_init(pa, SPAN_BASE, SPAN_PAGES, state);
}

TEST(page_alloc_add_and_count)
{
    static uint32_t state[SPAN_PAGES * 3];
    struct page_allocator pa;
    setup(&pa, state);
    CHECK_EQ(pa_add_range(&pa, SPAN_BASE, SPAN_PAGES * 4096), SPAN_PAGES);
    CHECK_EQ(pa.free_pages, SPAN_PAGES);
    CHECK_EQ(pa.free_blocks[PA_MAX_ORDER], SPAN_PAGES >> PA_MAX_ORDER);
    /* Adding again adds nothing. */
    CHECK_EQ(pa_add_range(&pa, SPAN_BASE, 8192), 0);
}

TEST(page_alloc_alignment_and_distinct)
{
    static uint32_t state[SPAN_PAGES * 3];
    static uint64_t got[SPAN_PAGES];
    struct page_allocator pa;
    setup(&pa, state);
    pa_add_range(&pa, SPAN_BASE, SPAN_PAGES * 4096);
    for (unsigned order = 0; order <= PA_MAX_ORDER; order++) {
        uint64_t a = pa_alloc(&pa, order);
        REQUIRE(a != 0);
        CHECK_EQ(a & ((4096UL << order) - 1), 0);
        CHECK(pa_is_allocated(&pa, a));
        CHECK(pa_is_allocated(&pa, a + (4096UL << order) - 1));
        CHECK_EQ(pa_free(&pa, a, order), 0);
    }
    CHECK_EQ(pa.free_pages, SPAN_PAGES);
    /* Exhaust with single pages: all distinct, then 0. */
    unsigned n = 0;
    uint64_t a;
    while ((a = pa_alloc(&pa, 0)) != 0) {
        REQUIRE(n < SPAN_PAGES);
        memset(fake_p2v(a), 0xa5, 4096); /* the caller owns the whole page */
        got[n++] = a;
    }
    CHECK_EQ(n, SPAN_PAGES);
    CHECK_EQ(pa.free_pages, 0);
    for (unsigned i = 1; i < n; i++)
        CHECK(got[i] != got[i - 1]);
    /* Free in a scrambled order: everything coalesces back. */
    for (unsigned i = 0; i < n; i += 2)
        CHECK_EQ(pa_free(&pa, got[i], 0), 0);
    for (unsigned i = 1; i < n; i += 2)
        CHECK_EQ(pa_free(&pa, got[i], 0), 0);
    CHECK_EQ(pa.free_pages, SPAN_PAGES);
    CHECK_EQ(pa.free_blocks[PA_MAX_ORDER], SPAN_PAGES >> PA_MAX_ORDER);
}

TEST(page_alloc_bad_frees_rejected)
{
    static uint32_t state[SPAN_PAGES * 3];
    struct page_allocator pa;
    setup(&pa, state);
    pa_add_range(&pa, SPAN_BASE, SPAN_PAGES * 4096);
    uint64_t a = pa_alloc(&pa, 2);
    REQUIRE(a);
    CHECK_EQ(pa_free(&pa, a, 1), -1);        /* wrong order */
    CHECK_EQ(pa_free(&pa, a + 4096, 0), -1); /* inside a block */
    CHECK_EQ(pa_free(&pa, a + 1, 2), -1);    /* unaligned */
    CHECK_EQ(pa_free(&pa, 0x1000, 0), -1);   /* outside the span */
    CHECK_EQ(pa_free(&pa, a, 2), 0);
    CHECK_EQ(pa_free(&pa, a, 2), -1); /* double free */
    CHECK_EQ(pa.free_pages, SPAN_PAGES);
}

TEST(page_alloc_holes_and_reserved)
{
    static uint32_t state[SPAN_PAGES * 3];
    struct page_allocator pa;
    setup(&pa, state);
    /* Two RAM ranges with an unaligned hole between them. */
    CHECK_EQ(pa_add_range(&pa, SPAN_BASE + 100, 10 * 4096), 9); /* partial pages dropped */
    CHECK_EQ(pa_add_range(&pa, SPAN_BASE + 0x13000, 0x5000), 5);
    CHECK_EQ(pa.free_pages, 14);
    uint64_t seen = 0;
    uint64_t a;
    while ((a = pa_alloc(&pa, 0)) != 0) {
        CHECK((a >= SPAN_BASE + 0x1000 && a < SPAN_BASE + 0xa000) ||
              (a >= SPAN_BASE + 0x13000 && a < SPAN_BASE + 0x18000));
        seen++;
    }
    CHECK_EQ(seen, 14);
    CHECK_EQ(pa_alloc(&pa, 3), 0);
}

TEST(page_alloc_never_returns_zero_page)
{
    static uint32_t state[64 * 3];
    struct page_allocator pa;
    /* A span starting at physical 0 (as on the Raspberry Pi): page 0 is
     * never added, so 0 can mean "no memory". */
    pa_init(&pa, 0, 64, state);
    CHECK_EQ(pa_add_range(&pa, 0, 64 * 4096), 63);
    uint64_t a;
    unsigned n = 0;
    while ((a = pa_alloc(&pa, 0)) != 0) {
        CHECK(a >= 4096);
        n++;
    }
    CHECK_EQ(n, 63);
}
