/*
 * arch/aarch64/drivers/gic.c — the Arm Generic Interrupt Controller, v2 and
 * v3, with one interface (arch/irq.h).
 *
 * Register maps: GIC architecture specification (IHI 0048 for v2, IHI 0069
 * for v3).  All interrupts are configured as non-secure group 1 (v3) / the
 * group the CPU interface signals as IRQ (v2), priority 0xa0, routed to the
 * boot CPU.  irq_lock guards handlers[].
 */
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/irq.h>
#include <arch/mmu.h>
#include <arch/timer.h>
#include <keel/percpu.h>
#include <keel/platform.h>
#include <keel/printk.h>
#include <keel/random.h>
#include <keel/spinlock.h>

#define MAX_INTID 1020

/* Distributor (both versions). */
#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_IGROUPR 0x080
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ICPENDR 0x280
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00
#define GICD_SGIR 0xf00
#define GICD_IROUTER 0x6000
#define GICD_CTLR_RWP (1U << 31)

/* v2 CPU interface. */
#define GICC_CTLR 0x00
#define GICC_PMR 0x04
#define GICC_IAR 0x0c
#define GICC_EOIR 0x10

/* v3 redistributor: RD_base frame, then SGI_base frame 64 KiB later. */
#define GICR_CTLR 0x0000
#define GICR_TYPER 0x0008
#define GICR_WAKER 0x0014
#define GICR_SGI_OFFSET 0x10000
#define GICR_IGROUPR0 0x0080
#define GICR_ISENABLER0 0x0100
#define GICR_ICENABLER0 0x0180
#define GICR_IPRIORITYR 0x0400
#define GICR_ICFGR1 0x0c04
#define GICR_TYPER_LAST (1UL << 4)
#define GICR_TYPER_VLPIS (1UL << 1)

#define DEFAULT_PRIORITY 0xa0

struct irq_slot {
    irq_handler_t handler;
    void *ctx;
};

static spinlock_t irq_lock = SPINLOCK_INIT;
static struct irq_slot handlers[MAX_INTID];
static unsigned gic_version;
static volatile uint8_t *gicd;
static volatile uint8_t *gicc;     /* v2 */
static volatile uint8_t *gicr_sgi; /* v3: this CPU's SGI_base frame */
static unsigned gic_lines;

static inline uint32_t rd32(volatile uint8_t *base, uint32_t off)
{
    return *(volatile uint32_t *)(base + off);
}

static inline void wr32(volatile uint8_t *base, uint32_t off, uint32_t v)
{
    *(volatile uint32_t *)(base + off) = v;
}

static inline void wr64(volatile uint8_t *base, uint32_t off, uint64_t v)
{
    *(volatile uint64_t *)(base + off) = v;
}

static void gicd_wait_rwp(void)
{
    for (int i = 0; i < 1000000 && (rd32(gicd, GICD_CTLR) & GICD_CTLR_RWP); i++)
        cpu_relax();
}

/* ICC system registers (v3), by encoding so any assembler accepts them. */
#define ICC_PMR_EL1 "S3_0_C4_C6_0"
#define ICC_IAR1_EL1 "S3_0_C12_C12_0"
#define ICC_EOIR1_EL1 "S3_0_C12_C12_1"
#define ICC_SGI1R_EL1 "S3_0_C12_C11_5"
#define ICC_CTLR_EL1 "S3_0_C12_C12_4"
#define ICC_SRE_EL1 "S3_0_C12_C12_5"
#define ICC_IGRPEN1_EL1 "S3_0_C12_C12_7"
#define icc_read(reg)                                                                              \
    ({                                                                                             \
        uint64_t icc_v_;                                                                           \
        __asm__ volatile("mrs %0, " reg : "=r"(icc_v_));                                           \
        icc_v_;                                                                                    \
    })
#define icc_write(reg, v) __asm__ volatile("msr " reg ", %0" ::"r"((uint64_t)(v)) : "memory")

