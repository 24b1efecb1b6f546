/* Unit tests for kernel/lib/format.c, checked against the host's snprintf. */
#include "harness.h"

#include <keel/format.h>
#include <stdint.h>

#define SAME(...)                                                                                  \
    do {                                                                                           \
        char want_[256], got_[256];                                                                \
        int wn_ = snprintf(want_, sizeof want_, __VA_ARGS__);                                      \
        int gn_ = ksnprintf(got_, sizeof got_, __VA_ARGS__);                                       \
        CHECK_STR(got_, want_);                                                                    \
        CHECK_EQ(gn_, wn_);                                                                        \
    } while (0)

TEST(format_integers)
{
    SAME("%d %i %u", -42, 7, 4000000000u);
    SAME("%ld %lu %lld %llu", -1L, 18446744073709551615UL, -9223372036854775807LL - 1, 12345ULL);
    SAME("%x %X %#x %#X %o %#o", 0xbeefu, 0xbeefu, 255u, 255u, 8u, 8u);
    SAME("%zu %zx", (size_t)123456789, (size_t)0xabcdef);
    SAME("%hhd %hd %hhu", 300, 70000, 257);
    SAME("%+d % d %+d", 5, 5, -5);
    SAME("%#x %#o", 0u, 0u);
}

TEST(format_width_precision)
{
    SAME("[%5d] [%-5d] [%05d] [%.3d] [%8.3d] [%-8.3d]", 42, 42, 42, 7, 7, 7);
    SAME("[%*d] [%-*d] [%.*d]", 6, 1, 6, 1, 4, 1);
    SAME("[%.0d] [%5.0d]", 0, 0);
    SAME("[%10s] [%-10s] [%.2s] [%*.*s]", "abc", "abc", "abcdef", 6, 3, "xyzzy");
    SAME("[%c] [%3c] [%-3c]", 'a', 'b', 'c');
    SAME("%016lx", 0x1234UL);
    SAME("100%%");
}

TEST(format_pointer_and_null)
{
    char buf[64];
    ksnprintf(buf, sizeof buf, "%p", (void *)0xffff000012345678UL);
    CHECK_STR(buf, "0xffff000012345678");
    ksnprintf(buf, sizeof buf, "%p", (void *)0x10);
    CHECK_STR(buf, "0x0000000000000010");
    const char *volatile null_string = NULL;
    ksnprintf(buf, sizeof buf, "%s", null_string);
    CHECK_STR(buf, "(null)");
}

TEST(format_truncation)
{
    char buf[8];
    int n = ksnprintf(buf, sizeof buf, "%s", "hello, world");
    CHECK_EQ(n, 12);
    CHECK_STR(buf, "hello, ");
    n = ksnprintf(buf, 1, "abc");
    CHECK_EQ(n, 3);
    CHECK_EQ(buf[0], 0);
    n = ksnprintf(NULL, 0, "%d", 12345);
    CHECK_EQ(n, 5);
    const char *trailing = "abc%";
    ksnprintf(buf, sizeof buf, trailing, 0);
    CHECK_STR(buf, "abc");
}
