/*
 * kernel/tty.c — the console tty; see keel/tty.h.  Behaviour follows
 * Linux's n_tty for the flags Keel supports (listed in tty_default).
 */
#include <abi/errno.h>
#include <abi/linux_types.h>
#include <arch/timer.h>
#include <keel/compiler.h>
#include <keel/console.h>
#include <keel/printk.h>
#include <keel/process.h>
#include <keel/sched.h>
#include <keel/signal.h>
#include <keel/string.h>
#include <keel/tty.h>
#include <keel/uaccess.h>

/* termios bits (asm-generic). */
#define IGNCR 0000200
#define ICRNL 0000400
#define INLCR 0000100
#define IXON 0002000
#define OPOST 0000001
#define ONLCR 0000004
#define ISIG 0000001
#define ICANON 0000002
#define ECHO 0000010
#define ECHOE 0000020
#define ECHOK 0000040
#define ECHONL 0000100
#define NOFLSH 0000200
#define TOSTOP 0000400
#define ECHOCTL 0001000
#define ECHOKE 0004000
#define IEXTEN 0100000
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSUSP 10
#define VEOL 11
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16
#define NCCS 19

/* ioctl numbers (asm-generic). */
#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TCSBRK 0x5409
#define TCXONC 0x540A
#define TCFLSH 0x540B
#define TIOCSCTTY 0x540E
#define TIOCGPGRP 0x540F
#define TIOCSPGRP 0x5410
#define TIOCOUTQ 0x5411
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD 0x541B
#define TIOCNOTTY 0x5422
#define TIOCGSID 0x5429
#define FIONBIO 0x5421

#define SIGINT 2
#define SIGQUIT 3
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGWINCH 28

struct kernel_termios {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[NCCS];
};
_Static_assert(sizeof(struct kernel_termios) == 36, "struct termios (kernel ABI)");

