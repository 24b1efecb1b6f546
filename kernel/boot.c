/*
 * kernel/boot.c — identify what the boot loader handed us and fill
 * boot_platform: a device tree (raw boot, U-Boot, the Pi firmware, QEMU
 * -kernel) or Keel's EFI boot info (arch/aarch64/efi/).
 *
 * Runs before mmu_init, through head.S's early linear map (the 1 GiB blocks
 * holding the image and the boot argument).  On bad input it prints a clear
 * reason on every console it can find and halts: there is nothing to run.
 */
#include <arch/board.h>
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include <arch/trap.h>
#include <keel/boot.h>
#include <keel/cmdline.h>
#include <keel/compiler.h>
#include <keel/fdt.h>
#include <keel/format.h>
#include <keel/printk.h>
#include <keel/string.h>

struct platform boot_platform;
struct boot_state boot_state;

/* Bytes readable from physical `pa` through head.S's early 1 GiB block. */
static uint64_t early_readable(uint64_t pa)
{
    return (1UL << 30) - (pa & ((1UL << 30) - 1));
}

/* Last-resort consoles for a boot without a usable description: the PL011
 * of QEMU virt and of the Raspberry Pi 4.  Each is probed through the
 * exception table, so a machine without it only costs a caught abort. */
static const uint64_t fallback_uarts[] = {0xfe201000UL, 0x09000000UL};

static __noreturn void boot_fail(const char *what, const char *why)
{
    char msg[256];
    int n = ksnprintf(msg, sizeof msg, "\r\nKeel: cannot boot: %s: %s\r\nKeel: halted.\r\n", what,
                      why ? why : "unknown reason");
    pr_err("boot: %s: %s", what, why);
    static struct platform none;
    mmu_init(&none); /* the image only: enough for ioremap */
    for (unsigned u = 0; u < ARRAY_SIZE(fallback_uarts); u++) {
        volatile uint8_t *base = ioremap(fallback_uarts[u], 0x1000);
        uint32_t fr;
        if (!base || probe_read_u32(base + 0x18, &fr))
            continue; /* no UART here */
        for (int i = 0; i < n && i < (int)sizeof msg - 1; i++) {
            for (int spin = 0;
                 spin < 100000 && !probe_read_u32(base + 0x18, &fr) && (fr & (1U << 5)); spin++)
                cpu_relax();
            if (probe_write_u32(base, (uint8_t)msg[i]))
                break;
        }
    }
    cpu_halt();
}

/* check_initrd: drop an initrd that is not wholly inside one RAM range. */
static void check_initrd(struct platform *p)
{
    if (p->initrd_end <= p->initrd_start) {
        p->initrd_start = p->initrd_end = 0;
        return;
    }
    for (unsigned i = 0; i < p->mem_count; i++)
        if (p->initrd_start >= p->mem[i].base && p->initrd_end <= p->mem[i].base + p->mem[i].size)
            return;
    pr_err("boot: initrd 0x%lx-0x%lx lies outside RAM; ignoring it", (unsigned long)p->initrd_start,
           (unsigned long)p->initrd_end);
    p->initrd_start = p->initrd_end = 0;
}

static void discover_fdt(uint64_t pa)
{
    const void *blob = (const void *)(LINEAR_BASE + pa);
    const char *why = NULL;
    uint64_t max = early_readable(pa);
    if (platform_from_fdt(&boot_platform, blob, max, &why))
        boot_fail("bad device tree", why);
    boot_state.fdt_pa = pa;
    boot_state.fdt_size = fdt_be32((const uint8_t *)blob + 4);
}

int boot_discover_efi(uint64_t pa);

void boot_discover(uint64_t boot_arg, unsigned entry_el)
{
    boot_state.boot_arg = boot_arg;
    boot_state.entry_el = entry_el;
    if (!boot_arg || (boot_arg & 7))
        boot_fail("no device tree", "the boot loader passed no valid address in x0");
    const uint8_t *p = (const uint8_t *)(LINEAR_BASE + boot_arg);
    if (fdt_be32(p) == FDT_MAGIC) {
        boot_state.path = BOOT_PATH_RAW;
        discover_fdt(boot_arg);
    } else if (boot_discover_efi(boot_arg) == 0) {
        boot_state.path = BOOT_PATH_EFI;
    } else {
        boot_fail("bad boot argument", "x0 points at neither a device tree nor Keel EFI info");
    }
    check_initrd(&boot_platform);
    if (!boot_platform.mem_count)
        boot_fail("no RAM", "the firmware described no memory");
}

/* fallback_console_putc: write to every fallback UART that exists. */
static volatile uint8_t *fallback_base[2];

static void fallback_putc(struct console *c, char ch)
{
    (void)c;
    for (unsigned u = 0; u < ARRAY_SIZE(fallback_base); u++) {
        volatile uint8_t *base = fallback_base[u];
        uint32_t fr = 0;
        if (!base)
            continue;
        for (int spin = 0; spin < 100000; spin++) {
            if (probe_read_u32(base + 0x18, &fr)) {
                fallback_base[u] = NULL; /* nothing here: stop trying */
                break;
            }
            if (!(fr & (1U << 5)))
                break;
            cpu_relax();
        }
        if (fallback_base[u] && probe_write_u32(base, (uint8_t)ch))
            fallback_base[u] = NULL;
    }
}

static struct console fallback_console = {.name = "fallback", .putc = fallback_putc};

void boot_fallback_console(void)
{
    for (unsigned u = 0; u < ARRAY_SIZE(fallback_uarts); u++)
        fallback_base[u] = ioremap(fallback_uarts[u], 0x1000);
    console_register(&fallback_console);
    pr_err("boot: the firmware described no usable console UART; writing to the PL011 of "
           "QEMU virt and of the Raspberry Pi 4 instead");
}

const char *boot_cmdline(void)
{
    return boot_platform.bootargs;
}

int boot_has_flag(const char *flag)
{
    return cmdline_has(boot_platform.bootargs, flag);
}
