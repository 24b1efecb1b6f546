/*
 * tests/unit/test_discover_fdt.c — platform_from_fdt() on the blobs QEMU
 * dumps for virt (GICv2 and v3, 1 and 4 CPUs, EL2, secure), on the
 * Raspberry Pi 4's as shipped, as the firmware patches it and as QEMU's
 * raspi4b passes it, and on the hand-written trees in tests/unit/data; then
 * every blob truncated and corrupted.
 */
#include "fdt_exercise.h"
#include "harness.h"
#include "unit_data.h"

#include <keel/fdt.h>
#include <keel/platform.h>

#include <abi/errno.h>

#include <stdlib.h>

/* CHECK_STR on a struct member makes GCC's -Wformat-truncation guess the
 * member runs to the end of the struct; an opaque identity hides that. */
__attribute__((noinline)) static const char *text(const char *s)
{
    return s;
}

/* Parse data file `name` into *p; returns platform_from_fdt()'s result. */
static int parse(const char *name, struct platform *p, const char **why)
{
    size_t n;
    uint8_t *blob = unit_data_load(name, &n);
    int r;

    *why = NULL;
    if (!blob)
        return -9999;
    r = platform_from_fdt(p, blob, n, why);
    free(blob);
    return r;
}

/* parse() expecting success; prints the reason when it fails. */
static bool parse_ok(const char *name, struct platform *p)
{
    const char *why;
    int r = parse(name, p, &why);

    if (r != 0)
        fprintf(stderr, "    %s: %d, %s\n", name, r, why ? why : "(no reason)");
    return r == 0;
}

TEST(discover_fdt_qemu_virt)
{
    struct platform p;

    REQUIRE(parse_ok("qemu-virt.dtb", &p));
    CHECK_STR(text(p.source), "fdt");
    CHECK_STR(text(p.model), "linux,dummy-virt");
    CHECK_EQ(p.mem_count, 1);
    CHECK_EQ(p.mem[0].base, 0x40000000);
    CHECK_EQ(p.mem[0].size, 0x40000000);
    CHECK_EQ(p.reserved_count, 0);
    CHECK_EQ(p.uart, UART_PL011);
    CHECK_EQ(p.uart_base, 0x09000000);
    CHECK_EQ(p.uart_irq, 33);
    CHECK_EQ(p.uart_clock_hz, 24000000); /* the apb-pclk fixed-clock */
    CHECK_EQ(p.gic_version, 2);
    CHECK_EQ(p.gicd_base, 0x08000000);
    CHECK_EQ(p.gicc_base, 0x08010000);
    CHECK_EQ(p.gicr_base, 0);
    CHECK_EQ(p.timer_irq_phys, 30);
    CHECK_EQ(p.timer_irq_virt, 27);
    CHECK_EQ(p.timer_freq_hz, 0);
    CHECK_EQ(p.psci, PSCI_HVC);
    CHECK_EQ(p.cpu_count, 1);
    CHECK_EQ(p.cpus[0].mpidr, 0);
    CHECK_EQ(p.cpus[0].enable, CPU_ENABLE_NONE); /* one CPU: QEMU gives no enable-method */
    CHECK_EQ(p.initrd_start, 0x48000000);
    CHECK_EQ(p.initrd_end, 0x48000000 + 10000);
    CHECK_STR(text(p.bootargs), "console=ttyAMA0 root=/dev/ram0");
}

TEST(discover_fdt_qemu_virt_gicv3_smp4)
{
    struct platform p;

    REQUIRE(parse_ok("qemu-virt-gicv3-smp4.dtb", &p));
    CHECK_EQ(p.gic_version, 3);
    CHECK_EQ(p.gicd_base, 0x08000000);
    CHECK_EQ(p.gicr_base, 0x080a0000);
    CHECK_EQ(p.gicr_size, 0xf60000);
    CHECK_EQ(p.gicc_base, 0);
    CHECK_EQ(p.uart_base, 0x09000000);
    CHECK_EQ(p.uart_irq, 33);
    CHECK_EQ(p.timer_irq_phys, 30);
    CHECK_EQ(p.timer_irq_virt, 27);
    CHECK_EQ(p.psci, PSCI_HVC);
    REQUIRE(p.cpu_count == 4);
    for (unsigned i = 0; i < 4; i++) {
        CHECK_EQ(p.cpus[i].mpidr, i);
        CHECK_EQ(p.cpus[i].enable, CPU_ENABLE_PSCI);
    }
    CHECK_EQ(p.initrd_start, 0);
    CHECK_EQ(p.initrd_end, 0);
    CHECK_STR(text(p.bootargs), "");
}

