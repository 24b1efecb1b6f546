/*
 * tests/fuzz/acpi_seed.c — write the seed corpus of fuzz_acpi: memory
 * images (at ACPI_FUZZ_BASE, RSDP first) of valid table sets.
 * Usage: acpi-seed DIR
 */
#include "acpi_build.h"

#include <stdio.h>

static int write_seed(const char *dir, const char *name, const struct acpi_opts *o)
{
    struct acpi_img m;
    char path[1024];
    FILE *fp;
    int ok;

    acpi_img_init(&m, ACPI_FUZZ_BASE, 16384);
    acpi_build(&m, o);
    snprintf(path, sizeof path, "%s/%s", dir, name);
    fp = fopen(path, "wb");
    ok = fp && fwrite(m.mem, 1, m.used, fp) == m.used;
    if (fp && fclose(fp) != 0)
        ok = 0;
    acpi_img_free(&m);
    if (!ok)
        fprintf(stderr, "acpi-seed: cannot write %s\n", path);
    return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
    struct acpi_opts o;
    int bad = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: acpi-seed DIR\n");
        return 2;
    }
    o = acpi_opts_virt();
    bad |= write_seed(argv[1], "virt-gicv2", &o);
    o.cpus = 8;
    o.gicd_version = 3;
    o.gicr = true;
    o.rsdt = true;
    o.spcr_type = 0x0e;
    o.spcr_revision = 3;
    bad |= write_seed(argv[1], "virt-gicv3-rsdt", &o);
    o = acpi_opts_virt();
    o.rsdp_revision = 0;
    o.gicd_version = 0;
    bad |= write_seed(argv[1], "acpi1-rsdt", &o);
    return bad;
}
