/*
 * keel/ktest.h — in-kernel self-tests, run when the command line holds
 * "ktest" (make test-kernel).  Each KTEST is a function returning 0 on
 * success or a line number/non-zero on failure; KT_CHECK reports the failing
 * expression and returns from the test.
 */
#ifndef KEEL_KTEST_H
#define KEEL_KTEST_H

#include <keel/compiler.h>
#include <keel/printk.h>

struct ktest {
    const char *name;
    int (*fn)(void);
};

#define KTEST(tname)                                                                               \
    static int ktest_fn_##tname(void);                                                             \
    static const struct ktest ktest_desc_##tname __section(".ktest")                               \
        __used = {#tname, ktest_fn_##tname};                                                       \
    static int ktest_fn_##tname(void)

#define KT_CHECK(cond)                                                                             \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            pr_err("ktest: %s:%d: check failed: %s", __FILE__, __LINE__, #cond);                   \
            return __LINE__;                                                                       \
        }                                                                                          \
    } while (0)

/* ktest_run_all: run every KTEST (or those whose name contains the value of
 * "ktest=..."), print "ktest: N passed, N failed"; returns the failures. */
int ktest_run_all(void);

#endif
