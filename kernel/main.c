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
#include <keel/console.h>
#include <keel/ktest.h>
#include <keel/mm.h>
#include <keel/percpu.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/random.h>
#include <keel/sched.h>
#include <keel/time.h>
#include <keel/ipc.h>

void kmain(uint64_t boot_arg, uint64_t entry_el);
void mmu_set_page_source(uint64_t (*alloc_zeroed_page)(void));
void print_banner(void);
__noreturn void kernel_monitor(void);
int start_vfs_server(void);
void start_init(void);

static uint64_t table_page(void)
{
    return page_alloc_phys(0);
}

void kmain(uint64_t boot_arg, uint64_t entry_el)
{
    percpu_init_this(0);
    boot_discover(boot_arg, (unsigned)entry_el);
    mmu_init(&boot_platform);
    boot_discover_late();
    pl011_init(&boot_platform);
    print_banner();
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
    start_vfs_server();
    start_init();
    kernel_monitor();
}
