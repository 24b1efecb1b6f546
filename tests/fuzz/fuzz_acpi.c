/*
 * tests/fuzz/fuzz_acpi.c — libFuzzer target: the input is a physical
 * memory image starting at ACPI_FUZZ_BASE with the RSDP at its start.
 * platform_from_acpi() runs on it as is, then again after every checksum
 * the tables reach has been repaired, so that mutations get past the
 * checksum tests into the table parsers.  No crash, no out-of-bounds read,
 * and the contract (0 or -errno with a reason) must hold.
 */
#include "acpi_build.h"

#include <keel/platform.h>

#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(struct acpi_img *img)
{
    static struct platform p;
    const char *why = NULL;
    int r = platform_from_acpi(&p, ACPI_FUZZ_BASE, acpi_img_map, img, &why);

    if (r > 0 || (r < 0 && !why) || p.cpu_count > PLATFORM_MAX_CPUS) {
        fprintf(stderr, "fuzz_acpi: contract broken (r = %d)\n", r);
        abort();
    }
}

/* Whether [phys, phys + len) lies in the image. */
static bool inside(const struct acpi_img *m, uint64_t phys, uint64_t len)
{
    return phys >= m->base && phys - m->base <= m->size && len <= m->size - (phys - m->base);
}

static void seal_if_inside(struct acpi_img *m, uint64_t phys)
{
    uint8_t *t;
    uint32_t len;

    if (!inside(m, phys, 36))
        return;
    t = m->mem + (phys - m->base);
    len = acpi_get32(t + 4);
    if (len >= 36 && inside(m, phys, len))
        acpi_checksum(t, len, 9);
}

static void repair(struct acpi_img *m)
{
    uint8_t *r = m->mem;
    uint64_t root = 0;
    unsigned esize = 4;

    if (m->size < 36 || memcmp(r, "RSD PTR ", 8) != 0)
        return;
    if (r[15] >= 2) {
        uint32_t len = acpi_get32(r + 20);
        for (int i = 0; i < 8; i++)
            root |= (uint64_t)r[24 + i] << (8 * i);
        esize = 8;
        acpi_checksum(r, 20, 8);
        if (len >= 36 && len <= m->size)
            acpi_checksum(r, len, 32);
    } else {
        root = acpi_get32(r + 16);
        acpi_checksum(r, 20, 8);
    }
    if (root == 0) {
        root = acpi_get32(r + 16);
        esize = 4;
    }
    if (!inside(m, root, 36))
        return;
    {
        uint8_t *t = m->mem + (root - m->base);
        uint32_t len = acpi_get32(t + 4);
        if (len < 36 || !inside(m, root, len))
            return;
        for (uint32_t off = 36; off + esize <= len; off += esize) {
            uint64_t phys = 0;
            for (unsigned i = 0; i < esize; i++)
                phys |= (uint64_t)t[off + i] << (8 * i);
            seal_if_inside(m, phys);
        }
        seal_if_inside(m, root);
    }
    /* Sealing a table that overlaps the RSDP may have undone its sums. */
    acpi_checksum(r, 20, 8);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct acpi_img img;

    img.mem = malloc(size ? size : 1);
    if (!img.mem)
        return 0;
    memcpy(img.mem, data, size);
    img.size = size;
    img.base = ACPI_FUZZ_BASE;
    img.used = size;
    check(&img);
    repair(&img);
    check(&img);
    free(img.mem);
    return 0;
}