TEST(discover_fdt_qemu_virt_el2_and_secure)
{
    struct platform p;

    REQUIRE(parse_ok("qemu-virt-el2.dtb", &p));
    CHECK_EQ(p.psci, PSCI_SMC); /* EL2 in the guest: PSCI by SMC */
    REQUIRE(parse_ok("qemu-virt-secure.dtb", &p));
    CHECK_EQ(p.psci, PSCI_NONE);       /* EL3 firmware's business */
    CHECK_EQ(p.uart_base, 0x09000000); /* not the disabled secure UART */
    CHECK_EQ(p.mem[0].base, 0x40000000);
}

TEST(discover_fdt_rpi4_as_shipped)
{
    struct platform p;
    const char *why;

    /* The firmware fills /memory's reg; as shipped it is empty. */
    CHECK_EQ(parse("rpi4b.dtb", &p, &why), -ENOENT);
    CHECK(why && strstr(why, "memory"));
}

static void check_rpi4_common(const struct platform *p)
{
    CHECK_STR(text(p->model), "Raspberry Pi 4 Model B");
    CHECK_EQ(p->uart, UART_PL011);
    CHECK_EQ(p->uart_base, 0xfe201000); /* stdout-path is the mini UART */
    CHECK_EQ(p->uart_irq, 153);
    CHECK_EQ(p->uart_clock_hz, 0); /* firmware clock: not derivable */
    CHECK_EQ(p->gic_version, 2);
    CHECK_EQ(p->gicd_base, 0xff841000);
    CHECK_EQ(p->gicc_base, 0xff842000);
    CHECK_EQ(p->timer_irq_phys, 30);
    CHECK_EQ(p->timer_irq_virt, 27);
    CHECK_EQ(p->psci, PSCI_NONE);
    CHECK_EQ(p->cpu_count, 4);
    for (unsigned i = 0; i < 4 && i < p->cpu_count; i++) {
        CHECK_EQ(p->cpus[i].mpidr, i);
        CHECK_EQ(p->cpus[i].enable, CPU_ENABLE_SPIN_TABLE);
        CHECK_EQ(p->cpus[i].release_addr, 0xd8 + 8 * i);
    }
    /* /memreserve/ 0 0x1000 (the spin tables); nvram@0 is disabled and
     * linux,cma has no reg. */
    CHECK_EQ(p->reserved_count, 1);
    CHECK_EQ(p->reserved[0].base, 0);
    CHECK_EQ(p->reserved[0].size, 0x1000);
}

TEST(discover_fdt_rpi4_firmware)
{
    struct platform p;

    REQUIRE(parse_ok("rpi4b-fw.dtb", &p));
    check_rpi4_common(&p);
    REQUIRE(p.mem_count == 3);
    CHECK_EQ(p.mem[0].base, 0);
    CHECK_EQ(p.mem[0].size, 0x3b400000);
    CHECK_EQ(p.mem[1].base, 0x40000000);
    CHECK_EQ(p.mem[1].size, 0xbc000000);
    CHECK_EQ(p.mem[2].base, 0x100000000); /* two halves, merged */
    CHECK_EQ(p.mem[2].size, 0x100000000);
    CHECK_EQ(p.initrd_start, 0x2700000); /* 32-bit cells */
    CHECK_EQ(p.initrd_end, 0x2a00000);
    CHECK_STR(text(p.bootargs), "coherent_pool=1M 8250.nr_uarts=1 console=ttyAMA0,115200");
}

TEST(discover_fdt_rpi4_qemu)
{
    struct platform p;

    REQUIRE(parse_ok("rpi4b-qemu.dtb", &p));
    check_rpi4_common(&p);
    REQUIRE(p.mem_count == 1);
    CHECK_EQ(p.mem[0].base, 0);
    CHECK_EQ(p.mem[0].size, 0x3c000000);
    CHECK_STR(text(p.bootargs), "console=ttyAMA0 root=/dev/ram0");
}

