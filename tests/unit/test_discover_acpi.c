/*
 * tests/unit/test_discover_acpi.c — platform_from_acpi() on synthetic
 * tables (tests/unit/acpi_build.h) shaped like QEMU virt's, and on broken
 * ones: checksums, lengths, zero-length MADT entries, unmapped pointers.
 */
#include "acpi_build.h"
#include "harness.h"

#include <keel/platform.h>

#include <abi/errno.h>

/* CHECK_STR on a struct member makes GCC's -Wformat-truncation guess the
 * member runs to the end of the struct; an opaque identity hides that. */
__attribute__((noinline)) static const char *text(const char *s)
{
    return s;
}

#define IMG_BASE 0x7f000000ull
#define IMG_SIZE 0x10000u

struct acpi_case {
    struct acpi_img img;
    struct acpi_built b;
    struct platform p;
    const char *why;
};

static void build(struct acpi_case *c, const struct acpi_opts *o)
{
    memset(c, 0, sizeof *c);
    acpi_img_init(&c->img, IMG_BASE, IMG_SIZE);
    c->b = acpi_build(&c->img, o);
}

static int run(struct acpi_case *c)
{
    c->why = NULL;
    return platform_from_acpi(&c->p, c->b.rsdp, acpi_img_map, &c->img, &c->why);
}

static void done(struct acpi_case *c)
{
    acpi_img_free(&c->img);
}

static struct acpi_case *case_buf(void)
{
    static struct acpi_case c;
    return &c;
}

TEST(acpi_virt_gicv2)
{
    struct acpi_case *c = case_buf();
    struct acpi_opts o = acpi_opts_virt();

    o.disabled_cpus = 1u << 2;
    build(c, &o);
    REQUIRE(run(c) == 0);
    CHECK_STR(text(c->p.source), "acpi");
    CHECK_STR(text(c->p.model), "BOCHS");
    CHECK_EQ(c->p.gic_version, 2);
    CHECK_EQ(c->p.gicd_base, AB_GICD);
    CHECK_EQ(c->p.gicc_base, AB_GICC);
    CHECK_EQ(c->p.gicr_base, 0);
    CHECK_EQ(c->p.cpu_count, 3);
    CHECK_EQ(c->p.cpus[0].mpidr, 0);
    CHECK_EQ(c->p.cpus[1].mpidr, 1);
    CHECK_EQ(c->p.cpus[2].mpidr, 3); /* GICC 2 is disabled */
    CHECK_EQ(c->p.cpus[2].enable, CPU_ENABLE_PSCI);
    CHECK_EQ(c->p.timer_irq_phys, 30);
    CHECK_EQ(c->p.timer_irq_virt, 27);
    CHECK_EQ(c->p.uart, UART_PL011);
    CHECK_EQ(c->p.uart_base, AB_UART);
    CHECK_EQ(c->p.uart_irq, 33);
    CHECK_EQ(c->p.uart_clock_hz, 0);
    CHECK_EQ(c->p.psci, PSCI_HVC);
    CHECK_EQ(c->p.mem_count, 0); /* from the EFI memory map, not here */
    CHECK_EQ(c->p.reserved_count, 0);
    done(c);
}

TEST(acpi_virt_gicv3_many_cpus)
{
    struct acpi_case *c = case_buf();
    struct acpi_opts o = acpi_opts_virt();

    o.cpus = 8;
    o.gicd_version = 3;
    o.gicr = true;
    o.fadt_arm_flags = 1; /* PSCI over SMC */
    o.spcr_type = 0x0e;   /* SBSA generic UART */
    o.spcr_revision = 3;
    build(c, &o);
    REQUIRE(run(c) == 0);
    CHECK_EQ(c->p.gic_version, 3);
    CHECK_EQ(c->p.gicd_base, AB_GICD);
    CHECK_EQ(c->p.gicr_base, AB_GICR);
    CHECK_EQ(c->p.gicr_size, AB_GICR_LEN);
    CHECK_EQ(c->p.gicc_base, 0);
    CHECK_EQ(c->p.psci, PSCI_SMC);
    REQUIRE(c->p.cpu_count == 8);
    CHECK_EQ(c->p.cpus[5].mpidr, 0x101); /* Aff1 = 1, Aff0 = 1; bit 31 dropped */
    CHECK_EQ(c->p.uart, UART_PL011);
    CHECK_EQ(c->p.uart_clock_hz, 24000000);
    done(c);
}

