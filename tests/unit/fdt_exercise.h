/*
 * tests/unit/fdt_exercise.h — run every fdt.h and platform_from_fdt() entry
 * point over a blob that may be corrupt, for the robustness tests and the
 * libFuzzer target.  Crashes and out-of-bounds reads are the sanitizers'
 * to report; fdt_exercise() itself checks the contracts' invariants.
 */
#ifndef KEEL_FDT_EXERCISE_H
#define KEEL_FDT_EXERCISE_H

#include <keel/fdt.h>
#include <keel/platform.h>

#include <abi/errno.h>

#include <stdbool.h>
#include <string.h>

#define EXERCISE_MAX_NODES 32

/*
 * fdt_exercise: parse blob[0..size) with platform_from_fdt() and, if it is
 * a valid tree, walk up to EXERCISE_MAX_NODES nodes through the reader's
 * API.  Returns NULL if every invariant held, else a description of the
 * first one broken.
 */
__attribute__((unused)) static const char *fdt_exercise(const void *blob, size_t size)
{
    static struct platform p; /* large; not on the fuzzer's stack */
    const char *why = NULL;
    struct fdt f;
    int r, n, count = 0;
    uint64_t a, s;
    uint32_t irq, len;

    r = platform_from_fdt(&p, blob, size, &why);
    if (r > 0)
        return "platform_from_fdt returned a positive value";
    if (r < 0 && !why)
        return "platform_from_fdt failed without a reason";
    if (r == 0) {
        if (p.mem_count == 0 || p.mem_count > PLATFORM_MAX_MEM)
            return "success without RAM";
        for (unsigned i = 1; i < p.mem_count; i++) {
            if (p.mem[i - 1].base + p.mem[i - 1].size >= p.mem[i].base)
                return "RAM ranges not sorted and merged";
        }
        if (p.reserved_count > PLATFORM_MAX_RESERVED || p.cpu_count > PLATFORM_MAX_CPUS)
            return "counts out of range";
        if (memchr(p.bootargs, 0, sizeof p.bootargs) == NULL ||
            memchr(p.model, 0, sizeof p.model) == NULL)
            return "unterminated string";
    }

    why = NULL;
    r = fdt_init(&f, blob, size, &why);
    if (r < 0) {
        if (!why)
            return "fdt_init failed without a reason";
        /* A failed init leaves an empty reader that must refuse politely. */
        if (fdt_root(&f) >= 0 || fdt_path_offset(&f, "/chosen") >= 0)
            return "empty reader found a node";
        return NULL;
    }
    for (unsigned i = 0; fdt_memreserve(&f, i, &a, &s) == 0; i++)
        ;
    (void)fdt_path_offset(&f, "/chosen");
    (void)fdt_path_offset(&f, "serial0:115200n8");
    (void)fdt_path_offset(&f, "/soc/serial@7e201000");
    (void)fdt_find_compatible(&f, -1, "arm,pl011");
    (void)fdt_find_phandle(&f, 1);

    for (n = fdt_root(&f); n >= 0 && count < EXERCISE_MAX_NODES;
         n = fdt_next_node(&f, n, NULL), count++) {
        size_t nlen;
        int parent, child, prop, props = 0;

        if (!fdt_node_name(&f, n, &nlen))
            return "a node without a name";
        for (prop = fdt_first_prop(&f, n); prop >= 0; prop = fdt_next_prop(&f, prop)) {
            const char *pname;
            const void *v = fdt_prop_value(&f, prop, &pname, &len);
            if (!v)
                return "an iterated property without a value";
            if (fdt_getprop(&f, n, pname, NULL) == NULL)
                return "getprop misses an iterated property";
            if (++props > 100000)
                return "endless property list";
        }
        parent = fdt_parent(&f, n);
        if (parent >= 0) {
            int sib;
            bool seen = false;
            for (sib = fdt_first_child(&f, parent); sib >= 0; sib = fdt_next_sibling(&f, sib)) {
                if (sib == n)
                    seen = true;
            }
            if (!seen)
                return "a node missing from its parent's children";
        }
        child = fdt_first_child(&f, n);
        if (child >= 0 && fdt_parent(&f, child) != n)
            return "first child's parent is not the node";
        for (unsigned i = 0; i < 3; i++) {
            (void)fdt_reg(&f, n, i, &a, &s);
            (void)fdt_reg_raw(&f, n, i, &a, &s);
            (void)fdt_irq(&f, n, i, &irq);
        }
        (void)fdt_irq_parent(&f, n);
        (void)fdt_address_cells(&f, n);
        (void)fdt_size_cells(&f, n);
        (void)fdt_node_is_enabled(&f, n);
        (void)fdt_gic_version(&f, n);
        (void)fdt_getprop_string(&f, n, "compatible");
    }
    return NULL;
}

#endif
