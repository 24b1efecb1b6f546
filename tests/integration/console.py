"""tests/integration/console.py — drive a QEMU guest's serial console.

Shared by every integration test, on Keel and on the Linux reference alike:
both boot the same initrd, whose /etc/profile sets the prompt "keel:DIR# "
(``PROMPT_RE``).

    with Console(["bash", "scripts/qemu-linux.sh"], log_path="build/logs/x.log") as c:
        c.boot()
        out, status = c.run("echo hi | tr a-z A-Z")   # ("HI\\n", 0)
        c.upload("/tmp/x.sh", "echo from a file\\n")
        c.poweroff()

Contract of ``run``: the command (any shell text, may span lines, must not
read the console: give it </dev/null if it reads stdin) runs in the login
shell inside ``{ ...; }``; the result is exactly what it wrote to the
console, and its exit status.  Line ends come back as "\\n": the guest tty
writes "\\r\\n" and the host pty QEMU writes to adds another "\\r", so any
run of "\\r" before a "\\n" is dropped (a "\\r" the command itself writes
just before a newline is lost with it).  The echo of the typed text, the
prompt and the PS2 continuation prompts are never part of the result: the
output is taken between two markers printed by the shell itself, which the
echo cannot match (it spells them with quotes in the middle); the whole
group is parsed before it runs, so all echo precedes the first marker.  A
command that does not finish within its timeout raises ``ConsoleTimeout``;
``recover`` then sends ^C and resynchronises.
"""

import os
import re
import time

import pexpect

PROMPT_RE = r"keel:[^\r\n]*[#$] "

# Characters the tty line discipline would act on (^C ^D ^U ^W ...) rather
# than pass to the shell.
_TTY_SPECIAL = set(chr(c) for c in range(0x20)) - {"\n", "\t"} | {"\x7f"}
_MAX_LINE = 4000  # Linux's canonical-mode line holds 4095 bytes


class ConsoleError(Exception):
    """The guest did something unexpected (died, no prompt, ...)."""


class ConsoleTimeout(ConsoleError):
    """A command did not finish in time; ``partial`` is what it printed."""

    def __init__(self, message, partial=""):
        super().__init__(message)
        self.partial = partial


class Console:
    def __init__(self, command, log_path=None, boot_timeout=120, prompt_re=PROMPT_RE):
        """command: argv list that starts QEMU with the serial console on stdio."""
        self.command = list(command)
        self.log_path = log_path
        self.boot_timeout = boot_timeout
        self.prompt_re = prompt_re
        self.child = None
        self.boot_seconds = None
        self._log = None
        self._seq = 0

    # -- lifecycle ---------------------------------------------------------------
    def boot(self):
        """Starts QEMU and waits for the first shell prompt."""
        if self.log_path:
            os.makedirs(os.path.dirname(self.log_path) or ".", exist_ok=True)
            self._log = open(self.log_path, "w", encoding="utf-8", errors="replace")
        start = time.monotonic()
        self.child = pexpect.spawn(
            self.command[0], self.command[1:], encoding="utf-8",
            codec_errors="replace", timeout=self.boot_timeout,
            dimensions=(50, 200), echo=False)
        self.child.logfile_read = self._log
        self.child.delaybeforesend = None
        try:
            self.child.expect(self.prompt_re, timeout=self.boot_timeout)
        except pexpect.EOF:
            raise ConsoleError("the guest exited before its shell prompt:\n" +
                               _tail(self.child.before))
        except pexpect.TIMEOUT:
            raise ConsoleError("no shell prompt within %ds:\n%s" %
                               (self.boot_timeout, _tail(self.child.before)))
        self.boot_seconds = time.monotonic() - start
        return self.boot_seconds

    def poweroff(self, timeout=60):
        """Types `poweroff` and waits for QEMU to exit; returns True if it
        did by itself, False if it had to be killed."""
        if not self.alive():
            return True
        self.child.sendline("poweroff")
        try:
            self.child.expect(pexpect.EOF, timeout=timeout)
            clean = True
        except pexpect.TIMEOUT:
            clean = False
        self.close()
        return clean

    def alive(self):
        return self.child is not None and self.child.isalive()

    def close(self):
        if self.child is not None:
            self.child.close(force=True)
        if self._log:
            self._log.close()
            self._log = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    # -- commands ----------------------------------------------------------------
    def run(self, command, timeout=30):
        """Runs shell text; returns (output, exit_status)."""
        self._check_text(command)
        self._seq += 1
        n = self._seq
        begin = "__KEEL_B%d__" % n
        end_re = r"__KEEL_E%d:(\d+)__" % n
        # The markers are printed as "__KEEL_" 'B7__' so that their echo differs.
        text = ("{ printf '%%s\\n' \"__KEEL_\"'B%d__'\n" % n +
                command.rstrip("\n") + "\n" +
                "printf '%%s:%%s__\\n' \"__KEEL_\"'E%d' \"$?\"; }" % n)
        self.child.sendline(text)
        deadline = time.monotonic() + timeout
        try:
            self.child.expect(begin + r"\r*\n", timeout=_left(deadline))
            self.child.expect(end_re, timeout=_left(deadline))
        except pexpect.TIMEOUT:
            raise ConsoleTimeout("command timed out after %ds: %s" % (timeout, _first_line(command)),
                                 _clean(self.child.before))
        except pexpect.EOF:
            raise ConsoleError("the guest exited during: %s\n%s" %
                               (_first_line(command), _tail(self.child.before)))
        output = _clean(self.child.before)
        status = int(self.child.match.group(1))
        try:
            self.child.expect(self.prompt_re, timeout=max(_left(deadline), 10))
        except (pexpect.TIMEOUT, pexpect.EOF):
            raise ConsoleError("no prompt after: %s" % _first_line(command))
        return output, status

    def upload(self, path, text, timeout=60):
        """Writes text (printable, lines shorter than 4000 bytes) to the
        guest file path, through a quoted here-document."""
        if text and not text.endswith("\n"):
            text += "\n"
        delim = "__KEEL_EOF__"
        if any(line == delim for line in text.split("\n")):
            raise ValueError("text contains the here-document delimiter")
        out, status = self.run("cat >'%s' <<'%s'\n%s%s" % (path, delim, text, delim), timeout)
        if status != 0:
            raise ConsoleError("upload of %s failed: %s" % (path, out))

    def recover(self, timeout=20):
        """After a timeout: ^C, then a command that must complete.  Returns
        True when the shell answers again."""
        if not self.alive():
            return False
        self.child.send("\x03")
        time.sleep(0.5)
        self.child.sendline("")
        try:
            out, _ = self.run("echo resync", timeout=timeout)
            return out == "resync\n"
        except ConsoleError:
            return False

    def _check_text(self, text):
        bad = set(text) & _TTY_SPECIAL
        if bad:
            raise ValueError("text has control characters the tty would act on: %r" % sorted(bad))
        if any(len(line.encode()) > _MAX_LINE for line in text.split("\n")):
            raise ValueError("a line is longer than the tty's %d-byte limit" % _MAX_LINE)


def _left(deadline):
    return max(deadline - time.monotonic(), 0.1)


def _clean(text):
    # The guest's tty turns "\n" into "\r\n", and the host pty QEMU writes
    # to adds another "\r".
    return re.sub(r"\r+\n", "\n", text or "")


def _first_line(text):
    line = text.strip().split("\n", 1)[0]
    return line if len(line) < 80 else line[:77] + "..."


def _tail(text, lines=30):
    return "\n".join((text or "").replace("\r", "").split("\n")[-lines:])
