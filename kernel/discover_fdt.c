/*
 * kernel/discover_fdt.c — fill struct platform from a flattened device
 * tree; see platform_from_fdt() in keel/platform.h.
 */
#include <keel/fdt.h>
#include <keel/platform.h>
#include <keel/string.h>

#include <abi/errno.h>

static int fail(const char **why, const char *reason, int err)
{
    if (why)
        *why = reason;
    return err;
}

/* Copy a property's string into dst[0..size), NUL-terminated, truncated. */
static void copy_prop_string(char *dst, size_t size, const void *v, uint32_t len)
{
    size_t n;

    if (!v || size == 0)
        return;
    n = strnlen(v, len);
    if (n > size - 1)
        n = size - 1;
    memcpy(dst, v, n);
    dst[n] = '\0';
}

/* Whether node's "compatible" has a string starting with `prefix`. */
static bool compatible_prefix(const struct fdt *f, int node, const char *prefix)
{
    uint32_t len;
    const char *p = fdt_getprop(f, node, "compatible", &len);
    size_t plen = strlen(prefix);

    if (!p)
        return false;
    while (len > 0) {
        size_t n = strnlen(p, len);
        if (n == len)
            return false;
        if (n >= plen && memcmp(p, prefix, plen) == 0)
            return true;
        p += n + 1;
        len -= (uint32_t)(n + 1);
    }
    return false;
}

/* --- Memory -------------------------------------------------------------- */

static int find_memory(struct platform *p, const struct fdt *f, const char **why)
{
    int root = fdt_root(f);

    for (int n = fdt_first_child(f, root); n >= 0; n = fdt_next_sibling(f, n)) {
        const char *type = fdt_getprop_string(f, n, "device_type");
        uint64_t base, size;

        if (!type || strcmp(type, "memory") != 0 || !fdt_node_is_enabled(f, n))
            continue;
        for (unsigned i = 0; fdt_reg(f, n, i, &base, &size) == 0; i++) {
            if (platform_add_mem(p, base, size) < 0)
                return fail(why, "fdt: more RAM ranges than PLATFORM_MAX_MEM", -ENOSPC);
        }
    }
    if (p->mem_count == 0)
        return fail(why, "fdt: no memory node (device_type = \"memory\") with a non-empty reg",
                    -ENOENT);
    return 0;
}

static int find_reserved(struct platform *p, const struct fdt *f, const char **why)
{
    uint64_t base, size;
    int rm;

    for (unsigned i = 0; fdt_memreserve(f, i, &base, &size) == 0; i++) {
        if (platform_add_reserved(p, base, size) < 0)
            goto full;
    }
    rm = fdt_path_offset(f, "/reserved-memory");
    if (rm < 0)
        return 0;
    for (int n = fdt_first_child(f, rm); n >= 0; n = fdt_next_sibling(f, n)) {
        if (!fdt_node_is_enabled(f, n))
            continue;
        for (unsigned i = 0;; i++) {
            int r = fdt_reg(f, n, i, &base, &size);
            /* Without a usable "ranges", take the address as it stands:
             * reserving too much is harmless, too little is not. */
            if (r == -ENXIO || r == -EOPNOTSUPP)
                r = fdt_reg_raw(f, n, i, &base, &size);
            if (r < 0)
                break;
            if (platform_add_reserved(p, base, size) < 0)
                goto full;
        }
    }
    return 0;
full:
    return fail(why, "fdt: more reserved ranges than PLATFORM_MAX_RESERVED", -ENOSPC);
}

/* --- Console ------------------------------------------------------------- */

/*
 * The UART's input clock when it can be known without a clock framework:
 * the node's own "clock-frequency", else the "clock-frequency" of a
 * "fixed-clock" named first in its "clocks".  0 otherwise.
 */
static uint32_t uart_clock(const struct fdt *f, int node)
{
    uint32_t hz, len;
    const uint8_t *clocks;
    int clk;

    if (fdt_getprop_u32(f, node, "clock-frequency", &hz) == 0)
        return hz;
    clocks = fdt_getprop(f, node, "clocks", &len);
    if (!clocks || len < 4)
        return 0;
    clk = fdt_find_phandle(f, fdt_be32(clocks));
    if (clk < 0 || !fdt_node_is_compatible(f, clk, "fixed-clock"))
        return 0;
    if (fdt_getprop_u32(f, clk, "clock-frequency", &hz) < 0)
        return 0;
    return hz;
}

static bool try_uart(struct platform *p, const struct fdt *f, int node)
{
    uint64_t base, size;
    uint32_t irq;

    if (node < 0 || !fdt_node_is_compatible(f, node, "arm,pl011") || !fdt_node_is_enabled(f, node))
        return false;
    if (fdt_reg(f, node, 0, &base, &size) < 0)
        return false;
    p->uart = UART_PL011;
    p->uart_base = base;
    if (fdt_irq(f, node, 0, &irq) == 0)
        p->uart_irq = irq;
    p->uart_clock_hz = uart_clock(f, node);
    return true;
}

static void find_uart(struct platform *p, const struct fdt *f)
{
    int chosen = fdt_path_offset(f, "/chosen");

    if (chosen >= 0) {
        const char *path = fdt_getprop_string(f, chosen, "stdout-path");
        if (!path)
            path = fdt_getprop_string(f, chosen, "linux,stdout-path");
        if (path) {
            const char *colon = strchr(path, ':');
            size_t len = colon ? (size_t)(colon - path) : strlen(path);
            if (len && try_uart(p, f, fdt_path_offset_len(f, path, len)))
                return;
        }
    }
    for (int n = fdt_find_compatible(f, -1, "arm,pl011"); n >= 0;
         n = fdt_find_compatible(f, n, "arm,pl011")) {
        if (try_uart(p, f, n))
            return;
    }
}

