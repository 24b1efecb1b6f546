/*
 * tests/unit/acpi_build.h — build ACPI tables in a fake physical memory
 * image for the ACPI discovery tests and the fuzzer's seed corpus.
 *
 * The image is a zeroed buffer standing for physical addresses
 * [base, base + size); acpi_img_map() is a platform_from_acpi() map
 * callback over it.  acpi_build() lays out an RSDP (at `base`), XSDT and/or
 * RSDT, MADT, GTDT, SPCR and FADT shaped like QEMU virt's, with valid
 * checksums; tests then corrupt what they need and call acpi_seal() to
 * re-checksum a table (or leave it broken).
 */
#ifndef KEEL_ACPI_BUILD_H
#define KEEL_ACPI_BUILD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ACPI_UNUSED __attribute__((unused))

/* Where fuzz_acpi's input (and its seed corpus) sits in physical memory. */
#define ACPI_FUZZ_BASE 0x40000000ull

struct acpi_img {
    uint8_t *mem;
    size_t size;
    uint64_t base;
    size_t used;
};

struct acpi_opts {
    uint8_t rsdp_revision;  /* 0 = ACPI 1.0 (RSDT only), 2 = XSDT */
    bool rsdt;              /* also build an RSDT (always for revision 0) */
    unsigned cpus;          /* GICC entries */
    uint32_t disabled_cpus; /* bit i: GICC i not enabled */
    uint8_t gicd_version;   /* the GICD's version field */
    bool gicr;              /* add a GICR entry */
    bool gtdt, spcr, fadt;
    uint8_t spcr_type; /* 3 = PL011, 0x0e = SBSA */
    uint8_t spcr_revision;
    uint16_t fadt_arm_flags; /* bit 0 PSCI compliant, bit 1 use HVC */
};

struct acpi_built {
    uint64_t rsdp, xsdt, rsdt, madt, gtdt, spcr, fadt;
};

static ACPI_UNUSED void acpi_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static ACPI_UNUSED void acpi_put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static ACPI_UNUSED void acpi_put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static ACPI_UNUSED uint32_t acpi_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static ACPI_UNUSED void acpi_img_init(struct acpi_img *m, uint64_t base, size_t size)
{
    m->mem = calloc(1, size);
    if (!m->mem)
        abort();
    m->size = size;
    m->base = base;
    m->used = 0;
}

static ACPI_UNUSED void acpi_img_free(struct acpi_img *m)
{
    free(m->mem);
    m->mem = NULL;
}

/* Reserve len bytes, 16-aligned; returns their physical address. */
static ACPI_UNUSED uint64_t acpi_img_alloc(struct acpi_img *m, size_t len)
{
    uint64_t phys;

    m->used = (m->used + 15) & ~(size_t)15;
    if (m->used + len > m->size)
        abort();
    phys = m->base + m->used;
    m->used += len;
    return phys;
}

static ACPI_UNUSED uint8_t *acpi_img_at(struct acpi_img *m, uint64_t phys)
{
    if (phys < m->base || phys - m->base >= m->size)
        abort();
    return m->mem + (phys - m->base);
}

/* The map callback: NULL unless [phys, phys + len) lies inside the image. */
static ACPI_UNUSED const void *acpi_img_map(uint64_t phys, size_t len, void *ctx)
{
    const struct acpi_img *m = ctx;

    if (phys < m->base || phys - m->base > m->size || len > m->size - (phys - m->base))
        return NULL;
    return m->mem + (phys - m->base);
}

static ACPI_UNUSED void acpi_checksum(uint8_t *p, size_t len, size_t at)
{
    uint8_t s = 0;

    p[at] = 0;
    for (size_t i = 0; i < len; i++)
        s = (uint8_t)(s + p[i]);
    p[at] = (uint8_t)-s;
}

/* Re-checksum the table at phys over the length its header declares. */
static ACPI_UNUSED void acpi_seal(struct acpi_img *m, uint64_t phys)
{
    uint8_t *t = acpi_img_at(m, phys);

    acpi_checksum(t, acpi_get32(t + 4), 9);
}

static ACPI_UNUSED uint64_t acpi_new_table(struct acpi_img *m, const char *sig, uint32_t len,
                                           uint8_t revision)
{
    uint64_t phys = acpi_img_alloc(m, len);
    uint8_t *t = acpi_img_at(m, phys);

    memcpy(t, sig, 4);
    acpi_put32(t + 4, len);
    t[8] = revision;
    memcpy(t + 10, "BOCHS ", 6);
    memcpy(t + 16, "BXPC    ", 8);
    acpi_put32(t + 24, 1);
    memcpy(t + 28, "KEEL", 4);
    acpi_put32(t + 32, 1);
    return phys;
}

static ACPI_UNUSED void acpi_seal_rsdp(struct acpi_img *m, uint64_t rsdp)
{
    uint8_t *r = acpi_img_at(m, rsdp);

    acpi_checksum(r, 20, 8);
    if (r[15] >= 2)
        acpi_checksum(r, acpi_get32(r + 20), 32);
}

/* QEMU virt's values. */
#define AB_GICD 0x08000000ull
#define AB_GICC 0x08010000ull
#define AB_GICR 0x080a0000ull
#define AB_GICR_LEN 0xf60000u
#define AB_UART 0x09000000ull

