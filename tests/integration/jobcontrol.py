#!/usr/bin/env python3
"""jobcontrol.py --target linux|keel — job control typed at the console.

Runs, as a user at the serial console would, `sleep 100 &`, `jobs`, `fg`,
^Z, `jobs`, `bg`, `jobs`, `kill %1`, `jobs`, then `sleep 50` and ^C, and
compares what dash printed with the expected transcript (the same on Linux
and Keel).  Ends with "N passed, N failed".
"""
import argparse
import os
import re
import sys

import pexpect

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_shell_cases import target_command  # noqa: E402

PROMPT = r"keel:[^\r\n]*[#$] "
# (keys, expected output, then a prompt?, text that must NOT appear)
STEPS = [
    ("sleep 100 &\r", r"", True, None),
    ("jobs\r", r"\[1\] \+ Running\s+sleep 100", True, None),
    ("fg\r", r"sleep 100", False, None),  # in the foreground: no prompt
    ("\x1a", r"\[1\] \+ Stopped\s+sleep 100", True, None),
    ("jobs\r", r"\[1\] \+ Stopped\s+sleep 100", True, None),
    ("bg\r", r"\[1\] sleep 100", True, None),
    ("jobs\r", r"\[1\] \+ Running\s+sleep 100", True, None),
    # when dash reports "Terminated" depends on timing, on Linux too:
    # check that the job is gone once it has had time to die
    ("kill %1; sleep 1; jobs; jobs; echo jobs-done\r", r"jobs-done", True, "Running"),
    ("sleep 50\r", None, False, None),  # interrupted below
    ("\x03", r"\^C", True, None),
    ("echo status $?\r", r"status 130", True, None),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", choices=["linux", "keel"], required=True)
    ap.add_argument("--cmd")
    args = ap.parse_args()
    cmd = target_command(args.target, args.cmd)
    child = pexpect.spawn(cmd[0], cmd[1:], encoding="utf-8", codec_errors="replace", timeout=60,
                          dimensions=(50, 200))
    passed = failed = 0
    try:
        child.expect(PROMPT, timeout=180)
        for keys, want, prompt, forbidden in STEPS:
            child.send(keys)
            if want is None:
                continue
            try:
                if want:
                    child.expect(want, timeout=20)
                seen = child.before or ""
                if prompt:
                    child.expect(PROMPT, timeout=20)
                if forbidden and re.search(forbidden, seen.split("jobs-done")[0].split("\n", 1)[-1]):
                    raise pexpect.TIMEOUT("saw %r" % forbidden)
                passed += 1
            except (pexpect.TIMEOUT, pexpect.EOF):
                failed += 1
                print("FAIL %r: expected /%s/, got %r" % (keys, want,
                                                        (child.before or "")[-200:]))
        child.send("poweroff\r")
        child.expect(pexpect.EOF, timeout=30)
    except (pexpect.TIMEOUT, pexpect.EOF) as e:
        failed += 1
        print("FAIL %s: %s" % (args.target, type(e).__name__))
    finally:
        child.close(force=True)
    print("%s: job control" % args.target)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
