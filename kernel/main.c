/*
 * kernel/main.c — kmain: the boot CPU's path from head.S to a running
 * kernel.  Reads as the boot order.
 */
#include <arch/board.h>
#include <arch/cpu.h>
#include <arch/irq.h>
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include <arch/power.h>
#include <arch/timer.h>
#include <keel/boot.h>
#include <keel/cmdline.h>
#include <keel/console.h>
#include <keel/ipc.h>
#include <keel/ktest.h>
#include <keel/memtest.h>
#include <keel/mm.h>
#include <keel/percpu.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/random.h>
#include <keel/sched.h>
#include <keel/time.h>

void kmain(uint64_t boot_arg, uint64_t entry_el);
void mmu_set_page_source(uint64_t (*alloc_zeroed_page)(void));
void print_banner(void);
__noreturn void kernel_monitor(void);
int start_vfs_server(void);
int start_init(void);
__noreturn void idle_loop(void);

/* console_level_from_cmdline: Linux's "quiet" and "loglevel=N". */
static void console_level_from_cmdline(void)
{
    char v[8];
    if (boot_has_flag("quiet"))
        printk_set_console_level(LOG_WARN);
    if (cmdline_get(boot_cmdline(), "loglevel", v, sizeof v) && v[0] >= '0' && v[0] <= '9')
        printk_set_console_level(v[0] - '0');
}

static uint64_t table_page(void)
{
    return page_alloc_phys(0);
}

void kmain(uint64_t boot_arg, uint64_t entry_el)
{
    percpu_init_this(0);
    bool pan = cpu_enable_pan();
    boot_discover(boot_arg, (unsigned)entry_el);
    mmu_init(&boot_platform);
    boot_discover_late();
    console_level_from_cmdline();
    if (pl011_init(&boot_platform))
        boot_fallback_console();
    print_banner();
    pr_info("cpu: PAN %s", pan ? "on" : "not implemented by this CPU (user access is LDTR/STTR)");
    pmm_init(&boot_platform);
    mmu_set_page_source(table_page);
    board_init();
    power_init(&boot_platform);
    if (irq_init(&boot_platform))
        panic("kmain: no usable interrupt controller");
    timer_init(&boot_platform);
    if (pl011_enable_rx_irq(&boot_platform))
        pr_warn("console: no receive interrupt; input disabled");
    time_init(&boot_platform);
    random_init(boot_platform.bootargs, sizeof boot_platform.bootargs);
    sched_init();
    proc_init();
    endpoint_init(&vfs_endpoint, "vfs");
    irq_enable();

    if (boot_has_flag("ktest")) {
        ktest_run_all();
        power_off();
    }
    if (boot_has_flag("memtest")) {
        memtest_run();
        power_off();
    }
    start_vfs_server();
    if (start_init() == 0)
        idle_loop();
    kernel_monitor();
}
