/* tests/unit/harness.c — runs the registered unit tests; see harness.h. */
#include "harness.h"

#include <stdlib.h>

static struct unit_test *tests_head;
static struct unit_test **tests_tail = &tests_head;
static int current_failures;

void harness_register(struct unit_test *t)
{
    t->next = NULL;
    *tests_tail = t;
    tests_tail = &t->next;
}

void harness_fail(const char *file, int line, const char *what)
{
    current_failures++;
    fprintf(stderr, "    %s:%d: check failed: %s\n", file, line, what);
}

void harness_check_eq(const char *file, int line, const char *as, const char *bs, long long a,
                      long long b)
{
    if (a == b)
        return;
    current_failures++;
    fprintf(stderr, "    %s:%d: check failed: %s == %s (%lld != %lld)\n", file, line, as, bs, a, b);
}

void harness_check_str(const char *file, int line, const char *as, const char *bs, const char *a,
                       const char *b)
{
    if (a && b && strcmp(a, b) == 0)
        return;
    current_failures++;
    fprintf(stderr, "    %s:%d: check failed: %s == %s (\"%s\" != \"%s\")\n", file, line, as, bs,
            a ? a : "(null)", b ? b : "(null)");
}

int main(int argc, char **argv)
{
    const char *filter = argc > 1 ? argv[1] : NULL;
    int passed = 0, failed = 0;

    for (struct unit_test *t = tests_head; t; t = t->next) {
        if (filter && !strstr(t->name, filter))
            continue;
        current_failures = 0;
        t->fn();
        if (current_failures) {
            failed++;
            printf("FAIL %s (%s)\n", t->name, t->file);
        } else {
            passed++;
            if (getenv("UNIT_VERBOSE"))
                printf("ok   %s\n", t->name);
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