struct winsize {
    uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#define LINE_MAX_BYTES 4095
#define INPUT_SIZE 8192
#define MAX_RECORDS 128

static spinlock_t tty_lock = SPINLOCK_INIT;
static struct kernel_termios termios = {
    .c_iflag = ICRNL | IXON,
    .c_oflag = OPOST | ONLCR,
    .c_cflag = 0x00bf, /* B38400 | CS8 | CREAD */
    .c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
    .c_cc = {[VINTR] = 3,
             [VQUIT] = 0x1c,
             [VERASE] = 0x7f,
             [VKILL] = 0x15,
             [VEOF] = 4,
             [VMIN] = 1,
             [VSUSP] = 0x1a,
             [VWERASE] = 0x17,
             [VLNEXT] = 0x16},
};
static struct winsize winsize = {24, 80, 0, 0};

/*
 * Readable input: a byte ring addressed by absolute counters (in_rd bytes
 * consumed, in_wr bytes stored).  In canonical mode `records` holds the
 * absolute end of each completed line (or of the text before a ^D); a
 * read never crosses one, and an empty record is end-of-file.
 */
static char input[INPUT_SIZE];
static uint64_t in_rd, in_wr;
static uint64_t records[MAX_RECORDS];
static unsigned nrecords;
static char line[LINE_MAX_BYTES]; /* the canonical line being edited */
static size_t line_len;
static struct wait_queue readers = WAIT_QUEUE_INIT;
static int fg_pgrp; /* foreground process group, 0 = none */
static int session; /* controlling session, 0 = none */
static bool opened;

bool tty_active(void)
{
    return opened;
}

static void out_raw(char c)
{
    console_write_raw(&c, 1);
}

/* out: one output byte with OPOST processing. */
static void out(char c)
{
    if ((termios.c_oflag & OPOST) && (termios.c_oflag & ONLCR) && c == '\n')
        out_raw('\r');
    out_raw(c);
}

static void echo_char(char c)
{
    if (!(termios.c_lflag & ECHO))
        return;
    if ((termios.c_lflag & ECHOCTL) && ((unsigned char)c < 32 || c == 0x7f) && c != '\n' &&
        c != '\t') {
        out('^');
        out(c == 0x7f ? '?' : (char)(c + 64));
    } else {
        out(c);
    }
}

static void erase_one(void)
{
    if (!line_len)
        return;
    char c = line[--line_len];
    if ((termios.c_lflag & ECHO) && (termios.c_lflag & ECHOE)) {
        int width = ((unsigned char)c < 32 && (termios.c_lflag & ECHOCTL)) ? 2 : 1;
        for (int i = 0; i < width; i++) {
            out('\b');
            out(' ');
            out('\b');
        }
    }
}

#define THROTTLE_AT (INPUT_SIZE - LINE_MAX_BYTES - 256)
#define UNTHROTTLE_AT (INPUT_SIZE / 4)
static bool throttled;

static void push_bytes(const char *s, size_t n)
{
    for (size_t i = 0; i < n && in_wr - in_rd < INPUT_SIZE; i++)
        input[in_wr++ % INPUT_SIZE] = s[i];
    if (!throttled && in_wr - in_rd >= THROTTLE_AT) {
        throttled = true; /* as n_tty: stop the sender rather than drop input */
        pl011_throttle(true);
    }
}

static void end_record(void)
{
    if (nrecords < MAX_RECORDS)
        records[nrecords++] = in_wr;
}

static void flush_input(void)
{
    line_len = 0;
    in_rd = in_wr;
    nrecords = 0;
}

/* receive: the line discipline for one input byte (tty_lock held). */
static void receive(char c)
{
    uint32_t l = termios.c_lflag, i = termios.c_iflag;
    if (c == '\r') {
        if (i & IGNCR)
            return;
        if (i & ICRNL)
            c = '\n';
    } else if (c == '\n' && (i & INLCR)) {
        c = '\r';
    }
    if (l & ISIG) {
        int sig = c == (char)termios.c_cc[VINTR]   ? SIGINT
                  : c == (char)termios.c_cc[VQUIT] ? SIGQUIT
                  : c == (char)termios.c_cc[VSUSP] ? SIGTSTP
                                                   : 0;
        if (sig) {
            echo_char(c);
            if (!(l & NOFLSH))
                flush_input();
            if (fg_pgrp > 0)
                signal_send_pgrp(fg_pgrp, sig);
            wake_all(&readers);
            return;
        }
    }
    if (!(l & ICANON)) {
        push_bytes(&c, 1);
        echo_char(c);
        wake_all(&readers);
        return;
    }
    if (c == (char)termios.c_cc[VERASE] || c == '\b') {
        erase_one();
    } else if (c == (char)termios.c_cc[VKILL]) {
        while (line_len)
            erase_one();
    } else if (c == (char)termios.c_cc[VWERASE] && (l & IEXTEN)) {
        while (line_len && line[line_len - 1] == ' ')
            erase_one();
        while (line_len && line[line_len - 1] != ' ')
            erase_one();
    } else if (c == (char)termios.c_cc[VEOF]) {
        push_bytes(line, line_len);
        line_len = 0;
        end_record();
        wake_all(&readers);
    } else if (c == '\n' || (termios.c_cc[VEOL] && c == (char)termios.c_cc[VEOL])) {
        line[line_len++] = c;
        if ((l & ECHO) || (l & ECHONL))
            out(c);
        push_bytes(line, line_len);
        line_len = 0;
        end_record();
        wake_all(&readers);
    } else if (line_len < LINE_MAX_BYTES - 1) {
        line[line_len++] = c;
        echo_char(c);
    }
}

void tty_input(char c)
{
    irq_flags_t f = spin_lock_irqsave(&tty_lock);
    receive(c);
    spin_unlock_irqrestore(&tty_lock, f);
}

/* readable: bytes a read may take now (tty_lock held); *eof for ^D. */
static size_t readable(bool *eof)
{
    *eof = false;
    if (!(termios.c_lflag & ICANON))
        return (size_t)(in_wr - in_rd);
    if (!nrecords)
        return 0;
    size_t n = (size_t)(records[0] - in_rd);
    if (!n)
        *eof = true;
    return n;
}

/* maybe_unthrottle_locked_out: called without tty_lock (pl011_throttle
 * feeds input back through tty_input, which takes it). */
static void maybe_unthrottle_locked_out(void)
{
    irq_flags_t fl = irq_save();
    bool go = throttled && in_wr - in_rd <= UNTHROTTLE_AT;
    if (go)
        throttled = false;
    irq_restore(fl);
    if (go)
        pl011_throttle(false);
}

static int64_t tty_read(struct file *f, uint64_t ubuf, size_t len, uint64_t *off)
{
    (void)off;
    if (!len)
        return 0;
    struct process *p = current_process();
    if (p && session && p->sid == session && fg_pgrp && p->pgid != fg_pgrp) {
        signal_send_pgrp(p->pgid, SIGTTIN);
        return -EINTR;
    }
    irq_flags_t fl = spin_lock_irqsave(&tty_lock);
    uint64_t deadline = 0;
    if (!(termios.c_lflag & ICANON) && termios.c_cc[VMIN] == 0 && termios.c_cc[VTIME])
        deadline = timer_now_ns() + termios.c_cc[VTIME] * 100000000ULL;
    for (;;) {
        bool eof;
        size_t n = readable(&eof);
        if (eof) {
            nrecords--;
            memmove(records, records + 1, nrecords * sizeof records[0]);
            spin_unlock_irqrestore(&tty_lock, fl);
            return 0;
        }
        bool raw_now = !(termios.c_lflag & ICANON) && termios.c_cc[VMIN] == 0;
        if (n || raw_now) {
            char buf[256];
            size_t take = MIN(MIN(n, len), sizeof buf);
            for (size_t i = 0; i < take; i++)
                buf[i] = input[(in_rd + i) % INPUT_SIZE];
            in_rd += take;
            if ((termios.c_lflag & ICANON) && nrecords && in_rd == records[0]) {
                nrecords--;
                memmove(records, records + 1, nrecords * sizeof records[0]);
            }
            spin_unlock_irqrestore(&tty_lock, fl);
            maybe_unthrottle_locked_out();
            if (take && copy_to_user(ubuf, buf, take))
                return -EFAULT;
            return (int64_t)take;
        }
        if (f->flags & O_NONBLOCK) {
            spin_unlock_irqrestore(&tty_lock, fl);
            return -EAGAIN;
        }
        int r = wait_sleep(&readers, &tty_lock, true, deadline);
        if (r == -EINTR) {
            spin_unlock_irqrestore(&tty_lock, fl);
            return -EINTR;
        }
        if (r == -ETIMEDOUT) {
            spin_unlock_irqrestore(&tty_lock, fl);
            return 0;
        }
    }
}

static int64_t tty_write(struct file *f, uint64_t ubuf, size_t len, uint64_t *off)
{
    (void)f, (void)off;
    char buf[256];
    size_t done = 0;
    while (done < len) {
        size_t n = MIN(len - done, sizeof buf);
        if (copy_from_user(buf, ubuf + done, n))
            return done ? (int64_t)done : -EFAULT;
        irq_flags_t fl = spin_lock_irqsave(&tty_lock);
        for (size_t i = 0; i < n; i++)
            out(buf[i]);
        spin_unlock_irqrestore(&tty_lock, fl);
        done += n;
    }
    return (int64_t)done;
}

static int tty_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
    struct process *p = current_process();
    switch (cmd) {
    case TCGETS: {
        struct kernel_termios t;
        irq_flags_t fl = spin_lock_irqsave(&tty_lock);
        t = termios;
        spin_unlock_irqrestore(&tty_lock, fl);
        return copy_to_user(arg, &t, sizeof t);
    }
    case TCSETS:
    case TCSETSW:
    case TCSETSF: {
        struct kernel_termios t;
        if (copy_from_user(&t, arg, sizeof t))
            return -EFAULT;
        irq_flags_t fl = spin_lock_irqsave(&tty_lock);
        bool was_canon = termios.c_lflag & ICANON;
        termios = t;
        if (cmd == TCSETSF)
            flush_input();
        if (was_canon && !(t.c_lflag & ICANON)) {
            push_bytes(line, line_len); /* the partial line becomes readable */
            line_len = 0;
            nrecords = 0;
        } else if (!was_canon && (t.c_lflag & ICANON)) {
            nrecords = 0;
            if (in_wr != in_rd)
                end_record();
        }
        spin_unlock_irqrestore(&tty_lock, fl);
        wake_all(&readers);
        return 0;
    }
    case TIOCGWINSZ:
        return copy_to_user(arg, &winsize, sizeof winsize);
    case TIOCSWINSZ: {
        struct winsize w;
        if (copy_from_user(&w, arg, sizeof w))
            return -EFAULT;
        winsize = w;
        if (fg_pgrp > 0)
            signal_send_pgrp(fg_pgrp, SIGWINCH);
        return 0;
    }
    case TIOCGPGRP: {
        int32_t g = fg_pgrp;
        if (!session || p->sid != session)
            return -ENOTTY;
        return copy_to_user(arg, &g, sizeof g);
    }
    case TIOCSPGRP: {
        int32_t g;
        if (copy_from_user(&g, arg, sizeof g))
            return -EFAULT;
        if (!session || p->sid != session)
            return -ENOTTY;
        if (g <= 0)
            return -EINVAL;
        if (!process_group_exists(g, session))
            return -EPERM;
        fg_pgrp = g;
        return 0;
    }
    case TIOCGSID: {
        int32_t s = session;
        if (!session || p->sid != session)
            return -ENOTTY;
        return copy_to_user(arg, &s, sizeof s);
    }
    case TIOCSCTTY:
        if (p->sid != p->pid)
            return -EPERM; /* only a session leader */
        if (session && session != p->sid && arg != 1)
            return -EPERM;
        session = p->sid;
        fg_pgrp = p->pgid;
        return 0;
    case TIOCNOTTY:
        if (session == p->sid && p->sid == p->pid) {
            session = 0;
            fg_pgrp = 0;
        }
        return 0;
    case FIONREAD: {
        irq_flags_t fl = spin_lock_irqsave(&tty_lock);
        bool eof;
        int32_t n = (int32_t)readable(&eof);
        spin_unlock_irqrestore(&tty_lock, fl);
        return copy_to_user(arg, &n, sizeof n);
    }
    case TCFLSH: {
        irq_flags_t fl = spin_lock_irqsave(&tty_lock);
        if (arg == 0 || arg == 2)
            flush_input();
        spin_unlock_irqrestore(&tty_lock, fl);
        return 0;
    }
    case TIOCOUTQ: {
        int32_t zero = 0;
        return copy_to_user(arg, &zero, sizeof zero);
    }
    case TCSBRK:
    case TCXONC:
        return 0;
    default:
        (void)f;
        return -ENOTTY;
    }
}

