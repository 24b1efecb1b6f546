/*
 * mm/ktest_mm.c — in-kernel self-tests of the page allocator and the heap
 * on the real memory map (make test-kernel).
 */
#include <arch/memlayout.h>
#include <keel/ktest.h>
#include <keel/mm.h>
#include <keel/string.h>

KTEST(page_alloc_orders_and_baseline)
{
    struct mem_stats before, after;
    mem_get_stats(&before);
    KT_CHECK(before.total_pages > 0 && before.free_pages <= before.total_pages);
    void *blocks[11];
    for (unsigned order = 0; order <= 10; order++) {
        blocks[order] = page_alloc(order);
        KT_CHECK(blocks[order] != NULL);
        KT_CHECK(((uint64_t)blocks[order] & ((PAGE_SIZE << order) - 1)) == 0);
        /* zeroed, and the whole block is ours to write */
        KT_CHECK(((uint8_t *)blocks[order])[(PAGE_SIZE << order) - 1] == 0);
        memset(blocks[order], 0x5a, PAGE_SIZE << order);
    }
    for (unsigned order = 0; order <= 10; order++)
        page_free(blocks[order], order);
    mem_get_stats(&after);
    KT_CHECK(after.free_pages == before.free_pages);
    return 0;
}

KTEST(page_alloc_distinct_pages)
{
    enum { N = 512 };
    static uint64_t pages[N];
    for (int i = 0; i < N; i++) {
        pages[i] = page_alloc_phys(0);
        KT_CHECK(pages[i] != 0);
        *(uint64_t *)phys_to_virt(pages[i]) = pages[i];
    }
    for (int i = 0; i < N; i++)
        KT_CHECK(*(uint64_t *)phys_to_virt(pages[i]) == pages[i]);
    for (int i = 0; i < N; i++)
        page_free_phys(pages[i], 0);
    return 0;
}

KTEST(page_alloc_never_hands_out_kernel)
{
    extern char _text[], _end[];
    uint64_t kbase = virt_to_phys(_text), kend = virt_to_phys(_end);
    for (int i = 0; i < 256; i++) {
        uint64_t pa = page_alloc_phys(0);
        KT_CHECK(pa != 0);
        KT_CHECK(pa + PAGE_SIZE <= kbase || pa >= kend);
        page_free_phys(pa, 0);
    }
    return 0;
}

KTEST(kmalloc_sizes_and_baseline)
{
    static const size_t sizes[] = {1, 8, 16, 17, 100, 500, 1024, 2048, 2049, 5000, 70000};
    void *p[ARRAY_SIZE(sizes) * 4];
    struct mem_stats before, after;
    mem_get_stats(&before);
    for (unsigned r = 0; r < 4; r++) {
        for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++) {
            void *q = kmalloc(sizes[i]);
            KT_CHECK(q != NULL);
            KT_CHECK(((uint64_t)q & 15) == 0);
            memset(q, (int)i, sizes[i]);
            p[r * ARRAY_SIZE(sizes) + i] = q;
        }
    }
    for (unsigned k = 0; k < ARRAY_SIZE(p); k++) {
        unsigned i = k % ARRAY_SIZE(sizes);
        KT_CHECK(((uint8_t *)p[k])[sizes[i] - 1] == (uint8_t)i);
        kfree(p[k]);
    }
    kfree(NULL);
    mem_get_stats(&after);
    KT_CHECK(after.heap_bytes == before.heap_bytes);
    KT_CHECK(after.free_pages == before.free_pages);
    return 0;
}

KTEST(kzalloc_zeroes)
{
    uint8_t *a = kmalloc(256);
    KT_CHECK(a);
    memset(a, 0xff, 256);
    kfree(a);
    uint8_t *b = kzalloc(256);
    KT_CHECK(b);
    for (int i = 0; i < 256; i++)
        KT_CHECK(b[i] == 0);
    kfree(b);
    return 0;
}
