/*
 * kernel/panic.c — panic() and the frame-pointer backtrace.
 */
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/power.h>
#include <arch/trap.h>
#include <keel/boot.h>
#include <keel/cmdline.h>
#include <keel/format.h>
#include <keel/percpu.h>
#include <keel/printk.h>

#define BACKTRACE_MAX 32

static volatile int panicking;

static void print_pc(uint64_t pc)
{
    uint64_t off;
    const char *name = ksym_lookup(pc, &off);
    if (name)
        console_printf_raw("  [<%016lx>] %s+0x%lx\n", (unsigned long)pc, name, (unsigned long)off);
    else
        console_printf_raw("  [<%016lx>] ?\n", (unsigned long)pc);
}

/*
 * backtrace_print: walk the AArch64 frame records (x29 chain: [fp] = caller's
 * fp, [fp + 8] = return address) starting at `fp`, printing `pc` first.  Each
 * record is read with probe_read_u64, so a corrupt chain ends the walk
 * instead of faulting.
 */
void backtrace_print(uint64_t fp, uint64_t pc)
{
    console_printf_raw("Backtrace:\n");
    if (pc)
        print_pc(pc);
    for (int depth = 0; depth < BACKTRACE_MAX && fp; depth++) {
        uint64_t next, lr;
        if ((fp & 0xf) != 0 || fp < LINEAR_BASE)
            break;
        if (probe_read_u64((const void *)fp, &next) || probe_read_u64((const void *)(fp + 8), &lr))
            break;
        if (!lr)
            break;
        print_pc(lr - 4);
        if (next <= fp)
            break;
        fp = next;
    }
}

__noreturn void panic(const char *fmt, ...)
{
    irq_disable();
    if (__atomic_exchange_n(&panicking, 1, __ATOMIC_SEQ_CST))
        cpu_halt(); /* a panic while panicking: stop here */

    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    kvsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    console_printf_raw("\nPANIC on CPU %u: %s\n", this_cpu() ? this_cpu()->cpu : 0, buf);
    backtrace_print((uint64_t)__builtin_frame_address(0), 0);

    char action[16] = "halt";
    cmdline_get(boot_cmdline(), "panic", action, sizeof action);
    if (cmdline_has(boot_cmdline(), "ktest"))
        console_printf_raw("ktest: 0 passed, 1 failed (kernel panic)\n");
    if (action[0] == 'p') {
        console_printf_raw("panic: powering off\n");
        power_off();
    }
    if (action[0] == 'r') {
        console_printf_raw("panic: resetting\n");
        power_reset();
    }
    console_printf_raw("panic: system halted\n");
    cpu_halt();
}
