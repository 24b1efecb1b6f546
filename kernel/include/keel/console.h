/*
 * keel/console.h — console input: a ring filled by the UART's interrupt
 * handler and drained by readers.  Output goes through printk's console
 * (keel/printk.h).  cons_lock guards the ring.
 */
#ifndef KEEL_CONSOLE_H
#define KEEL_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

struct platform;

#define CONSOLE_INPUT_SIZE 1024

/* console_input: called from the UART IRQ with one received byte; drops the
 * byte when the ring is full. */
void console_input(char c);

/* console_read: copy up to n buffered input bytes to buf; returns the count
 * (0 when nothing is buffered).  Never blocks. */
size_t console_read(char *buf, size_t n);

/* console_input_dropped: bytes dropped because the ring was full. */
size_t console_input_dropped(void);

/* Driver entry points (arch/aarch64/drivers/pl011.c). */
int pl011_init(const struct platform *p);
int pl011_enable_rx_irq(const struct platform *p);
/* pl011_throttle: stop (true) or resume taking input from the UART. */
void pl011_throttle(bool on);

#endif
