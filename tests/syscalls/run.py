#!/usr/bin/env python3
"""tests/syscalls/run.py — run the in-guest system-call suite on a target.

    run.py --target linux|keel [-k PATTERN] [--area NAME] [-v] [--cmd 'QEMU ...'] [--json PATH]

Boots the target once (the same command line as the shell cases:
tests/integration/run_shell_cases.py), runs every suite program
/usr/libexec/keel-tests/syscalls/AREA -t with stdin from /dev/null and
stdout/stderr on the console, and collects what each prints:
"FAIL ..." lines, "tally SYSCALL PASSED FAILED" lines, "info KEY VALUE..."
lines and the final "syscalls-AREA: N passed, N failed".  --area runs other
programs of that directory the same way (the isolation suite: --area security).  A program that
prints no final line (it crashed or hung) counts as one failure.

The runner adds its own per-target checks on the "info" lines (uname's
sysname must be "Linux" on Linux and non-empty elsewhere; machine must be
aarch64).  It prints every failure, one line per area, then
"N passed, N failed", and writes build/syscalls-TARGET.json:
  {"target", "areas": {AREA: {passed, failed, complete, seconds}},
   "syscalls": {SYSCALL: {passed, failed}}, "info": {KEY: VALUE}}
Exit status 1 when anything failed.
"""

import argparse
import json
import os
import re
import sys
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
from console import Console, ConsoleError, ConsoleTimeout  # noqa: E402
from run_shell_cases import target_command  # noqa: E402

AREAS = ["files", "dirs", "pipes_fds", "process", "signals", "memory", "time", "misc", "tty"]
GUEST_DIR = "/usr/libexec/keel-tests/syscalls"
# uname's sysname per target; None: any non-empty name.
EXPECTED_SYSNAME = {"linux": "Linux", "keel": None}

SUMMARY_RE = re.compile(r"^syscalls-([\w-]+): (\d+) passed, (\d+) failed$")
TALLY_RE = re.compile(r"^tally (\S+) (\d+) (\d+)$")
INFO_RE = re.compile(r"^info (\S+) ?(.*)$")


def parse(output):
    """Returns (summary (passed, failed) or None, tallies, infos, failure lines)."""
    summary, tallies, infos, failures = None, {}, {}, []
    for line in output.split("\n"):
        m = SUMMARY_RE.match(line)
        if m:
            summary = (int(m.group(2)), int(m.group(3)))
            continue
        m = TALLY_RE.match(line)
        if m:
            p, f = tallies.get(m.group(1), (0, 0))
            tallies[m.group(1)] = (p + int(m.group(2)), f + int(m.group(3)))
            continue
        m = INFO_RE.match(line)
        if m:
            infos[m.group(1)] = m.group(2)
            continue
        if line.startswith("FAIL"):
            failures.append(line)
    return summary, tallies, infos, failures


class Results:
    def __init__(self, target):
        self.target = target
        self.areas = {}
        self.syscalls = {}
        self.info = {}
        self.failures = []

    def add(self, name, passed, failed):
        p, f = self.syscalls.get(name, (0, 0))
        self.syscalls[name] = (p + passed, f + failed)

    def totals(self):
        return (sum(a["passed"] for a in self.areas.values()),
                sum(a["failed"] for a in self.areas.values()))

    def json(self):
        return {
            "target": self.target,
            "areas": self.areas,
            "syscalls": {k: {"passed": p, "failed": f}
                         for k, (p, f) in sorted(self.syscalls.items())},
            "info": self.info,
        }


def run_area(console, area, res, timeout):
    cmd = "%s/%s -t </dev/null 2>&1" % (GUEST_DIR, area)
    start = time.monotonic()
    try:
        out, status = console.run(cmd, timeout=timeout)
    except ConsoleTimeout as e:
        out, status = e.partial + "\n[timed out after %ds]" % timeout, None
        if not console.recover():
            raise ConsoleError("%s timed out and the console does not answer any more" % area)
    seconds = round(time.monotonic() - start, 2)
    summary, tallies, infos, failures = parse(out)
    for name, (p, f) in tallies.items():
        res.add(name, p, f)
    res.info.update(infos)
    res.failures += ["%s: %s" % (area, f) for f in failures]
    if summary is None:
        tail = " | ".join(out.strip().split("\n")[-3:])
        res.failures.append("%s: no result line (exit status %s): %s" % (area, status, tail))
        passed = sum(p for p, _ in tallies.values())
        res.areas[area] = {"passed": passed, "failed": 1, "complete": False, "seconds": seconds}
        res.add(area, 0, 1)
    else:
        res.areas[area] = {"passed": summary[0], "failed": summary[1], "complete": True,
                           "seconds": seconds}
        if summary[1] and status == 0:
            res.failures.append("%s: failures but exit status 0" % area)