static ACPI_UNUSED struct acpi_built acpi_build(struct acpi_img *m, const struct acpi_opts *o)
{
    struct acpi_built b;
    uint64_t tables[4];
    unsigned nt = 0;
    uint8_t *t, *r;
    uint32_t len;

    memset(&b, 0, sizeof b);
    b.rsdp = acpi_img_alloc(m, 36);

    /* MADT: header, GIC address, flags, then GICCs, GICD, an ITS, GICR. */
    len = 44 + o->cpus * 80 + 24 + 20 + (o->gicr ? 16 : 0);
    b.madt = acpi_new_table(m, "APIC", len, 4);
    t = acpi_img_at(m, b.madt);
    {
        uint8_t *e = t + 44;
        for (unsigned i = 0; i < o->cpus; i++, e += 80) {
            e[0] = 0x0b;
            e[1] = 80;
            acpi_put32(e + 4, i);
            acpi_put32(e + 8, i);
            acpi_put32(e + 12, (o->disabled_cpus >> i) & 1 ? 0 : 1);
            acpi_put64(e + 32, AB_GICC);
            /* Two clusters of four; bit 31 (RES1 in MPIDR_EL1) set as
             * some firmware does. */
            acpi_put64(e + 68, 0x80000000ull | (uint64_t)(i / 4) << 8 | (i % 4));
        }
        e[0] = 0x0c;
        e[1] = 24;
        acpi_put64(e + 8, AB_GICD);
        e[20] = o->gicd_version;
        e += 24;
        e[0] = 0x0f; /* GIC ITS: not ours, skipped */
        e[1] = 20;
        acpi_put64(e + 8, 0x08080000);
        e += 20;
        if (o->gicr) {
            e[0] = 0x0e;
            e[1] = 16;
            acpi_put64(e + 4, AB_GICR);
            acpi_put32(e + 12, AB_GICR_LEN);
        }
    }
    acpi_seal(m, b.madt);
    tables[nt++] = b.madt;

    if (o->gtdt) {
        b.gtdt = acpi_new_table(m, "GTDT", 104, 3);
        t = acpi_img_at(m, b.gtdt);
        acpi_put64(t + 36, ~0ull);
        acpi_put32(t + 48, 29);
        acpi_put32(t + 56, 30);
        acpi_put32(t + 64, 27);
        acpi_put32(t + 72, 26);
        acpi_put64(t + 80, ~0ull);
        acpi_seal(m, b.gtdt);
        tables[nt++] = b.gtdt;
    }
    if (o->spcr) {
        b.spcr = acpi_new_table(m, "SPCR", 80, o->spcr_revision ? o->spcr_revision : 2);
        t = acpi_img_at(m, b.spcr);
        t[36] = o->spcr_type;
        t[40] = 0; /* system memory */
        t[41] = 32;
        t[43] = 3;
        acpi_put64(t + 44, AB_UART);
        t[52] = 8; /* ARMH GIC */
        acpi_put32(t + 54, 33);
        t[58] = 7; /* 115200 */
        acpi_put16(t + 64, 0xffff);
        acpi_put16(t + 66, 0xffff);
        if (o->spcr_revision >= 3)
            acpi_put32(t + 76, 24000000);
        acpi_seal(m, b.spcr);
        tables[nt++] = b.spcr;
    }
    if (o->fadt) {
        b.fadt = acpi_new_table(m, "FACP", 276, 6);
        t = acpi_img_at(m, b.fadt);
        acpi_put32(t + 112, 1u << 20); /* HW_REDUCED_ACPI */
        acpi_put16(t + 129, o->fadt_arm_flags);
        t[131] = 3;
        acpi_seal(m, b.fadt);
        tables[nt++] = b.fadt;
    }

    if (o->rsdp_revision >= 2) {
        b.xsdt = acpi_new_table(m, "XSDT", 36 + 8 * nt, 1);
        t = acpi_img_at(m, b.xsdt);
        for (unsigned i = 0; i < nt; i++)
            acpi_put64(t + 36 + 8 * i, tables[i]);
        acpi_seal(m, b.xsdt);
    }
    if (o->rsdp_revision < 2 || o->rsdt) {
        b.rsdt = acpi_new_table(m, "RSDT", 36 + 4 * nt, 1);
        t = acpi_img_at(m, b.rsdt);
        for (unsigned i = 0; i < nt; i++)
            acpi_put32(t + 36 + 4 * i, (uint32_t)tables[i]);
        acpi_seal(m, b.rsdt);
    }

    r = acpi_img_at(m, b.rsdp);
    memcpy(r, "RSD PTR ", 8);
    memcpy(r + 9, "BOCHS ", 6);
    r[15] = o->rsdp_revision;
    acpi_put32(r + 16, (uint32_t)b.rsdt);
    if (o->rsdp_revision >= 2) {
        acpi_put32(r + 20, 36);
        acpi_put64(r + 24, b.xsdt);
    }
    acpi_seal_rsdp(m, b.rsdp);
    return b;
}

/* QEMU virt with a GICv2, 4 CPUs, every table, PSCI over HVC. */
static ACPI_UNUSED struct acpi_opts acpi_opts_virt(void)
{
    struct acpi_opts o;

    memset(&o, 0, sizeof o);
    o.rsdp_revision = 2;
    o.cpus = 4;
    o.gicd_version = 2;
    o.gtdt = o.spcr = o.fadt = true;
    o.spcr_type = 3;
    o.spcr_revision = 2;
    o.fadt_arm_flags = 3;
    return o;
}

#endif
