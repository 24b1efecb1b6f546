/*
 * kernel/discover_acpi.c — fill struct platform from the ACPI tables (ACPI
 * 6.x: RSDP, XSDT/RSDT, MADT, GTDT, SPCR, FADT); see platform_from_acpi()
 * in keel/platform.h.
 *
 * All table data is read byte by byte (little-endian, any alignment) and
 * every read is checked against the length the table declares, which is
 * itself checked against ACPI_TABLE_MAX and covered by the caller's map().
 */
#include <keel/platform.h>
#include <keel/string.h>

#include <abi/errno.h>

#define ACPI_HDR_LEN 36u
#define ACPI_TABLE_MAX (1u << 20) /* a sane bound for any table we read */
#define RSDP_V1_LEN 20u
#define RSDP_V2_LEN 36u

/* MADT */
#define MADT_ENTRIES 44u
#define MADT_GICC 0x0b
#define MADT_GICD 0x0c
#define MADT_GICR 0x0e
#define GICC_MIN_LEN 76u /* ACPI 5.1 */
#define GICC_FLAGS 12
#define GICC_BASE 32
#define GICC_MPIDR 68
#define GICC_ENABLED 1u
#define GICD_MIN_LEN 24u
#define GICD_BASE 8
#define GICD_VERSION 20
#define GICR_MIN_LEN 16u
#define GICR_BASE 4
#define GICR_LENGTH 12
#define MPIDR_AFF_MASK 0xff00ffffffull /* Aff3, Aff2, Aff1, Aff0 */

/* GTDT */
#define GTDT_NS_EL1_GSIV 56
#define GTDT_VIRT_EL1_GSIV 64

/* SPCR */
#define SPCR_TYPE 36
#define SPCR_GAS 40 /* space id; address at +4 */
#define SPCR_INT_TYPE 52
#define SPCR_GSIV 54
#define SPCR_CLOCK 76 /* revision >= 3 */
#define SPCR_TYPE_PL011 0x03
#define SPCR_TYPE_SBSA_32BIT 0x0d
#define SPCR_TYPE_SBSA 0x0e
#define SPCR_INT_GIC 0x08

/* FADT */
#define FADT_ARM_BOOT_FLAGS 129
#define FADT_PSCI_COMPLIANT 1u
#define FADT_PSCI_USE_HVC 2u

typedef const void *(*acpi_map_fn)(uint64_t phys, size_t len, void *ctx);

struct acpi {
    acpi_map_fn map;
    void *ctx;
    const char **why;
};

static int fail(const struct acpi *a, const char *reason, int err)
{
    if (a->why)
        *a->why = reason;
    return err;
}

static uint16_t le16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
    return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static uint8_t sum8(const uint8_t *p, size_t n)
{
    uint8_t s = 0;

    while (n--)
        s = (uint8_t)(s + *p++);
    return s;
}

static const uint8_t *map(const struct acpi *a, uint64_t phys, size_t len)
{
    if (phys == 0 || phys + len < phys)
        return NULL;
    return a->map(phys, len, a->ctx);
}

/* The reasons table() gives, per table. */
struct table_msgs {
    const char *unmapped, *sig, *length, *checksum;
};

/*
 * table: map the whole table at `phys` and check its header: signature
 * `sig`, ACPI_HDR_LEN <= length <= ACPI_TABLE_MAX, checksum.  Returns 0
 * with *out and *len set, or a negative errno with the reason from `m`.
 */
static int table(const struct acpi *a, uint64_t phys, const char *sig, const struct table_msgs *m,
                 const uint8_t **out, uint32_t *len)
{
    const uint8_t *t = map(a, phys, ACPI_HDR_LEN);
    uint32_t l;

    if (!t)
        return fail(a, m->unmapped, -EFAULT);
    if (memcmp(t, sig, 4) != 0)
        return fail(a, m->sig, -EINVAL);
    l = le32(t + 4);
    if (l < ACPI_HDR_LEN || l > ACPI_TABLE_MAX)
        return fail(a, m->length, -EINVAL);
    t = map(a, phys, l);
    if (!t)
        return fail(a, m->unmapped, -EFAULT);
    if (memcmp(t, sig, 4) != 0 || le32(t + 4) != l)
        return fail(a, m->sig, -EINVAL);
    if (sum8(t, l) != 0)
        return fail(a, m->checksum, -EINVAL);
    *out = t;
    *len = l;
    return 0;
}