def runner_checks(res):
    """The per-target checks on what the programs reported."""
    checks = []
    uname = dict(kv.split("=", 1) for kv in res.info.get("uname", "").split() if "=" in kv)
    want = EXPECTED_SYSNAME.get(res.target)
    sysname = uname.get("sysname", "")
    checks.append(("uname/sysname %r on %s" % (sysname, res.target),
                   sysname == want if want else bool(sysname)))
    checks.append(("uname/machine aarch64", uname.get("machine") == "aarch64"))
    passed = failed = 0
    for name, ok in checks:
        res.add(name.split("/")[0], int(ok), int(not ok))
        if ok:
            passed += 1
        else:
            failed += 1
            res.failures.append("runner: FAIL %s" % name)
    res.areas["runner"] = {"passed": passed, "failed": failed, "complete": True, "seconds": 0}


def load_gaps():
    """keel-gaps.txt: check name -> reason."""
    gaps = {}
    with open(os.path.join(ROOT, "tests", "syscalls", "keel-gaps.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, reason = line.partition(" -- ")
                gaps[name.strip()] = reason.strip()
    return gaps


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--target", choices=["linux", "keel"], required=True)
    ap.add_argument("--cmd", help="QEMU command line to boot instead of the default")
    ap.add_argument("-k", dest="pattern", help="only areas whose name contains this")
    ap.add_argument("--area", action="append",
                    help="run this program instead of the default areas (repeatable; e.g. security)")
    ap.add_argument("-v", action="store_true", help="also print each area's output")
    ap.add_argument("--timeout", type=int, default=180, help="seconds per area")
    ap.add_argument("--boot-timeout", type=int, default=180)
    ap.add_argument("--json", help="where to write the results (default build/syscalls-TARGET.json)")
    args = ap.parse_args()

    areas = [a for a in (args.area or AREAS) if not args.pattern or args.pattern in a]
    json_path = args.json or os.path.join(ROOT, "build", "syscalls-%s.json" % args.target)
    log_path = os.path.join(ROOT, "build", "logs", "syscalls-%s.log" % args.target)
    res = Results(args.target)
    start = time.monotonic()
    console = Console(target_command(args.target, args.cmd), log_path=log_path,
                      boot_timeout=args.boot_timeout)
    try:
        secs = console.boot()
        print("%s: booted to a shell in %.1fs" % (args.target, secs))
        for area in areas:
            run_area(console, area, res, args.timeout)
            a = res.areas[area]
            if args.v or a["failed"]:
                print("  %-10s %3d passed, %d failed (%.1fs)%s" % (
                    area, a["passed"], a["failed"], a["seconds"],
                    "" if a["complete"] else " [incomplete]"))
        if not console.poweroff():
            res.failures.append("the guest did not power off by itself (killed)")
            res.areas["poweroff"] = {"passed": 0, "failed": 1, "complete": True, "seconds": 0}
    except ConsoleError as e:
        res.failures.append("%s: %s" % (args.target, e))
        res.failures.append("(console log: %s)" % os.path.relpath(log_path, ROOT))
        for area in areas:
            res.areas.setdefault(area, {"passed": 0, "failed": 1, "complete": False, "seconds": 0})
    finally:
        console.close()
    if "misc" in areas:
        runner_checks(res)
    gaps = load_gaps() if args.target == "keel" else {}
    skipped = 0
    for line in res.failures:
        m = re.match(r"^\S+: FAIL (.*?) \(", line)
        if m and m.group(1) in gaps:
            print("GAP  %s: %s" % (m.group(1), gaps[m.group(1)]))
            skipped += 1
            continue
        print(line)
    passed, failed = res.totals()
    failed -= skipped
    failed_lines = "\n".join(res.failures)
    for name in gaps if areas == AREAS else []:
        if "FAIL %s (" % name not in failed_lines:
            print("FAIL %s is listed in keel-gaps.txt but passed (or did not run): remove it" % name)
            failed += 1
    os.makedirs(os.path.dirname(json_path), exist_ok=True)
    with open(json_path, "w", encoding="utf-8") as f:
        json.dump(res.json(), f, indent=1, sort_keys=True)
        f.write("\n")
    print("%s: %d areas, %d system calls checked in %.1fs (%s)" % (
        args.target, len(areas), len(res.syscalls), time.monotonic() - start,
        os.path.relpath(json_path, ROOT)))
    print("%d passed, %d failed%s" % (passed, failed, ", %d skipped" % skipped if skipped else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
