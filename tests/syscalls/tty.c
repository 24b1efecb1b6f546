/*
 * tests/syscalls/tty.c — the console as a terminal: ioctl TCGETS/TCSETS,
 * TIOCGWINSZ/TIOCSWINSZ, TIOCGPGRP/TIOCSPGRP, TIOCGSID, FIONREAD, TCSBRK
 * (tcdrain) on fd 1 and /dev/tty, and ENOTTY on a pipe, a file and
 * /dev/null.
 *
 * Contract: fd 1 is the console, and this program is the foreground
 * process group of the shell that started it (tests/syscalls/run.py runs it
 * as `tty -t </dev/null 2>&1`).  Every setting it changes is restored.
 * Prints failures and "syscalls-tty: N passed, N failed".
 */
#include "check.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <termios.h>

static void test_termios(void)
{
    struct termios t, saved, back;

    CHECK("ioctl/isatty on the console", isatty(1) == 1);
    CHECK_OK("ioctl/TCGETS on the console", ioctl(1, TCGETS, &saved));
    CHECK("ioctl/TCGETS: canonical mode with echo",
          (saved.c_lflag & ICANON) && (saved.c_lflag & ECHO));
    CHECK("ioctl/TCGETS: sane control characters", saved.c_cc[VINTR] == 3 && saved.c_cc[VEOF] == 4);
    t = saved;
    t.c_lflag ^= TOSTOP;
    CHECK("ioctl/TCSETS then TCGETS", ioctl(1, TCSETS, &t) == 0 && ioctl(1, TCGETS, &back) == 0 &&
                                          (back.c_lflag & TOSTOP) == (t.c_lflag & TOSTOP));
    CHECK("ioctl/TCSETSW restores", ioctl(1, TCSETSW, &saved) == 0 &&
                                        ioctl(1, TCGETS, &back) == 0 &&
                                        back.c_lflag == saved.c_lflag);
    CHECK_OK("ioctl/TCSBRK 1 (tcdrain)", tcdrain(1));
    CHECK_ERRNO("ioctl/TCGETS bad pointer: EFAULT", syscall(SYS_ioctl, 1, TCGETS, KERNEL_ADDR),
                EFAULT);
    CHECK_ERRNO("ioctl/unknown request on a tty: ENOTTY", ioctl(1, 0x12345678, &t), ENOTTY);
    CHECK_ERRNO("ioctl/bad fd: EBADF", ioctl(-1, TCGETS, &t), EBADF);
}

static void test_winsize(void)
{
    struct winsize saved, w = {.ws_row = 33, .ws_col = 111}, back;

    CHECK_OK("ioctl/TIOCGWINSZ on the console", ioctl(1, TIOCGWINSZ, &saved));
    CHECK("ioctl/TIOCSWINSZ then TIOCGWINSZ", ioctl(1, TIOCSWINSZ, &w) == 0 &&
                                                  ioctl(1, TIOCGWINSZ, &back) == 0 &&
                                                  back.ws_row == 33 && back.ws_col == 111);
    CHECK("ioctl/TIOCSWINSZ restores",
          ioctl(1, TIOCSWINSZ, &saved) == 0 && ioctl(1, TIOCGWINSZ, &back) == 0 &&
              back.ws_row == saved.ws_row && back.ws_col == saved.ws_col);
}

static void test_groups(void)
{
    pid_t pgrp = -1, sid = -1;
    int fd = open("/dev/tty", O_RDWR | O_NONBLOCK), n = -1;
    struct termios t;
    char c;

    CHECK("ioctl/TIOCGPGRP: this program is the foreground group",
          ioctl(1, TIOCGPGRP, &pgrp) == 0 && pgrp == getpgrp());
    CHECK("ioctl/TIOCSPGRP to its own group", ioctl(1, TIOCSPGRP, &pgrp) == 0);
    CHECK("ioctl/TIOCGSID is our session", ioctl(1, TIOCGSID, &sid) == 0 && sid == getsid(0));
    CHECK("openat//dev/tty is the controlling terminal",
          fd >= 0 && isatty(fd) && ioctl(fd, TCGETS, &t) == 0);
    CHECK("ioctl/FIONREAD on the terminal, nothing typed", ioctl(fd, FIONREAD, &n) == 0 && n == 0);
    CHECK_ERRNO("read/non-blocking terminal without input: EAGAIN", read(fd, &c, 1), EAGAIN);
    close(fd);
}

static void test_not_tty(void)
{
    struct termios t;
    struct winsize w;
    int p[2], fd, null = open("/dev/null", O_RDWR);

    pipe(p);
    CHECK_ERRNO("ioctl/TCGETS on a pipe: ENOTTY", ioctl(p[0], TCGETS, &t), ENOTTY);
    CHECK_ERRNO("ioctl/TIOCGWINSZ on a pipe: ENOTTY", ioctl(p[1], TIOCGWINSZ, &w), ENOTTY);
    CHECK("ioctl/isatty on a pipe is 0 with ENOTTY", isatty(p[0]) == 0 && errno == ENOTTY);
    close(p[0]);
    close(p[1]);
    fd = open("/etc/passwd", O_RDONLY);
    CHECK_ERRNO("ioctl/TCGETS on a file: ENOTTY", ioctl(fd, TCGETS, &t), ENOTTY);
    close(fd);
    CHECK_ERRNO("ioctl/TCGETS on /dev/null: ENOTTY", ioctl(null, TCGETS, &t), ENOTTY);
    close(null);
}

int main(int argc, char **argv)
{
    check_init(argc, argv);
    test_termios();
    test_winsize();
    test_groups();
    test_not_tty();
    return check_done("tty");
}