static void dist_init_common(void)
{
    gic_lines = ((rd32(gicd, GICD_TYPER) & 0x1f) + 1) * 32;
    if (gic_lines > MAX_INTID)
        gic_lines = MAX_INTID;
    for (unsigned i = 32; i < gic_lines; i += 32) {
        wr32(gicd, GICD_ICENABLER + i / 8, 0xffffffff);
        wr32(gicd, GICD_ICPENDR + i / 8, 0xffffffff);
        wr32(gicd, GICD_IGROUPR + i / 8, gic_version == 3 ? 0xffffffff : 0);
    }
    for (unsigned i = 32; i < gic_lines; i += 4)
        wr32(gicd, GICD_IPRIORITYR + i, DEFAULT_PRIORITY * 0x01010101U);
    for (unsigned i = 32; i < gic_lines; i += 16)
        wr32(gicd, GICD_ICFGR + i / 4, 0); /* level-sensitive */
}

static int gicv2_init(const struct platform *p)
{
    gicd = ioremap(p->gicd_base, 0x1000);
    gicc = ioremap(p->gicc_base, 0x2000);
    if (!gicd || !gicc)
        return -ENOMEM;
    wr32(gicd, GICD_CTLR, 0);
    dist_init_common();
    for (unsigned i = 32; i < gic_lines; i += 4)
        wr32(gicd, GICD_ITARGETSR + i, 0x01010101); /* CPU interface 0 */
    /* Banked SGI/PPI state of this CPU. */
    wr32(gicd, GICD_ICENABLER, 0xffffffff);
    for (unsigned i = 0; i < 32; i += 4)
        wr32(gicd, GICD_IPRIORITYR + i, DEFAULT_PRIORITY * 0x01010101U);
    wr32(gicd, GICD_CTLR, 1);
    wr32(gicc, GICC_PMR, 0xf0);
    wr32(gicc, GICC_CTLR, 1);
    return 0;
}

/* v3: find the redistributor whose affinity matches this CPU. */
static volatile uint8_t *gicv3_find_redist(const struct platform *p)
{
    uint64_t mpidr = cpu_mpidr();
    uint64_t aff = ((mpidr >> 32) & 0xff) << 24 | (mpidr & 0xffffff);
    size_t size = p->gicr_size ? p->gicr_size : 0x20000 * PLATFORM_MAX_CPUS;
    volatile uint8_t *base = ioremap(p->gicr_base, size);
    if (!base)
        return NULL;
    for (size_t off = 0; off + 0x20000 <= size;) {
        uint64_t typer = *(volatile uint64_t *)(base + off + GICR_TYPER);
        if ((typer >> 32) == aff)
            return base + off;
        if (typer & GICR_TYPER_LAST)
            break;
        off += (typer & GICR_TYPER_VLPIS) ? 0x40000 : 0x20000;
    }
    return NULL;
}

static int gicv3_init(const struct platform *p)
{
    gicd = ioremap(p->gicd_base, 0x10000);
    if (!gicd)
        return -ENOMEM;
    wr32(gicd, GICD_CTLR, 0);
    gicd_wait_rwp();
    dist_init_common();
    uint64_t mpidr = cpu_mpidr();
    uint64_t route = ((mpidr >> 32) & 0xff) << 32 | (mpidr & 0xffffff);
    for (unsigned i = 32; i < gic_lines; i++)
        wr64(gicd, GICD_IROUTER + i * 8, route);
    wr32(gicd, GICD_CTLR, (1U << 4) | (1U << 1) | (1U << 0)); /* ARE, Grp1, Grp0 */
    gicd_wait_rwp();

    volatile uint8_t *rd = gicv3_find_redist(p);
    if (!rd)
        return -ENODEV;
    uint32_t waker = rd32(rd, GICR_WAKER);
    wr32(rd, GICR_WAKER, waker & ~(1U << 1));
    for (int i = 0; i < 1000000 && (rd32(rd, GICR_WAKER) & (1U << 2)); i++)
        cpu_relax();
    gicr_sgi = rd + GICR_SGI_OFFSET;
    wr32(gicr_sgi, GICR_ICENABLER0, 0xffffffff);
    wr32(gicr_sgi, GICR_IGROUPR0, 0xffffffff);
    for (unsigned i = 0; i < 32; i += 4)
        wr32(gicr_sgi, GICR_IPRIORITYR + i, DEFAULT_PRIORITY * 0x01010101U);

    icc_write(ICC_SRE_EL1, icc_read(ICC_SRE_EL1) | 1);
    isb();
    icc_write(ICC_PMR_EL1, 0xf0);
    icc_write(ICC_CTLR_EL1, 0);
    icc_write(ICC_IGRPEN1_EL1, 1);
    isb();
    return 0;
}

