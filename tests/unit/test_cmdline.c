/* Unit tests for kernel/lib/cmdline.c. */
#include "harness.h"

#include <keel/cmdline.h>

TEST(cmdline_flags_and_values)
{
    const char *s = "  console=ttyAMA0 ktest  panic=poweroff root= quiet\tlast";
    char buf[16];
    CHECK(cmdline_has(s, "ktest"));
    CHECK(cmdline_has(s, "quiet"));
    CHECK(cmdline_has(s, "last"));
    CHECK(!cmdline_has(s, "kt"));
    CHECK(!cmdline_has(s, "ktestx"));
    CHECK(!cmdline_has(s, "pani"));
    CHECK(cmdline_get(s, "panic", buf, sizeof buf));
    CHECK_STR(buf, "poweroff");
    CHECK(cmdline_get(s, "root", buf, sizeof buf));
    CHECK_STR(buf, "");
    CHECK(cmdline_get(s, "console", buf, 4));
    CHECK_STR(buf, "tty");
    CHECK(!cmdline_get(s, "missing", buf, sizeof buf));
}

TEST(cmdline_edge_cases)
{
    char buf[8];
    CHECK(!cmdline_has("", "a"));
    CHECK(!cmdline_has("   ", "a"));
    CHECK(cmdline_has("a", "a"));
    CHECK(cmdline_get("BOOT_IMAGE=/boot/k a=1", "a", buf, sizeof buf));
    CHECK_STR(buf, "1");
    CHECK(cmdline_get("x==y", "x", buf, sizeof buf));
    CHECK_STR(buf, "=y");
}