#define MSGS(name)                                                                                 \
    {                                                                                              \
        "acpi: " name " not mapped", "acpi: " name " has the wrong signature",                     \
            "acpi: " name " length out of range", "acpi: " name " checksum mismatch"               \
    }

static const struct table_msgs xsdt_msgs = MSGS("XSDT");
static const struct table_msgs rsdt_msgs = MSGS("RSDT");
static const struct table_msgs madt_msgs = MSGS("MADT");
static const struct table_msgs gtdt_msgs = MSGS("GTDT");
static const struct table_msgs spcr_msgs = MSGS("SPCR");
static const struct table_msgs fadt_msgs = MSGS("FADT");

/* --- RSDP ---------------------------------------------------------------- */

/* Validate the RSDP; *xsdt (0 before ACPI 2.0) and *rsdt get its pointers. */
static int parse_rsdp(const struct acpi *a, uint64_t rsdp, uint64_t *xsdt, uint64_t *rsdt)
{
    const uint8_t *r = map(a, rsdp, RSDP_V1_LEN);
    uint32_t len;

    if (!r)
        return fail(a, "acpi: RSDP not mapped", -EFAULT);
    if (memcmp(r, "RSD PTR ", 8) != 0)
        return fail(a, "acpi: RSDP has the wrong signature", -EINVAL);
    if (sum8(r, RSDP_V1_LEN) != 0)
        return fail(a, "acpi: RSDP checksum mismatch", -EINVAL);
    *rsdt = le32(r + 16);
    *xsdt = 0;
    if (r[15] < 2)
        return 0; /* ACPI 1.0: RSDT only */
    r = map(a, rsdp, RSDP_V2_LEN);
    if (!r)
        return fail(a, "acpi: RSDP not mapped", -EFAULT);
    len = le32(r + 20);
    if (len < RSDP_V2_LEN || len > 4096)
        return fail(a, "acpi: RSDP length out of range", -EINVAL);
    r = map(a, rsdp, len);
    if (!r)
        return fail(a, "acpi: RSDP not mapped", -EFAULT);
    if (sum8(r, len) != 0)
        return fail(a, "acpi: RSDP extended checksum mismatch", -EINVAL);
    *xsdt = le64(r + 24);
    return 0;
}

/* --- The tables we read -------------------------------------------------- */

struct found {
    bool madt, gtdt, spcr, fadt;
    bool gicr_seen;
    unsigned gicd_version; /* GICD's field; 0 = not given */
    bool gicd_seen;
};

static int parse_madt(struct platform *p, struct found *fd, const struct acpi *a, const uint8_t *t,
                      uint32_t len)
{
    uint32_t off = MADT_ENTRIES;

    if (len < MADT_ENTRIES)
        return fail(a, "acpi: MADT too short", -EINVAL);
    while (off < len) {
        const uint8_t *e = t + off;
        uint32_t elen;

        if (len - off < 2)
            return fail(a, "acpi: MADT entry header runs past the table", -EINVAL);
        elen = e[1];
        if (elen < 2)
            return fail(a, "acpi: MADT entry with length < 2", -EINVAL);
        if (elen > len - off)
            return fail(a, "acpi: MADT entry runs past the table", -EINVAL);
        switch (e[0]) {
        case MADT_GICC:
            if (elen < GICC_MIN_LEN)
                return fail(a, "acpi: MADT GICC entry too short", -EINVAL);
            if (p->gicc_base == 0)
                p->gicc_base = le64(e + GICC_BASE);
            if ((le32(e + GICC_FLAGS) & GICC_ENABLED) && p->cpu_count < PLATFORM_MAX_CPUS) {
                p->cpus[p->cpu_count].mpidr = le64(e + GICC_MPIDR) & MPIDR_AFF_MASK;
                p->cpu_count++;
            }
            break;
        case MADT_GICD:
            if (elen < GICD_MIN_LEN)
                return fail(a, "acpi: MADT GICD entry too short", -EINVAL);
            if (!fd->gicd_seen) {
                fd->gicd_seen = true;
                p->gicd_base = le64(e + GICD_BASE);
                fd->gicd_version = e[GICD_VERSION];
            }
            break;
        case MADT_GICR:
            if (elen < GICR_MIN_LEN)
                return fail(a, "acpi: MADT GICR entry too short", -EINVAL);
            if (!fd->gicr_seen) {
                fd->gicr_seen = true;
                p->gicr_base = le64(e + GICR_BASE);
                p->gicr_size = le32(e + GICR_LENGTH);
            }
            break;
        default:
            break;
        }
        off += elen;
    }
    return 0;
}

