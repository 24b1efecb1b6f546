/*
 * kernel/printk.c — the kernel log ring, printk and the console hand-off.
 *
 * log_lock guards log_ring, log_head, log_len and the_console.
 */
#include <arch/cpu.h>
#include <arch/timer.h>
#include <keel/format.h>
#include <keel/printk.h>
#include <keel/spinlock.h>

#define LOG_RING_SIZE (32 * 1024)

static spinlock_t log_lock = SPINLOCK_INIT;
static char log_ring[LOG_RING_SIZE];
static size_t log_head; /* next write position */
static size_t log_len;  /* valid bytes, <= LOG_RING_SIZE */
static struct console *the_console;

#ifdef KEEL_DEBUG
static int log_level = LOG_DEBUG; /* kept in the ring */
#else
static int log_level = LOG_INFO;
#endif
/* Shown on the console: levels below this (Linux's console_loglevel: 7
 * hides debug messages; "quiet" makes it 4, "loglevel=N" sets it). */
static int console_level = LOG_DEBUG;

void printk_set_console_level(int level)
{
    console_level = level;
}

static void console_out(struct console *c, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\n')
            c->putc(c, '\r');
        c->putc(c, s[i]);
    }
}

static void ring_append(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        log_ring[log_head] = s[i];
        log_head = (log_head + 1) % LOG_RING_SIZE;
    }
    log_len = MIN(log_len + n, (size_t)LOG_RING_SIZE);
}

void vprintk(int level, const char *fmt, va_list ap)
{
    char line[512];
    if (level > log_level)
        return;
    uint64_t ns = timer_now_ns();
    int n = ksnprintf(line, sizeof line, "[%5lu.%06lu] ", (unsigned long)(ns / 1000000000u),
                      (unsigned long)(ns % 1000000000u / 1000u));
    int m = kvsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    size_t len = (size_t)n + (size_t)MIN(m, (int)(sizeof line - (size_t)n - 1));
    if (len == 0 || line[len - 1] != '\n') {
        if (len == sizeof line - 1)
            len--;
        line[len++] = '\n';
        line[len] = '\0';
    }

    irq_flags_t f = spin_lock_irqsave(&log_lock);
    ring_append(line, len);
    if (the_console && level < console_level)
        console_out(the_console, line, len);
    spin_unlock_irqrestore(&log_lock, f);
}

void printk(int level, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintk(level, fmt, ap);
    va_end(ap);
}

void console_register(struct console *c)
{
    irq_flags_t f = spin_lock_irqsave(&log_lock);
    the_console = c;
    size_t start = (log_head + LOG_RING_SIZE - log_len) % LOG_RING_SIZE;
    for (size_t i = 0; i < log_len; i++)
        console_out(c, &log_ring[(start + i) % LOG_RING_SIZE], 1);
    spin_unlock_irqrestore(&log_lock, f);
}

void console_write_raw(const char *s, size_t n)
{
    struct console *c = READ_ONCE(the_console);
    if (c)
        console_out(c, s, n);
}

void console_printf_raw(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = kvsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    console_write_raw(buf, (size_t)MIN(n, (int)sizeof buf - 1));
}

size_t printk_dump_log(char *buf, size_t size)
{
    irq_flags_t f = spin_lock_irqsave(&log_lock);
    size_t n = MIN(size, log_len);
    size_t start = (log_head + LOG_RING_SIZE - n) % LOG_RING_SIZE;
    for (size_t i = 0; i < n; i++)
        buf[i] = log_ring[(start + i) % LOG_RING_SIZE];
    spin_unlock_irqrestore(&log_lock, f);
    return n;
}
