#!/usr/bin/env python3
"""ktest.py — boot Keel with the `ktest` flag on each boot path and check it.

For every path: the kernel must print its banner with the RAM size and the
devices that path's machine has, run the in-kernel self-tests, print
"ktest: N passed, 0 failed" and power the machine off (QEMU exits by
itself).  Ends with "N passed, N failed" over all checks; exit status 1 if
any failed.

  tests/integration/ktest.py [--kernel build/kernel8.img] [--paths a,b] [-v]
"""
import argparse
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
import bootpaths  # noqa: E402


def run_path(path, kernel, verbose, timeout):
    cmd = path.command(kernel, append="ktest panic=poweroff")
    if cmd is None:
        return [("%s: available" % path.name, False, path.unavailable_reason)]
    start = time.monotonic()
    if path.menu:
        out, exited, menu_ok = run_with_menu(cmd, path.menu, timeout)
    else:
        menu_ok = True
        try:
            proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, timeout=timeout)
            out = proc.stdout.decode("utf-8", "replace")
            exited = True
        except subprocess.TimeoutExpired as e:
            out = (e.stdout or b"").decode("utf-8", "replace")
            exited = False
    elapsed = time.monotonic() - start
    if verbose:
        sys.stdout.write(out)
    checks = []

    def check(name, ok, detail=""):
        checks.append(("%s: %s" % (path.name, name), ok, detail))

    if path.menu:
        check("boot menu offers self-tests", menu_ok, "no '%s' in the menu" % path.menu[0])

    banner = re.search(r"Keel \S+ \(.*\) on aarch64", out)
    check("banner", bool(banner))
    m = re.search(r"boot: (raw|EFI) entry at EL(\d)", out)
    check("boot path %s" % path.boot, bool(m) and m.group(1) == path.boot,
          m.group(0) if m else "no boot line")
    m = re.search(r"memory: (\d+) MiB RAM", out)
    got_mib = int(m.group(1)) if m else -1
    check("RAM %d MiB" % path.ram_mib, path.ram_ok(got_mib), "reported %d MiB" % got_mib)
    for what, pattern in path.devices:
        check(what, re.search(pattern, out) is not None, "missing /%s/" % pattern)
    m = re.search(r"ktest: (\d+) passed, (\d+) failed", out)
    check("self-tests pass", bool(m) and int(m.group(1)) > 0 and m.group(2) == "0",
          m.group(0) if m else "no ktest result")
    check("powers off", exited, "still running after %ds" % timeout)
    bt = re.search(r"boot: .*entry", out)
    print("  %-22s %5.2fs to power-off%s" % (path.name, elapsed, "" if bt else " (no banner)"))
    return checks


def run_with_menu(cmd, menu, timeout):
    """Boot `cmd`, wait for the boot loader's menu text menu[0], type menu[1]
    (as a user would), then wait for QEMU to exit.  Returns (output, exited,
    menu_seen)."""
    import pexpect
    child = pexpect.spawn(cmd[0], cmd[1:], timeout=timeout, encoding="utf-8",
                          codec_errors="replace")
    seen = True
    try:
        child.expect_exact(menu[0])
        child.send(menu[1])
    except (pexpect.TIMEOUT, pexpect.EOF):
        seen = False
    exited = True
    try:
        child.expect(pexpect.EOF)
    except pexpect.TIMEOUT:
        exited = False
        child.terminate(force=True)
    out = (child.before or "")
    return out, exited, seen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default=os.path.join(ROOT, "build", "kernel8.img"))
    ap.add_argument("--paths", default=",".join(bootpaths.DEFAULT_KTEST_PATHS))
    ap.add_argument("--iso", default=bootpaths.ISO)
    ap.add_argument("--uboot-disk", default=bootpaths.UBOOT_DISK)
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    bootpaths.ISO = os.path.abspath(args.iso)
    bootpaths.UBOOT_DISK = os.path.abspath(args.uboot_disk)
    passed = failed = 0
    for name in args.paths.split(","):
        path = bootpaths.PATHS[name]
        for cname, ok, detail in run_path(path, args.kernel, args.verbose, args.timeout):
            if ok:
                passed += 1
            else:
                failed += 1
                print("FAIL %s%s" % (cname, (": " + detail) if detail else ""))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