static int parse_gtdt(struct platform *p, const struct acpi *a, const uint8_t *t, uint32_t len)
{
    if (len < GTDT_VIRT_EL1_GSIV + 4)
        return fail(a, "acpi: GTDT too short", -EINVAL);
    p->timer_irq_phys = le32(t + GTDT_NS_EL1_GSIV);
    p->timer_irq_virt = le32(t + GTDT_VIRT_EL1_GSIV);
    return 0;
}

static int parse_spcr(struct platform *p, const struct acpi *a, const uint8_t *t, uint32_t len)
{
    uint8_t type;
    uint64_t base;

    if (len < SPCR_GSIV + 4)
        return fail(a, "acpi: SPCR too short", -EINVAL);
    type = t[SPCR_TYPE];
    base = le64(t + SPCR_GAS + 4);
    if (type != SPCR_TYPE_PL011 && type != SPCR_TYPE_SBSA && type != SPCR_TYPE_SBSA_32BIT)
        return 0; /* a UART we do not drive: no console from ACPI */
    if (t[SPCR_GAS] != 0 || base == 0)
        return 0; /* not in system memory, or redirection disabled */
    p->uart = UART_PL011;
    p->uart_base = base;
    if (t[SPCR_INT_TYPE] & SPCR_INT_GIC)
        p->uart_irq = le32(t + SPCR_GSIV);
    if (t[8] >= 3 && len >= SPCR_CLOCK + 4)
        p->uart_clock_hz = le32(t + SPCR_CLOCK);
    return 0;
}

static void parse_fadt(struct platform *p, const uint8_t *t, uint32_t len)
{
    uint16_t flags;

    if (len < FADT_ARM_BOOT_FLAGS + 2)
        return; /* before ACPI 5.1: no ARM boot flags */
    flags = le16(t + FADT_ARM_BOOT_FLAGS);
    if (flags & FADT_PSCI_COMPLIANT)
        p->psci = (flags & FADT_PSCI_USE_HVC) ? PSCI_HVC : PSCI_SMC;
}

/* Look at one root-table entry; parse it if it is a table we want. */
static int visit(struct platform *p, struct found *fd, const struct acpi *a, uint64_t phys)
{
    const uint8_t *h = map(a, phys, ACPI_HDR_LEN);
    const uint8_t *t;
    uint32_t len;
    int r;

    if (!h)
        return 0; /* an entry we cannot see; the checks below catch a missing MADT */
    if (memcmp(h, "APIC", 4) == 0 && !fd->madt) {
        fd->madt = true;
        r = table(a, phys, "APIC", &madt_msgs, &t, &len);
        return r < 0 ? r : parse_madt(p, fd, a, t, len);
    }
    if (memcmp(h, "GTDT", 4) == 0 && !fd->gtdt) {
        fd->gtdt = true;
        r = table(a, phys, "GTDT", &gtdt_msgs, &t, &len);
        return r < 0 ? r : parse_gtdt(p, a, t, len);
    }
    if (memcmp(h, "SPCR", 4) == 0 && !fd->spcr) {
        fd->spcr = true;
        r = table(a, phys, "SPCR", &spcr_msgs, &t, &len);
        return r < 0 ? r : parse_spcr(p, a, t, len);
    }
    if (memcmp(h, "FACP", 4) == 0 && !fd->fadt) {
        fd->fadt = true;
        r = table(a, phys, "FACP", &fadt_msgs, &t, &len);
        if (r < 0)
            return r;
        parse_fadt(p, t, len);
    }
    return 0;
}

