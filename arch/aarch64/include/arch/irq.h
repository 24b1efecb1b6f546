/*
 * arch/irq.h — interrupts: the GIC (v2 or v3, found at boot) behind one
 * interface.  INTIDs are the GIC's: SGIs 0-15, PPIs 16-31, SPIs 32+.
 */
#ifndef ARCH_IRQ_H
#define ARCH_IRQ_H

#include <stdint.h>

struct platform;

typedef void (*irq_handler_t)(uint32_t intid, void *ctx);

/* irq_init: bring up the distributor and this CPU's interface.
 * Returns 0, or -ENODEV if the platform named no usable GIC. */
int irq_init(const struct platform *p);

/* irq_register: route `intid` to handler(ctx) and enable it; level-triggered
 * unless `edge`.  Returns 0 or -EINVAL/-EBUSY. */
int irq_register(uint32_t intid, irq_handler_t handler, void *ctx, int edge);

/* irq_unregister: disable `intid` and forget its handler. */
void irq_unregister(uint32_t intid);

/* irq_send_sgi_self: raise software-generated interrupt `sgi` (0-15) on the
 * calling CPU. */
void irq_send_sgi_self(uint32_t sgi);

/* irq_handle: called by the trap code on an IRQ exception: acknowledges,
 * dispatches and ends every pending interrupt. */
void irq_handle(void);

/* irq_controller_name: "GICv2", "GICv3" or "none". */
const char *irq_controller_name(void);

#endif
