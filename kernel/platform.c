/* kernel/platform.c — helpers that fill struct platform; see keel/platform.h. */
#include <keel/platform.h>
#include <keel/string.h>

#include <abi/errno.h>

/* Clip size so that base + size does not wrap. */
static uint64_t clip(uint64_t base, uint64_t size)
{
    return size > UINT64_MAX - base ? UINT64_MAX - base : size;
}

int platform_add_reserved(struct platform *p, uint64_t base, uint64_t size)
{
    size = clip(base, size);
    if (size == 0)
        return 0;
    if (p->reserved_count >= PLATFORM_MAX_RESERVED)
        return -ENOSPC;
    p->reserved[p->reserved_count].base = base;
    p->reserved[p->reserved_count].size = size;
    p->reserved_count++;
    return 0;
}

int platform_add_mem(struct platform *p, uint64_t base, uint64_t size)
{
    uint64_t start = base, end;
    unsigned i, j, n = p->mem_count;

    size = clip(base, size);
    if (size == 0)
        return 0;
    end = base + size;
    /* The list is sorted and has no overlapping or touching ranges. */
    for (i = 0; i < n && p->mem[i].base + p->mem[i].size < start; i++)
        ;
    for (j = i; j < n && p->mem[j].base <= end; j++) {
        uint64_t e = p->mem[j].base + p->mem[j].size;
        if (p->mem[j].base < start)
            start = p->mem[j].base;
        if (e > end)
            end = e;
    }
    if (j == i) {
        if (n >= PLATFORM_MAX_MEM)
            return -ENOSPC;
        memmove(&p->mem[i + 1], &p->mem[i], (n - i) * sizeof p->mem[0]);
        p->mem_count = n + 1;
    } else if (j > i + 1) {
        memmove(&p->mem[i + 1], &p->mem[j], (n - j) * sizeof p->mem[0]);
        p->mem_count = n - (j - i - 1);
    }
    p->mem[i].base = start;
    p->mem[i].size = end - start;
    return 0;
}
