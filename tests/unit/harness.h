/*
 * tests/unit/harness.h — Keel's small host unit-test harness.
 *
 * A test is a function declared with TEST(name); it registers itself before
 * main() runs.  CHECK(cond) records a failure (and continues); REQUIRE(cond)
 * records a failure and returns from the test.  harness.c's main() runs every
 * test (or those whose name contains argv[1]) and ends with the plain line
 * "N passed, N failed", exiting non-zero if any test failed.
 *
 * Tests are built with the host compiler and -fsanitize=address,undefined.
 */
#ifndef KEEL_TEST_HARNESS_H
#define KEEL_TEST_HARNESS_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct unit_test {
    const char *name;
    const char *file;
    void (*fn)(void);
    struct unit_test *next;
};

void harness_register(struct unit_test *t);
void harness_fail(const char *file, int line, const char *what);

#define TEST(name)                                                                                 \
    static void test_##name(void);                                                                 \
    static struct unit_test test_desc_##name = {#name, __FILE__, test_##name, NULL};               \
    __attribute__((constructor)) static void test_register_##name(void)                            \
    {                                                                                              \
        harness_register(&test_desc_##name);                                                       \
    }                                                                                              \
    static void test_##name(void)

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond))                                                                               \
            harness_fail(__FILE__, __LINE__, #cond);                                               \
    } while (0)

#define REQUIRE(cond)                                                                              \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            harness_fail(__FILE__, __LINE__, #cond);                                               \
            return;                                                                                \
        }                                                                                          \
    } while (0)

/* CHECK_EQ: integers compared as long long, both values printed on failure. */
#define CHECK_EQ(a, b) harness_check_eq(__FILE__, __LINE__, #a, #b, (long long)(a), (long long)(b))

/* CHECK_STR: C strings compared with strcmp (NULL never equals anything). */
#define CHECK_STR(a, b) harness_check_str(__FILE__, __LINE__, #a, #b, (a), (b))

void harness_check_eq(const char *file, int line, const char *as, const char *bs, long long a,
                      long long b);
void harness_check_str(const char *file, int line, const char *as, const char *bs, const char *a,
                       const char *b);

#endif
