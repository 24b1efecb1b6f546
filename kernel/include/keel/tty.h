/*
 * keel/tty.h — the console terminal: Linux's line discipline on the serial
 * console (canonical mode with erase/kill/EOF, echo, ^C/^Z/^\ to the
 * foreground process group, raw mode with VMIN/VTIME), termios and window
 * size ioctls, and the controlling-terminal bookkeeping for job control.
 * tty_lock (tty.c) guards all tty state.
 */
#ifndef KEEL_TTY_H
#define KEEL_TTY_H

#include <keel/file.h>
#include <stdbool.h>

struct process;

/* tty_input: a byte typed on the console (UART interrupt). */
void tty_input(char c);

/* tty_open: a new open file description of the console (/dev/console,
 * /dev/tty, the boot console of init).  NULL when out of memory. */
struct file *tty_open(unsigned flags);

/* tty_active: a process has opened the console (input goes to the tty). */
bool tty_active(void);

/* tty_session_exit: `p` (a session leader) exited: the tty loses its session. */
void tty_session_exit(struct process *p);

/* tty_session_info: the controlling session (0: none) and its foreground
 * process group (0: none). */
void tty_session_info(int *sid, int *fg);

/* tty_is_console: f is an open file of the console tty. */
bool tty_is_console(const struct file *f);

#endif