/* --- Interrupt controller, timer, PSCI ----------------------------------- */

static void find_gic(struct platform *p, const struct fdt *f)
{
    for (int n = fdt_root(f); n >= 0; n = fdt_next_node(f, n, NULL)) {
        unsigned v = fdt_gic_version(f, n);
        uint64_t dist, dsize, second, ssize;

        if (v == 0 || !fdt_node_is_enabled(f, n))
            continue;
        if (fdt_reg(f, n, 0, &dist, &dsize) < 0)
            continue;
        if (fdt_reg(f, n, 1, &second, &ssize) < 0)
            second = ssize = 0;
        p->gic_version = v;
        p->gicd_base = dist;
        if (v == 2) {
            p->gicc_base = second;
        } else {
            p->gicr_base = second;
            p->gicr_size = ssize;
        }
        return;
    }
}

static void find_timer(struct platform *p, const struct fdt *f)
{
    static const char *const compat[] = {"arm,armv8-timer", "arm,armv7-timer"};

    for (size_t c = 0; c < sizeof compat / sizeof compat[0]; c++) {
        for (int n = fdt_find_compatible(f, -1, compat[c]); n >= 0;
             n = fdt_find_compatible(f, n, compat[c])) {
            uint32_t irq, hz;

            if (!fdt_node_is_enabled(f, n))
                continue;
            /* Order: secure phys, non-secure phys, virtual, hypervisor. */
            if (fdt_irq(f, n, 1, &irq) == 0)
                p->timer_irq_phys = irq;
            if (fdt_irq(f, n, 2, &irq) == 0)
                p->timer_irq_virt = irq;
            if (fdt_getprop_u32(f, n, "clock-frequency", &hz) == 0)
                p->timer_freq_hz = hz;
            return;
        }
    }
}

static void find_psci(struct platform *p, const struct fdt *f)
{
    for (int n = fdt_root(f); n >= 0; n = fdt_next_node(f, n, NULL)) {
        const char *method;

        if (!compatible_prefix(f, n, "arm,psci") || !fdt_node_is_enabled(f, n))
            continue;
        method = fdt_getprop_string(f, n, "method");
        if (method && strcmp(method, "hvc") == 0)
            p->psci = PSCI_HVC;
        else if (method && strcmp(method, "smc") == 0)
            p->psci = PSCI_SMC;
        else
            continue;
        return;
    }
}

/* --- CPUs and /chosen ---------------------------------------------------- */

static void find_cpus(struct platform *p, const struct fdt *f)
{
    int cpus = fdt_path_offset(f, "/cpus");
    const char *common;

    if (cpus < 0)
        return;
    common = fdt_getprop_string(f, cpus, "enable-method");
    for (int n = fdt_first_child(f, cpus); n >= 0; n = fdt_next_sibling(f, n)) {
        const char *type = fdt_getprop_string(f, n, "device_type");
        const char *method;
        struct platform_cpu *c;
        uint64_t mpidr, size;

        if (p->cpu_count >= PLATFORM_MAX_CPUS)
            return;
        if (!type || strcmp(type, "cpu") != 0 || !fdt_node_is_enabled(f, n))
            continue;
        if (fdt_reg_raw(f, n, 0, &mpidr, &size) < 0)
            continue;
        c = &p->cpus[p->cpu_count++];
        c->mpidr = mpidr;
        method = fdt_getprop_string(f, n, "enable-method");
        if (!method)
            method = common;
        if (method && strcmp(method, "psci") == 0) {
            c->enable = CPU_ENABLE_PSCI;
        } else if (method && strcmp(method, "spin-table") == 0 &&
                   fdt_getprop_cells(f, n, "cpu-release-addr", &c->release_addr) == 0) {
            c->enable = CPU_ENABLE_SPIN_TABLE;
        } else {
            c->enable = CPU_ENABLE_NONE;
            c->release_addr = 0;
        }
    }
}

static void find_chosen(struct platform *p, const struct fdt *f)
{
    int chosen = fdt_path_offset(f, "/chosen");
    uint64_t start, end;
    uint32_t len;
    const void *v;

    if (chosen < 0)
        return;
    if (fdt_getprop_cells(f, chosen, "linux,initrd-start", &start) == 0 &&
        fdt_getprop_cells(f, chosen, "linux,initrd-end", &end) == 0 && end > start) {
        p->initrd_start = start;
        p->initrd_end = end;
    }
    v = fdt_getprop(f, chosen, "bootargs", &len);
    copy_prop_string(p->bootargs, sizeof p->bootargs, v, len);
}

/* --- Entry point --------------------------------------------------------- */

int platform_from_fdt(struct platform *p, const void *blob, size_t max_size, const char **why)
{
    struct fdt f;
    uint32_t len;
    const void *model;
    int r;

    memset(p, 0, sizeof *p);
    p->source = "fdt";
    r = fdt_init(&f, blob, max_size, why);
    if (r < 0)
        return r;
    model = fdt_getprop(&f, fdt_root(&f), "model", &len);
    copy_prop_string(p->model, sizeof p->model, model, len);

    r = find_memory(p, &f, why);
    if (r < 0)
        return r;
    r = find_reserved(p, &f, why);
    if (r < 0)
        return r;
    find_uart(p, &f);
    find_gic(p, &f);
    find_timer(p, &f);
    find_psci(p, &f);
    find_cpus(p, &f);
    find_chosen(p, &f);
    return 0;
}
