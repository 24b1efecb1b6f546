#!/usr/bin/env python3
"""scripts/test-report.py — write build/test-report.md from a test run.

    test-report.py RESULTS [--out build/test-report.md]

RESULTS is the file scripts/run-tests.sh writes: one line per family,
"FAMILY PASSED FAILED" (FAILED is "-" when the family printed no count).
The report holds:
  - the counts per family and in total, with the commit and build;
  - Linux-ABI conformance: for every Linux system call Keel implements
    (kernel/syscall.c's LINUX_CALLS) and every one the in-guest suites
    check (build/syscalls-*.json and build/security-*.json, written by
    tests/syscalls/run.py), the checks that pass on Linux and on Keel and a
    verdict: "same" (Keel passes every check Linux passes), "differs"
    (with the reason from tests/syscalls/keel-gaps.txt when it is a known
    gap), "ENOSYS" (Keel does not implement it: the checks are of the
    ENOSYS answer or of what musl falls back to), or "not checked".
A suite that did not run leaves its column empty ("-").
"""

import argparse
import datetime
import json
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BUILD = os.path.join(ROOT, "build")
sys.path.insert(0, os.path.join(ROOT, "tests", "syscalls"))
from run import load_gaps  # noqa: E402  (keel-gaps.txt, as the suite's runner reads it)


def read_results(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3:
                rows.append((parts[0], int(parts[1]), None if parts[2] == "-" else int(parts[2])))
    return rows


def implemented_calls():
    """The names in kernel/syscall.c's LINUX_CALLS(X) table."""
    with open(os.path.join(ROOT, "kernel", "syscall.c"), encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"#define LINUX_CALLS\(X\)(.*?)\n\n", text, re.S)
    if not m:
        sys.exit("test-report: LINUX_CALLS not found in kernel/syscall.c")
    return set(re.findall(r"X\((\w+)\)", m.group(1)))


def load_counts(target):
    """{key: (passed, failed)} summed over the suites' JSON files, or None."""
    counts, found = {}, False
    for suite in ("syscalls", "security"):
        path = os.path.join(BUILD, "%s-%s.json" % (suite, target))
        if not os.path.exists(path):
            continue
        found = True
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        for key, v in data.get("syscalls", {}).items():
            p, fl = counts.get(key, (0, 0))
            counts[key] = (p + v["passed"], fl + v["failed"])
    return counts if found else None


def known_gaps():
    """keel-gaps.txt's reasons, by the system call their check is about."""
    gaps = {}
    for name, reason in load_gaps().items():
        gaps.setdefault(name.split("/")[0], []).append(reason)
    return gaps


def fmt(c):
    return "-" if c is None else "%d/%d" % (c[0], c[0] + c[1])


def git(*args):
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("results")
    ap.add_argument("--out", default=os.path.join(BUILD, "test-report.md"))
    ap.add_argument("--build", default=os.environ.get("BUILD", "debug"))
    args = ap.parse_args()

    rows = read_results(args.results)
    impl = implemented_calls()
    linux, keel = load_counts("linux"), load_counts("keel")
    gaps = known_gaps()

    out = ["# Keel test report", ""]
    out.append("Commit `%s`, %s build, %s." % (
        git("rev-parse", "--short=12", "HEAD"), args.build,
        datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")))
    out += ["", "## Families", "", "| family | passed | failed |", "| --- | ---: | ---: |"]
    tp = tf = 0
    for fam, p, f in rows:
        out.append("| %s | %d | %s |" % (fam, p, "no count" if f is None else f))
        tp += p
        tf += 1 if f is None else f
    out.append("| **total** | **%d** | **%d** |" % (tp, tf))

    # Conformance: grouped keys (SIGSEGV, ENOSYS, ...) are listed apart.
    keys = set(impl)
    for c in (linux, keel):
        if c:
            keys |= set(c)
    calls = sorted(k for k in keys if k.islower())
    groups = sorted(k for k in keys if not k.islower())
    verdicts = {}
    for name in calls + groups:
        lc = linux.get(name) if linux else None
        kc = keel.get(name) if keel else None
        if name in calls and name not in impl:
            v = "ENOSYS"
        elif kc is None and lc is None:
            v = "not checked"
        elif kc is None or lc is None:
            v = "-"
        elif kc[1] == 0 and kc[0] >= lc[0]:
            v = "same"
        else:
            v = "differs"
            if name in gaps:
                v += " (known gap: %s)" % "; ".join(gaps[name])
        verdicts[name] = (lc, kc, v)

    def count(pred, names):
        return sum(1 for n in names if pred(verdicts[n][2]))

    impl_calls = [n for n in calls if n in impl]
    out += ["", "## Linux-ABI conformance", ""]
    out.append("The in-guest suites (`tests/syscalls/`, `tests/security/`) run the same "
               "static musl programs on Linux 6.1 and on Keel; a check that passes on Linux "
               "must pass on Keel.")
    out += ["", "| | system calls |", "| --- | ---: |"]
    out.append("| implemented by Keel | %d |" % len(impl_calls))
    out.append("| implemented and checked | %d |" % count(lambda v: v != "not checked", impl_calls))
    out.append("| passing the same checks as on Linux | %d |" % count(lambda v: v == "same", impl_calls))
    out.append("| differing from Linux | %d |" % count(lambda v: v.startswith("differs"), impl_calls))
    out.append("| implemented, not checked by a suite | %d |" % count(lambda v: v == "not checked",
                                                                        impl_calls))
    out.append("| not implemented (ENOSYS), checked | %d |" % count(lambda v: v == "ENOSYS", calls))
    out += ["", "| system call | Linux passed | Keel passed | verdict |", "| --- | ---: | ---: | --- |"]
    for name in calls:
        lc, kc, v = verdicts[name]
        out.append("| `%s` | %s | %s | %s |" % (name, fmt(lc), fmt(kc), v))
    out += ["", "Checks grouped by what they observe rather than by one system call:", "",
            "| group | Linux passed | Keel passed | verdict |", "| --- | ---: | ---: | --- |"]
    for name in groups:
        lc, kc, v = verdicts[name]
        out.append("| %s | %s | %s | %s |" % (name, fmt(lc), fmt(kc), v))

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print("test report: %s (%d system calls: %d same as Linux, %d differ)" % (
        os.path.relpath(args.out, ROOT), len(impl_calls),
        count(lambda v: v == "same", impl_calls), count(lambda v: v.startswith("differs"), impl_calls)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
