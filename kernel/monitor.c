/*
 * kernel/monitor.c — the kernel's console monitor: what the console runs
 * until there is a user space to start.  A line editor over the interrupt-
 * driven console input and a few inspection commands.  Idles with WFI.
 */
#include <arch/cpu.h>
#include <arch/irq.h>
#include <arch/power.h>
#include <arch/timer.h>
#include <keel/console.h>
#include <keel/format.h>
#include <keel/mm.h>
#include <keel/percpu.h>
#include <keel/printk.h>
#include <keel/sched.h>
#include <keel/string.h>

__noreturn void kernel_monitor(void);

static void run(const char *line)
{
    if (!strcmp(line, "help")) {
        console_printf_raw("commands: help mem uptime irqs poweroff reboot\n");
    } else if (!strcmp(line, "mem")) {
        struct mem_stats s;
        mem_get_stats(&s);
        console_printf_raw("pages: %lu total, %lu free; heap: %lu bytes in %lu pages\n",
                           (unsigned long)s.total_pages, (unsigned long)s.free_pages,
                           (unsigned long)s.heap_bytes, (unsigned long)s.heap_pages);
    } else if (!strcmp(line, "uptime")) {
        uint64_t ns = timer_now_ns();
        console_printf_raw("up %lu.%03lu s, %lu ticks\n", (unsigned long)(ns / 1000000000u),
                           (unsigned long)(ns / 1000000u % 1000u), (unsigned long)timer_ticks());
    } else if (!strcmp(line, "irqs")) {
        console_printf_raw("%s: %lu interrupts on cpu0, %lu input bytes dropped\n",
                           irq_controller_name(), (unsigned long)this_cpu()->irq_count,
                           (unsigned long)console_input_dropped());
    } else if (!strcmp(line, "poweroff")) {
        console_printf_raw("powering off\n");
        power_off();
    } else if (!strcmp(line, "reboot")) {
        console_printf_raw("resetting\n");
        power_reset();
    } else if (line[0]) {
        console_printf_raw("unknown command: %s (try help)\n", line);
    }
}

__noreturn void kernel_monitor(void)
{
    char line[128];
    size_t len = 0;
    pr_notice("monitor: no user space yet; kernel monitor on the console (type help)");
    console_printf_raw("keel> ");
    for (;;) {
        char c;
        if (!console_read(&c, 1)) {
            schedule();
            wfi();
            continue;
        }
        if (c == '\r' || c == '\n') {
            console_printf_raw("\n");
            line[len] = '\0';
            run(line);
            len = 0;
            console_printf_raw("keel> ");
        } else if (c == 0x7f || c == '\b') {
            if (len) {
                len--;
                console_printf_raw("\b \b");
            }
        } else if (c >= ' ' && len < sizeof line - 1) {
            line[len++] = c;
            console_printf_raw("%c", c);
        }
    }
}
