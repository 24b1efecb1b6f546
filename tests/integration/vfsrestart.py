#!/usr/bin/env python3
"""vfsrestart.py — kill the VFS server on Keel and check the system recovers.

Boots Keel, writes a file, kills the VFS server (pid 2) as root, and
checks: the kernel reports the death and the restart, the shell still
answers, /proc and /dev are mounted again, files from the initrd are back
and the file written before is gone (tmpfs starts over: documented).
Ends with "N passed, N failed".
"""
import os
import re
import sys

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_shell_cases import target_command  # noqa: E402

PROMPT = r"keel:[^\r\n]*[#$] "


def main():
    cmd = [c for c in target_command("keel", None) if c != "quiet"]
    if cmd[-1] == "-append":
        cmd.append("loglevel=7")
    child = pexpect.spawn(cmd[0], cmd[1:], encoding="utf-8", codec_errors="replace", timeout=60,
                          dimensions=(50, 200))
    checks = []

    def step(keys, pattern, name):
        child.send(keys)
        try:
            if pattern:
                child.expect(pattern, timeout=30)
            child.expect(PROMPT, timeout=30)
            checks.append((name, True))
        except (pexpect.TIMEOUT, pexpect.EOF):
            checks.append((name, False))
            print("FAIL %s: %r" % (name, (child.before or "")[-300:]))

    try:
        child.expect(PROMPT, timeout=180)
        step("echo before > /tmp/f; cat /tmp/f\r", r"\nbefore", "a file is written")
        child.send("kill -9 2\r")
        for pattern, name in [(r"vfs server \(pid 2\) died", "the kernel reports the death"),
                              (r"VFS server started \(pid \d+", "the kernel starts a new server"),
                              (r"vfs: restarted", "the new server knows it is a restart")]:
            try:
                child.expect(pattern, timeout=30)
                checks.append((name, True))
            except (pexpect.TIMEOUT, pexpect.EOF):
                checks.append((name, False))
                print("FAIL %s" % name)
        step("\r", None, "the shell answers")
        step("grep root /etc/passwd | wc -l\r", r"\n1\r*\n", "files from the initrd are back")
        step("test -r /proc/meminfo && test -c /dev/null && echo proc-ok\r", r"\nproc-ok",
             "/proc and /dev are mounted")
        step("cat /tmp/f 2>&1 | grep -c 'No such'\r", r"\n1\r*\n", "tmpfs started over")
        child.send("poweroff\r")
        child.expect(pexpect.EOF, timeout=30)
        checks.append(("poweroff", True))
    except (pexpect.TIMEOUT, pexpect.EOF) as e:
        checks.append(("console", False))
        print("FAIL console: %s" % type(e).__name__)
    finally:
        child.close(force=True)
    passed = sum(1 for _, ok in checks if ok)
    print("keel: VFS server restart")
    print("%d passed, %d failed" % (passed, len(checks) - passed))
    return 0 if passed == len(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
