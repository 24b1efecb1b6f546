/* tests/unit/test_platform.c — platform_add_mem() and platform_add_reserved(). */
#include "harness.h"

#include <keel/platform.h>
#include <keel/string.h>

#include <abi/errno.h>

static struct platform *fresh(void)
{
    static struct platform p;

    memset(&p, 0, sizeof p);
    return &p;
}

TEST(platform_add_mem_sorts_and_merges)
{
    struct platform *p = fresh();

    CHECK_EQ(platform_add_mem(p, 0x80000000, 0x1000), 0);
    CHECK_EQ(platform_add_mem(p, 0x40000000, 0x1000), 0);
    CHECK_EQ(platform_add_mem(p, 0x60000000, 0x1000), 0);
    CHECK_EQ(platform_add_mem(p, 0, 0), 0); /* ignored */
    REQUIRE(p->mem_count == 3);
    CHECK_EQ(p->mem[0].base, 0x40000000);
    CHECK_EQ(p->mem[1].base, 0x60000000);
    CHECK_EQ(p->mem[2].base, 0x80000000);

    CHECK_EQ(platform_add_mem(p, 0x40001000, 0x1000), 0); /* touches the first */
    REQUIRE(p->mem_count == 3);
    CHECK_EQ(p->mem[0].size, 0x2000);
    CHECK_EQ(platform_add_mem(p, 0x5ffff000, 0x1000), 0); /* touches the second */
    CHECK_EQ(p->mem[1].base, 0x5ffff000);
    CHECK_EQ(p->mem[1].size, 0x2000);
    CHECK_EQ(platform_add_mem(p, 0x60000800, 0x100), 0); /* inside */
    CHECK_EQ(p->mem_count, 3);

    CHECK_EQ(platform_add_mem(p, 0x40000800, 0x40000000), 0); /* swallows 2 and 3 */
    REQUIRE(p->mem_count == 1);
    CHECK_EQ(p->mem[0].base, 0x40000000);
    CHECK_EQ(p->mem[0].size, 0x40001000);

    CHECK_EQ(platform_add_mem(p, 0xfffffffffffff000ull, 0x2000), 0); /* clipped */
    REQUIRE(p->mem_count == 2);
    CHECK_EQ(p->mem[1].size, 0xfff);
}

TEST(platform_add_mem_full)
{
    struct platform *p = fresh();

    for (unsigned i = 0; i < PLATFORM_MAX_MEM; i++)
        CHECK_EQ(platform_add_mem(p, 0x100000ull * (i + 1), 0x1000), 0);
    CHECK_EQ(p->mem_count, PLATFORM_MAX_MEM);
    CHECK_EQ(platform_add_mem(p, 0x10, 0x10), -ENOSPC);
    CHECK_EQ(p->mem[0].base, 0x100000); /* unchanged */
    /* Merging into an existing range still works when full. */
    CHECK_EQ(platform_add_mem(p, 0x101000, 0x1000), 0);
    CHECK_EQ(p->mem[0].size, 0x2000);
    /* And a range that joins two frees a slot. */
    CHECK_EQ(platform_add_mem(p, 0x100000, 0x101000), 0);
    CHECK_EQ(p->mem_count, PLATFORM_MAX_MEM - 1);
}

TEST(platform_add_reserved_appends)
{
    struct platform *p = fresh();

    CHECK_EQ(platform_add_reserved(p, 0x5000, 0x1000), 0);
    CHECK_EQ(platform_add_reserved(p, 0x1000, 0), 0);
    CHECK_EQ(platform_add_reserved(p, 0x1000, 0x1000), 0);
    REQUIRE(p->reserved_count == 2);
    CHECK_EQ(p->reserved[1].base, 0x1000);
    CHECK_EQ(platform_add_reserved(p, UINT64_MAX, 0x1000), 0); /* clipped to nothing */
    CHECK_EQ(p->reserved_count, 2);
    for (unsigned i = 2; i < PLATFORM_MAX_RESERVED; i++)
        CHECK_EQ(platform_add_reserved(p, i * 0x1000ull, 0x1000), 0);
    CHECK_EQ(platform_add_reserved(p, 0, 1), -ENOSPC);
    CHECK_EQ(p->reserved_count, PLATFORM_MAX_RESERVED);
}

TEST(strscpy_semantics)
{
    char buf[6];

    CHECK_EQ(strscpy(buf, "abc", sizeof buf), 3);
    CHECK_STR(buf, "abc");
    CHECK_EQ(strscpy(buf, "abcde", sizeof buf), 5);
    CHECK_EQ(strscpy(buf, "abcdef", sizeof buf), -E2BIG);
    CHECK_STR(buf, "abcde");
    CHECK_EQ(strscpy(buf, "", sizeof buf), 0);
    CHECK_EQ(strscpy(buf, "x", 0), -E2BIG);
}
