#!/usr/bin/env python3
"""bootshell.py — boot every path's normal entry to the shell prompt.

For each boot path (tests/integration/bootpaths.py: -kernel on virt and
raspi4b, the GRUB ISO with and without ACPI, U-Boot, the disk install.sh
wrote), wait for the shell prompt as a user would, run
`cat /etc/passwd | grep root | wc -l` (must print 1), power off, and
report the boot-to-prompt time.  Ends with "N passed, N failed".

  tests/integration/bootshell.py [--paths a,b] [--json FILE]
"""
import argparse
import json
import os
import re
import sys
import time

import pexpect

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
import bootpaths  # noqa: E402

PROMPT = r"keel:[^\r\n]*[#$] "
DEFAULT = ["virt", "raspi4b", "iso", "iso-noacpi", "uboot", "disk"]


def boot_one(path, kernel, initrd, timeout):
    cmd = path.command(kernel, append="", initrd=initrd)
    if cmd is None:
        return [("%s: available" % path.name, False, path.unavailable_reason)], None
    checks = []
    start = time.monotonic()
    child = pexpect.spawn(cmd[0], cmd[1:], encoding="utf-8", codec_errors="replace",
                          timeout=timeout, dimensions=(50, 200))
    seconds = None
    try:
        try:
            child.expect(PROMPT)
            seconds = time.monotonic() - start
            checks.append(("%s: boots to the shell" % path.name, True, ""))
        except (pexpect.TIMEOUT, pexpect.EOF):
            tail = (child.before or "")[-300:].replace("\r", "")
            checks.append(("%s: boots to the shell" % path.name, False, tail))
            return checks, None
        child.send("cat /etc/passwd | grep root | wc -l\r")
        try:
            child.expect(r"\n\s*(\d+)\s*\r?\n")
            ok = child.match.group(1) == "1"
            checks.append(("%s: pipeline prints 1" % path.name, ok, child.match.group(0)))
        except (pexpect.TIMEOUT, pexpect.EOF):
            checks.append(("%s: pipeline prints 1" % path.name, False, "no answer"))
        child.expect(PROMPT)
        child.send("poweroff\r")
        try:
            child.expect(pexpect.EOF, timeout=30)
            checks.append(("%s: poweroff ends QEMU" % path.name, True, ""))
        except pexpect.TIMEOUT:
            checks.append(("%s: poweroff ends QEMU" % path.name, False, "still running"))
    finally:
        child.close(force=True)
    return checks, seconds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build", "kernel8.img"))
    ap.add_argument("--initrd", default=os.path.join(ROOT, "build", "initrd.cpio"))
    ap.add_argument("--iso", default=bootpaths.ISO)
    ap.add_argument("--uboot-disk", default=bootpaths.UBOOT_DISK)
    ap.add_argument("--disk", default=os.path.join(ROOT, "build", "keel-disk.img"))
    ap.add_argument("--paths", default=",".join(DEFAULT))
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--json")
    args = ap.parse_args()
    bootpaths.ISO = os.path.abspath(args.iso)
    bootpaths.UBOOT_DISK = os.path.abspath(args.uboot_disk)
    bootpaths.DISK = os.path.abspath(args.disk)
    passed = failed = 0
    times = {}
    for name in args.paths.split(","):
        path = bootpaths.PATHS[name]
        checks, seconds = boot_one(path, args.kernel, args.initrd, args.timeout)
        if seconds is not None:
            times[name] = round(seconds, 2)
            print("  %-12s %5.2fs to the shell prompt" % (name, seconds))
        for cname, ok, detail in checks:
            if ok:
                passed += 1
            else:
                failed += 1
                print("FAIL %s%s" % (cname, (": " + detail) if detail else ""))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(times, f, indent=1)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
