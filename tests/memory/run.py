#!/usr/bin/env python3
"""tests/memory/run.py — `make test-memory` on Keel.

1. Boots the kernel with `memtest` (the same QEMU command line as every
   Keel runner, `run_shell_cases.py`'s target_command): mm/memtest.c runs
   walking ones and zeros, address lines and address-in-address over every
   free page before any process starts, prints "memtest: N passed, N
   failed" and powers off.  Each "memtest: TEST: ok" line is a check; a
   missing count, an error line or a machine that does not power off fails.
2. Runs the leak check (tests/memory/leakcheck.c) through the syscall
   suite's runner: MemFree must come back to its baseline after 1000
   fork+exec+exit, pipe, tmpfs and mapping churn.

Prints every failure and "N passed, N failed"; exit status 1 on failure.
"""

import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
from run_shell_cases import target_command  # noqa: E402

COUNT_RE = re.compile(r"^(\d+) passed, (\d+) failed", re.M)


def memtest():
    cmd = target_command("keel", None)
    cmd = cmd[:cmd.index("-append")] + ["-append", "memtest panic=poweroff"]
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=300)
        out, exited = proc.stdout.decode("utf-8", "replace"), True
    except subprocess.TimeoutExpired as e:
        out, exited = (e.stdout or b"").decode("utf-8", "replace"), False
    os.makedirs(os.path.join(ROOT, "build", "logs"), exist_ok=True)
    with open(os.path.join(ROOT, "build", "logs", "memtest.log"), "w", encoding="utf-8") as f:
        f.write(out)
    passed, failures = 0, []
    for line in out.splitlines():
        m = re.search(r"memtest: (.*): ok", line)
        if m:
            passed += 1
            print("  memtest: %s: ok" % m.group(1))
        elif re.search(r"memtest: .*(errors|wrote|before)", line):
            failures.append(line.strip())
    m = re.search(r"memtest: (\d+) passed, (\d+) failed", out)
    if not m:
        failures.append("memtest: no result line (see build/logs/memtest.log)")
    elif int(m.group(1)) != passed:
        failures.append("memtest: %s checks reported, %d ok lines" % (m.group(1), passed))
    if not exited:
        failures.append("memtest: the machine did not power off")
    sizes = re.search(r"memtest: (\d+) of (\d+) free pages \((\d+) MiB\)", out)
    if sizes:
        print("  memtest: %s MiB of free RAM tested" % sizes.group(3))
    return passed, len(failures), failures


def leakcheck():
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "syscalls", "run.py"),
                           "--target", "keel", "--area", "leakcheck", "--timeout", "600",
                           "--json", os.path.join(ROOT, "build", "leakcheck-keel.json")],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.decode("utf-8", "replace")
    counts = COUNT_RE.findall(out)
    failures = [l for l in out.splitlines() if "FAIL" in l or "no result" in l]
    if not counts:
        return 0, 1, failures + ["leakcheck: no result line"]
    passed, failed = map(int, counts[-1])
    print("  leakcheck: %d passed, %d failed" % (passed, failed))
    return passed, failed, failures


def main():
    passed = failed = 0
    for part in (memtest, leakcheck):
        p, f, fails = part()
        passed += p
        failed += f
        for line in fails:
            print(line)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