TEST(acpi_gic_version_inferred)
{
    struct acpi_case *c = case_buf();
    struct acpi_opts o = acpi_opts_virt();

    o.gicd_version = 0;
    build(c, &o);
    REQUIRE(run(c) == 0);
    CHECK_EQ(c->p.gic_version, 2);
    done(c);

    o.gicr = true;
    build(c, &o);
    REQUIRE(run(c) == 0);
    CHECK_EQ(c->p.gic_version, 3);
    CHECK_EQ(c->p.gicr_base, AB_GICR);
    done(c);

    o.gicd_version = 4; /* GICv4: programmed as v3 */
    build(c, &o);
    REQUIRE(run(c) == 0);
    CHECK_EQ(c->p.gic_version, 3);
    done(c);
}

TEST(acpi_optional_tables)
{
    struct acpi_case *c = case_buf();
    struct acpi_opts o = acpi_opts_virt();

    o.gtdt = o.spcr = o.fadt = false;
    build(c, &o);
    REQUIRE(run(c) == 0);
    CHECK_EQ(c->p.cpu_count, 4);
    CHECK_EQ(c->p.timer_irq_phys, 0);
    CHECK_EQ(c->p.uart, UART_NONE);
    CHECK_EQ(c->p.psci, PSCI_NONE);
    CHECK_EQ(c->p.cpus[0].enable, CPU_ENABLE_NONE);
    done(c);

    o = acpi_opts_virt();
    o.spcr_type = 0;      /* a 16550: not ours */
    o.fadt_arm_flags = 0; /* no PSCI */
    build(c, &o);
    REQUIRE(run(c) == 0);
    CHECK_EQ(c->p.uart, UART_NONE);
    CHECK_EQ(c->p.psci, PSCI_NONE);
    done(c);

    o = acpi_opts_virt(); /* an old, short FADT */
    build(c, &o);
    acpi_put32(acpi_img_at(&c->img, c->b.fadt) + 4, 116);
    acpi_seal(&c->img, c->b.fadt);
    REQUIRE(run(c) == 0);
    CHECK_EQ(c->p.psci, PSCI_NONE);
    done(c);

    o = acpi_opts_virt(); /* SPCR in I/O space */
    build(c, &o);
    acpi_img_at(&c->img, c->b.spcr)[40] = 1;
    acpi_seal(&c->img, c->b.spcr);
    REQUIRE(run(c) == 0);
    CHECK_EQ(c->p.uart, UART_NONE);
    done(c);
}

TEST(acpi_rsdt_paths)
{
    struct acpi_case *c = case_buf();
    struct acpi_opts o = acpi_opts_virt();

    o.rsdp_revision = 0; /* ACPI 1.0 RSDP */
    build(c, &o);
    REQUIRE(run(c) == 0);
    CHECK_EQ(c->p.gicd_base, AB_GICD);
    CHECK_EQ(c->p.uart_base, AB_UART);
    done(c);

    /* XSDT unmapped: without an RSDT an error, with one a fallback. */
    o = acpi_opts_virt();
    o.rsdt = true;
    build(c, &o);
    {
        uint8_t *r = acpi_img_at(&c->img, c->b.rsdp);
        acpi_put64(r + 24, 0xdead0000);
        acpi_seal_rsdp(&c->img, c->b.rsdp);
    }
    REQUIRE(run(c) == 0);
    CHECK_EQ(c->p.cpu_count, 4);
    CHECK_EQ(c->p.timer_irq_virt, 27);
    {
        uint8_t *r = acpi_img_at(&c->img, c->b.rsdp);
        acpi_put32(r + 16, 0);
        acpi_seal_rsdp(&c->img, c->b.rsdp);
    }
    CHECK_EQ(run(c), -EFAULT);
    CHECK(c->why && strstr(c->why, "XSDT not mapped"));
    done(c);

    /* Neither table. */
    o = acpi_opts_virt();
    build(c, &o);
    {
        uint8_t *r = acpi_img_at(&c->img, c->b.rsdp);
        acpi_put64(r + 24, 0);
        acpi_seal_rsdp(&c->img, c->b.rsdp);
    }
    CHECK_EQ(run(c), -ENOENT);
    CHECK(c->why != NULL);
    done(c);
}

