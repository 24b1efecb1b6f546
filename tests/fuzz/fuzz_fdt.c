/*
 * tests/fuzz/fuzz_fdt.c — libFuzzer target: any byte string given to the
 * device tree reader and platform_from_fdt() must neither crash nor read
 * out of bounds (ASan/UBSan), and must honour the contracts fdt_exercise()
 * checks.
 */
#include "fdt_exercise.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *copy = malloc(size ? size : 1);
    const char *broken;

    if (!copy)
        return 0;
    memcpy(copy, data, size);
    broken = fdt_exercise(copy, size);
    if (broken) {
        fprintf(stderr, "fuzz_fdt: invariant broken: %s\n", broken);
        abort();
    }
    free(copy);
    return 0;
}
