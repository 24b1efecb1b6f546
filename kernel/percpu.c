/* kernel/percpu.c — per-CPU areas; see keel/percpu.h. */
#include <arch/cpu.h>
#include <keel/percpu.h>

struct percpu percpu_area[PLATFORM_MAX_CPUS];

void percpu_init_this(unsigned cpu)
{
    struct percpu *pc = &percpu_area[cpu];
    pc->cpu = cpu;
    pc->mpidr = cpu_mpidr();
    write_sysreg(tpidr_el1, pc);
}
