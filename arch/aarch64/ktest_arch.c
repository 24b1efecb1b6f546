/*
 * arch/aarch64/ktest_arch.c — in-kernel self-tests of the arch layer: page
 * tables, the recoverable-fault path, the timer, interrupt delivery.
 */
#include <abi/errno.h>
#include <arch/cpu.h>
#include <arch/irq.h>
#include <arch/memlayout.h>
#include <arch/mmu.h>
#include <arch/timer.h>
#include <arch/trap.h>
#include <keel/ktest.h>
#include <keel/mm.h>
#include <keel/percpu.h>

/* A test window inside the ioremap area, far above anything ioremap uses. */
#define TEST_VA (IOREMAP_BASE + IOREMAP_SIZE - 16 * PAGE_SIZE)

KTEST(fault_on_unmapped_kernel_address_is_recovered)
{
    uint64_t v = 1;
    KT_CHECK(probe_read_u64((const void *)TEST_VA, &v) == -EFAULT);
    KT_CHECK(v == 1);
    KT_CHECK(probe_read_u64((const void *)0x10, &v) == -EFAULT); /* NULL page */
    uint64_t here = 0x1234;
    KT_CHECK(probe_read_u64(&here, &v) == 0 && v == 0x1234);
    return 0;
}

KTEST(page_table_map_alias_unmap)
{
    uint64_t pa = page_alloc_phys(0);
    KT_CHECK(pa);
    KT_CHECK(kmap_range(TEST_VA, pa, PAGE_SIZE, KMAP_DATA) == 0);
    KT_CHECK(kernel_translate(TEST_VA) == pa);
    KT_CHECK(kernel_translate(TEST_VA + 123) == pa + 123);
    KT_CHECK(kmap_range(TEST_VA, pa, PAGE_SIZE, KMAP_DATA) == -EEXIST);
    /* A write through one alias is seen through the other. */
    *(volatile uint64_t *)TEST_VA = 0xfeedface;
    KT_CHECK(*(volatile uint64_t *)phys_to_virt(pa) == 0xfeedface);
    kunmap_range(TEST_VA, PAGE_SIZE);
    KT_CHECK(kernel_translate(TEST_VA) == (uint64_t)-1);
    uint64_t v;
    KT_CHECK(probe_read_u64((const void *)TEST_VA, &v) == -EFAULT);
    page_free_phys(pa, 0);
    return 0;
}

KTEST(kernel_text_is_not_writable_and_data_not_executable)
{
    extern char _stext[], _sdata[];
    /* Text maps read-only; writing it must fault (probe via the extable). */
    uint64_t pa = kernel_translate((uint64_t)_stext);
    KT_CHECK(pa != (uint64_t)-1);
    KT_CHECK(kernel_translate((uint64_t)_sdata) != (uint64_t)-1);
    KT_CHECK(probe_write_u32((volatile void *)_stext, 0) == -EFAULT);
    return 0;
}

KTEST(timer_is_monotonic_and_ticks)
{
    uint64_t t0 = timer_now_ns();
    uint64_t ticks0 = timer_ticks();
    KT_CHECK(irqs_enabled());
    /* Wait (with interrupts on) for at least 3 ticks, at most 2 s. */
    while (timer_ticks() < ticks0 + 3 && timer_now_ns() - t0 < 2000000000ULL)
        wfi();
    uint64_t t1 = timer_now_ns();
    KT_CHECK(timer_ticks() >= ticks0 + 3);
    KT_CHECK(t1 > t0);
    /* 3 ticks at TIMER_HZ take at least 2 tick periods. */
    KT_CHECK(t1 - t0 >= 2 * (1000000000ULL / TIMER_HZ));
    return 0;
}

static volatile unsigned sgi_hits;

static void sgi_handler(uint32_t intid, void *ctx)
{
    (void)intid;
    sgi_hits += (unsigned)(uint64_t)ctx;
}

KTEST(irq_delivery_of_a_software_interrupt)
{
    KT_CHECK(irq_register(7, sgi_handler, (void *)1, 1) == 0);
    KT_CHECK(irq_register(7, sgi_handler, (void *)1, 1) == -EBUSY);
    uint64_t before = this_cpu()->irq_count;
    sgi_hits = 0;
    for (int i = 0; i < 3; i++) {
        irq_send_sgi_self(7);
        for (int spin = 0; spin < 1000000 && sgi_hits <= (unsigned)i; spin++)
            cpu_relax();
    }
    irq_unregister(7);
    KT_CHECK(sgi_hits == 3);
    KT_CHECK(this_cpu()->irq_count >= before + 3);
    return 0;
}