TEST(discover_fdt_board)
{
    struct platform p;

    REQUIRE(parse_ok("board.dtb", &p));
    CHECK_EQ(strlen(p.model), sizeof p.model - 1);
    CHECK(strncmp(p.model, "Keel board test with a model name", 33) == 0);
    /* memory@80000000 + memory@40000000 touch; the disabled and the empty
     * memory nodes add nothing. */
    REQUIRE(p.mem_count == 2);
    CHECK_EQ(p.mem[0].base, 0x40000000);
    CHECK_EQ(p.mem[0].size, 0x80000000);
    CHECK_EQ(p.mem[1].base, 0x100000000);
    CHECK_EQ(p.mem[1].size, 0x10000000);
    REQUIRE(p.reserved_count == 4);
    CHECK_EQ(p.reserved[0].base, 0x48000000);
    CHECK_EQ(p.reserved[0].size, 0x10000);
    CHECK_EQ(p.reserved[1].base, 0x50000000);
    CHECK_EQ(p.reserved[1].size, 0x100000);
    CHECK_EQ(p.reserved[2].base, 0x52000000);
    CHECK_EQ(p.reserved[3].base, 0x53000000);
    CHECK_EQ(p.reserved[3].size, 0x2000);
    /* stdout-path "serial2:115200n8" -> /soc/serial@3000 */
    CHECK_EQ(p.uart, UART_PL011);
    CHECK_EQ(p.uart_base, 0x10003000);
    CHECK_EQ(p.uart_irq, 35);
    CHECK_EQ(p.uart_clock_hz, 48000000);
    CHECK_EQ(p.gic_version, 3);
    CHECK_EQ(p.gicd_base, 0x08000000);
    CHECK_EQ(p.gicr_base, 0x080a0000);
    CHECK_EQ(p.gicr_size, 0xf60000);
    CHECK_EQ(p.timer_irq_phys, 30);
    CHECK_EQ(p.timer_irq_virt, 27);
    CHECK_EQ(p.timer_freq_hz, 62500000);
    CHECK_EQ(p.psci, PSCI_SMC);
    REQUIRE(p.cpu_count == 3); /* cpu@1 disabled, l2-cache not a cpu */
    CHECK_EQ(p.cpus[0].mpidr, 0);
    CHECK_EQ(p.cpus[0].enable, CPU_ENABLE_PSCI);
    CHECK_EQ(p.cpus[1].mpidr, 0x100);
    CHECK_EQ(p.cpus[1].enable, CPU_ENABLE_SPIN_TABLE);
    CHECK_EQ(p.cpus[1].release_addr, 0x8000fff8);
    CHECK_EQ(p.cpus[2].mpidr, 0x101);
    CHECK_EQ(p.cpus[2].enable, CPU_ENABLE_NONE); /* spin-table without an address */
    CHECK_EQ(p.initrd_start, 0x48100000);
    CHECK_EQ(p.initrd_end, 0x48200000);
    CHECK_EQ(strlen(p.bootargs), PLATFORM_BOOTARGS_MAX - 1);
    CHECK(strncmp(p.bootargs, "console=ttyAMA0,115200 root=/dev/ram0 opt000=", 44) == 0);
}

TEST(discover_fdt_board2)
{
    struct platform p;

    REQUIRE(parse_ok("board2.dtb", &p));
    CHECK_STR(text(p.model), "Keel board 2");
    REQUIRE(p.mem_count == 1);
    CHECK_EQ(p.mem[0].base, 0x80000000);
    CHECK_EQ(p.mem[0].size, 0x20000000);
    CHECK_EQ(p.uart_base, 0x2000); /* the path names the second one */
    CHECK_EQ(p.uart_irq, 38);
    CHECK_EQ(p.uart_clock_hz, 24000000);
    CHECK_EQ(p.gic_version, 2);
    CHECK_EQ(p.gicd_base, 0x2c001000);
    CHECK_EQ(p.gicc_base, 0x2c002000);
    CHECK_EQ(p.psci, PSCI_HVC);
    REQUIRE(p.cpu_count == 2);
    CHECK_EQ(p.cpus[1].mpidr, 1);
    CHECK_EQ(p.cpus[1].enable, CPU_ENABLE_PSCI); /* from /cpus */
    CHECK_EQ(p.initrd_start, 0x100000000);       /* 64-bit cells */
    CHECK_EQ(p.initrd_end, 0x100800000);
    CHECK_STR(text(p.bootargs), "cons"); /* not NUL-terminated in the blob */
}

TEST(discover_fdt_minimal)
{
    struct platform p;

    REQUIRE(parse_ok("minimal.dtb", &p));
    CHECK_EQ(p.mem_count, 1);
    CHECK_STR(text(p.model), "");
    CHECK_EQ(p.uart, UART_NONE); /* a 16550 is not our console */
    CHECK_EQ(p.uart_base, 0);
    CHECK_EQ(p.gic_version, 0);
    CHECK_EQ(p.timer_irq_phys, 0);
    CHECK_EQ(p.psci, PSCI_NONE);
    CHECK_EQ(p.cpu_count, 0);
    CHECK_EQ(p.initrd_start, 0);
    CHECK_STR(text(p.bootargs), "");
}