static unsigned tty_poll(struct file *f, struct wait_queue **wq)
{
    (void)f;
    if (wq)
        *wq = &readers;
    irq_flags_t fl = spin_lock_irqsave(&tty_lock);
    bool eof;
    size_t n = readable(&eof);
    spin_unlock_irqrestore(&tty_lock, fl);
    return POLLOUT | ((n || eof) ? POLLIN : 0);
}

static int tty_stat(struct file *f, struct linux_stat *st)
{
    (void)f;
    memset(st, 0, sizeof *st);
    st->st_mode = 0020620;      /* character device, rw--w---- */
    st->st_rdev = (5 << 8) | 1; /* 5:1, /dev/console */
    st->st_blksize = 1024;
    st->st_ino = 5;
    st->st_nlink = 1;
    return 0;
}

static void tty_release(struct file *f)
{
    (void)f;
}

static const struct file_ops tty_ops = {
    .read = tty_read,
    .write = tty_write,
    .ioctl = tty_ioctl,
    .poll = tty_poll,
    .stat = tty_stat,
    .release = tty_release,
};

struct file *tty_open(unsigned flags)
{
    struct file *f = file_new(&tty_ops, flags, NULL);
    if (f)
        opened = true;
    return f;
}

bool tty_is_console(const struct file *f)
{
    return f->ops == &tty_ops;
}

void tty_session_info(int *sid, int *fg)
{
    *sid = session;
    *fg = fg_pgrp;
}

void tty_session_exit(struct process *p)
{
    irq_flags_t fl = spin_lock_irqsave(&tty_lock);
    if (session == p->sid && p->sid == p->pid) {
        session = 0;
        fg_pgrp = 0;
    }
    spin_unlock_irqrestore(&tty_lock, fl);
}