TEST(acpi_rsdp_rejects)
{
    struct acpi_case *c = case_buf();
    struct acpi_opts o = acpi_opts_virt();
    uint8_t *r;

    build(c, &o);
    r = acpi_img_at(&c->img, c->b.rsdp);
    r[0] = 'r';
    CHECK_EQ(run(c), -EINVAL);
    CHECK(c->why && strstr(c->why, "signature"));
    r[0] = 'R';
    r[9] ^= 1; /* OEM id: both checksums off */
    CHECK_EQ(run(c), -EINVAL);
    CHECK(c->why && strstr(c->why, "RSDP checksum"));
    r[9] ^= 1;
    r[33] = 1; /* reserved: extended checksum off */
    CHECK_EQ(run(c), -EINVAL);
    CHECK(c->why && strstr(c->why, "extended checksum"));
    r[33] = 0;
    acpi_put32(r + 20, 20); /* length below 36 */
    acpi_seal_rsdp(&c->img, c->b.rsdp);
    CHECK_EQ(run(c), -EINVAL);
    CHECK_EQ(platform_from_acpi(&c->p, 0x1000, acpi_img_map, &c->img, &c->why), -EFAULT);
    CHECK_EQ(platform_from_acpi(&c->p, IMG_BASE + IMG_SIZE - 10, acpi_img_map, &c->img, &c->why),
             -EFAULT);
    CHECK_EQ(platform_from_acpi(&c->p, IMG_BASE, NULL, NULL, &c->why), -EINVAL);
    done(c);
}

TEST(acpi_table_rejects)
{
    struct acpi_case *c = case_buf();
    struct acpi_opts o = acpi_opts_virt();
    uint8_t *t;

    build(c, &o);
    t = acpi_img_at(&c->img, c->b.madt);
    t[50] ^= 0x40; /* bad MADT checksum */
    CHECK_EQ(run(c), -EINVAL);
    CHECK(c->why && strstr(c->why, "MADT checksum"));
    t[50] ^= 0x40;
    REQUIRE(run(c) == 0);

    t = acpi_img_at(&c->img, c->b.xsdt); /* bad XSDT checksum */
    t[9]++;
    CHECK_EQ(run(c), -EINVAL);
    CHECK(c->why && strstr(c->why, "XSDT checksum"));
    t[9]--;

    t = acpi_img_at(&c->img, c->b.gtdt); /* GTDT length below the header */
    acpi_put32(t + 4, 20);
    acpi_seal(&c->img, c->b.gtdt);
    CHECK_EQ(run(c), -EINVAL);
    CHECK(c->why && strstr(c->why, "GTDT length"));
    acpi_put32(t + 4, 60); /* long enough for a header only */
    acpi_seal(&c->img, c->b.gtdt);
    CHECK_EQ(run(c), -EINVAL);
    CHECK(c->why && strstr(c->why, "GTDT too short"));
    acpi_put32(t + 4, 0x01000000); /* beyond the sane bound */
    CHECK_EQ(run(c), -EINVAL);
    acpi_put32(t + 4, IMG_SIZE); /* beyond mapped memory */
    CHECK_EQ(run(c), -EFAULT);
    CHECK(c->why && strstr(c->why, "GTDT not mapped"));
    acpi_put32(t + 4, 104);
    acpi_seal(&c->img, c->b.gtdt);
    REQUIRE(run(c) == 0);

    t = acpi_img_at(&c->img, c->b.spcr); /* SPCR checksum */
    t[44]++;
    CHECK_EQ(run(c), -EINVAL);
    CHECK(c->why && strstr(c->why, "SPCR"));
    t[44]--;
    t = acpi_img_at(&c->img, c->b.fadt); /* FADT checksum */
    t[129] ^= 2;
    CHECK_EQ(run(c), -EINVAL);
    CHECK(c->why && strstr(c->why, "FADT"));
    done(c);
}