int irq_init(const struct platform *p)
{
    int r = -ENODEV;
    gic_version = p->gic_version;
    if (gic_version == 2 && p->gicd_base && p->gicc_base)
        r = gicv2_init(p);
    else if (gic_version == 3 && p->gicd_base && p->gicr_base)
        r = gicv3_init(p);
    if (r) {
        gic_version = 0;
        return r;
    }
    pr_info("irq: GICv%u, distributor at 0x%lx, %u interrupt lines", gic_version,
            (unsigned long)p->gicd_base, gic_lines);
    return 0;
}

const char *irq_controller_name(void)
{
    return gic_version == 2 ? "GICv2" : gic_version == 3 ? "GICv3" : "none";
}

static void set_enable(uint32_t intid, int on)
{
    uint32_t bit = 1U << (intid % 32);
    if (gic_version == 3 && intid < 32)
        wr32(gicr_sgi, on ? GICR_ISENABLER0 : GICR_ICENABLER0, bit);
    else
        wr32(gicd, (on ? GICD_ISENABLER : GICD_ICENABLER) + (intid / 32) * 4, bit);
}

int irq_register(uint32_t intid, irq_handler_t handler, void *ctx, int edge)
{
    if (!gic_version || intid >= gic_lines || !handler)
        return -EINVAL;
    irq_flags_t f = spin_lock_irqsave(&irq_lock);
    if (handlers[intid].handler) {
        spin_unlock_irqrestore(&irq_lock, f);
        return -EBUSY;
    }
    handlers[intid] = (struct irq_slot){handler, ctx};
    if (intid >= 16) {
        uint32_t shift = (intid % 16) * 2;
        if (gic_version == 3 && intid < 32) {
            uint32_t cfg = rd32(gicr_sgi, GICR_ICFGR1);
            cfg = (cfg & ~(3U << shift)) | ((edge ? 2U : 0U) << shift);
            wr32(gicr_sgi, GICR_ICFGR1, cfg);
        } else if (intid >= 32) {
            uint32_t off = GICD_ICFGR + (intid / 16) * 4;
            uint32_t cfg = rd32(gicd, off);
            wr32(gicd, off, (cfg & ~(3U << shift)) | ((edge ? 2U : 0U) << shift));
        }
    }
    set_enable(intid, 1);
    spin_unlock_irqrestore(&irq_lock, f);
    return 0;
}

void irq_unregister(uint32_t intid)
{
    if (!gic_version || intid >= gic_lines)
        return;
    irq_flags_t f = spin_lock_irqsave(&irq_lock);
    set_enable(intid, 0);
    handlers[intid] = (struct irq_slot){NULL, NULL};
    spin_unlock_irqrestore(&irq_lock, f);
}

void irq_send_sgi_self(uint32_t sgi)
{
    if (gic_version == 2) {
        wr32(gicd, GICD_SGIR, (2U << 24) | (sgi & 0xf)); /* TargetListFilter: self */
    } else if (gic_version == 3) {
        uint64_t mpidr = cpu_mpidr();
        uint64_t v = (uint64_t)(sgi & 0xf) << 24 | ((mpidr >> 8) & 0xff) << 16 |
                     ((mpidr >> 16) & 0xff) << 32 | ((mpidr >> 32) & 0xff) << 48 |
                     (1UL << (mpidr & 0xf));
        icc_write(ICC_SGI1R_EL1, v);
        isb();
    }
}

void irq_handle(void)
{
    struct percpu *pc = this_cpu();
    pc->irq_depth++;
    for (;;) {
        uint32_t iar = gic_version == 3 ? (uint32_t)icc_read(ICC_IAR1_EL1) : rd32(gicc, GICC_IAR);
        uint32_t intid = iar & 0xffffff;
        if (gic_version == 2)
            intid &= 0x3ff;
        if (intid >= 1020)
            break; /* spurious: nothing (more) pending */
        pc->irq_count++;
        random_mix(timer_counter() ^ intid);
        struct irq_slot s = handlers[intid < MAX_INTID ? intid : 0];
        if (s.handler)
            s.handler(intid, s.ctx);
        else
            pr_warn("irq: unexpected interrupt %u", intid);
        if (gic_version == 3)
            icc_write(ICC_EOIR1_EL1, iar);
        else
            wr32(gicc, GICC_EOIR, iar);
    }
    pc->irq_depth--;
}