TEST(discover_fdt_errors)
{
    struct platform p;
    const char *why = NULL;
    uint8_t junk[64] = {0};

    CHECK_EQ(parse("nomem.dtb", &p, &why), -ENOENT);
    CHECK(why && strstr(why, "memory"));
    CHECK_EQ(parse("many-mem.dtb", &p, &why), -ENOSPC);
    CHECK(why && strstr(why, "PLATFORM_MAX_MEM"));
    CHECK_EQ(parse("many-reserved.dtb", &p, &why), -ENOSPC);
    CHECK(why && strstr(why, "PLATFORM_MAX_RESERVED"));
    why = NULL;
    CHECK_EQ(platform_from_fdt(&p, junk, sizeof junk, &why), -EINVAL);
    CHECK(why && strstr(why, "magic"));
    CHECK_EQ(platform_from_fdt(&p, NULL, 0, NULL), -EINVAL);
    CHECK_STR(text(p.source), "fdt");
}

/* --- Robustness ---------------------------------------------------------- */

static const char *const robust_blobs[] = {
    "translate.dtb", "board.dtb",     "board2.dtb",
    "rpi4b-fw.dtb",  "qemu-virt.dtb", "qemu-virt-gicv3-smp4.dtb",
};

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* The bytes the header's blocks cover (QEMU pads its blobs to 1 MiB). */
static size_t content_end(const uint8_t *b, size_t n)
{
    size_t a = (size_t)fdt_be32(b + 8) + fdt_be32(b + 36);
    size_t s = (size_t)fdt_be32(b + 12) + fdt_be32(b + 32);
    size_t e = a > s ? a : s;

    return e < n ? e : n;
}

static void run_exercise(const uint8_t *src, size_t len, const char *name, size_t at)
{
    uint8_t *copy = malloc(len ? len : 1);
    const char *broken;

    memcpy(copy, src, len);
    broken = fdt_exercise(copy, len);
    if (broken) {
        char msg[256];
        snprintf(msg, sizeof msg, "%s at %zu: %s", name, at, broken);
        harness_fail(__FILE__, __LINE__, msg);
    }
    free(copy);
}

TEST(discover_fdt_truncated)
{
    for (size_t k = 0; k < sizeof robust_blobs / sizeof robust_blobs[0]; k++) {
        size_t n, end, stride;
        uint8_t *blob = unit_data_load(robust_blobs[k], &n);
        uint8_t *work;

        REQUIRE(blob);
        end = content_end(blob, n);
        stride = end > 8192 ? 7 : 1;
        work = malloc(end);
        REQUIRE(work);
        for (size_t len = 0; len < end; len += stride) {
            /* As is: the header claims more than there is. */
            run_exercise(blob, len, robust_blobs[k], len);
            /* With the header shrunk to fit, so the block checks run. */
            if (len >= 40) {
                uint32_t soff = fdt_be32(blob + 8), ssz = fdt_be32(blob + 36);
                uint32_t toff = fdt_be32(blob + 12), tsz = fdt_be32(blob + 32);
                memcpy(work, blob, len);
                put32(work + 4, (uint32_t)len);
                if (soff < len && soff + ssz > len)
                    put32(work + 36, (uint32_t)(len - soff));
                if (toff < len && toff + tsz > len)
                    put32(work + 32, (uint32_t)(len - toff));
                run_exercise(work, len, robust_blobs[k], len);
            }
        }
        free(work);
        free(blob);
    }
}

TEST(discover_fdt_corrupted)
{
    uint64_t rng = 0x9e3779b97f4a7c15ull;

    for (size_t k = 0; k < sizeof robust_blobs / sizeof robust_blobs[0]; k++) {
        size_t n, end;
        uint8_t *blob = unit_data_load(robust_blobs[k], &n);
        uint8_t *work;

        REQUIRE(blob);
        end = content_end(blob, n);
        work = malloc(end);
        REQUIRE(work);
        /* Fewer rounds on the big blobs: each round walks the tree often. */
        int rounds = end > 4096 ? 250 : 600;
        for (int iter = 0; iter < rounds; iter++) {
            int flips = 1 + iter % 4;
            memcpy(work, blob, end);
            put32(work + 4, (uint32_t)end);
            for (int i = 0; i < flips; i++) {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                if (iter % 3 == 0)
                    work[(rng >> 8) % end] ^= (uint8_t)(1u << (rng % 8));
                else
                    work[(rng >> 8) % end] = (uint8_t)(rng >> 40);
            }
            run_exercise(work, end, robust_blobs[k], (size_t)iter);
        }
        free(work);
        free(blob);
    }
}