TEST(acpi_madt_entry_rejects)
{
    struct acpi_case *c = case_buf();
    struct acpi_opts o = acpi_opts_virt();
    uint8_t *t;
    uint32_t len;

    build(c, &o);
    t = acpi_img_at(&c->img, c->b.madt);
    len = acpi_get32(t + 4);

    t[44 + 80 + 1] = 0; /* zero-length second GICC */
    acpi_seal(&c->img, c->b.madt);
    CHECK_EQ(run(c), -EINVAL);
    CHECK(c->why && strstr(c->why, "length < 2"));
    t[44 + 80 + 1] = 1;
    acpi_seal(&c->img, c->b.madt);
    CHECK_EQ(run(c), -EINVAL);
    t[44 + 80 + 1] = 60; /* a GICC shorter than ACPI 5.1's */
    acpi_seal(&c->img, c->b.madt);
    CHECK_EQ(run(c), -EINVAL);
    CHECK(c->why && strstr(c->why, "GICC entry too short"));
    t[44 + 80 + 1] = 80;

    acpi_put32(t + 4, 44 + 80 + 40); /* table ends inside the second GICC */
    acpi_seal(&c->img, c->b.madt);
    CHECK_EQ(run(c), -EINVAL);
    CHECK(c->why && strstr(c->why, "runs past"));
    acpi_put32(t + 4, 44 + 80 + 1); /* ... inside an entry header */
    acpi_seal(&c->img, c->b.madt);
    CHECK_EQ(run(c), -EINVAL);
    acpi_put32(t + 4, 40); /* shorter than the MADT's fields */
    acpi_seal(&c->img, c->b.madt);
    CHECK_EQ(run(c), -EINVAL);
    CHECK(c->why && strstr(c->why, "MADT too short"));
    acpi_put32(t + 4, 44); /* no entries: valid, no GIC */
    acpi_seal(&c->img, c->b.madt);
    REQUIRE(run(c) == 0);
    CHECK_EQ(c->p.gic_version, 0);
    CHECK_EQ(c->p.cpu_count, 0);
    acpi_put32(t + 4, len);
    acpi_seal(&c->img, c->b.madt);
    REQUIRE(run(c) == 0);

    /* A short GICD. */
    t[44 + 4 * 80 + 1] = 20;
    acpi_seal(&c->img, c->b.madt);
    CHECK_EQ(run(c), -EINVAL);
    CHECK(c->why && strstr(c->why, "GICD"));
    done(c);
}

TEST(acpi_missing_or_unmapped_tables)
{
    struct acpi_case *c = case_buf();
    struct acpi_opts o = acpi_opts_virt();
    uint8_t *x;

    build(c, &o);
    x = acpi_img_at(&c->img, c->b.xsdt);
    acpi_put64(x + 36 + 8, 0xdead0000); /* the GTDT entry: unmapped, skipped */
    acpi_seal(&c->img, c->b.xsdt);
    REQUIRE(run(c) == 0);
    CHECK_EQ(c->p.timer_irq_phys, 0);
    CHECK_EQ(c->p.uart_base, AB_UART);
    acpi_put64(x + 36, 0); /* the MADT entry: gone */
    acpi_seal(&c->img, c->b.xsdt);
    CHECK_EQ(run(c), -ENOENT);
    CHECK(c->why && strstr(c->why, "MADT"));
    acpi_put32(x + 4, IMG_SIZE * 2); /* the XSDT runs off memory */
    CHECK_EQ(run(c), -EFAULT);
    done(c);
}

TEST(acpi_corrupted)
{
    struct acpi_case *c = case_buf();
    struct acpi_opts o = acpi_opts_virt();
    uint8_t *orig;
    uint64_t rng = 0x243f6a8885a308d3ull;
    size_t used;
    int ok = 0;

    o.gicr = true;
    o.rsdt = true;
    build(c, &o);
    used = c->img.used;
    orig = malloc(used);
    REQUIRE(orig);
    memcpy(orig, c->img.mem, used);
    for (int iter = 0; iter < 20000; iter++) {
        memcpy(c->img.mem, orig, used);
        for (int i = 0; i < 1 + iter % 3; i++) {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            c->img.mem[(rng >> 8) % used] = (uint8_t)(rng >> 40);
        }
        /* Half the time, repair every checksum so the parsers see the damage. */
        if (iter % 2) {
            uint64_t tabs[] = {c->b.xsdt, c->b.rsdt, c->b.madt, c->b.gtdt, c->b.spcr, c->b.fadt};
            for (size_t k = 0; k < sizeof tabs / sizeof tabs[0]; k++) {
                uint8_t *t = acpi_img_at(&c->img, tabs[k]);
                uint32_t l = acpi_get32(t + 4);
                if (l >= 36 && l <= IMG_SIZE - (tabs[k] - IMG_BASE))
                    acpi_seal(&c->img, tabs[k]);
            }
            if (acpi_get32(acpi_img_at(&c->img, c->b.rsdp) + 20) <= 64)
                acpi_seal_rsdp(&c->img, c->b.rsdp);
        }
        {
            int r = run(c);
            CHECK(r <= 0);
            if (r < 0)
                CHECK(c->why != NULL);
            else
                ok++;
            CHECK(c->p.cpu_count <= PLATFORM_MAX_CPUS);
        }
    }
    CHECK(ok > 0);
    free(orig);
    done(c);
}
