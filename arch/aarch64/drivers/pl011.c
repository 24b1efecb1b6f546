/*
 * arch/aarch64/drivers/pl011.c — the Arm PL011 UART as Keel's console.
 *
 * Transmit is polled (printk may run with interrupts off); receive is
 * interrupt-driven into the console input ring (kernel/console.c).  The line
 * settings (baud rate) are left as the firmware set them; when the UART is
 * found disabled and its clock is known, it is programmed for 115200 8N1.
 */
#include <arch/cpu.h>
#include <arch/irq.h>
#include <arch/mmu.h>
#include <keel/console.h>
#include <keel/platform.h>
#include <keel/printk.h>

#define UART_DR 0x00
#define UART_FR 0x18
#define UART_IBRD 0x24
#define UART_FBRD 0x28
#define UART_LCRH 0x2c
#define UART_CR 0x30
#define UART_IMSC 0x38
#define UART_MIS 0x40
#define UART_ICR 0x44

#define FR_BUSY (1U << 3)
#define FR_RXFE (1U << 4)
#define FR_TXFF (1U << 5)
#define CR_UARTEN (1U << 0)
#define CR_TXE (1U << 8)
#define CR_RXE (1U << 9)
#define LCRH_FEN (1U << 4)
#define LCRH_WLEN8 (3U << 5)
#define INT_RX (1U << 4)
#define INT_RT (1U << 6)

static volatile uint8_t *uart;

static inline uint32_t rd(uint32_t off)
{
    return *(volatile uint32_t *)(uart + off);
}
static inline void wr(uint32_t off, uint32_t v)
{
    *(volatile uint32_t *)(uart + off) = v;
}

static void pl011_putc(struct console *c, char ch)
{
    for (int spin = 0; (rd(UART_FR) & FR_TXFF) && spin < 1000000; spin++)
        cpu_relax();
    wr(UART_DR, (uint8_t)ch);
}

static struct console pl011_console = {.name = "pl011", .putc = pl011_putc};

static bool throttled;

/* pl011_irq: clear first, then drain, so a byte arriving while we drain
 * raises a fresh interrupt instead of sitting unseen in the FIFO.  While
 * the console is throttled the FIFO is left full: the sender waits. */
static void pl011_irq(uint32_t intid, void *ctx)
{
    wr(UART_ICR, INT_RX | INT_RT);
    while (!throttled && !(rd(UART_FR) & FR_RXFE))
        console_input((char)(rd(UART_DR) & 0xff));
}

void pl011_throttle(bool on)
{
    if (!uart || on == throttled)
        return;
    throttled = on;
    wr(UART_IMSC, on ? 0 : (INT_RX | INT_RT));
    if (!on)
        while (!throttled && !(rd(UART_FR) & FR_RXFE))
            console_input((char)(rd(UART_DR) & 0xff));
}

int pl011_init(const struct platform *p)
{
    if (p->uart != UART_PL011 || !p->uart_base)
        return -1;
    uart = ioremap(p->uart_base, 0x1000);
    if (!uart)
        return -1;
    uint32_t cr = rd(UART_CR);
    if (!(cr & CR_UARTEN) && p->uart_clock_hz) {
        uint32_t div64 = (uint32_t)(((uint64_t)p->uart_clock_hz * 4 + 115200 / 2) / 115200);
        wr(UART_IBRD, div64 >> 6);
        wr(UART_FBRD, div64 & 0x3f);
        wr(UART_LCRH, LCRH_FEN | LCRH_WLEN8);
    }
    wr(UART_CR, cr | CR_UARTEN | CR_TXE | CR_RXE);
    console_register(&pl011_console);
    return 0;
}

/* pl011_enable_rx_irq: start interrupt-driven input (needs irq_init). */
int pl011_enable_rx_irq(const struct platform *p)
{
    if (!uart || !p->uart_irq)
        return -1;
    while (!(rd(UART_FR) & FR_RXFE))
        (void)rd(UART_DR);
    wr(UART_ICR, 0x7ff);
    if (irq_register(p->uart_irq, pl011_irq, NULL, 0))
        return -1;
    wr(UART_IMSC, INT_RX | INT_RT);
    return 0;
}
