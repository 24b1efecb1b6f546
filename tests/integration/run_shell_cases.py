#!/usr/bin/env python3
"""tests/integration/run_shell_cases.py — run the shell cases in a guest.

    run_shell_cases.py --target linux|keel [-k PATTERN] [-v] [--cmd 'QEMU ...']

Boots the target once (Linux: scripts/qemu-linux.sh; Keel: build/kernel8.img,
or $KEEL_QEMU_CMD / --cmd), uploads every case, runs each, powers off.

A case is tests/integration/shell_cases/NAME.sh with its expected output in
NAME.out.  It runs as `sh NAME.sh` (dash) in a fresh empty directory
/tmp/cases/work/NAME, with stdin from /dev/null and stderr joined to stdout.
Its output must equal NAME.out byte for byte; a non-zero exit status N is
part of the output as a last line "[exit N]".  A line "# skip-on: keel" (or
linux) in the script skips it on that target.  To add a case, add the two
files; `--print NAME` shows what a target prints for it.

Prints one line per failing case followed by a diff, then
"N passed, N failed[, N skipped]"; exits 1 if any case failed.
"""

import argparse
import difflib
import glob
import os
import re
import shlex
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from console import Console, ConsoleError, ConsoleTimeout  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CASES_DIR = os.path.join(ROOT, "tests", "integration", "shell_cases")
GUEST_DIR = "/tmp/cases"


def target_command(target, override):
    if override:
        return shlex.split(override)
    if target == "linux":
        return ["bash", os.path.join(ROOT, "scripts", "qemu-linux.sh")]
    env = os.environ.get("KEEL_QEMU_CMD")
    if env:
        return shlex.split(env)
    return [os.environ.get("QEMU", "qemu-system-aarch64"), "-M", "virt", "-cpu", "cortex-a72",
            "-m", "1G", "-nographic", "-no-reboot", "-nic", "none",
            "-kernel", os.environ.get("KEEL_KERNEL", os.path.join(ROOT, "build", "kernel8.img")),
            "-initrd", os.path.join(ROOT, "build", "initrd.cpio"), "-append", "quiet"]


def load_cases(cases_dir, pattern):
    cases = []
    for script in sorted(glob.glob(os.path.join(cases_dir, "*.sh"))):
        name = os.path.basename(script)[:-3]
        if pattern and pattern not in name:
            continue
        with open(script, encoding="utf-8") as f:
            text = f.read()
        expected_path = script[:-3] + ".out"
        expected = None
        if os.path.exists(expected_path):
            with open(expected_path, encoding="utf-8") as f:
                expected = f.read()
        skip = set(re.findall(r"^# skip-on: *(\w+)", text, re.M))
        cases.append({"name": name, "text": text, "expected": expected, "skip": skip})
    return cases


def case_command(name):
    work = "%s/work/%s" % (GUEST_DIR, name)
    return ("(rm -rf %s && mkdir -p %s && cd %s && exec sh %s/%s.sh) </dev/null 2>&1"
            % (work, work, work, GUEST_DIR, name))


def show_diff(expected, actual):
    diff = difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                "expected", "actual", n=2)
    for line in diff:
        sys.stdout.write("    " + line if line.endswith("\n") else "    " + line + "\n\\ no newline\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--target", choices=["linux", "keel"], required=True)
    ap.add_argument("--cmd", help="QEMU command line to boot instead of the default")
    ap.add_argument("-k", dest="pattern", help="only cases whose name contains this")
    ap.add_argument("-v", action="store_true", help="also list passing cases")
    ap.add_argument("--cases", default=CASES_DIR, help="directory of NAME.sh + NAME.out")
    ap.add_argument("--timeout", type=int, default=30, help="seconds per case")
    ap.add_argument("--boot-timeout", type=int, default=180)
    ap.add_argument("--print", dest="print_case", metavar="NAME",
                    help="print what the target outputs for one case and stop")
    args = ap.parse_args()

    cases = load_cases(args.cases, args.print_case or args.pattern)
    if args.print_case:
        cases = [c for c in cases if c["name"] == args.print_case]
    if not cases:
        print("no shell cases found")
        print("0 passed, 1 failed")
        return 1
    log_path = os.path.join(ROOT, "build", "logs", "shell-cases-%s.log" % args.target)
    passed = failed = skipped = 0
    console = Console(target_command(args.target, args.cmd), log_path=log_path,
                      boot_timeout=args.boot_timeout)
    try:
        try:
            secs = console.boot()
            print("%s: booted to a shell in %.1fs" % (args.target, secs))
            console.run("mkdir -p %s/work" % GUEST_DIR)
            for c in cases:
                console.upload("%s/%s.sh" % (GUEST_DIR, c["name"]), c["text"])
        except ConsoleError as e:
            print("%s: %s" % (args.target, e))
            print("(console log: %s)" % os.path.relpath(log_path, ROOT))
            print("0 passed, %d failed" % len(cases))
            return 1

        start = time.monotonic()
        for i, c in enumerate(cases):
            if args.target in c["skip"]:
                skipped += 1
                continue
            try:
                out, status = console.run(case_command(c["name"]), timeout=args.timeout)
            except ConsoleTimeout as e:
                out, status = e.partial + "[timed out after %ds]\n" % args.timeout, None
                if not console.recover():
                    print("FAIL %s: timed out; the console does not answer any more" % c["name"])
                    failed += len(cases) - i
                    break
            except ConsoleError as e:
                print("FAIL %s: %s" % (c["name"], e))
                failed += len(cases) - i
                break
            if status:
                out += "[exit %d]\n" % status
            if args.print_case:
                sys.stdout.write(out)
                return 0
            if c["expected"] is None:
                print("FAIL %s: no %s.out; the target printed:" % (c["name"], c["name"]))
                sys.stdout.write("".join("    " + l + "\n" for l in out.split("\n")))
                failed += 1
            elif out == c["expected"]:
                passed += 1
                if args.v:
                    print("ok   %s" % c["name"])
            else:
                print("FAIL %s" % c["name"])
                show_diff(c["expected"], out)
                failed += 1
        elapsed = time.monotonic() - start
        clean = console.poweroff()
        if not clean:
            print("%s: the guest did not power off by itself (killed)" % args.target)
            failed += 1
        print("%s: %d cases in %.1fs" % (args.target, len(cases), elapsed))
    finally:
        console.close()
    line = "%d passed, %d failed" % (passed, failed)
    if skipped:
        line += ", %d skipped" % skipped
    print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
