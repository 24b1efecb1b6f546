/* kernel/ktest.c — the in-kernel self-test runner; see keel/ktest.h. */
#include <keel/boot.h>
#include <keel/cmdline.h>
#include <keel/ktest.h>
#include <keel/string.h>

extern const struct ktest __ktest_start[], __ktest_end[];

int ktest_run_all(void)
{
    char filter[64] = "";
    cmdline_get(boot_cmdline(), "ktest", filter, sizeof filter);
    int passed = 0, failed = 0;
    size_t n = ((uintptr_t)__ktest_end - (uintptr_t)__ktest_start) / sizeof(struct ktest);
    for (size_t i = 0; i < n; i++) {
        const struct ktest *t = &__ktest_start[i];
        if (filter[0] && !strstr(t->name, filter))
            continue;
        int r = t->fn();
        if (r) {
            failed++;
            printk(LOG_ERR, "ktest: FAIL %s (line %d)", t->name, r);
        } else {
            passed++;
            printk(LOG_INFO, "ktest: ok   %s", t->name);
        }
    }
    printk(LOG_EMERG, "ktest: %d passed, %d failed", passed, failed);
    return failed;
}