/* Copy the 6-byte OEM ID at `oem`, without trailing spaces, into model. */
static void set_model(struct platform *p, const uint8_t *oem)
{
    size_t n = 6;

    while (n > 0 && (oem[n - 1] == ' ' || oem[n - 1] == '\0'))
        n--;
    for (size_t i = 0; i < n; i++)
        p->model[i] = (oem[i] >= 0x20 && oem[i] < 0x7f) ? (char)oem[i] : '?';
    p->model[n] = '\0';
}

int platform_from_acpi(struct platform *p, uint64_t rsdp,
                       const void *(*map_fn)(uint64_t phys, size_t len, void *ctx), void *ctx,
                       const char **why)
{
    struct acpi a = {map_fn, ctx, why};
    struct found fd;
    uint64_t xsdt, rsdt, root = 0;
    const uint8_t *t = NULL;
    uint32_t len = 0, count, esize = 8;
    int r;

    memset(p, 0, sizeof *p);
    memset(&fd, 0, sizeof fd);
    p->source = "acpi";
    if (!map_fn)
        return fail(&a, "acpi: no map function", -EINVAL);
    r = parse_rsdp(&a, rsdp, &xsdt, &rsdt);
    if (r < 0)
        return r;

    r = -ENOENT;
    if (xsdt) {
        r = table(&a, xsdt, "XSDT", &xsdt_msgs, &t, &len);
        root = xsdt;
        esize = 8;
    }
    if (r < 0 && rsdt) {
        /* No usable XSDT: the RSDT lists the same tables. */
        const char *xsdt_why = why ? *why : NULL;
        int xr = r;

        r = table(&a, rsdt, "RSDT", &rsdt_msgs, &t, &len);
        root = rsdt;
        esize = 4;
        if (r < 0 && xsdt) {
            r = xr;
            if (why)
                *why = xsdt_why;
        }
    }
    if (r < 0)
        return r == -ENOENT ? fail(&a, "acpi: RSDP names neither an XSDT nor an RSDT", r) : r;
    set_model(p, t + 10);
    count = (len - ACPI_HDR_LEN) / esize;

    for (uint32_t i = 0; i < count; i++) {
        /* Re-map the entry each time: map() results are only valid until
         * the next call. */
        const uint8_t *e = map(&a, root + ACPI_HDR_LEN + (uint64_t)i * esize, esize);
        uint64_t phys;

        if (!e)
            return fail(&a, "acpi: root table not mapped", -EFAULT);
        phys = esize == 8 ? le64(e) : le32(e);
        r = visit(p, &fd, &a, phys);
        if (r < 0)
            return r;
    }
    if (!fd.madt)
        return fail(&a, "acpi: no MADT (APIC) table", -ENOENT);

    if (fd.gicd_seen) {
        switch (fd.gicd_version) {
        case 0:
            p->gic_version = fd.gicr_seen ? 3 : 2;
            break;
        case 1:
        case 2:
            p->gic_version = 2;
            break;
        case 3:
        case 4:
            p->gic_version = 3;
            break;
        default:
            p->gic_version = 0;
            break;
        }
    }
    if (p->gic_version != 2)
        p->gicc_base = 0;
    if (p->gic_version != 3)
        p->gicr_base = p->gicr_size = 0;
    for (unsigned i = 0; i < p->cpu_count; i++)
        p->cpus[i].enable = p->psci != PSCI_NONE ? CPU_ENABLE_PSCI : CPU_ENABLE_NONE;
    return 0;
}
