/* kernel/console.c — the console input ring; see keel/console.h. */
#include <keel/console.h>
#include <keel/spinlock.h>
#include <keel/tty.h>

static spinlock_t cons_lock = SPINLOCK_INIT;
static char ring[CONSOLE_INPUT_SIZE];
static size_t head, tail, dropped; /* head: next write; tail: next read */

void console_input(char c)
{
    if (tty_active()) {
        tty_input(c);
        return;
    }
    irq_flags_t f = spin_lock_irqsave(&cons_lock);
    size_t next = (head + 1) % CONSOLE_INPUT_SIZE;
    if (next == tail) {
        dropped++;
    } else {
        ring[head] = c;
        head = next;
    }
    spin_unlock_irqrestore(&cons_lock, f);
}

size_t console_read(char *buf, size_t n)
{
    size_t got = 0;
    irq_flags_t f = spin_lock_irqsave(&cons_lock);
    while (got < n && tail != head) {
        buf[got++] = ring[tail];
        tail = (tail + 1) % CONSOLE_INPUT_SIZE;
    }
    spin_unlock_irqrestore(&cons_lock, f);
    return got;
}

size_t console_input_dropped(void)
{
    return dropped;
}
