/*
 * keel/printk.h — the kernel log and panic.
 *
 * printk formats (keel/format.h), prefixes the time since boot, keeps the
 * line in the log ring (dmesg) and writes it to the console if one is
 * registered; lines logged before the console exists are replayed when it
 * registers.  Safe from interrupt context.  Messages above the current level
 * (LOG_DEBUG in release builds) are dropped.
 */
#ifndef KEEL_PRINTK_H
#define KEEL_PRINTK_H

#include <keel/compiler.h>
#include <stdarg.h>
#include <stddef.h>

#define LOG_EMERG 0
#define LOG_ERR 3
#define LOG_WARN 4
#define LOG_NOTICE 5
#define LOG_INFO 6
#define LOG_DEBUG 7

void printk(int level, const char *fmt, ...) __printf(2, 3);
void vprintk(int level, const char *fmt, va_list ap);

/* printk_set_console_level: print only levels below `level` on the console
 * (all stay in the log ring). */
void printk_set_console_level(int level);

#define pr_err(...) printk(LOG_ERR, __VA_ARGS__)
#define pr_warn(...) printk(LOG_WARN, __VA_ARGS__)
#define pr_notice(...) printk(LOG_NOTICE, __VA_ARGS__)
#define pr_info(...) printk(LOG_INFO, __VA_ARGS__)
#define pr_debug(...) printk(LOG_DEBUG, __VA_ARGS__)

/*
 * panic: a kernel invariant is broken.  Prints "PANIC: <reason>", a
 * backtrace, stops the other CPUs and halts (or powers off/resets, per the
 * `panic=` boot argument).  Never returns.
 */
__noreturn void panic(const char *fmt, ...) __printf(1, 2);

/* An always-on assertion of a kernel invariant. */
#define BUG_ON(cond)                                                                               \
    do {                                                                                           \
        if (unlikely(cond))                                                                        \
            panic("%s:%d: BUG_ON(%s)", __FILE__, __LINE__, #cond);                                 \
    } while (0)

#ifdef KEEL_DEBUG
#define assert(cond) BUG_ON(!(cond))
#else
#define assert(cond) ((void)0)
#endif

/* A console: where printk output goes.  Registered by a driver. */
struct console {
    const char *name;
    void (*putc)(struct console *c, char ch); /* blocking, polled, IRQ-safe */
};

/* console_register: start sending printk output to `c` (replays the log). */
void console_register(struct console *c);

/* console_write_raw: write straight to the console, bypassing the log and
 * its lock (panic, early debugging). */
void console_write_raw(const char *s, size_t n);

/* console_printf_raw: format (at most 255 bytes) and console_write_raw it:
 * for panic, exception dumps and the kernel monitor. */
void console_printf_raw(const char *fmt, ...) __printf(1, 2);

/* printk_dump_log: copy the log ring's text into buf; returns bytes copied. */
size_t printk_dump_log(char *buf, size_t size);

/* Backtrace of the calling context (or starting at frame pointer `fp`). */
void backtrace_print(uint64_t fp, uint64_t pc);

/* ksym_lookup: name of the kernel function containing `addr`, or NULL;
 * *offset receives addr - start. */
const char *ksym_lookup(uint64_t addr, uint64_t *offset);

#endif
